package io.diskdb.interop;

import static io.diskdb.interop.ScenarioParts.parsed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
public final class JedisScenario implements ScenarioParts {
    private final RedisProtocol protocol;
    private final Jedis r;
    private final Scenario s;

    private JedisScenario(RedisProtocol protocol) {
        this.protocol = protocol;
        this.r = connect();
        this.s = new Scenario("jedis", names -> (List<?>) r.sendCommand(Protocol.Command.COMMAND, concat("INFO", names)));
    }

    public static void main(String[] args) {
        RedisProtocol protocol = Arrays.asList(args).contains("resp3") ? RedisProtocol.RESP3 : RedisProtocol.RESP2;
        System.out.println("Jedis " + jedisVersion() + " " + protocol
                + " against " + Scenario.HOST + ":" + Scenario.PORT);
        JedisScenario scenario = new JedisScenario(protocol);
        ScenarioParts.runAll(scenario.s, scenario);
        scenario.r.del(scenario.s.keysUsed());
        scenario.r.close();
        System.exit(scenario.s.finish());
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

    private Jedis connect() {
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
    public void strings(String p) throws Exception {
        String k = s.key("greeting");
        String gone = s.key("short");
        s.check(p, "SET EX", r.set(k, "hello", SetParams.setParams().ex(100)), "OK");
        s.check(p, "GET", r.get(k), "hello");
        long ttl = r.ttl(k);
        s.check(p, "TTL within 1..100", ttl > 0 && ttl <= 100, true);
        s.check(p, "SET NX on an existing key", r.set(k, "other", SetParams.setParams().nx()), null);
        s.check(p, "SET PX", r.set(gone, "brief", SetParams.setParams().px(200)), "OK");
        Thread.sleep(400);
        s.check(p, "key gone after its PX", r.get(gone), null);
    }

    @Override
    public void counter(String p) {
        String k = s.key("counter");
        s.check(p, "INCR x3", List.of(r.incr(k), r.incr(k), r.incr(k)), List.of(1L, 2L, 3L));
        s.check(p, "INCRBY 10", r.incrBy(k, 10), 13L);
        s.check(p, "DECR", r.decr(k), 12L);
        s.check(p, "GET", r.get(k), "12");
    }

    @Override
    public void queue(String p) throws Exception {
        String q = s.key("queue");
        s.check(p, "LPUSH 3 tasks", r.lpush(q, "t1", "t2", "t3"), 3L);
        s.check(p, "BRPOP x3 in FIFO order", List.of(r.brpop(1, q), r.brpop(1, q), r.brpop(1, q)),
                List.of(List.of(q, "t1"), List.of(q, "t2"), List.of(q, "t3")));
        long start = System.nanoTime();
        s.check(p, "BRPOP on an empty list times out with nil", r.brpop(1, q), null);
        s.check(p, "BRPOP waited its timeout", System.nanoTime() - start >= 900_000_000L, true);
        try (Jedis waiter = connect()) {
            CompletableFuture<List<String>> woken = CompletableFuture.supplyAsync(() -> waiter.brpop(5, q));
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
        s.check(p, "SINTER", r.sinter(st, other), java.util.Set.of("c"));
    }

    @Override
    public void hash(String p) {
        String h = s.key("user");
        s.check(p, "HSET 3 fields", r.hset(h, Map.of("name", "Ada", "lang", "Java", "visits", "1")), 3L);
        s.check(p, "HGET", r.hget(h, "name"), "Ada");
        s.check(p, "HINCRBY", r.hincrBy(h, "visits", 5), 6L);
        s.check(p, "HGETALL", r.hgetAll(h), Map.of("name", "Ada", "lang", "Java", "visits", "6"));
        s.check(p, "HDEL", r.hdel(h, "lang"), 1L);
        s.check(p, "HLEN", r.hlen(h), 2L);
    }

    @Override
    public void leaderboard(String p) {
        String z = s.key("leaderboard");
        s.check(p, "ZADD 3", r.zadd(z, Map.of("alice", 100.0, "bob", 250.0, "carol", 175.0)), 3L);
        s.check(p, "ZINCRBY", r.zincrby(z, 100, "alice"), 200.0);
        s.check(p, "ZRANGE WITHSCORES", r.zrangeWithScores(z, 0, -1),
                List.of(new Tuple("carol", 175.0), new Tuple("alice", 200.0), new Tuple("bob", 250.0)));
        s.check(p, "ZREVRANGE top 1", r.zrevrange(z, 0, 0), List.of("bob"));
        s.check(p, "ZRANK", r.zrank(z, "alice"), 1L);
        s.check(p, "ZSCORE", r.zscore(z, "carol"), 175.0);
    }

    @Override
    public void json(String p) {
        String d = s.key("doc");
        s.check(p, "JSON.SET $", raw("JSON.SET", d, "$", DOCUMENT), "OK");
        s.check(p, "JSON.GET $.name", parsed(raw("JSON.GET", d, "$.name")), parsed("[\"widget\"]"));
        s.check(p, "JSON.GET $.stock.count", parsed(raw("JSON.GET", d, "$.stock.count")), parsed("[3]"));
        s.check(p, "JSON.NUMINCRBY", parsed(raw("JSON.NUMINCRBY", d, "$.stock.count", "2")), parsed("[5]"));
        s.check(p, "JSON.ARRAPPEND", raw("JSON.ARRAPPEND", d, "$.tags", "\"c\""), List.of(3L));
        s.check(p, "JSON.GET $.tags", parsed(raw("JSON.GET", d, "$.tags")), parsed("[[\"a\",\"b\",\"c\"]]"));
    }

    @Override
    public void stream(String p) {
        String st = s.key("events");
        StreamEntryID first = r.xadd(st, XAddParams.xAddParams(), Map.of("sensor", "1", "temp", "20"));
        StreamEntryID second = r.xadd(st, XAddParams.xAddParams(), Map.of("sensor", "2", "temp", "21"));
        s.check(p, "XADD ids are ms-seq and increasing",
                ScenarioParts.increasingIds(first.toString(), second.toString()), true);
        s.check(p, "XLEN", r.xlen(st), 2L);
        List<StreamEntry> entries = r.xrange(st, "-", "+");
        s.check(p, "XRANGE - +", entries.stream().map(e -> List.of(e.getID(), e.getFields())).toList(),
                List.of(List.of(first, Map.of("sensor", "1", "temp", "20")),
                        List.of(second, Map.of("sensor", "2", "temp", "21"))));
        s.check(p, "XRANGE COUNT 1", r.xrange(st, "-", "+", 1).stream().map(StreamEntry::getID).toList(),
                List.of(first));
    }

    @Override
    public void transaction(String p) {
        String a = s.key("account:a");
        String b = s.key("account:b");
        r.set(a, "100");
        r.set(b, "50");
        Transaction t = r.multi();
        t.decrBy(a, 30);
        t.incrBy(b, 30);
        s.check(p, "MULTI DECRBY INCRBY EXEC", t.exec(), List.of(70L, 80L));
        s.check(p, "balances after the transfer", r.mget(a, b), List.of("70", "80"));
        try (Jedis other = connect()) {
            r.watch(a);
            other.set(a, "1000");
            t = r.multi();
            t.decrBy(a, 30);
            t.incrBy(b, 30);
            s.check(p, "EXEC after a watched key changed returns nil", t.exec(), null);
        }
        s.check(p, "nothing applied by the aborted EXEC", r.mget(a, b), List.of("1000", "80"));
    }

    @Override
    public void pubsub(String p) throws Exception {
        String channel = s.key("news");
        CountDownLatch subscribed = new CountDownLatch(1);
        CompletableFuture<List<String>> received = new CompletableFuture<>();
        JedisPubSub listener = new JedisPubSub() {
            @Override
            public void onSubscribe(String ch, int count) {
                subscribed.countDown();
            }

            @Override
            public void onMessage(String ch, String message) {
                received.complete(List.of(ch, message));
                unsubscribe();
            }
        };
        try (Jedis subscriber = connect()) {
            Thread thread = new Thread(() -> subscriber.subscribe(listener, channel));
            thread.setDaemon(true);
            thread.start();
            s.check(p, "SUBSCRIBE confirmed", subscribed.await(5, TimeUnit.SECONDS), true);
            s.check(p, "PUBLISH reaches 1 subscriber", r.publish(channel, "hello"), 1L);
            s.check(p, "message received", received.get(5, TimeUnit.SECONDS), List.of(channel, "hello"));
            thread.join(5000);
        }
    }
}
