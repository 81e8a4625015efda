package io.diskdb.command;

import io.diskdb.storage.ColumnFamily;
import io.diskdb.storage.DataType;
import io.diskdb.storage.Engine;
import io.diskdb.storage.Metadata;
import io.diskdb.storage.Transaction;
import io.diskdb.testing.RawConnection;
import io.diskdb.testing.SharedServer;
import io.diskdb.testing.TestServer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rocksdb.RocksIterator;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.GetExParams;
import redis.clients.jedis.params.SetParams;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static io.diskdb.testing.Resp.NIL;
import static io.diskdb.testing.Resp.NOT_FLOAT;
import static io.diskdb.testing.Resp.NOT_INTEGER;
import static io.diskdb.testing.Resp.OK;
import static io.diskdb.testing.Resp.SYNTAX;
import static io.diskdb.testing.Resp.WRONGTYPE;
import static io.diskdb.testing.Resp.bulk;
import static io.diskdb.testing.Resp.integer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The string family against one in-process server. Expected replies were taken from a real
 * Redis 7.0.15 given the same commands; errors and nils are asserted as exact RESP bytes.
 */
class StringCommandsTest {
    @RegisterExtension
    static final SharedServer server = new SharedServer();

    private static final String EMPTY = "$0\r\n\r\n";
    private static final String TOO_LONG = "-ERR string exceeds maximum allowed size (proto-max-bulk-len)\r\n";

    private static String invalidExpire(String command) {
        return "-ERR invalid expire time in '" + command + "' command\r\n";
    }

    /** The stored expiry of a key (0 = none), read past the command layer. */
    private long expireAt(String key) {
        Metadata meta = server.server().keyspace().peek(0, key.getBytes(StandardCharsets.UTF_8));
        return meta == null ? -1 : meta.expireAt();
    }

    /** Creates a key of another type, as the list commands would. */
    private void makeList(String key) {
        Transaction txn = server.server().keyspace().begin();
        txn.putMeta(0, key.getBytes(StandardCharsets.UTF_8),
                Metadata.collection(DataType.LIST, txn.newVersion(), 1, 0, null));
        txn.commit();
    }

    private static String repeat(char c, int n) {
        return String.valueOf(c).repeat(n);
    }

    @Nested
    class SetAndGet {
        @Test
        void setReplacesValueAndClearsTtl() {
            assertEquals(OK, server.call("SET", "s:ttl", "a", "EX", "100"));
            assertTrue(expireAt("s:ttl") > System.currentTimeMillis() + 90_000);
            assertEquals(OK, server.call("SET", "s:ttl", "b"));
            assertEquals(0, expireAt("s:ttl"));
            assertEquals(bulk("b"), server.call("GET", "s:ttl"));
        }

        @Test
        void keepTtlKeepsIt() {
            server.call("SET", "s:keep", "a", "PX", "100000");
            long before = expireAt("s:keep");
            assertEquals(OK, server.call("SET", "s:keep", "b", "KEEPTTL"));
            assertEquals(before, expireAt("s:keep"));
        }

        @Test
        void expiryUnits() {
            long now = System.currentTimeMillis();
            server.call("SET", "s:ex", "v", "EX", "100");
            server.call("SET", "s:px", "v", "PX", "100000");
            server.call("SET", "s:exat", "v", "EXAT", String.valueOf(now / 1000 + 100));
            server.call("SET", "s:pxat", "v", "PXAT", String.valueOf(now + 100_000));
            for (String key : List.of("s:ex", "s:px", "s:exat", "s:pxat")) {
                long ttl = expireAt(key) - now;
                assertTrue(ttl > 98_000 && ttl <= 101_000, key + " " + ttl);
            }
            assertEquals(OK, server.call("SET", "s:ex", "v", "ex", "10", "ex", "20")); // the same unit twice: last wins
            long ttl = expireAt("s:ex") - System.currentTimeMillis();
            assertTrue(ttl > 18_000 && ttl <= 20_000);
        }

        @Test
        void pastAbsoluteExpiryLeavesNoKey() {
            assertEquals(OK, server.call("SET", "s:past", "v", "EXAT", "1"));
            assertEquals(NIL, server.call("GET", "s:past"));
            assertEquals(-1, expireAt("s:past"));
        }

        @Test
        void nxAndXx() {
            assertEquals(NIL, server.call("SET", "s:nx", "v", "XX"));
            assertEquals(OK, server.call("SET", "s:nx", "v", "NX"));
            assertEquals(NIL, server.call("SET", "s:nx", "w", "NX"));
            assertEquals(OK, server.call("SET", "s:nx", "w", "XX", "XX"));
            assertEquals(bulk("w"), server.call("GET", "s:nx"));
        }

