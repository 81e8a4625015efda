package io.diskdb.interop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.Tuple;
import redis.clients.jedis.util.SafeEncoder;

/** The scenario through Jedis. Argument "resp3" switches the protocol (default RESP2). */
public final class JedisScenario implements ScenarioClient {
    private final RedisProtocol protocol;
    private final Jedis r;

    private JedisScenario(RedisProtocol protocol) {
        this.protocol = protocol;
        this.r = connect(protocol);
    }

    public static void main(String[] args) {
        RedisProtocol protocol = Arrays.asList(args).contains("resp3") ? RedisProtocol.RESP3 : RedisProtocol.RESP2;
        System.out.println("Jedis " + jedisVersion() + " " + protocol
                + " against " + Scenario.HOST + ":" + Scenario.PORT);
        System.exit(ScenarioParts.run("jedis", new JedisScenario(protocol)));
    }

    /** From the jar's Maven metadata: Jedis's manifest carries no version. */
    private static String jedisVersion() {
        try (var in = Jedis.class.getResourceAsStream("/META-INF/maven/redis.clients/jedis/pom.properties")) {
            var properties = new java.util.Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (Exception | Error e) {
            return "(version unknown)";
        }
    }

    private static Jedis connect(RedisProtocol protocol) {
        return new Jedis(new HostAndPort(Scenario.HOST, Scenario.PORT), DefaultJedisClientConfig.builder()
                .password(Scenario.PASSWORD).protocol(protocol).socketTimeoutMillis(10_000).build());
    }

    private static String[] concat(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** A command Jedis has no constant for, sent by name (JSON.*). */
    private Object raw(String command, String... args) {
        ProtocolCommand name = () -> SafeEncoder.encode(command);
        return decode(r.sendCommand(name, args));
    }

    private static Object decode(Object reply) {
        if (reply instanceof byte[] bytes) {
            return SafeEncoder.encode(bytes);
        }
        if (reply instanceof List<?> list) {
            List<Object> decoded = new ArrayList<>();
            list.forEach(e -> decoded.add(decode(e)));
            return decoded;
        }
        return reply;
    }

    @Override
    public ScenarioClient connectAgain() {
        return new JedisScenario(protocol);
    }

    @Override
    public List<?> commandInfo(String... names) {
        return (List<?>) r.sendCommand(Protocol.Command.COMMAND, concat("INFO", names));
    }

    @Override
    public String setExpiringInSeconds(String key, String value, long seconds) {
        return r.set(key, value, SetParams.setParams().ex(seconds));
    }

    @Override
    public String setExpiringInMillis(String key, String value, long millis) {
        return r.set(key, value, SetParams.setParams().px(millis));
    }

    @Override
    public String setIfAbsent(String key, String value) {
        return r.set(key, value, SetParams.setParams().nx());
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
        return r.incrBy(key, by);
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
        return r.brpop(timeoutSeconds, key);
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
        return r.hincrBy(key, field, by);
    }

    @Override
    public Map<String, String> hgetAll(String key) {
        return r.hgetAll(key);
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
    public long zadd(String key, Map<String, Double> scores) {
        return r.zadd(key, scores);
    }

    @Override
    public double zincrBy(String key, double by, String member) {
        return r.zincrby(key, by, member);
    }

    @Override
    public List<List<Object>> zrangeWithScores(String key, long start, long stop) {
        return r.zrangeWithScores(key, start, stop).stream()
                .map((Tuple t) -> List.<Object>of(t.getElement(), t.getScore())).toList();
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
        return Objects.toString(raw("JSON.SET", key, path, json), null);
    }

    @Override
    public String jsonGet(String key, String path) {
        return Objects.toString(raw("JSON.GET", key, path), null);
    }

    @Override
    public String jsonNumIncrBy(String key, String path, String by) {
        return Objects.toString(raw("JSON.NUMINCRBY", key, path, by), null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Long> jsonArrAppend(String key, String path, String... jsonValues) {
        return (List<Long>) raw("JSON.ARRAPPEND", concat(key, concat(path, jsonValues)));
    }

    @Override
    public String xadd(String key, Map<String, String> fields) {
        return r.xadd(key, XAddParams.xAddParams(), fields).toString();
    }

    @Override
    public long xlen(String key) {
        return r.xlen(key);
    }

    @Override
    public List<List<Object>> xrangeAll(String key) {
        return r.xrange(key, "-", "+").stream()
                .map((StreamEntry e) -> List.<Object>of(e.getID().toString(), e.getFields())).toList();
    }

    @Override
    public List<String> xrangeIds(String key, int count) {
        return r.xrange(key, "-", "+", count).stream().map(StreamEntry::getID).map(StreamEntryID::toString).toList();
    }

    @Override
    public List<String> mget(String... keys) {
        return r.mget(keys);
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
        Transaction t = r.multi();
        t.decrBy(from, amount);
        t.incrBy(to, amount);
        return t.exec();
    }

    @Override
    public long publish(String channel, String message) {
        return r.publish(channel, message);
    }

    @Override
    public AutoCloseable subscribe(String channel, Runnable onSubscribed, Consumer<List<String>> onMessage) {
        JedisPubSub listener = new JedisPubSub() {
            @Override
            public void onSubscribe(String ch, int count) {
                onSubscribed.run();
            }

            @Override
            public void onMessage(String ch, String message) {
                onMessage.accept(List.of(ch, message));
                unsubscribe();
            }
        };
        Jedis subscriber = connect(protocol);
        Thread thread = new Thread(() -> subscriber.subscribe(listener, channel));
        thread.setDaemon(true);
        thread.start();
        return () -> {
            thread.join(5000);
            subscriber.close();
        };
    }

    @Override
    public void del(String... keys) {
        r.del(keys);
    }

    @Override
    public void close() {
        r.close();
    }
}
