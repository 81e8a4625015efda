package io.diskdb.interop;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.LettuceVersion;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.SetArgs;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.ArrayOutput;
import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.output.ValueOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** The scenario through Lettuce's synchronous API. Argument "resp2" or "resp3" (the default). */
public final class LettuceScenario implements ScenarioClient {
    private static final StringCodec CODEC = StringCodec.UTF8;

    private final RedisClient client;
    private final boolean ownsClient;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> r;
    private final ProtocolVersion protocol;

    private LettuceScenario(RedisClient client, boolean ownsClient, ProtocolVersion protocol) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.protocol = protocol;
        connection = client.connect();
        r = connection.sync();
    }

    public static void main(String[] args) {
        ProtocolVersion protocol = Arrays.asList(args).contains("resp2") ? ProtocolVersion.RESP2 : ProtocolVersion.RESP3;
        System.out.println("Lettuce " + LettuceVersion.getVersion() + " " + protocol
                + " against " + Scenario.HOST + ":" + Scenario.PORT);
        RedisURI.Builder uri = RedisURI.builder().withHost(Scenario.HOST).withPort(Scenario.PORT)
                .withTimeout(Duration.ofSeconds(10));
        if (Scenario.PASSWORD != null) {
            uri.withPassword(Scenario.PASSWORD.toCharArray());
        }
        RedisClient client = RedisClient.create(uri.build());
        client.setOptions(ClientOptions.builder().protocolVersion(protocol).build());
        System.exit(ScenarioParts.run("lettuce", new LettuceScenario(client, true, protocol)));
    }

    /** A command Lettuce's typed API does not cover, sent by name (JSON.*). */
    private <T> T raw(CommandOutput<String, String, T> output, String command, String key, String... args) {
        ProtocolKeyword name = () -> command.getBytes(StandardCharsets.US_ASCII);
        CommandArgs<String, String> commandArgs = new CommandArgs<>(CODEC).addKey(key);
        for (String arg : args) {
            commandArgs.add(arg);
        }
        return r.dispatch(name, output, commandArgs);
    }

    private static List<String> pair(KeyValue<String, String> kv) {
        return kv == null || !kv.hasValue() ? null : List.of(kv.getKey(), kv.getValue());
    }

    @Override
    public ScenarioClient connectAgain() {
        return new LettuceScenario(client, false, protocol);
    }

    @Override
    public List<?> commandInfo(String... names) {
        return r.commandInfo(names);
    }

    @Override
    public String setExpiringInSeconds(String key, String value, long seconds) {
        return r.set(key, value, SetArgs.Builder.ex(seconds));
    }

    @Override
    public String setExpiringInMillis(String key, String value, long millis) {
        return r.set(key, value, SetArgs.Builder.px(millis));
    }

    @Override
    public String setIfAbsent(String key, String value) {
        return r.set(key, value, SetArgs.Builder.nx());
    }

    @Override
    public String get(String key) {
        return r.get(key);
    }

    @Override
    public long ttl(String key) {
        return r.ttl(key);
    }

    @Override
    public long incr(String key) {
        return r.incr(key);
    }

    @Override
    public long incrBy(String key, long by) {
        return r.incrby(key, by);
    }

    @Override
    public long decr(String key) {
        return r.decr(key);
    }

    @Override
    public long lpush(String key, String... values) {
        return r.lpush(key, values);
    }

    @Override
    public List<String> brpop(int timeoutSeconds, String key) {
        return pair(r.brpop(timeoutSeconds, key));
    }

    @Override
    public long sadd(String key, String... members) {
        return r.sadd(key, members);
    }

    @Override
    public boolean sismember(String key, String member) {
        return r.sismember(key, member);
    }

    @Override
    public Set<String> smembers(String key) {
        return r.smembers(key);
    }

    @Override
    public long srem(String key, String... members) {
        return r.srem(key, members);
    }

    @Override
    public long scard(String key) {
        return r.scard(key);
    }

    @Override
    public Set<String> sinter(String... keys) {
        return r.sinter(keys);
    }

    @Override
    public long hset(String key, Map<String, String> fields) {
        return r.hset(key, fields);
    }

    @Override
    public String hget(String key, String field) {
        return r.hget(key, field);
    }

    @Override
    public long hincrBy(String key, String field, long by) {
        return r.hincrby(key, field, by);
    }

    @Override
    public Map<String, String> hgetAll(String key) {
        return r.hgetall(key);
    }

    @Override
    public long hdel(String key, String... fields) {
        return r.hdel(key, fields);
    }

    @Override
    public long hlen(String key) {
        return r.hlen(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public long zadd(String key, Map<String, Double> scores) {
        ScoredValue<String>[] values = scores.entrySet().stream()
                .map(e -> ScoredValue.just(e.getValue(), e.getKey())).toArray(ScoredValue[]::new);
        return r.zadd(key, values);
    }

    @Override
    public double zincrBy(String key, double by, String member) {
        return r.zincrby(key, by, member);
    }

    @Override
    public List<List<Object>> zrangeWithScores(String key, long start, long stop) {
        return r.zrangeWithScores(key, start, stop).stream()
                .map(v -> List.<Object>of(v.getValue(), v.getScore())).toList();
    }

    @Override
    public List<String> zrevrange(String key, long start, long stop) {
        return r.zrevrange(key, start, stop);
    }

    @Override
    public Long zrank(String key, String member) {
        return r.zrank(key, member);
    }

    @Override
    public Double zscore(String key, String member) {
        return r.zscore(key, member);
    }

    @Override
    public String jsonSet(String key, String path, String json) {
        return raw(new StatusOutput<>(CODEC), "JSON.SET", key, path, json);
    }

    @Override
    public String jsonGet(String key, String path) {
        return raw(new ValueOutput<>(CODEC), "JSON.GET", key, path);
    }

    @Override
    public String jsonNumIncrBy(String key, String path, String by) {
        if (protocol == ProtocolVersion.RESP3) {
            // RedisJSON answers a JSONPath NUMINCRBY with an array of numbers in RESP3, JSON text in RESP2
            return raw(new ArrayOutput<>(CODEC), "JSON.NUMINCRBY", key, path, by).toString();
        }
        return raw(new ValueOutput<>(CODEC), "JSON.NUMINCRBY", key, path, by);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Long> jsonArrAppend(String key, String path, String... jsonValues) {
        String[] args = new String[jsonValues.length + 1];
        args[0] = path;
        System.arraycopy(jsonValues, 0, args, 1, jsonValues.length);
        return (List<Long>) (List<?>) raw(new ArrayOutput<>(CODEC), "JSON.ARRAPPEND", key, args);
    }

    @Override
    public String xadd(String key, Map<String, String> fields) {
        return r.xadd(key, fields);
    }

    @Override
    public long xlen(String key) {
        return r.xlen(key);
    }

    @Override
    public List<List<Object>> xrangeAll(String key) {
        return r.xrange(key, Range.create("-", "+")).stream()
                .map(e -> List.<Object>of(e.getId(), e.getBody())).toList();
    }

    @Override
    public List<String> xrangeIds(String key, int count) {
        return r.xrange(key, Range.create("-", "+"), Limit.from(count)).stream().map(StreamMessage::getId).toList();
    }

    @Override
    public List<String> mget(String... keys) {
        return r.mget(keys).stream().map(KeyValue::getValue).toList();
    }

    @Override
    public void set(String key, String value) {
        r.set(key, value);
    }

    @Override
    public void watch(String... keys) {
        r.watch(keys);
    }

    @Override
    public List<Object> transfer(String from, String to, long amount) {
        r.multi();
        r.decrby(from, amount);
        r.incrby(to, amount);
        TransactionResult result = r.exec();
        return result.wasDiscarded() ? null : result.stream().toList();
    }

    @Override
    public long publish(String channel, String message) {
        return r.publish(channel, message);
    }

    @Override
    public AutoCloseable subscribe(String channel, Runnable onSubscribed, Consumer<List<String>> onMessage) {
        StatefulRedisPubSubConnection<String, String> subscriber = client.connectPubSub();
        subscriber.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void subscribed(String ch, long count) {
                onSubscribed.run();
            }

            @Override
            public void message(String ch, String message) {
                onMessage.accept(List.of(ch, message));
            }
        });
        subscriber.sync().subscribe(channel);
        return subscriber;
    }

    @Override
    public void del(String... keys) {
        r.del(keys);
    }

    @Override
    public void close() {
        connection.close();
        if (ownsClient) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