        @Test
        void getOption() {
            assertEquals(NIL, server.call("SET", "s:get", "a", "GET"));
            assertEquals(bulk("a"), server.call("SET", "s:get", "b", "GET", "GET"));
            assertEquals(bulk("b"), server.call("SET", "s:get", "c", "NX", "GET")); // not written
            assertEquals(bulk("b"), server.call("GET", "s:get"));
            assertEquals(NIL, server.call("SET", "s:get2", "x", "XX", "GET"));
            assertEquals(NIL, server.call("GET", "s:get2"));
            makeList("s:getlist");
            assertEquals(WRONGTYPE, server.call("SET", "s:getlist", "x", "GET"));
            assertEquals(OK, server.call("SET", "s:getlist", "x")); // without GET a string replaces it
            assertEquals(bulk("x"), server.call("GET", "s:getlist"));
        }

        @Test
        void optionErrorsInRedisOrder() {
            assertEquals(SYNTAX, server.call("SET", "s:err", "v", "EX", "abc", "XX", "NX"));
            assertEquals(NOT_INTEGER, server.call("SET", "s:err", "v", "EX", "abc"));
            assertEquals(SYNTAX, server.call("SET", "s:err", "v", "KEEPTTL", "EX", "10"));
            assertEquals(SYNTAX, server.call("SET", "s:err", "v", "EX", "10", "KEEPTTL"));
            assertEquals(SYNTAX, server.call("SET", "s:err", "v", "EX", "10", "PX", "10"));
            assertEquals(SYNTAX, server.call("SET", "s:err", "v", "PERSIST"));
            assertEquals(SYNTAX, server.call("SET", "s:err", "v", "NX", "XX"));
            assertEquals(SYNTAX, server.call("SET", "s:err", "v", "EX"));
            assertEquals(invalidExpire("set"), server.call("SET", "s:err", "v", "EX", "0"));
            assertEquals(invalidExpire("set"), server.call("SET", "s:err", "v", "PX", "-1"));
            assertEquals(invalidExpire("set"), server.call("SET", "s:err", "v", "EX", "9223372036854775"));
            assertEquals(invalidExpire("set"), server.call("SET", "s:err", "v", "PX", "9223372036854775000"));
            assertEquals(OK, server.call("SET", "s:err", "v", "PXAT", "9223372036854775000"));
            assertEquals("-ERR wrong number of arguments for 'set' command\r\n", server.call("SET", "s:err"));
        }

        @Test
        void getOfOtherTypeIsWrongType() {
            makeList("s:list");
            assertEquals(WRONGTYPE, server.call("GET", "s:list"));
        }

        @Test
        void binaryValues() {
            byte[] value = {'a', 0, '\r', '\n', 'b', (byte) 0xff};
            server.connection().send("SET".getBytes(), "s:bin".getBytes(), value).readReply();
            try (Jedis jedis = server.jedis()) {
                assertArrayEquals(value, jedis.get("s:bin".getBytes()));
                assertEquals(6, jedis.strlen("s:bin"));
            }
        }

        @Test
        void jedisOptions() {
            try (Jedis jedis = server.jedis()) {
                assertEquals("OK", jedis.set("s:jedis", "1", SetParams.setParams().nx().px(50_000)));
                assertNull(jedis.set("s:jedis", "2", SetParams.setParams().nx()));
                assertEquals("1", jedis.setGet("s:jedis", "3", SetParams.setParams().keepTtl()));
                assertEquals("3", jedis.get("s:jedis"));
                assertTrue(expireAt("s:jedis") > 0);
            }
        }

        @Test
        void getAndMgetCountKeyspaceHitsAndMisses() {
            server.call("SET", "s:hit", "v");
            makeList("s:hitlist");
            long hits = server.server().stats().keyspaceHits.sum();
            long misses = server.server().stats().keyspaceMisses.sum();
            server.call("GET", "s:hit");
            server.call("GET", "s:miss");
            server.call("MGET", "s:hit", "s:miss", "s:hitlist");
            server.call("SET", "s:hit", "w"); // a write does not count
            assertEquals(hits + 3, server.server().stats().keyspaceHits.sum());
            assertEquals(misses + 2, server.server().stats().keyspaceMisses.sum());
        }
    }

    @Nested
    class SetVariants {
        @Test
        void setnx() {
            assertEquals(integer(1), server.call("SETNX", "v:nx", "a"));
            assertEquals(integer(0), server.call("SETNX", "v:nx", "b"));
            assertEquals(bulk("a"), server.call("GET", "v:nx"));
            makeList("v:nxlist");
            assertEquals(integer(0), server.call("SETNX", "v:nxlist", "b"));
        }

