package io.diskdb.command;

import io.diskdb.storage.ColumnFamily;
import io.diskdb.storage.Metadata;
import io.diskdb.testing.RawConnection;
import io.diskdb.testing.SharedServer;
import io.diskdb.testing.StoredRecords;
import io.diskdb.testing.TestServer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static io.diskdb.testing.Resp.EMPTY_ARRAY;
import static io.diskdb.testing.Resp.NIL;
import static io.diskdb.testing.Resp.NOT_FLOAT;
import static io.diskdb.testing.Resp.NOT_INTEGER;
import static io.diskdb.testing.Resp.OK;
import static io.diskdb.testing.Resp.SYNTAX;
import static io.diskdb.testing.Resp.WRONGTYPE;
import static io.diskdb.testing.Resp.arity;
import static io.diskdb.testing.Resp.bulk;
import static io.diskdb.testing.Resp.integer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hash family against one in-process server. Expected replies were taken from a real Redis
 * 7.0.15 given the same commands and are asserted as exact RESP bytes where Redis's order is
 * defined; unordered replies (HGETALL, HKEYS, HVALS, random picks) are checked as sets.
 */
class HashCommandsTest {
    @RegisterExtension
    static final SharedServer server = new SharedServer();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private Metadata meta(String key) {
        return server.server().keyspace().peek(0, bytes(key));
    }

    /** Fills {@code key} with fields f0..f(n-1) = v0..v(n-1), in pipelined batches. */
    private void fill(Jedis jedis, String key, int fields) {
        Pipeline pipeline = jedis.pipelined();
        Map<String, String> batch = new HashMap<>();
        for (int i = 0; i < fields; i++) {
            batch.put("f" + i, "v" + i);
            if (batch.size() == 1000 || i == fields - 1) {
                pipeline.hset(key, batch);
                batch = new HashMap<>();
            }
        }
        pipeline.sync();
    }

    /** The records under a version prefix of the hashes family, counted in RocksDB itself. */
    private long elementRecords(long version) {
        return StoredRecords.elements(server.server(), ColumnFamily.HASHES, version);
    }

    @Nested
    class Writes {
        @Test
        void hsetCountsCreatedFieldsAndOverwrites() {
            assertEquals(integer(2), server.call("HSET", "w:h", "a", "1", "b", "2"));
            assertEquals(integer(1), server.call("HSET", "w:h", "a", "10", "c", "3"));
            assertEquals(integer(1), server.call("HSET", "w:h", "d", "1", "d", "2")); // the same field twice: last wins
            assertEquals(bulk("2"), server.call("HGET", "w:h", "d"));
            assertEquals(bulk("10"), server.call("HGET", "w:h", "a"));
            assertEquals(integer(4), server.call("HLEN", "w:h"));
        }

        @Test
        void hmsetRepliesOk() {
            assertEquals(OK, server.call("HMSET", "w:m", "a", "1", "b", "2"));
            assertEquals(OK, server.call("HMSET", "w:m", "a", "3"));
            assertEquals("*2\r\n$1\r\n3\r\n$1\r\n2\r\n", server.call("HMGET", "w:m", "a", "b"));
        }

        @Test
        void oddPairsAreAnArityErrorBeforeTheTypeCheck() {
            server.call("SET", "w:str", "x");
            assertEquals(arity("hset"), server.call("HSET", "w:str", "a", "1", "b"));
            assertEquals(arity("hmset"), server.call("HMSET", "w:none", "a"));
            assertEquals(arity("hset"), server.call("HSET", "w:none"));
            assertEquals(integer(0), server.call("EXISTS", "w:none"));
        }

        @Test
        void hsetnxOnlyCreates() {
            assertEquals(integer(1), server.call("HSETNX", "w:nx", "f", "1"));
            assertEquals(integer(0), server.call("HSETNX", "w:nx", "f", "2"));
            assertEquals(bulk("1"), server.call("HGET", "w:nx", "f"));
            assertEquals(arity("hsetnx"), server.call("HSETNX", "w:nx", "f"));
        }

