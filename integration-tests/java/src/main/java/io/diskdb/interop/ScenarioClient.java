package io.diskdb.interop;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What {@link ScenarioParts} needs from a client library, one method a command, with replies
 * turned into plain Java values (strings, longs, doubles, lists, maps; nil as null) so that
 * one set of checks serves every library. An implementation only adapts its library's API:
 * it must not normalise away a difference the scenario means to catch.
 */
interface ScenarioClient extends AutoCloseable {
    /** Another connection to the same server (a blocked waiter, a concurrent writer). */
    ScenarioClient connectAgain();

    /** COMMAND INFO for the names; a null entry means unknown to the server. */
    List<?> commandInfo(String... names);

    String setExpiringInSeconds(String key, String value, long seconds);

    String setExpiringInMillis(String key, String value, long millis);

    /** SET NX: null when the key exists. */
    String setIfAbsent(String key, String value);

    String get(String key);

    long ttl(String key);

    long incr(String key);

    long incrBy(String key, long by);

    long decr(String key);

    long lpush(String key, String... values);

    /** BRPOP: [key, value], or null when the timeout passes. */
    List<String> brpop(int timeoutSeconds, String key);

    long sadd(String key, String... members);

    boolean sismember(String key, String member);

    Set<String> smembers(String key);

    long srem(String key, String... members);

    long scard(String key);

    Set<String> sinter(String... keys);

    long hset(String key, Map<String, String> fields);

    String hget(String key, String field);

    long hincrBy(String key, String field, long by);

    Map<String, String> hgetAll(String key);

    long hdel(String key, String... fields);

    long hlen(String key);

    long zadd(String key, Map<String, Double> scores);

    double zincrBy(String key, double by, String member);

    /** ZRANGE WITHSCORES: [member, score] pairs in score order. */
    List<List<Object>> zrangeWithScores(String key, long start, long stop);

    List<String> zrevrange(String key, long start, long stop);

    Long zrank(String key, String member);

    Double zscore(String key, String member);

    /** JSON.SET's status reply. */
    String jsonSet(String key, String path, String json);

    /** JSON.GET's JSON text. */
    String jsonGet(String key, String path);

    /** JSON.NUMINCRBY's reply as JSON text, however the protocol carried it. */
    String jsonNumIncrBy(String key, String path, String by);

    /** JSON.ARRAPPEND: the new lengths, one a matching path. */
    List<Long> jsonArrAppend(String key, String path, String... jsonValues);

    /** XADD * : the new entry's id. */
    String xadd(String key, Map<String, String> fields);

    long xlen(String key);

    /** XRANGE key - +: [id, fields] per entry. */
    List<List<Object>> xrangeAll(String key);

    /** XRANGE key - + COUNT n: the ids. */
    List<String> xrangeIds(String key, int count);

    List<String> mget(String... keys);

    void set(String key, String value);

    void watch(String... keys);

    /** MULTI, DECRBY from, INCRBY to, EXEC: the replies, or null when EXEC was aborted. */
    List<Object> transfer(String from, String to, long amount);

    long publish(String channel, String message);

    /**
     * SUBSCRIBE on a new connection; {@code onSubscribed} runs on the confirmation and
     * {@code onMessage} with [channel, message] for each message. Closing ends the subscription.
     */
    AutoCloseable subscribe(String channel, Runnable onSubscribed, Consumer<List<String>> onMessage);

    void del(String... keys);

    @Override
    void close();
}