        @Test
        void setexAndPsetex() {
            long now = System.currentTimeMillis();
            assertEquals(OK, server.call("SETEX", "v:ex", "100", "a"));
            assertEquals(OK, server.call("PSETEX", "v:px", "100000", "b"));
            assertTrue(expireAt("v:ex") - now > 98_000);
            assertTrue(expireAt("v:px") - now > 98_000);
            assertEquals(bulk("b"), server.call("GET", "v:px"));
            assertEquals(invalidExpire("setex"), server.call("SETEX", "v:ex", "0", "a"));
            assertEquals(invalidExpire("setex"), server.call("SETEX", "v:ex", "-5", "a"));
            assertEquals(invalidExpire("setex"), server.call("SETEX", "v:ex", "9223372036854775", "a"));
            assertEquals(invalidExpire("psetex"), server.call("PSETEX", "v:ex", "0", "a"));
            assertEquals(invalidExpire("psetex"), server.call("PSETEX", "v:ex", "9223372036854775000", "a"));
            assertEquals(NOT_INTEGER, server.call("SETEX", "v:ex", "abc", "a"));
        }

        @Test
        void getsetReturnsOldAndClearsTtl() {
            assertEquals(NIL, server.call("GETSET", "v:gs", "a"));
            server.call("SET", "v:gs", "a", "EX", "100");
            assertEquals(bulk("a"), server.call("GETSET", "v:gs", "b"));
            assertEquals(0, expireAt("v:gs"));
            makeList("v:gslist");
            assertEquals(WRONGTYPE, server.call("GETSET", "v:gslist", "b"));
        }

        @Test
        void getdel() {
            server.call("SET", "v:gd", "a");
            assertEquals(bulk("a"), server.call("GETDEL", "v:gd"));
            assertEquals(NIL, server.call("GETDEL", "v:gd"));
            assertEquals(-1, expireAt("v:gd"));
            makeList("v:gdlist");
            assertEquals(WRONGTYPE, server.call("GETDEL", "v:gdlist"));
        }
    }

    @Nested
    class Getex {
        @Test
        void withoutOptionsTtlIsUntouched() {
            server.call("SET", "x:plain", "v", "PX", "100000");
            long before = expireAt("x:plain");
            assertEquals(bulk("v"), server.call("GETEX", "x:plain"));
            assertEquals(before, expireAt("x:plain"));
        }

        @Test
        void setsAndRemovesTtl() {
            server.call("SET", "x:ttl", "v");
            assertEquals(bulk("v"), server.call("GETEX", "x:ttl", "EX", "100"));
            assertTrue(expireAt("x:ttl") > System.currentTimeMillis() + 98_000);
            assertEquals(bulk("v"), server.call("GETEX", "x:ttl", "PERSIST"));
            assertEquals(0, expireAt("x:ttl"));
            long at = System.currentTimeMillis() + 200_000;
            server.call("GETEX", "x:ttl", "PXAT", String.valueOf(at));
            assertEquals(at, expireAt("x:ttl"));
            try (Jedis jedis = server.jedis()) {
                assertEquals("v", jedis.getEx("x:ttl", GetExParams.getExParams().px(50_000)));
                assertTrue(expireAt("x:ttl") < at);
            }
        }

        @Test
        void pastAbsoluteTimeDeletesAfterReplying() {
            server.call("SET", "x:past", "v");
            assertEquals(bulk("v"), server.call("GETEX", "x:past", "EXAT", "1"));
            assertEquals(NIL, server.call("GET", "x:past"));
        }

        @Test
        void errorsInRedisOrder() {
            assertEquals(SYNTAX, server.call("GETEX", "x:missing", "PERSIST", "EX", "10"));
            assertEquals(SYNTAX, server.call("GETEX", "x:missing", "EX", "10", "PERSIST"));
            assertEquals(SYNTAX, server.call("GETEX", "x:missing", "NX"));
            assertEquals(SYNTAX, server.call("GETEX", "x:missing", "KEEPTTL"));
            // the key is looked up before the expiry value is read
            assertEquals(NIL, server.call("GETEX", "x:missing", "EX", "abc"));
            assertEquals(NIL, server.call("GETEX", "x:missing", "EX", "0"));
            server.call("SET", "x:err", "v");
            assertEquals(NOT_INTEGER, server.call("GETEX", "x:err", "EX", "abc"));
            assertEquals(invalidExpire("getex"), server.call("GETEX", "x:err", "EX", "0"));
            assertEquals(invalidExpire("getex"), server.call("GETEX", "x:err", "PX", "9223372036854775000"));
            makeList("x:list");
            assertEquals(WRONGTYPE, server.call("GETEX", "x:list", "EX", "0"));
        }
    }

