package io.diskdb.interop;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The ten parts of the scenario (../../SCENARIO.md), in order, with the commands each needs
 * from the server and its checks; every Java client runs them through its {@link ScenarioClient}.
 */
final class ScenarioParts {
    static final String DOCUMENT = "{\"name\":\"widget\",\"tags\":[\"a\",\"b\"],\"price\":9.5,\"stock\":{\"count\":3}}";

    private final Scenario s;
    private final ScenarioClient r;

    private ScenarioParts(Scenario s, ScenarioClient r) {
        this.s = s;
        this.r = r;
    }

    /** Runs every part through {@code client}, deletes the keys used, closes it; returns the exit status. */
    static int run(String clientName, ScenarioClient client) {
        Scenario s = new Scenario(clientName, client::commandInfo);
        ScenarioParts p = new ScenarioParts(s, client);
        s.part("strings", p::strings, "set", "get", "ttl");
        s.part("counter", p::counter, "incr", "incrby", "decr");
        s.part("queue", p::queue, "lpush", "brpop");
        s.part("sets", p::sets, "sadd", "sismember", "smembers", "srem", "scard", "sinter");
        s.part("hash", p::hash, "hset", "hget", "hincrby", "hgetall", "hdel", "hlen");
        s.part("leaderboard", p::leaderboard, "zadd", "zincrby", "zrange", "zrevrange", "zrank", "zscore");
        s.part("json", p::json, "json.set", "json.get", "json.numincrby", "json.arrappend");
        s.part("stream", p::stream, "xadd", "xlen", "xrange");
        s.part("transaction", p::transaction, "multi", "exec", "watch", "mget");
        s.part("pubsub", p::pubsub, "subscribe", "publish");
        client.del(s.keysUsed());
        client.close();
        return s.finish();
    }

    /** JSON replies compare parsed, independent of spacing. */
    private static JsonElement parsed(String reply) {
        return reply == null ? null : JsonParser.parseString(reply);
    }

    /** True when stream id a is a well-formed ms-seq id before b. */
    private static boolean increasingIds(String a, String b) {
        String[] x = a.split("-");
        String[] y = b.split("-");
        long ms1 = Long.parseLong(x[0]);
        long ms2 = Long.parseLong(y[0]);
        return ms1 > 0 && (ms1 < ms2 || ms1 == ms2 && Long.parseLong(x[1]) < Long.parseLong(y[1]));
    }

    private void strings(String p) throws Exception {
        String k = s.key("greeting");
        String gone = s.key("short");
        s.check(p, "SET EX", r.setExpiringInSeconds(k, "hello", 100), "OK");
        s.check(p, "GET", r.get(k), "hello");
        long ttl = r.ttl(k);
        s.check(p, "TTL within 1..100", ttl > 0 && ttl <= 100, true);
        s.check(p, "SET NX on an existing key", r.setIfAbsent(k, "other"), null);
        s.check(p, "SET PX", r.setExpiringInMillis(gone, "brief", 200), "OK");
        Thread.sleep(400);
        s.check(p, "key gone after its PX", r.get(gone), null);
    }

    private void counter(String p) {
        String k = s.key("counter");
        s.check(p, "INCR x3", List.of(r.incr(k), r.incr(k), r.incr(k)), List.of(1L, 2L, 3L));
        s.check(p, "INCRBY 10", r.incrBy(k, 10), 13L);
        s.check(p, "DECR", r.decr(k), 12L);
        s.check(p, "GET", r.get(k), "12");
    }

    private void queue(String p) throws Exception {
        String q = s.key("queue");
        s.check(p, "LPUSH 3 tasks", r.lpush(q, "t1", "t2", "t3"), 3L);
        s.check(p, "BRPOP x3 in FIFO order", List.of(r.brpop(1, q), r.brpop(1, q), r.brpop(1, q)),
                List.of(List.of(q, "t1"), List.of(q, "t2"), List.of(q, "t3")));
        long start = System.nanoTime();
        s.check(p, "BRPOP on an empty list times out with nil", r.brpop(1, q), null);
        s.check(p, "BRPOP waited its timeout", System.nanoTime() - start >= 900_000_000L, true);
        try (ScenarioClient waiter = r.connectAgain()) {
            CompletableFuture<List<String>> woken = CompletableFuture.supplyAsync(() -> waiter.brpop(5, q));
            Thread.sleep(200);
            r.lpush(q, "urgent");
            s.check(p, "a blocked BRPOP is woken by LPUSH", woken.get(10, TimeUnit.SECONDS), List.of(q, "urgent"));
        }
    }