        @Test
        void hdelCountsFieldsThatExistedOnce() {
            server.call("HSET", "w:d", "a", "1", "b", "2", "c", "3");
            assertEquals(integer(2), server.call("HDEL", "w:d", "a", "a", "b", "zz"));
            assertEquals(integer(1), server.call("HLEN", "w:d"));
            assertEquals(integer(0), server.call("HDEL", "w:missing", "a"));
            assertEquals(arity("hdel"), server.call("HDEL", "w:d"));
        }

        @Test
        void deletingTheLastFieldDeletesTheKey() {
            server.call("HSET", "w:e", "a", "1", "b", "2");
            long version = meta("w:e").version();
            assertEquals(integer(2), server.call("HDEL", "w:e", "a", "b"));
            assertEquals(integer(0), server.call("EXISTS", "w:e"));
            assertEquals("+none\r\n", server.call("TYPE", "w:e"));
            assertEquals(0, elementRecords(version));
        }

        @Test
        void ttlSurvivesHsetAndHdel() {
            server.call("HSET", "w:ttl", "a", "1", "b", "2");
            server.call("EXPIRE", "w:ttl", "100");
            long expireAt = meta("w:ttl").expireAt();
            server.call("HSET", "w:ttl", "c", "3");
            server.call("HDEL", "w:ttl", "a");
            server.call("HINCRBY", "w:ttl", "n", "1");
            assertEquals(expireAt, meta("w:ttl").expireAt());
            assertTrue(Set.of(integer(100), integer(99)).contains(server.call("TTL", "w:ttl")));
        }

        @Test
        void binaryFieldsAndValues() {
            byte[] field = {'a', 0, '\r', '\n', 'b'};
            byte[] value = {0, '\r', '\n', (byte) 0xff};
            server.connection().send(bytes("HSET"), bytes("w:bin"), field, value);
            assertEquals(integer(1), server.connection().readReply());
            try (Jedis jedis = server.jedis()) {
                assertArrayEquals(value, jedis.hget(bytes("w:bin"), field));
                Map<byte[], byte[]> all = jedis.hgetAll(bytes("w:bin"));
                assertEquals(1, all.size());
                assertArrayEquals(field, all.keySet().iterator().next());
                assertEquals(4L, jedis.hstrlen(bytes("w:bin"), field));
                assertTrue(jedis.hexists(bytes("w:bin"), field));
                assertFalse(jedis.hexists(bytes("w:bin"), new byte[]{'a', 0}));
            }
            assertEquals(integer(0), server.call("HSTRLEN", "w:bin", "a"));
        }

        @Test
        void emptyFieldAndValue() {
            assertEquals(integer(1), server.call("HSET", "w:empty", "", ""));
            assertEquals("$0\r\n\r\n", server.call("HGET", "w:empty", ""));
            assertEquals(integer(0), server.call("HSTRLEN", "w:empty", ""));
            assertEquals(integer(1), server.call("HEXISTS", "w:empty", ""));
        }
    }

    @Nested
    class Reads {
        @Test
        void pointReads() {
            server.call("HSET", "r:h", "a", "hello", "b", "");
            assertEquals(bulk("hello"), server.call("HGET", "r:h", "a"));
            assertEquals(NIL, server.call("HGET", "r:h", "zz"));
            assertEquals(NIL, server.call("HGET", "r:none", "a"));
            assertEquals(integer(1), server.call("HEXISTS", "r:h", "a"));
            assertEquals(integer(0), server.call("HEXISTS", "r:h", "zz"));
            assertEquals(integer(0), server.call("HEXISTS", "r:none", "a"));
            assertEquals(integer(5), server.call("HSTRLEN", "r:h", "a"));
            assertEquals(integer(0), server.call("HSTRLEN", "r:none", "a"));
            assertEquals(integer(2), server.call("HLEN", "r:h"));
            assertEquals(integer(0), server.call("HLEN", "r:none"));
            assertEquals("*3\r\n$5\r\nhello\r\n$-1\r\n$0\r\n\r\n", server.call("HMGET", "r:h", "a", "zz", "b"));
            assertEquals("*2\r\n$-1\r\n$-1\r\n", server.call("HMGET", "r:none", "a", "b"));
        }