    @Nested
    class MultiKey {
        @Test
        void msetAndMget() {
            assertEquals(OK, server.call("MSET", "m:a", "1", "m:b", "2", "m:a", "3"));
            makeList("m:list");
            assertEquals("*4\r\n" + bulk("3") + bulk("2") + NIL + NIL, server.call("MGET", "m:a", "m:b", "m:list", "m:none"));
            assertEquals("-ERR wrong number of arguments for 'mset' command\r\n", server.call("MSET", "m:a", "1", "m:b"));
        }

        @Test
        void msetClearsTtl() {
            server.call("SET", "m:ttl", "v", "EX", "100");
            server.call("MSET", "m:ttl", "w");
            assertEquals(0, expireAt("m:ttl"));
        }

        @Test
        void msetnxIsAllOrNothing() {
            server.call("SET", "m:exists", "1");
            assertEquals(integer(0), server.call("MSETNX", "m:new1", "1", "m:exists", "2"));
            assertEquals(NIL, server.call("GET", "m:new1"));
            assertEquals(integer(1), server.call("MSETNX", "m:new1", "1", "m:new2", "2"));
            assertEquals("*2\r\n" + bulk("1") + bulk("2"), server.call("MGET", "m:new1", "m:new2"));
            assertEquals(integer(1), server.call("MSETNX", "m:dup", "1", "m:dup", "2"));
            assertEquals(bulk("2"), server.call("GET", "m:dup"));
            makeList("m:nxlist");
            assertEquals(integer(0), server.call("MSETNX", "m:nxlist", "1"));
            assertEquals("-ERR wrong number of arguments for 'msetnx' command\r\n", server.call("MSETNX", "m:a", "1", "m:b"));
        }

        @Test
        void jedisMultiKey() {
            try (Jedis jedis = server.jedis()) {
                assertEquals("OK", jedis.mset("m:j1", "x", "m:j2", "y"));
                assertEquals(Arrays.asList("x", null, "y"), jedis.mget("m:j1", "m:j0", "m:j2"));
                assertEquals(0, jedis.msetnx("m:j1", "z", "m:j3", "z"));
            }
        }
    }

    @Nested
    class Counters {
        @Test
        void incrementsAndDecrements() {
            assertEquals(integer(1), server.call("INCR", "c:n"));
            assertEquals(integer(11), server.call("INCRBY", "c:n", "10"));
            assertEquals(integer(10), server.call("DECR", "c:n"));
            assertEquals(integer(-5), server.call("DECRBY", "c:n", "15"));
            assertEquals(bulk("-5"), server.call("GET", "c:n"));
            assertEquals(integer(-7), server.call("INCRBY", "c:fresh", "-7"));
        }

        @Test
        void onlyCanonicalIntegers() {
            for (String bad : List.of(" 1", "1 ", "+1", "01", "-0", "1.0", "", "12345678901234567890", "1\u0000")) {
                server.call("SET", "c:bad", bad);
                assertEquals(NOT_INTEGER, server.call("INCR", "c:bad"), "'" + bad + "'");
            }
            server.call("SET", "c:good", "-9223372036854775808");
            assertEquals(integer(-9223372036854775807L), server.call("INCR", "c:good"));
        }

        @Test
        void overflow() {
            String overflow = "-ERR increment or decrement would overflow\r\n";
            server.call("SET", "c:max", "9223372036854775807");
            assertEquals(overflow, server.call("INCR", "c:max"));
            assertEquals(integer(-1), server.call("INCRBY", "c:max", "-9223372036854775808"));
            server.call("SET", "c:min", "-9223372036854775808");
            assertEquals(overflow, server.call("DECR", "c:min"));
            assertEquals("-ERR decrement would overflow\r\n", server.call("DECRBY", "c:min", "-9223372036854775808"));
            assertEquals(bulk("-9223372036854775808"), server.call("GET", "c:min"));
        }

        @Test
        void errorsInRedisOrder() {
            makeList("c:list");
            assertEquals(WRONGTYPE, server.call("INCR", "c:list"));
            assertEquals(NOT_INTEGER, server.call("INCRBY", "c:list", "abc")); // the increment is parsed first
            assertEquals(NOT_INTEGER, server.call("DECRBY", "c:list", "abc"));
            assertEquals("-ERR decrement would overflow\r\n", server.call("DECRBY", "c:list", "-9223372036854775808"));
            assertEquals(WRONGTYPE, server.call("INCRBYFLOAT", "c:list", "abc"));
        }

