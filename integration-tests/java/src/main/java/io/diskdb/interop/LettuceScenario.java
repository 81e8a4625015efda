package io.diskdb.interop;

import static io.diskdb.interop.ScenarioParts.parsed;

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
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The scenario through Lettuce's synchronous API. Argument "resp2" or "resp3" (the default). */
public final class LettuceScenario implements ScenarioParts {
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> r;
    private final Scenario s;

    private final ProtocolVersion protocol;

    private LettuceScenario(ProtocolVersion protocol) {
        this.protocol = protocol;
        RedisURI.Builder uri = RedisURI.builder().withHost(Scenario.HOST).withPort(Scenario.PORT)
                .withTimeout(Duration.ofSeconds(10));
        if (Scenario.PASSWORD != null) {
            uri.withPassword(Scenario.PASSWORD.toCharArray());
        }
        client = RedisClient.create(uri.build());
        client.setOptions(ClientOptions.builder().protocolVersion(protocol).build());
        connection = client.connect();
        r = connection.sync();
        s = new Scenario("lettuce", names -> r.commandInfo(names));
    }

    public static void main(String[] args) {
        ProtocolVersion protocol = Arrays.asList(args).contains("resp2") ? ProtocolVersion.RESP2 : ProtocolVersion.RESP3;
        System.out.println("Lettuce " + LettuceVersion.getVersion() + " " + protocol
                + " against " + Scenario.HOST + ":" + Scenario.PORT);
        LettuceScenario scenario = new LettuceScenario(protocol);
        ScenarioParts.runAll(scenario.s, scenario);
        scenario.r.del(scenario.s.keysUsed());
        scenario.connection.close();
        scenario.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        System.exit(scenario.s.finish());
    }

    /** A command Lettuce's typed API does not cover, sent by name (JSON.*). */
    private <T> T raw(CommandOutput<String, String, T> output, String command, String key, String... args) {
        ProtocolKeyword name = () -> command.getBytes(StandardCharsets.US_ASCII);
        CommandArgs<String, String> commandArgs = new CommandArgs<>(StringCodec.UTF8).addKey(key);
        for (String arg : args) {
            commandArgs.add(arg);
        }
        return r.dispatch(name, output, commandArgs);
    }

    private static List<Object> pair(KeyValue<String, String> kv) {
        return kv == null || !kv.hasValue() ? null : List.of(kv.getKey(), kv.getValue());
    }

    @Override
    public void strings(String p) throws Exception {
        String k = s.key("greeting");
        String gone = s.key("short");
        s.check(p, "SET EX", r.set(k, "hello", SetArgs.Builder.ex(100)), "OK");
        s.check(p, "GET", r.get(k), "hello");
        long ttl = r.ttl(k);
        s.check(p, "TTL within 1..100", ttl > 0 && ttl <= 100, true);
        s.check(p, "SET NX on an existing key", r.set(k, "other", SetArgs.Builder.nx()), null);
        s.check(p, "SET PX", r.set(gone, "brief", SetArgs.Builder.px(200)), "OK");
        Thread.sleep(400);
        s.check(p, "key gone after its PX", r.get(gone), null);
    }

    @Override
    public void counter(String p) {
        String k = s.key("counter");
        s.check(p, "INCR x3", List.of(r.incr(k), r.incr(k), r.incr(k)), List.of(1L, 2L, 3L));
        s.check(p, "INCRBY 10", r.incrby(k, 10), 13L);
        s.check(p, "DECR", r.decr(k), 12L);
        s.check(p, "GET", r.get(k), "12");
    }

    @Override
    public void queue(String p) throws Exception {
        String q = s.key("queue");
        s.check(p, "LPUSH 3 tasks", r.lpush(q, "t1", "t2", "t3"), 3L);
        s.check(p, "BRPOP x3 in FIFO order", Arrays.asList(pair(r.brpop(1, q)), pair(r.brpop(1, q)), pair(r.brpop(1, q))),
                List.of(List.of(q, "t1"), List.of(q, "t2"), List.of(q, "t3")));
        long start = System.nanoTime();
        s.check(p, "BRPOP on an empty list times out with nil", pair(r.brpop(1, q)), null);
        s.check(p, "BRPOP waited its timeout", System.nanoTime() - start >= 900_000_000L, true);
        try (StatefulRedisConnection<String, String> waiter = client.connect()) {
            CompletableFuture<List<Object>> woken = waiter.async().brpop(5, q).toCompletableFuture()
                    .thenApply(LettuceScenario::pair);
            Thread.sleep(200);
            r.lpush(q, "urgent");
            s.check(p, "a blocked BRPOP is woken by LPUSH", woken.get(10, TimeUnit.SECONDS), List.of(q, "urgent"));
        }
    }

    @Override
    public void sets(String p) {
        String st = s.key("tags");
        String other = s.key("other-tags");
        s.check(p, "SADD 3", r.sadd(st, "a", "b", "c"), 3L);
        s.check(p, "SADD an existing member", r.sadd(st, "a"), 0L);
        s.check(p, "SISMEMBER", r.sismember(st, "b"), true);
        s.check(p, "SMEMBERS", new TreeSet<>(r.smembers(st)), new TreeSet<>(List.of("a", "b", "c")));
        s.check(p, "SREM", r.srem(st, "a"), 1L);
        s.check(p, "SCARD", r.scard(st), 2L);
        r.sadd(other, "c", "d");
        s.check(p, "SINTER", r.sinter(st, other), Set.of("c"));
    }

