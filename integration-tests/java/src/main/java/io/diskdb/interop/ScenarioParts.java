package io.diskdb.interop;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

/** The ten parts of the scenario, in order, with the commands each needs from the server. */
interface ScenarioParts {
    String DOCUMENT = "{\"name\":\"widget\",\"tags\":[\"a\",\"b\"],\"price\":9.5,\"stock\":{\"count\":3}}";

    void strings(String part) throws Exception;

    void counter(String part) throws Exception;

    void queue(String part) throws Exception;

    void sets(String part) throws Exception;

    void hash(String part) throws Exception;

    void leaderboard(String part) throws Exception;

    void json(String part) throws Exception;

    void stream(String part) throws Exception;

    void transaction(String part) throws Exception;

    void pubsub(String part) throws Exception;

    static void runAll(Scenario s, ScenarioParts p) {
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
    }

    /** JSON replies compare parsed, independent of spacing. */
    static JsonElement parsed(Object reply) {
        return reply == null ? null : JsonParser.parseString(reply.toString());
    }

    /** True when stream id a is a well-formed ms-seq id before b. */
    static boolean increasingIds(String a, String b) {
        String[] x = a.split("-");
        String[] y = b.split("-");
        long ms1 = Long.parseLong(x[0]);
        long ms2 = Long.parseLong(y[0]);
        return ms1 > 0 && (ms1 < ms2 || ms1 == ms2 && Long.parseLong(x[1]) < Long.parseLong(y[1]));
    }
}