        @Test
        void keepTtl() {
            server.call("SET", "c:ttl", "5", "PX", "100000");
            long before = expireAt("c:ttl");
            server.call("INCR", "c:ttl");
            server.call("INCRBYFLOAT", "c:ttl", "1.5");
            assertEquals(before, expireAt("c:ttl"));
            assertEquals(bulk("7.5"), server.call("GET", "c:ttl"));
        }
    }

    @Nested
    class IncrByFloat {
        /** Replies of Redis 7.0.15 on x86-64, where INCRBYFLOAT computes in 80-bit long double. */
        @Test
        void formatsAsRedis() {
            assertIncrByFloat("10.5", "0.1", "10.6");
            assertIncrByFloat("3.0e3", "0", "3000");
            assertIncrByFloat("0.1", "0.2", "0.3");
            assertIncrByFloat("1e20", "0.1", "100000000000000000000");
            assertIncrByFloat("10", "1.5", "11.5");
            assertIncrByFloat("9223372036854775807", "1", "9223372036854775808");
            assertIncrByFloat("0", "123456789012345678901234567890", "123456789012345678899921813504");
            assertIncrByFloat("0", "3.14159265358979323846264338327950288", "3.14159265358979324");
            assertIncrByFloat("0", "1.5e-10", "0.00000000015");
            assertIncrByFloat("0", "2.5e-17", "0.00000000000000002");
            assertIncrByFloat("0", "0.000000000000000001", "0");
            assertIncrByFloat("0.1", "-0.1", "0");
            assertIncrByFloat("0", "-0.0", "0");
            assertIncrByFloat("-1.1", "+2.2", "1.1");
            assertIncrByFloat("0", ".5", "0.5");
            assertIncrByFloat("0", "5.", "5");
            assertIncrByFloat("0", "0x1p-2", "0.25");
            assertIncrByFloat("0", "0X1P+2", "4");
            assertIncrByFloat("0", "0e99999999999", "0");
            assertIncrByFloat("-953785.63726110796", "0.00000000000000001", "-953785.63726110796000057");
        }

        @Test
        void beyondDoubleRangeAsLongDouble() {
            server.call("SET", "f:huge", "0");
            String reply = server.call("INCRBYFLOAT", "f:huge", "1e400");
            assertTrue(reply.startsWith("$401\r\n100000000000000000002818806839475865145864534336290520386259106935396855"), reply);
            assertEquals(NOT_FLOAT, server.call("INCRBYFLOAT", "f:huge", "1.2e4932"));
            assertEquals(NOT_FLOAT, server.call("INCRBYFLOAT", "f:huge", "1e-5000"));
        }

        @Test
        void rejectsWhatRedisRejects() {
            String nanOrInf = "-ERR increment would produce NaN or Infinity\r\n";
            assertEquals(nanOrInf, server.call("INCRBYFLOAT", "f:e", "inf"));
            assertEquals(nanOrInf, server.call("INCRBYFLOAT", "f:e", "-Infinity"));
            for (String bad : List.of("nan", " 1", "1 ", "1e", "1e+", "-", ".", "0x", "abc", "1\u0000")) {
                assertEquals(NOT_FLOAT, server.call("INCRBYFLOAT", "f:e", bad), "'" + bad + "'");
            }
            assertEquals(NIL, server.call("GET", "f:e"));
            server.call("SET", "f:text", "abc");
            assertEquals(NOT_FLOAT, server.call("INCRBYFLOAT", "f:text", "1"));
            server.call("SET", "f:max", "1.18973149535723176502e+4932");
            assertEquals(nanOrInf, server.call("INCRBYFLOAT", "f:max", "1.18973149535723176502e+4932"));
        }

        @Test
        void jedis() {
            try (Jedis jedis = server.jedis()) {
                assertEquals(10.5, jedis.incrByFloat("f:j", 10.5));
                assertEquals(10.6, jedis.incrByFloat("f:j", 0.1));
                assertEquals("10.6", jedis.get("f:j"));
            }
        }

        private void assertIncrByFloat(String start, String increment, String expected) {
            server.call("SET", "f:k", start);
            assertEquals(bulk(expected), server.call("INCRBYFLOAT", "f:k", increment), start + " + " + increment);
            assertEquals(bulk(expected), server.call("GET", "f:k"));
        }
    }

    @Nested
    class AppendAndRanges {
        @Test
        void append() {
            assertEquals(integer(0), server.call("APPEND", "r:empty", ""));
            assertEquals(bulk(""), server.call("GET", "r:empty")); // created, empty
            assertEquals(integer(5), server.call("APPEND", "r:a", "hello"));
            assertEquals(integer(11), server.call("APPEND", "r:a", " world"));
            assertEquals(bulk("hello world"), server.call("GET", "r:a"));
            makeList("r:alist");
            assertEquals(WRONGTYPE, server.call("APPEND", "r:alist", "x"));
        }