    @Override
    public void hash(String p) {
        String h = s.key("user");
        s.check(p, "HSET 3 fields", r.hset(h, Map.of("name", "Ada", "lang", "Java", "visits", "1")), 3L);
        s.check(p, "HGET", r.hget(h, "name"), "Ada");
        s.check(p, "HINCRBY", r.hincrby(h, "visits", 5), 6L);
        s.check(p, "HGETALL", r.hgetall(h), Map.of("name", "Ada", "lang", "Java", "visits", "6"));
        s.check(p, "HDEL", r.hdel(h, "lang"), 1L);
        s.check(p, "HLEN", r.hlen(h), 2L);
    }

    @Override
    public void leaderboard(String p) {
        String z = s.key("leaderboard");
        s.check(p, "ZADD 3", r.zadd(z, 100.0, "alice", 250.0, "bob", 175.0, "carol"), 3L);
        s.check(p, "ZINCRBY", r.zincrby(z, 100, "alice"), 200.0);
        s.check(p, "ZRANGE WITHSCORES", r.zrangeWithScores(z, 0, -1),
                List.of(ScoredValue.just(175, "carol"), ScoredValue.just(200, "alice"), ScoredValue.just(250, "bob")));
        s.check(p, "ZREVRANGE top 1", r.zrevrange(z, 0, 0), List.of("bob"));
        s.check(p, "ZRANK", r.zrank(z, "alice"), 1L);
        s.check(p, "ZSCORE", r.zscore(z, "carol"), 175.0);
    }

    @Override
    public void json(String p) {
        String d = s.key("doc");
        StringCodec c = StringCodec.UTF8;
        s.check(p, "JSON.SET $", raw(new StatusOutput<>(c), "JSON.SET", d, "$", DOCUMENT), "OK");
        s.check(p, "JSON.GET $.name", parsed(raw(new ValueOutput<>(c), "JSON.GET", d, "$.name")), parsed("[\"widget\"]"));
        s.check(p, "JSON.GET $.stock.count", parsed(raw(new ValueOutput<>(c), "JSON.GET", d, "$.stock.count")),
                parsed("[3]"));
        if (protocol == ProtocolVersion.RESP3) {
            // RedisJSON answers a JSONPath NUMINCRBY with an array of numbers in RESP3, JSON text in RESP2
            s.check(p, "JSON.NUMINCRBY", raw(new ArrayOutput<>(c), "JSON.NUMINCRBY", d, "$.stock.count", "2"), List.of(5L));
        } else {
            s.check(p, "JSON.NUMINCRBY", parsed(raw(new ValueOutput<>(c), "JSON.NUMINCRBY", d, "$.stock.count", "2")),
                    parsed("[5]"));
        }
        s.check(p, "JSON.ARRAPPEND", raw(new ArrayOutput<>(c), "JSON.ARRAPPEND", d, "$.tags", "\"c\""), List.of(3L));
        s.check(p, "JSON.GET $.tags", parsed(raw(new ValueOutput<>(c), "JSON.GET", d, "$.tags")),
                parsed("[[\"a\",\"b\",\"c\"]]"));
    }

    @Override
    public void stream(String p) {
        String st = s.key("events");
        String first = r.xadd(st, Map.of("sensor", "1", "temp", "20"));
        String second = r.xadd(st, Map.of("sensor", "2", "temp", "21"));
        s.check(p, "XADD ids are ms-seq and increasing", ScenarioParts.increasingIds(first, second), true);
        s.check(p, "XLEN", r.xlen(st), 2L);
        List<StreamMessage<String, String>> entries = r.xrange(st, Range.create("-", "+"));
        s.check(p, "XRANGE - +", entries.stream().map(e -> List.of(e.getId(), e.getBody())).toList(),
                List.of(List.of(first, Map.of("sensor", "1", "temp", "20")),
                        List.of(second, Map.of("sensor", "2", "temp", "21"))));
        s.check(p, "XRANGE COUNT 1",
                r.xrange(st, Range.create("-", "+"), Limit.from(1)).stream().map(StreamMessage::getId).toList(),
                List.of(first));
    }

    @Override
    public void transaction(String p) {
        String a = s.key("account:a");
        String b = s.key("account:b");
        r.set(a, "100");
        r.set(b, "50");
        r.multi();
        r.decrby(a, 30);
        r.incrby(b, 30);
        TransactionResult result = r.exec();
        s.check(p, "MULTI DECRBY INCRBY EXEC", result.stream().toList(), List.of(70L, 80L));
        s.check(p, "balances after the transfer", r.mget(a, b).stream().map(KeyValue::getValue).toList(),
                List.of("70", "80"));
        try (StatefulRedisConnection<String, String> other = client.connect()) {
            r.watch(a);
            other.sync().set(a, "1000");
            r.multi();
            r.decrby(a, 30);
            r.incrby(b, 30);
            s.check(p, "EXEC after a watched key changed returns nil", r.exec().wasDiscarded(), true);
        }
        s.check(p, "nothing applied by the aborted EXEC", r.mget(a, b).stream().map(KeyValue::getValue).toList(),
                List.of("1000", "80"));
    }

    @Override
    public void pubsub(String p) throws Exception {
        String channel = s.key("news");
        CountDownLatch subscribed = new CountDownLatch(1);
        CompletableFuture<List<String>> received = new CompletableFuture<>();
        try (StatefulRedisPubSubConnection<String, String> subscriber = client.connectPubSub()) {
            subscriber.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void subscribed(String ch, long count) {
                    subscribed.countDown();
                }

                @Override
                public void message(String ch, String message) {
                    received.complete(List.of(ch, message));
                }
            });
            subscriber.sync().subscribe(channel);
            s.check(p, "SUBSCRIBE confirmed", subscribed.await(5, TimeUnit.SECONDS), true);
            s.check(p, "PUBLISH reaches 1 subscriber", r.publish(channel, "hello"), 1L);
            s.check(p, "message received", received.get(5, TimeUnit.SECONDS), List.of(channel, "hello"));
        }
    }
}