        @Test
        void wholeHashReads() {
            server.call("HSET", "r:all", "a", "1", "b", "2", "c", "3");
            try (Jedis jedis = server.jedis()) {
                assertEquals(Map.of("a", "1", "b", "2", "c", "3"), jedis.hgetAll("r:all"));
                assertEquals(Set.of("a", "b", "c"), jedis.hkeys("r:all"));
                assertEquals(Set.of("1", "2", "3"), new HashSet<>(jedis.hvals("r:all")));
            }
            assertEquals(EMPTY_ARRAY, server.call("HGETALL", "r:none"));
            assertEquals(EMPTY_ARRAY, server.call("HKEYS", "r:none"));
            assertEquals(EMPTY_ARRAY, server.call("HVALS", "r:none"));
        }

        @Test
        void hlenIsTheStoredCount() {
            try (Jedis jedis = server.jedis()) {
                fill(jedis, "r:count", 3000);
                assertEquals(3000, jedis.hlen("r:count"));
                assertEquals(3000, meta("r:count").count());
                assertEquals(3000, elementRecords(meta("r:count").version()));
            }
        }

        @Test
        void wrongTypeBothWays() {
            server.call("SET", "r:str", "x");
            for (String[] command : new String[][]{
                    {"HSET", "r:str", "a", "1"}, {"HMSET", "r:str", "a", "1"}, {"HSETNX", "r:str", "a", "1"},
                    {"HGET", "r:str", "a"}, {"HMGET", "r:str", "a"}, {"HGETALL", "r:str"}, {"HKEYS", "r:str"},
                    {"HVALS", "r:str"}, {"HDEL", "r:str", "a"}, {"HEXISTS", "r:str", "a"}, {"HLEN", "r:str"},
                    {"HSTRLEN", "r:str", "a"}, {"HINCRBY", "r:str", "a", "1"}, {"HINCRBYFLOAT", "r:str", "a", "1"},
                    {"HRANDFIELD", "r:str"}, {"HRANDFIELD", "r:str", "2"}, {"HSCAN", "r:str", "0"}}) {
                assertEquals(WRONGTYPE, server.call(command), String.join(" ", command));
            }
            server.call("HSET", "r:hash", "a", "1");
            assertEquals(WRONGTYPE, server.call("GET", "r:hash"));
            assertEquals(WRONGTYPE, server.call("APPEND", "r:hash", "x"));
            assertEquals(WRONGTYPE, server.call("INCR", "r:hash"));
            assertEquals("+hash\r\n", server.call("TYPE", "r:hash"));
            assertEquals(OK, server.call("SET", "r:hash", "now a string"));
            assertEquals(bulk("now a string"), server.call("GET", "r:hash"));
        }

        @Test
        void arityErrors() {
            for (String[] command : new String[][]{
                    {"HSET", "k", "f"}, {"HMSET", "k"}, {"HSETNX", "k", "f"}, {"HGET", "k"}, {"HMGET", "k"},
                    {"HGETALL"}, {"HKEYS"}, {"HVALS", "k", "x"}, {"HDEL", "k"}, {"HEXISTS", "k"}, {"HLEN"},
                    {"HSTRLEN", "k"}, {"HINCRBY", "k", "f"}, {"HINCRBYFLOAT", "k", "f"}, {"HRANDFIELD"},
                    {"HSCAN", "k"}}) {
                assertEquals(arity(command[0].toLowerCase()), server.call(command), String.join(" ", command));
            }
        }
    }

    @Nested
    class Increments {
        @Test
        void hincrby() {
            assertEquals(integer(5), server.call("HINCRBY", "i:h", "n", "5"));
            assertEquals(integer(-95), server.call("HINCRBY", "i:h", "n", "-100"));
            assertEquals(bulk("-95"), server.call("HGET", "i:h", "n"));
        }