        @Test
        void strlen() {
            server.call("SET", "r:len", "hello");
            assertEquals(integer(5), server.call("STRLEN", "r:len"));
            assertEquals(integer(0), server.call("STRLEN", "r:nolen"));
            makeList("r:lenlist");
            assertEquals(WRONGTYPE, server.call("STRLEN", "r:lenlist"));
        }

        @Test
        void getrangeIndexRules() {
            server.call("SET", "r:g", "Hello");
            assertEquals(bulk("Hello"), server.call("GETRANGE", "r:g", "0", "-1"));
            assertEquals(bulk("llo"), server.call("GETRANGE", "r:g", "-3", "-1"));
            assertEquals(EMPTY, server.call("GETRANGE", "r:g", "-1", "-3"));
            assertEquals(EMPTY, server.call("GETRANGE", "r:g", "10", "20"));
            assertEquals(bulk("Hello"), server.call("GETRANGE", "r:g", "-100", "100"));
            assertEquals(EMPTY, server.call("GETRANGE", "r:g", "3", "1"));
            assertEquals(bulk("H"), server.call("GETRANGE", "r:g", "-6", "-5"));
            assertEquals(bulk("Hello"), server.call("GETRANGE", "r:g", "-9223372036854775808", "9223372036854775807"));
            assertEquals(bulk("el"), server.call("SUBSTR", "r:g", "1", "2"));
            assertEquals(EMPTY, server.call("GETRANGE", "r:missing", "0", "-1"));
            assertEquals(NOT_INTEGER, server.call("GETRANGE", "r:missing", "abc", "1"));
            makeList("r:glist");
            assertEquals(WRONGTYPE, server.call("GETRANGE", "r:glist", "0", "1"));
        }

        @Test
        void setrange() {
            server.call("SET", "r:s", "hello");
            assertEquals(integer(11), server.call("SETRANGE", "r:s", "10", "X"));
            assertEquals("$11\r\nhello\u0000\u0000\u0000\u0000\u0000X\r\n", server.call("GET", "r:s"));
            assertEquals(integer(11), server.call("SETRANGE", "r:s", "1", "\r\n"));
            assertEquals("$11\r\nh\r\nlo\u0000\u0000\u0000\u0000\u0000X\r\n", server.call("GET", "r:s"));
            assertEquals(integer(3), server.call("SETRANGE", "r:new", "2", "x"));
            assertEquals("$3\r\n\u0000\u0000x\r\n", server.call("GET", "r:new"));
        }

        @Test
        void setrangeEdgeCases() {
            assertEquals("-ERR offset is out of range\r\n", server.call("SETRANGE", "r:e", "-1", "x"));
            assertEquals(NOT_INTEGER, server.call("SETRANGE", "r:e", "abc", "x"));
            assertEquals(integer(0), server.call("SETRANGE", "r:e", "5", ""));
            assertEquals(-1, expireAt("r:e")); // an empty value does not create the key
            assertEquals(TOO_LONG, server.call("SETRANGE", "r:e", "536870912", "x"));
            assertEquals(TOO_LONG, server.call("SETRANGE", "r:e", "9223372036854775807", "x"));
            server.call("SET", "r:e2", "hello");
            assertEquals(integer(5), server.call("SETRANGE", "r:e2", "536870912", "")); // nothing to write, no check
            assertEquals(TOO_LONG, server.call("SETRANGE", "r:e2", "536870912", "x"));
            makeList("r:elist");
            assertEquals(WRONGTYPE, server.call("SETRANGE", "r:elist", "0", ""));
        }

        @Test
        void modificationsKeepTtl() {
            server.call("SET", "r:ttl", "v", "PX", "100000");
            long before = expireAt("r:ttl");
            server.call("APPEND", "r:ttl", "x");
            server.call("SETRANGE", "r:ttl", "0", "y");
            assertEquals(before, expireAt("r:ttl"));
            assertEquals(bulk("yx"), server.call("GET", "r:ttl"));
        }

        @Test
        void sizeLimitFollowsProtoMaxBulkLen() {
            long saved = server.server().settings().getProtoMaxBulkLen();
            server.server().settings().setProtoMaxBulkLen(10);
            try {
                server.call("SET", "r:limit", "12345678");
                assertEquals(TOO_LONG, server.call("APPEND", "r:limit", "abc"));
                assertEquals(integer(10), server.call("APPEND", "r:limit", "ab"));
                assertEquals(TOO_LONG, server.call("SETRANGE", "r:limit", "10", "x"));
            } finally {
                server.server().settings().setProtoMaxBulkLen(saved);
            }
        }
    }