    private void sets(String p) {
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

    private void hash(String p) {
        String h = s.key("user");
        s.check(p, "HSET 3 fields", r.hset(h, Map.of("name", "Ada", "lang", "Java", "visits", "1")), 3L);
        s.check(p, "HGET", r.hget(h, "name"), "Ada");
        s.check(p, "HINCRBY", r.hincrBy(h, "visits", 5), 6L);
        s.check(p, "HGETALL", r.hgetAll(h), Map.of("name", "Ada", "lang", "Java", "visits", "6"));
        s.check(p, "HDEL", r.hdel(h, "lang"), 1L);
        s.check(p, "HLEN", r.hlen(h), 2L);
    }

    private void leaderboard(String p) {
        String z = s.key("leaderboard");
        s.check(p, "ZADD 3", r.zadd(z, Map.of("alice", 100.0, "bob", 250.0, "carol", 175.0)), 3L);
        s.check(p, "ZINCRBY", r.zincrBy(z, 100, "alice"), 200.0);
        s.check(p, "ZRANGE WITHSCORES", r.zrangeWithScores(z, 0, -1),
                List.of(List.of("carol", 175.0), List.of("alice", 200.0), List.of("bob", 250.0)));
        s.check(p, "ZREVRANGE top 1", r.zrevrange(z, 0, 0), List.of("bob"));
        s.check(p, "ZRANK", r.zrank(z, "alice"), 1L);
        s.check(p, "ZSCORE", r.zscore(z, "carol"), 175.0);
    }

    private void json(String p) {
        String d = s.key("doc");
        s.check(p, "JSON.SET $", r.jsonSet(d, "$", DOCUMENT), "OK");
        s.check(p, "JSON.GET $.name", parsed(r.jsonGet(d, "$.name")), parsed("[\"widget\"]"));
        s.check(p, "JSON.GET $.stock.count", parsed(r.jsonGet(d, "$.stock.count")), parsed("[3]"));
        s.check(p, "JSON.NUMINCRBY", parsed(r.jsonNumIncrBy(d, "$.stock.count", "2")), parsed("[5]"));
        s.check(p, "JSON.ARRAPPEND", r.jsonArrAppend(d, "$.tags", "\"c\""), List.of(3L));
        s.check(p, "JSON.GET $.tags", parsed(r.jsonGet(d, "$.tags")), parsed("[[\"a\",\"b\",\"c\"]]"));
    }

    private void stream(String p) {
        String st = s.key("events");
        String first = r.xadd(st, Map.of("sensor", "1", "temp", "20"));
        String second = r.xadd(st, Map.of("sensor", "2", "temp", "21"));
        s.check(p, "XADD ids are ms-seq and increasing", increasingIds(first, second), true);
        s.check(p, "XLEN", r.xlen(st), 2L);
        s.check(p, "XRANGE - +", r.xrangeAll(st),
                List.of(List.of(first, Map.of("sensor", "1", "temp", "20")),
                        List.of(second, Map.of("sensor", "2", "temp", "21"))));
        s.check(p, "XRANGE COUNT 1", r.xrangeIds(st, 1), List.of(first));
    }

    private void transaction(String p) {
        String a = s.key("account:a");
        String b = s.key("account:b");
        r.set(a, "100");
        r.set(b, "50");
        s.check(p, "MULTI DECRBY INCRBY EXEC", r.transfer(a, b, 30), List.of(70L, 80L));
        s.check(p, "balances after the transfer", r.mget(a, b), List.of("70", "80"));
        try (ScenarioClient other = r.connectAgain()) {
            r.watch(a);
            other.set(a, "1000");
            s.check(p, "EXEC after a watched key changed returns nil", r.transfer(a, b, 30), null);
        }
        s.check(p, "nothing applied by the aborted EXEC", r.mget(a, b), List.of("1000", "80"));
    }

    private void pubsub(String p) throws Exception {
        String channel = s.key("news");
        CountDownLatch subscribed = new CountDownLatch(1);
        CompletableFuture<List<String>> received = new CompletableFuture<>();
        try (AutoCloseable subscription = r.subscribe(channel, subscribed::countDown, received::complete)) {
            s.check(p, "SUBSCRIBE confirmed", subscribed.await(5, TimeUnit.SECONDS), true);
            s.check(p, "PUBLISH reaches 1 subscriber", r.publish(channel, "hello"), 1L);
            s.check(p, "message received", received.get(5, TimeUnit.SECONDS), List.of(channel, "hello"));
        }
    }
}