        @Test
        void hincrbyErrorsInRedisOrder() {
            server.call("SET", "i:str", "x");
            assertEquals(NOT_INTEGER, server.call("HINCRBY", "i:str", "f", "x")); // the increment is parsed first
            assertEquals(WRONGTYPE, server.call("HINCRBY", "i:str", "f", "1"));
            server.call("HSET", "i:e", "text", "abc", "spaced", " 1", "zero", "007", "max", "9223372036854775807",
                    "min", "-9223372036854775808");
            assertEquals("-ERR hash value is not an integer\r\n", server.call("HINCRBY", "i:e", "text", "1"));
            assertEquals("-ERR hash value is not an integer\r\n", server.call("HINCRBY", "i:e", "spaced", "1"));
            assertEquals("-ERR hash value is not an integer\r\n", server.call("HINCRBY", "i:e", "zero", "1"));
            assertEquals("-ERR increment or decrement would overflow\r\n", server.call("HINCRBY", "i:e", "max", "1"));
            assertEquals("-ERR increment or decrement would overflow\r\n", server.call("HINCRBY", "i:e", "min", "-1"));
            assertEquals(NOT_INTEGER, server.call("HINCRBY", "i:e", "n", "1.5"));
            assertEquals(NOT_INTEGER, server.call("HINCRBY", "i:e", "n", "9223372036854775808"));
            assertEquals(integer(Long.MAX_VALUE), server.call("HINCRBY", "i:e", "max", "0"));
            assertEquals(integer(5), server.call("HLEN", "i:e")); // failed increments wrote nothing
        }

        @Test
        void hincrbyfloatPrintsLikeRedis() {
            assertEquals(bulk("10.5"), server.call("HINCRBYFLOAT", "i:f", "x", "10.5"));
            assertEquals(bulk("10.6"), server.call("HINCRBYFLOAT", "i:f", "x", "0.1"));
            assertEquals(integer(1), server.call("HSET", "i:f", "e", "5.0e3"));
            assertEquals(bulk("5200"), server.call("HINCRBYFLOAT", "i:f", "e", "2.0e2"));
            assertEquals(bulk("0"), server.call("HINCRBYFLOAT", "i:f", "z", "-0.0"));
            server.call("HSET", "i:f", "int", "9223372036854775807");
            assertEquals(bulk("9223372036854775808"), server.call("HINCRBYFLOAT", "i:f", "int", "1"));
            assertEquals(bulk("100000000000000000000"), server.call("HINCRBYFLOAT", "i:f", "big", "1e20"));
            assertEquals(bulk("100000000000000000000"), server.call("HINCRBYFLOAT", "i:f", "big", "0.1"));
        }

        @Test
        void hincrbyfloatErrors() {
            server.call("SET", "i:str", "x");
            assertEquals(NOT_FLOAT, server.call("HINCRBYFLOAT", "i:str", "f", "abc"));
            assertEquals("-ERR value is NaN or Infinity\r\n", server.call("HINCRBYFLOAT", "i:str", "f", "inf"));
            assertEquals(WRONGTYPE, server.call("HINCRBYFLOAT", "i:str", "f", "1"));
            assertEquals("-ERR value is NaN or Infinity\r\n", server.call("HINCRBYFLOAT", "i:g", "f", "-inf"));
            assertEquals(NOT_FLOAT, server.call("HINCRBYFLOAT", "i:g", "f", "nan"));
            assertEquals(NOT_FLOAT, server.call("HINCRBYFLOAT", "i:g", "f", " 1"));
            assertEquals(integer(0), server.call("EXISTS", "i:g")); // no empty hash is left behind
            server.call("HSET", "i:g", "text", "abc", "spaced", "1 ", "huge", "1e4932");
            assertEquals("-ERR hash value is not a float\r\n", server.call("HINCRBYFLOAT", "i:g", "text", "1"));
            assertEquals("-ERR hash value is not a float\r\n", server.call("HINCRBYFLOAT", "i:g", "spaced", "1"));
            assertEquals("-ERR increment would produce NaN or Infinity\r\n",
                    server.call("HINCRBYFLOAT", "i:g", "huge", "1.18973149535723176502e+4932"));
        }
    }