    /** Values over 4 KB live outside the meta record; every operation must see through that. */
    @Nested
    class LargeValues {
        @Test
        void appendCrossesAndStaysBeyondTheInlineLimit() {
            String head = repeat('a', 4090);
            server.call("SET", "big:a", head);
            assertEquals(integer(4100), server.call("APPEND", "big:a", "0123456789"));
            assertEquals(integer(4100), server.call("STRLEN", "big:a"));
            assertEquals(bulk("a0123456789"), server.call("GETRANGE", "big:a", "-11", "-1"));
            assertEquals(integer(4103), server.call("APPEND", "big:a", "\r\n\u0000"));
            assertEquals(bulk(head + "0123456789\r\n\u0000"), server.call("GET", "big:a"));
        }

        @Test
        void setrangeAndGetrange() {
            String value = repeat('x', 5000);
            server.call("SET", "big:s", value);
            assertEquals(integer(5002), server.call("SETRANGE", "big:s", "4998", "\u0000\r\nZ"));
            assertEquals(bulk("xx\u0000\r\nZ"), server.call("GETRANGE", "big:s", "4996", "10000"));
            assertEquals(integer(9003), server.call("SETRANGE", "big:s", "9000", "end"));
            assertEquals(bulk("end"), server.call("GETRANGE", "big:s", "-3", "-1"));
            assertEquals(bulk("\u0000\u0000"), server.call("GETRANGE", "big:s", "5002", "5003"));
            assertEquals(integer(9003), server.call("STRLEN", "big:s"));
            assertEquals(integer(4097), server.call("SETRANGE", "big:grow", "4096", "a"));
            assertEquals(bulk(repeat('\u0000', 4096) + "a"), server.call("GET", "big:grow"));
        }

        @Test
        void replacedAndDeletedValuesLeaveNothingBehind() {
            long before = externalValues();
            String big = repeat('b', 5000);
            server.call("MSET", "big:m", big, "big:m", big + "2");
            assertEquals(before + 1, externalValues());
            server.call("APPEND", "big:m", "x");
            server.call("SETRANGE", "big:m", "0", "y");
            server.call("INCRBYFLOAT", "big:n", "1e4200");
            assertEquals(before + 2, externalValues());
            assertEquals(bulk("y" + repeat('b', 4999) + "2x"), server.call("GETSET", "big:m", "small"));
            assertEquals(integer(1), server.call("SETNX", "big:d", big));
            assertEquals(bulk(big), server.call("GETDEL", "big:d"));
            assertEquals(before + 1, externalValues());
            server.call("SET", "big:n", "0");
            assertEquals(before, externalValues());
        }

        @Test
        void lcsOnLargeValues() {
            server.call("SET", "big:l1", repeat('a', 5000) + "XYZ");
            server.call("SET", "big:l2", "XY" + repeat('a', 4500) + "Z");
            assertEquals(integer(4501), server.call("LCS", "big:l1", "big:l2", "LEN"));
        }

        private long externalValues() {
            Engine engine = server.server().keyspace().engine();
            long count = 0;
            try (RocksIterator it = engine.db().newIterator(engine.handle(ColumnFamily.STRINGS))) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    count++;
                }
            }
            return count;
        }
    }

    @Nested
    class Lcs {
        @Test
        void subsequenceAndLength() {
            server.call("MSET", "l:1", "ohmytext", "l:2", "mynewtext");
            assertEquals(bulk("mytext"), server.call("LCS", "l:1", "l:2"));
            assertEquals(integer(6), server.call("LCS", "l:1", "l:2", "LEN"));
            assertEquals(integer(6), server.call("LCS", "l:1", "l:2", "len", "withmatchlen"));
            assertEquals(EMPTY, server.call("LCS", "l:none1", "l:none2"));
        }

        @Test
        void idx() {
            server.call("MSET", "l:1", "ohmytext", "l:2", "mynewtext");
            String text = "*2\r\n*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n";
            String my = "*2\r\n*2\r\n:2\r\n:3\r\n*2\r\n:0\r\n:1\r\n";
            assertEquals("*4\r\n$7\r\nmatches\r\n*2\r\n" + text + my + "$3\r\nlen\r\n:6\r\n",
                    server.call("LCS", "l:1", "l:2", "IDX"));
            assertEquals("*4\r\n$7\r\nmatches\r\n*1\r\n*3\r\n*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n:4\r\n$3\r\nlen\r\n:6\r\n",
                    server.call("LCS", "l:1", "l:2", "IDX", "MINMATCHLEN", "4", "WITHMATCHLEN"));
            assertEquals("*4\r\n$7\r\nmatches\r\n*2\r\n" + text + my + "$3\r\nlen\r\n:6\r\n",
                    server.call("LCS", "l:1", "l:2", "MINMATCHLEN", "-5", "IDX"));
            assertEquals("*4\r\n$7\r\nmatches\r\n*0\r\n$3\r\nlen\r\n:0\r\n", server.call("LCS", "l:none", "l:2", "IDX"));
        }

        @Test
        void tieBreaksAsRedis() {
            server.call("MSET", "l:a", "abcabcabcxyzxyz", "l:b", "xyzabcxyzabcabc");
            assertEquals(bulk("abcabcabc"), server.call("LCS", "l:a", "l:b"));
            assertEquals("*4\r\n$7\r\nmatches\r\n*2\r\n"
                            + "*3\r\n*2\r\n:3\r\n:8\r\n*2\r\n:9\r\n:14\r\n:6\r\n"
                            + "*3\r\n*2\r\n:0\r\n:2\r\n*2\r\n:3\r\n:5\r\n:3\r\n"
                            + "$3\r\nlen\r\n:9\r\n",
                    server.call("LCS", "l:a", "l:b", "IDX", "WITHMATCHLEN"));
        }

        @Test
        void errors() {
            server.call("MSET", "l:1", "a", "l:2", "b");
            makeList("l:list");
            assertEquals("-ERR The specified keys must contain string values\r\n", server.call("LCS", "l:1", "l:list"));
            assertEquals("-ERR The specified keys must contain string values\r\n", server.call("LCS", "l:list", "l:1", "bogus"));
            assertEquals("-ERR If you want both the length and indexes, please just use IDX.\r\n",
                    server.call("LCS", "l:1", "l:2", "LEN", "IDX"));
            assertEquals(SYNTAX, server.call("LCS", "l:1", "l:2", "MINMATCHLEN"));
            assertEquals(SYNTAX, server.call("LCS", "l:1", "l:2", "foo"));
            assertEquals(NOT_INTEGER, server.call("LCS", "l:1", "l:2", "MINMATCHLEN", "abc"));
        }

        @Test
        void memoryLimitAsRedis() {
            server.call("SETRANGE", "l:big1", "11584", "x");
            server.call("SETRANGE", "l:big2", "11584", "y");
            assertEquals("-ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len\r\n",
                    server.call("LCS", "l:big1", "l:big2", "LEN"));
            server.call("SETRANGE", "l:ok1", "11583", "x");
            server.call("SETRANGE", "l:ok2", "11583", "y");
            assertEquals(integer(11583), server.call("LCS", "l:ok1", "l:ok2", "LEN"));
        }
    }

    @Test
    void respThreeReplies() {
        try (RawConnection resp3 = server.raw()) {
            resp3.call("HELLO", "3");
            resp3.call("MSET", "3:a", "ohmytext", "3:b", "mynewtext");
            assertEquals("*2\r\n$8\r\nohmytext\r\n_\r\n", resp3.call("MGET", "3:a", "3:none"));
            assertEquals("_\r\n", resp3.call("GETEX", "3:none"));
            assertEquals("%2\r\n$7\r\nmatches\r\n*1\r\n*3\r\n*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n:4\r\n$3\r\nlen\r\n:6\r\n",
                    resp3.call("LCS", "3:a", "3:b", "IDX", "MINMATCHLEN", "4", "WITHMATCHLEN"));
        }
    }

    @Test
    void valuesSurviveRestart() {
        try (TestServer restarting = TestServer.start()) {
            String big = repeat('z', 6000) + "\r\n\u0000";
            try (RawConnection c = restarting.raw()) {
                c.call("MSET", "p:small", "a\u0000b", "p:big", big, "p:n", "41");
                c.call("INCR", "p:n");
                c.call("APPEND", "p:big", "!");
                c.call("SETEX", "p:ttl", "1000", "t");
                c.call("INCRBYFLOAT", "p:f", "0.1");
                c.call("INCRBYFLOAT", "p:f", "0.2");
            }
            long expireAt = restarting.server().keyspace().peek(0, "p:ttl".getBytes(StandardCharsets.UTF_8)).expireAt();
            restarting.restart();
            try (RawConnection c = restarting.raw()) {
                assertEquals("*5\r\n" + bulk("a\u0000b") + bulk(big + "!") + bulk("42") + bulk("t") + bulk("0.3"),
                        c.call("MGET", "p:small", "p:big", "p:n", "p:ttl", "p:f"));
                assertEquals(integer(6004), c.call("STRLEN", "p:big"));
            }
            assertEquals(expireAt, restarting.server().keyspace().peek(0, "p:ttl".getBytes(StandardCharsets.UTF_8)).expireAt());
        }
    }
}