    @Nested
    class RandomFields {
        @Test
        void withoutCount() {
            server.call("HSET", "rf:h", "a", "1", "b", "2", "c", "3");
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < 200; i++) {
                String reply = server.call("HRANDFIELD", "rf:h");
                assertTrue(Set.of(bulk("a"), bulk("b"), bulk("c")).contains(reply), reply);
                seen.add(reply);
            }
            assertEquals(3, seen.size(), "every field is picked eventually");
            assertEquals(NIL, server.call("HRANDFIELD", "rf:none"));
        }

        @Test
        void countsAsRedisDefinesThem() {
            try (Jedis jedis = server.jedis()) {
                jedis.hset("rf:c", Map.of("a", "1", "b", "2", "c", "3", "d", "4", "e", "5"));
                for (int i = 0; i < 50; i++) {
                    List<String> three = jedis.hrandfield("rf:c", 3);
                    assertEquals(3, three.size());
                    assertEquals(3, new HashSet<>(three).size(), "a positive count gives distinct fields");
                    assertTrue(Set.of("a", "b", "c", "d", "e").containsAll(three));
                }
                assertEquals(Set.of("a", "b", "c", "d", "e"), new HashSet<>(jedis.hrandfield("rf:c", 5)));
                assertEquals(5, jedis.hrandfield("rf:c", 100).size(), "up to HLEN");
                List<String> repeated = jedis.hrandfield("rf:c", -20);
                assertEquals(20, repeated.size(), "a negative count gives exactly |count|, repeats allowed");
                assertTrue(Set.of("a", "b", "c", "d", "e").containsAll(repeated));
                var pairs = jedis.hrandfieldWithValues("rf:c", -8);
                assertEquals(8, pairs.size());
                for (var pair : pairs) {
                    assertEquals(jedis.hget("rf:c", pair.getKey()), pair.getValue());
                }
            }
            assertEquals(EMPTY_ARRAY, server.call("HRANDFIELD", "rf:c", "0"));
            assertEquals(EMPTY_ARRAY, server.call("HRANDFIELD", "rf:c", "0", "WITHVALUES"));
            assertEquals(EMPTY_ARRAY, server.call("HRANDFIELD", "rf:none", "3"));
            assertEquals(EMPTY_ARRAY, server.call("HRANDFIELD", "rf:none", "-3", "WITHVALUES"));
        }

        @Test
        void largeHashPicksAreDistinctAndSpread() {
            try (Jedis jedis = server.jedis()) {
                fill(jedis, "rf:large", 2000);
                List<String> distinct = jedis.hrandfield("rf:large", 100);
                assertEquals(100, new HashSet<>(distinct).size());
                List<String> most = jedis.hrandfield("rf:large", 1900); // "copy all, remove some" territory
                assertEquals(1900, new HashSet<>(most).size());
                List<String> repeated = jedis.hrandfield("rf:large", -1000);
                assertEquals(1000, repeated.size());
                assertTrue(new HashSet<>(repeated).size() > 300, "seeks land on many different fields");
                Set<String> singles = new HashSet<>();
                for (int i = 0; i < 200; i++) {
                    singles.add(jedis.hrandfield("rf:large"));
                }
                assertTrue(singles.size() > 100, "single picks spread: " + singles.size());
                for (String field : singles) {
                    assertTrue(field.matches("f\\d+"), field);
                }
            }
        }

        @Test
        void countErrors() {
            server.call("HSET", "rf:e", "a", "1");
            assertEquals(NOT_INTEGER, server.call("HRANDFIELD", "rf:e", "x"));
            assertEquals(NOT_INTEGER, server.call("HRANDFIELD", "rf:none", "x"));
            assertEquals("-ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807\r\n",
                    server.call("HRANDFIELD", "rf:e", "-9223372036854775808"));
            assertEquals("-ERR value is out of range\r\n", server.call("HRANDFIELD", "rf:e", "9223372036854775807", "WITHVALUES"));
            assertEquals("-ERR value is out of range\r\n", server.call("HRANDFIELD", "rf:e", "-4611686018427387904", "WITHVALUES"));
            assertEquals(SYNTAX, server.call("HRANDFIELD", "rf:e", "1", "WITHSCORES"));
            assertEquals(SYNTAX, server.call("HRANDFIELD", "rf:e", "1", "WITHVALUES", "x"));
        }

        @Test
        void resp2Shapes() {
            server.call("HSET", "rf:one", "a", "1");
            assertEquals("*2\r\n$1\r\na\r\n$1\r\n1\r\n", server.call("HRANDFIELD", "rf:one", "5", "WITHVALUES"));
            assertEquals("*4\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\na\r\n$1\r\n1\r\n", server.call("HRANDFIELD", "rf:one", "-2", "WITHVALUES"));
            assertEquals("*2\r\n$1\r\na\r\n$1\r\na\r\n", server.call("HRANDFIELD", "rf:one", "-2"));
        }
    }

    @Nested
    class Resp3 {
        @Test
        void shapes() {
            try (RawConnection c = server.raw()) {
                c.call("HELLO", "3");
                c.call("HSET", "r3:h", "a", "1");
                assertEquals("%1\r\n$1\r\na\r\n$1\r\n1\r\n", c.call("HGETALL", "r3:h"));
                assertEquals("%0\r\n", c.call("HGETALL", "r3:none"));
                assertEquals("*1\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n", c.call("HRANDFIELD", "r3:h", "3", "WITHVALUES"));
                assertEquals("*2\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n",
                        c.call("HRANDFIELD", "r3:h", "-2", "WITHVALUES"));
                assertEquals("*1\r\n$1\r\na\r\n", c.call("HRANDFIELD", "r3:h", "1"));
                assertEquals("_\r\n", c.call("HRANDFIELD", "r3:none"));
                assertEquals("_\r\n", c.call("HGET", "r3:h", "zz"));
                assertEquals("*2\r\n$1\r\n1\r\n_\r\n", c.call("HMGET", "r3:h", "a", "zz"));
                assertEquals("*1\r\n$1\r\na\r\n", c.call("HKEYS", "r3:h"));
                assertEquals(":1\r\n", c.call("HEXISTS", "r3:h", "a"));
                assertEquals("*2\r\n$1\r\n0\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n", c.call("HSCAN", "r3:h", "0"));
                assertEquals("$3\r\n1.5\r\n", c.call("HINCRBYFLOAT", "r3:h", "a", "0.5"));
            }
        }
    }

    @Nested
    class Scan {
        @Test
        void smallHashComesWholeLikeAListpack() {
            server.call("HSET", "s:small", "a", "1", "b", "2", "c", "3");
            try (Jedis jedis = server.jedis()) {
                for (String cursor : List.of("0", "12345")) {
                    ScanResult<Map.Entry<String, String>> page = jedis.hscan("s:small", cursor, new ScanParams().count(1));
                    assertEquals("0", page.getCursor());
                    assertEquals(3, page.getResult().size());
                }
                ScanResult<Map.Entry<String, String>> matched = jedis.hscan("s:small", "0", new ScanParams().match("[ab]"));
                assertEquals(Set.of("a", "b"), keysOf(matched.getResult()));
            }
            assertEquals("*2\r\n$1\r\n0\r\n*0\r\n", server.call("HSCAN", "s:none", "0"));
            assertEquals("*2\r\n$1\r\n0\r\n*0\r\n", server.call("HSCAN", "s:none", "0", "COUNT", "0")); // options unread
        }

        @Test
        void errors() {
            server.call("HSET", "s:e", "a", "1");
            assertEquals("-ERR invalid cursor\r\n", server.call("HSCAN", "s:e", "x"));
            assertEquals(SYNTAX, server.call("HSCAN", "s:e", "0", "COUNT", "0"));
            assertEquals(NOT_INTEGER, server.call("HSCAN", "s:e", "0", "COUNT", "x"));
            assertEquals(SYNTAX, server.call("HSCAN", "s:e", "0", "TYPE", "string"));
            assertEquals(SYNTAX, server.call("HSCAN", "s:e", "0", "MATCH"));
            assertEquals(SYNTAX, server.call("HSCAN", "s:e", "0", "NOVALUES"));
        }

        @Test
        void fullIterationReturnsEveryFieldOnce() {
            try (Jedis jedis = server.jedis()) {
                fill(jedis, "s:big", 5000);
                List<String> fields = new ArrayList<>();
                String cursor = "0";
                int calls = 0;
                do {
                    ScanResult<Map.Entry<String, String>> page = jedis.hscan("s:big", cursor, new ScanParams().count(100));
                    for (Map.Entry<String, String> entry : page.getResult()) {
                        fields.add(entry.getKey());
                        assertEquals("v" + entry.getKey().substring(1), entry.getValue());
                    }
                    cursor = page.getCursor();
                    calls++;
                } while (!cursor.equals("0"));
                assertEquals(5000, fields.size(), "no field twice");
                assertEquals(5000, new HashSet<>(fields).size());
                assertTrue(calls >= 40, "COUNT pages the iteration: " + calls + " calls");
                ScanResult<Map.Entry<String, String>> matched = jedis.hscan("s:big", "0",
                        new ScanParams().match("f12*").count(10_000));
                assertEquals("0", matched.getCursor());
                assertEquals(111, matched.getResult().size()); // f12, f120..f129, f1200..f1299
            }
        }

        @Test
        void fieldsPresentThroughoutAppearDespiteConcurrentWrites() throws Exception {
            try (Jedis jedis = server.jedis()) {
                fill(jedis, "s:busy", 5000);
                AtomicBoolean done = new AtomicBoolean();
                AtomicReference<Throwable> failure = new AtomicReference<>();
                Thread writer = new Thread(() -> {
                    try (Jedis other = server.jedis()) {
                        for (int i = 0; !done.get(); i++) {
                            other.hset("s:busy", "new" + i, "x");
                            other.hdel("s:busy", "f" + (4000 + i % 1000)); // f4000.. may vanish
                        }
                    } catch (Throwable t) {
                        failure.set(t);
                    }
                });
                writer.start();
                Set<String> seen = new HashSet<>();
                String cursor = "0";
                try {
                    do {
                        ScanResult<Map.Entry<String, String>> page = jedis.hscan("s:busy", cursor, new ScanParams().count(50));
                        page.getResult().forEach(entry -> seen.add(entry.getKey()));
                        cursor = page.getCursor();
                    } while (!cursor.equals("0"));
                } finally {
                    done.set(true);
                    writer.join();
                }
                assertNull(failure.get());
                for (int i = 0; i < 4000; i++) {
                    assertTrue(seen.contains("f" + i), "f" + i + " was present throughout");
                }
            }
        }

        @Test
        void cursorStaysValidAcrossRestart() {
            try (TestServer restarting = TestServer.start()) {
                Set<String> seen = new HashSet<>();
                String cursor;
                try (Jedis jedis = restarting.jedis()) {
                    fill(jedis, "s:restart", 1000);
                    ScanResult<Map.Entry<String, String>> page = jedis.hscan("s:restart", "0", new ScanParams().count(300));
                    page.getResult().forEach(entry -> seen.add(entry.getKey()));
                    cursor = page.getCursor();
                }
                restarting.restart();
                try (Jedis jedis = restarting.jedis()) {
                    while (!cursor.equals("0")) {
                        ScanResult<Map.Entry<String, String>> page = jedis.hscan("s:restart", cursor, new ScanParams().count(300));
                        page.getResult().forEach(entry -> seen.add(entry.getKey()));
                        cursor = page.getCursor();
                    }
                }
                assertEquals(1000, seen.size());
            }
        }

        private Set<String> keysOf(List<Map.Entry<String, String>> entries) {
            Set<String> keys = new HashSet<>();
            entries.forEach(entry -> keys.add(entry.getKey()));
            return keys;
        }
    }

    @Nested
    class Lifecycle {
        @Test
        void survivesRestart() {
            try (TestServer restarting = TestServer.start()) {
                try (RawConnection c = restarting.raw()) {
                    c.call("HSET", "p:h", "a", "1", "b", "2");
                    c.call("HINCRBYFLOAT", "p:h", "f", "0.5");
                    c.call("PEXPIRE", "p:h", "500000");
                }
                restarting.restart();
                try (Jedis jedis = restarting.jedis()) {
                    assertEquals(Map.of("a", "1", "b", "2", "f", "0.5"), jedis.hgetAll("p:h"));
                    assertEquals(3, jedis.hlen("p:h"));
                    assertTrue(jedis.pttl("p:h") > 400_000);
                    assertEquals(1, jedis.hdel("p:h", "a"));
                    assertEquals(2, jedis.hlen("p:h"));
                }
            }
        }

        @Test
        void deletingAHugeHashIsFastAndRemovesItsElements() {
            try (Jedis jedis = server.jedis()) {
                fill(jedis, "l:huge", 200_000);
                assertEquals(200_000, jedis.hlen("l:huge"));
                long version = meta("l:huge").version();
                assertEquals(200_000, elementRecords(version));
                long start = System.nanoTime();
                assertEquals(1, jedis.del("l:huge"));
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(millis < 1000, "DEL took " + millis + " ms");
                assertEquals(0, elementRecords(version));
                assertEquals(0, jedis.hlen("l:huge"));
                assertEquals(1, jedis.hset("l:huge", "a", "1"), "a new hash starts empty");
                assertEquals(Map.of("a", "1"), jedis.hgetAll("l:huge"));
            }
        }

        @Test
        void overwritingWithSetRemovesTheElements() {
            server.call("HSET", "l:over", "a", "1", "b", "2");
            long version = meta("l:over").version();
            assertEquals(OK, server.call("SET", "l:over", "x"));
            assertEquals(0, elementRecords(version));
        }

        @Test
        void renameAndCopyCarryTheFields() {
            server.call("HSET", "l:src", "a", "1");
            assertEquals(OK, server.call("RENAME", "l:src", "l:dst"));
            assertEquals(bulk("1"), server.call("HGET", "l:dst", "a"));
            assertEquals(integer(1), server.call("COPY", "l:dst", "l:copy"));
            server.call("HSET", "l:copy", "a", "2");
            assertEquals(bulk("1"), server.call("HGET", "l:dst", "a"));
            assertEquals(bulk("2"), server.call("HGET", "l:copy", "a"));
        }
    }

    @Nested
    class Encoding {
        @Test
        void convertsLikeRedisAndNeverBack() {
            try (Jedis jedis = server.jedis()) {
                fill(jedis, "e:h", 512); // hash-max-listpack-entries, Redis 7.0's default
                assertEquals("listpack", jedis.objectEncoding("e:h"));
                jedis.hset("e:h", "one-more", "v");
                assertEquals("hashtable", jedis.objectEncoding("e:h"));
                jedis.hdel("e:h", "one-more", "f0", "f1");
                assertEquals("hashtable", jedis.objectEncoding("e:h"), "Redis never converts back");
            }
            server.call("HSET", "e:long", "f", "x".repeat(65));
            assertEquals(bulk("hashtable"), server.call("OBJECT", "ENCODING", "e:long"));
            server.call("HSET", "e:short", "f", "x".repeat(64));
            assertEquals(bulk("listpack"), server.call("OBJECT", "ENCODING", "e:short"));
            server.call("HINCRBY", "e:field", "y".repeat(65), "1");
            assertEquals(bulk("hashtable"), server.call("OBJECT", "ENCODING", "e:field"));
            server.call("HINCRBYFLOAT", "e:float", "f", "1e100");
            assertEquals(bulk("hashtable"), server.call("OBJECT", "ENCODING", "e:float"));
            server.call("HSET", "e:gone", "a", "x".repeat(100));
            server.call("DEL", "e:gone");
            server.call("HSET", "e:gone", "a", "1");
            assertEquals(bulk("listpack"), server.call("OBJECT", "ENCODING", "e:gone"), "a new hash starts as a listpack");
        }
    }
}
