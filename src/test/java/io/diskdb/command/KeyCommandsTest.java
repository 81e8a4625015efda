package io.diskdb.command;

import io.diskdb.storage.ColumnFamily;
import io.diskdb.storage.DataType;
import io.diskdb.storage.KeyCodec;
import io.diskdb.storage.Keyspace;
import io.diskdb.storage.Metadata;
import io.diskdb.storage.Transaction;
import io.diskdb.testing.ServerPerTest;
import io.diskdb.testing.StoredRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.diskdb.testing.Resp.error;
import static io.diskdb.testing.Resp.integer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyCommandsTest {
    @RegisterExtension
    final ServerPerTest server = new ServerPerTest();

    private String call(String... args) {
        return server.call(args);
    }

    // ---- DEL, UNLINK, EXISTS, TOUCH, TYPE -------------------------------------------------

    @Test
    void delAndUnlinkCountEachExistingKeyOnce() {
        call("SET", "a", "1");
        call("SET", "b", "2");
        call("SET", "c", "3");
        assertEquals(integer(2), call("DEL", "a", "b", "a", "missing"));
        assertEquals(integer(1), call("UNLINK", "c", "c"));
        assertEquals(integer(0), call("DEL", "a"));
        assertEquals("$-1\r\n", call("GET", "c"));
        assertEquals(error("ERR wrong number of arguments for 'del' command"), call("DEL"));
    }

    @Test
    void existsAndTouchCountDuplicates() {
        call("SET", "a", "1");
        call("SET", "b", "2");
        assertEquals(integer(3), call("EXISTS", "a", "a", "b", "missing"));
        assertEquals(integer(0), call("EXISTS", "missing"));
        assertEquals(integer(2), call("TOUCH", "a", "missing", "b"));
    }

    @Test
    void typeNamesTheValueOrNone() {
        call("SET", "s", "v");
        putHash("h", 3);
        assertEquals("+string\r\n", call("TYPE", "s"));
        assertEquals("+hash\r\n", call("TYPE", "h"));
        assertEquals("+none\r\n", call("TYPE", "missing"));
    }

    // ---- EXPIRE family ---------------------------------------------------------------------

    @Test
    void expireSetsTtlInSecondsAndMilliseconds() {
        call("SET", "k", "v");
        assertEquals(integer(1), call("EXPIRE", "k", "100"));
        assertEquals(integer(100), call("TTL", "k"));
        long pttl = Long.parseLong(call("PTTL", "k").substring(1).trim());
        assertTrue(pttl > 99_000 && pttl <= 100_000, "pttl " + pttl);
        assertEquals(integer(1), call("PEXPIRE", "k", "5000"));
        assertEquals(integer(5), call("TTL", "k"));
        assertEquals(integer(0), call("EXPIRE", "missing", "10"));
    }

    @Test
    void expireAtAndExpireTimeUseAbsoluteUnixTime() {
        call("SET", "k", "v");
        long at = System.currentTimeMillis() / 1000 + 1000;
        assertEquals(integer(1), call("EXPIREAT", "k", Long.toString(at)));
        assertEquals(integer(at), call("EXPIRETIME", "k"));
        assertEquals(integer(at * 1000), call("PEXPIRETIME", "k"));
        assertEquals(integer(1), call("PEXPIREAT", "k", Long.toString(at * 1000 + 1499)));
        assertEquals(integer(at + 1), call("EXPIRETIME", "k"), "rounded to the nearest second");
        call("SET", "p", "v");
        assertEquals(integer(-1), call("EXPIRETIME", "p"));
        assertEquals(integer(-1), call("PEXPIRETIME", "p"));
        assertEquals(integer(-2), call("EXPIRETIME", "missing"));
        assertEquals(integer(-2), call("PEXPIRETIME", "missing"));
    }

    @Test
    void ttlOfMissingAndPersistentKeys() {
        call("SET", "k", "v");
        assertEquals(integer(-1), call("TTL", "k"));
        assertEquals(integer(-1), call("PTTL", "k"));
        assertEquals(integer(-2), call("TTL", "missing"));
        assertEquals(integer(-2), call("PTTL", "missing"));
    }

    @Test
    void aTimeInThePastDeletesTheKey() {
        call("SET", "a", "v");
        call("SET", "b", "v");
        call("SET", "c", "v");
        assertEquals(integer(1), call("EXPIRE", "a", "-1"));
        assertEquals(integer(1), call("PEXPIREAT", "b", "0"));
        assertEquals(integer(1), call("EXPIREAT", "c", "1"));
        assertEquals(integer(0), call("EXISTS", "a", "b", "c"));
        assertEquals(integer(0), call("DBSIZE"));
    }

    @Test
    void expireConditions() {
        call("SET", "k", "v");
        assertEquals(integer(0), call("EXPIRE", "k", "100", "XX"), "XX needs an expiry");
        assertEquals(integer(0), call("EXPIRE", "k", "100", "GT"), "no expiry counts as infinite for GT");
        assertEquals(integer(1), call("EXPIRE", "k", "100", "LT"), "no expiry counts as infinite for LT");
        assertEquals(integer(0), call("EXPIRE", "k", "200", "NX"));
        assertEquals(integer(1), call("EXPIRE", "k", "200", "xx"));
        assertEquals(integer(0), call("EXPIRE", "k", "150", "gt"));
        assertEquals(integer(1), call("EXPIRE", "k", "300", "GT"));
        assertEquals(integer(0), call("EXPIRE", "k", "400", "LT"));
        assertEquals(integer(1), call("EXPIRE", "k", "50", "LT", "XX"));
        assertEquals(integer(50), call("TTL", "k"));
        call("PERSIST", "k");
        assertEquals(integer(1), call("EXPIRE", "k", "70", "NX"));
        assertEquals(integer(70), call("TTL", "k"));
    }

    @Test
    void expireOptionErrors() {
        call("SET", "k", "v");
        String nxConflict = error("ERR NX and XX, GT or LT options at the same time are not compatible");
        assertEquals(nxConflict, call("EXPIRE", "k", "10", "NX", "XX"));
        assertEquals(nxConflict, call("EXPIRE", "k", "10", "NX", "GT"));
        assertEquals(nxConflict, call("PEXPIRE", "k", "10", "LT", "NX"));
        assertEquals(nxConflict, call("EXPIRE", "k", "notanumber", "NX", "XX"), "options are checked first");
        assertEquals(error("ERR GT and LT options at the same time are not compatible"),
                call("EXPIRE", "k", "10", "GT", "LT"));
        assertEquals(error("ERR Unsupported option foo"), call("EXPIRE", "k", "10", "foo"));
        assertEquals(error(Errors.NOT_INTEGER), call("EXPIRE", "k", "ten"));
        assertEquals(integer(-1), call("TTL", "k"), "errors change nothing");
    }

    @Test
    void expireOverflowIsAnError() {
        call("SET", "k", "v");
        assertEquals(error("ERR invalid expire time in 'expire' command"), call("EXPIRE", "k", "9223372036854775807"));
        assertEquals(error("ERR invalid expire time in 'expire' command"), call("EXPIRE", "k", "-9223372036854775808"));
        assertEquals(error("ERR invalid expire time in 'pexpire' command"), call("PEXPIRE", "k", "9223372036854775807"));
        assertEquals(error("ERR invalid expire time in 'expireat' command"), call("EXPIREAT", "k", "9223372036854775807"));
        assertEquals(integer(1), call("PEXPIREAT", "k", "9223372036854775807"));
        assertEquals(integer(Long.MAX_VALUE), call("PEXPIRETIME", "k"));
    }

    @Test
    void persistRemovesTheExpiry() {
        call("SET", "k", "v", "EX", "100");
        assertEquals(integer(1), call("PERSIST", "k"));
        assertEquals(integer(-1), call("TTL", "k"));
        assertEquals(integer(0), call("PERSIST", "k"));
        assertEquals(integer(0), call("PERSIST", "missing"));
    }

    @Test
    void lazyExpiryHidesAKeyAsSoonAsItsTimeHasCome() throws InterruptedException {
        call("SET", "k", "v", "PX", "30");
        Thread.sleep(40);
        assertEquals(integer(0), call("EXISTS", "k"));
        assertEquals(integer(-2), call("TTL", "k"));
        assertEquals("$-1\r\n", call("GET", "k"));
        assertEquals("*0\r\n", call("KEYS", "*"));
    }

    @Test
    void activeExpiryRemovesKeysNobodyReads() throws InterruptedException {
        try (Jedis jedis = server.jedis()) {
            var pipeline = jedis.pipelined();
            for (int i = 0; i < 1000; i++) {
                pipeline.set("k" + i, "v");
                pipeline.pexpire("k" + i, 50);
            }
            pipeline.sync();
            long deadline = System.currentTimeMillis() + 2000;
            while (jedis.dbSize() > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(0, jedis.dbSize());
        }
    }

    // ---- RENAME, COPY, MOVE ------------------------------------------------------------------

    @Test
    void renameMovesValueAndTtl() {
        call("SET", "a", "1", "EX", "100");
        call("SET", "b", "old");
        assertEquals("+OK\r\n", call("RENAME", "a", "b"));
        assertEquals("$1\r\n1\r\n", call("GET", "b"));
        assertEquals(integer(100), call("TTL", "b"));
        assertEquals(integer(0), call("EXISTS", "a"));
        assertEquals(integer(1), call("DBSIZE"));
        assertEquals("+OK\r\n", call("RENAME", "b", "b"), "renaming to itself is a no-op");
        assertEquals(integer(100), call("TTL", "b"));
        assertEquals(error("ERR no such key"), call("RENAME", "missing", "x"));
        assertEquals(error("ERR no such key"), call("RENAMENX", "missing", "x"));
    }

    @Test
    void renameKeepsTtlAcrossRestart() {
        call("SET", "a", "1", "EX", "100");
        call("RENAME", "a", "b");
        server.restart();
        assertEquals(integer(100), call("TTL", "b"));
        assertEquals(integer(1), call("DBSIZE"));
    }

    @Test
    void renamenxOnlyRenamesToAFreeName() {
        call("SET", "a", "1");
        call("SET", "b", "2");
        assertEquals(integer(0), call("RENAMENX", "a", "b"));
        assertEquals(integer(0), call("RENAMENX", "a", "a"));
        assertEquals(integer(1), call("RENAMENX", "a", "c"));
        assertEquals("$1\r\n1\r\n", call("GET", "c"));
        assertEquals("$1\r\n2\r\n", call("GET", "b"));
    }

    @Test
    void renameOfACollectionKeepsItsElementsAndDropsTheReplacedOnes() {
        long moved = putHash("h", 50);
        long replaced = putHash("target", 20);
        assertEquals("+OK\r\n", call("RENAME", "h", "target"));
        assertEquals(50, elementCount(ColumnFamily.HASHES, moved), "renamed value keeps its elements");
        assertEquals(0, elementCount(ColumnFamily.HASHES, replaced), "overwritten value's elements are gone");
        assertEquals("+hash\r\n", call("TYPE", "target"));
        assertEquals(integer(1), call("DEL", "target"));
        assertEquals(0, elementCount(ColumnFamily.HASHES, moved), "deleting the new name removes the elements");
    }

    @Test
    void renameAndCopyOfLargeStrings() {
        String big = "x".repeat(10_000);
        try (Jedis jedis = server.jedis()) {
            jedis.set("big", big);
            jedis.rename("big", "moved");
            assertEquals(big, jedis.get("moved"));
            assertTrue(jedis.copy("moved", "copy", false));
            jedis.del("moved");
            assertEquals(big, jedis.get("copy"));
            assertEquals("raw", jedis.objectEncoding("copy"));
        }
    }

    @Test
    void copyDuplicatesValueAndTtl() {
        call("SET", "src", "v", "EX", "100");
        call("SET", "taken", "old");
        assertEquals(integer(1), call("COPY", "src", "dst"));
        assertEquals("$1\r\nv\r\n", call("GET", "dst"));
        assertEquals(integer(100), call("TTL", "dst"));
        assertEquals(integer(0), call("COPY", "src", "taken"));
        assertEquals("$3\r\nold\r\n", call("GET", "taken"));
        assertEquals(integer(1), call("COPY", "src", "taken", "REPLACE"));
        assertEquals("$1\r\nv\r\n", call("GET", "taken"));
        assertEquals(integer(0), call("COPY", "missing", "x"));
        assertEquals(integer(1), call("COPY", "src", "src", "DB", "1"));
        assertEquals(integer(0), call("COPY", "src", "src", "DB", "1"));
        assertEquals(integer(1), call("COPY", "src", "src", "DB", "1", "DB", "2"), "the last DB option wins");
        assertEquals("+OK\r\n", call("SELECT", "1"));
        assertEquals("$1\r\nv\r\n", call("GET", "src"));
        assertEquals(integer(100), call("TTL", "src"));
    }

    @Test
    void copyErrors() {
        call("SET", "src", "v");
        String same = error("ERR source and destination objects are the same");
        assertEquals(same, call("COPY", "src", "src"));
        assertEquals(same, call("COPY", "src", "src", "DB", "0"));
        assertEquals(error(Errors.NOT_INTEGER), call("COPY", "src", "d", "DB", "x"));
        assertEquals(error("ERR DB index is out of range"), call("COPY", "src", "d", "DB", "16"));
        assertEquals(error("ERR syntax error"), call("COPY", "src", "d", "DB"));
        assertEquals(error("ERR syntax error"), call("COPY", "src", "d", "FOO"));
    }

    @Test
    void copyOfACollectionIsIndependent() {
        long original = putHash("h", 30);
        assertEquals(integer(1), call("COPY", "h", "h2"));
        Metadata copy = server.server().keyspace().peek(0, bytes("h2"));
        assertNotEquals(original, copy.version());
        assertEquals(30, copy.count());
        assertEquals(30, elementCount(ColumnFamily.HASHES, copy.version()));
        assertEquals(integer(1), call("DEL", "h"));
        assertEquals(0, elementCount(ColumnFamily.HASHES, original));
        assertEquals(30, elementCount(ColumnFamily.HASHES, copy.version()));
    }

    @Test
    void moveToAnotherDatabase() {
        call("SET", "k", "v", "EX", "100");
        assertEquals(integer(1), call("MOVE", "k", "3"));
        assertEquals(integer(0), call("EXISTS", "k"));
        assertEquals(integer(0), call("MOVE", "k", "3"), "missing key");
        call("SET", "k", "here");
        assertEquals(integer(0), call("MOVE", "k", "3"), "taken in the target");
        call("SELECT", "3");
        assertEquals("$1\r\nv\r\n", call("GET", "k"));
        assertEquals(integer(100), call("TTL", "k"));
        assertEquals(integer(1), call("DBSIZE"));
        assertEquals(error("ERR source and destination objects are the same"), call("MOVE", "k", "3"));
        assertEquals(error("ERR DB index is out of range"), call("MOVE", "k", "16"));
        assertEquals(error(Errors.NOT_INTEGER), call("MOVE", "k", "x"));
        assertEquals(error("ERR value is out of range, value must between -2147483648 and 2147483647"),
                call("MOVE", "k", "99999999999"));
    }

    @Test
    void moveOfACollectionKeepsItsElements() {
        long version = putHash("h", 10);
        assertEquals(integer(1), call("MOVE", "h", "1"));
        assertEquals(10, elementCount(ColumnFamily.HASHES, version));
        call("SELECT", "1");
        assertEquals("+hash\r\n", call("TYPE", "h"));
    }

    // ---- KEYS, SCAN, RANDOMKEY ---------------------------------------------------------------

    @Test
    void keysMatchesGlobPatterns() {
        for (String key : List.of("hello", "hallo", "hxllo", "hllo", "heeeello", "Hello", "h*llo")) {
            call("SET", key, "v");
        }
        assertEquals(Set.of("hello", "hallo", "hxllo", "h*llo"), keys("h?llo"));
        assertEquals(Set.of("hello", "hallo", "hxllo", "hllo", "heeeello", "h*llo"), keys("h*llo"));
        assertEquals(Set.of("hello", "hallo"), keys("h[ae]llo"));
        assertEquals(Set.of("hxllo"), keys("h[^ae*]llo"));
        assertEquals(Set.of("hallo", "hello"), keys("h[a-e]llo"));
        assertEquals(Set.of("h*llo"), keys("h\\*llo"));
        assertEquals(7, keys("*").size());
        assertEquals(Set.of(), keys("nothing*"));
    }

    private Set<String> keys(String pattern) {
        try (Jedis jedis = server.jedis()) {
            return jedis.keys(pattern);
        }
    }

    @Test
    void scanReturnsEveryKeyExactlyOnce() {
        try (Jedis jedis = server.jedis()) {
            Set<String> expected = fill(jedis, "key:", 1000);
            for (int count : new int[]{1, 10, 97, 5000}) {
                Map<String, Integer> seen = fullScan(jedis, new ScanParams().count(count));
                assertEquals(expected, seen.keySet(), "COUNT " + count);
                assertTrue(seen.values().stream().allMatch(n -> n == 1), "a key was returned twice with COUNT " + count);
            }
        }
    }

    @Test
    void scanFiltersByMatchAndType() {
        try (Jedis jedis = server.jedis()) {
            fill(jedis, "a:", 50);
            fill(jedis, "b:", 50);
            putHash("a:hash", 2);
            Map<String, Integer> onlyA = fullScan(jedis, new ScanParams().match("a:*").count(7));
            assertEquals(51, onlyA.size());
            assertTrue(onlyA.keySet().stream().allMatch(k -> k.startsWith("a:")));
            assertEquals(Set.of("a:hash"), fullScan(jedis, new ScanParams().count(7), "HASH").keySet());
            assertEquals(50, fullScan(jedis, new ScanParams().match("b:*").count(7), "string").size());
        }
        assertEquals("*2\r\n$1\r\n0\r\n*0\r\n", call("SCAN", "0", "TYPE", "nosuchtype", "COUNT", "1000"));
    }

    @Test
    void scanCountsRecordsBeforeFiltering() {
        try (Jedis jedis = server.jedis()) {
            fill(jedis, "k", 100);
            ScanResult<String> page = jedis.scan("0", new ScanParams().match("nothing").count(10));
            assertTrue(page.getResult().isEmpty());
            assertNotEquals("0", page.getCursor(), "the walk stops after about COUNT records even if none match");
        }
    }

    @Test
    void scanErrors() {
        assertEquals(error("ERR invalid cursor"), call("SCAN", "abc"));
        assertEquals(error("ERR invalid cursor"), call("SCAN", " 0"));
        assertEquals(error("ERR invalid cursor"), call("SCAN", "18446744073709551616"));
        assertEquals(error("ERR syntax error"), call("SCAN", "0", "COUNT", "0"));
        assertEquals(error(Errors.NOT_INTEGER), call("SCAN", "0", "COUNT", "x"));
        assertEquals(error("ERR syntax error"), call("SCAN", "0", "MATCH"));
        assertEquals(error("ERR syntax error"), call("SCAN", "0", "FOO", "bar"));
        assertEquals("*2\r\n$1\r\n0\r\n*0\r\n", call("SCAN", "18446744073709551615"), "past the keyspace: done");
        assertEquals("*2\r\n$1\r\n0\r\n*0\r\n", call("SCAN", "+0"));
    }

    @Test
    void scanSeesEveryStableKeyUnderConcurrentWrites() throws Exception {
        try (Jedis jedis = server.jedis()) {
            Set<String> stable = fill(jedis, "stable:", 1000);
            AtomicBoolean running = new AtomicBoolean(true);
            Thread churn = new Thread(() -> {
                try (Jedis writer = server.jedis()) {
                    for (int i = 0; running.get(); i++) {
                        writer.set("churn:" + i, "v");
                        if (i >= 50) {
                            writer.del("churn:" + (i - 50));
                        }
                    }
                }
            });
            churn.start();
            try {
                for (int round = 0; round < 3; round++) {
                    Set<String> seen = fullScan(jedis, new ScanParams().count(10)).keySet();
                    assertTrue(seen.containsAll(stable), "round " + round + " missed stable keys");
                }
            } finally {
                running.set(false);
                churn.join();
            }
        }
    }

    @Test
    void scanCursorStaysValidAcrossRestart() {
        Set<String> expected;
        Set<String> seen = new HashSet<>();
        String cursor;
        try (Jedis jedis = server.jedis()) {
            expected = fill(jedis, "key:", 300);
            ScanResult<String> first = jedis.scan("0", new ScanParams().count(100));
            seen.addAll(first.getResult());
            cursor = first.getCursor();
            assertNotEquals("0", cursor);
        }
        server.restart();
        try (Jedis jedis = server.jedis()) {
            do {
                ScanResult<String> page = jedis.scan(cursor, new ScanParams().count(100));
                for (String key : page.getResult()) {
                    assertTrue(seen.add(key), "returned twice: " + key);
                }
                cursor = page.getCursor();
            } while (!cursor.equals("0"));
        }
        assertEquals(expected, seen);
    }

    @Test
    void scanSkipsExpiredKeys() throws InterruptedException {
        try (Jedis jedis = server.jedis()) {
            fill(jedis, "live:", 20);
            for (int i = 0; i < 20; i++) {
                jedis.set("dying:" + i, "v");
                jedis.pexpire("dying:" + i, 20);
            }
            Thread.sleep(30);
            Set<String> seen = fullScan(jedis, new ScanParams().count(5)).keySet();
            assertTrue(seen.stream().allMatch(k -> k.startsWith("live:")), seen.toString());
            assertEquals(20, seen.size());
        }
    }

    @Test
    void randomkeyReturnsAnExistingKeyOrNil() {
        assertEquals("$-1\r\n", call("RANDOMKEY"));
        try (Jedis jedis = server.jedis()) {
            Set<String> keys = fill(jedis, "r", 20);
            Set<String> picked = new HashSet<>();
            for (int i = 0; i < 200; i++) {
                String key = jedis.randomKey();
                assertTrue(keys.contains(key), key);
                picked.add(key);
            }
            assertTrue(picked.size() > 1, "always the same key: " + picked);
        }
    }

    // ---- DBSIZE, FLUSHDB, FLUSHALL, SWAPDB -----------------------------------------------------

    @Test
    void dbsizeIsExactAndSurvivesRestart() {
        try (Jedis jedis = server.jedis()) {
            fill(jedis, "k", 123);
            jedis.del("k0", "k1", "k1");
            jedis.set("k2", "overwrite");
            assertEquals(121, jedis.dbSize());
        }
        server.restart();
        assertEquals(integer(121), call("DBSIZE"));
    }

    @Test
    void flushdbEmptiesOnlyTheSelectedDatabase() {
        call("SET", "a", "1");
        putHash("h", 10);
        call("SELECT", "1");
        call("SET", "b", "1");
        call("SELECT", "0");
        assertEquals("+OK\r\n", call("FLUSHDB"));
        assertEquals(integer(0), call("DBSIZE"));
        assertEquals("*0\r\n", call("KEYS", "*"));
        call("SELECT", "1");
        assertEquals(integer(1), call("DBSIZE"));
        assertEquals("+OK\r\n", call("FLUSHDB", "async"));
        assertEquals("+OK\r\n", call("FLUSHDB", "SYNC"));
        assertEquals(error("ERR syntax error"), call("FLUSHDB", "later"));
        assertEquals(error("ERR syntax error"), call("FLUSHDB", "ASYNC", "SYNC"));
    }

    @Test
    void flushallEmptiesEveryDatabaseDurably() {
        call("SET", "a", "1", "EX", "100");
        for (int db = 1; db < 16; db += 5) {
            call("SELECT", Integer.toString(db));
            call("SET", "k" + db, "v");
        }
        assertEquals("+OK\r\n", call("FLUSHALL"));
        assertEquals(error("ERR syntax error"), call("FLUSHALL", "now"));
        server.restart();
        for (int db = 0; db < 16; db++) {
            call("SELECT", Integer.toString(db));
            assertEquals(integer(0), call("DBSIZE"), "db " + db);
            assertEquals("*0\r\n", call("KEYS", "*"), "db " + db);
        }
        assertEquals(0, server.server().keyspace().expiringKeyCount(0));
    }

    @Test
    void swapdbSwapsContentsDurably() {
        call("SET", "zero", "0");
        call("SELECT", "1");
        call("SET", "one", "1");
        call("SET", "uno", "1");
        assertEquals("+OK\r\n", call("SWAPDB", "0", "1"));
        assertEquals(integer(1), call("DBSIZE"));
        assertEquals("$1\r\n0\r\n", call("GET", "zero"));
        server.restart();
        assertEquals(integer(2), call("DBSIZE"));
        assertEquals("$1\r\n1\r\n", call("GET", "one"));
        call("SELECT", "1");
        assertEquals("$1\r\n0\r\n", call("GET", "zero"));
        assertEquals(integer(1), call("DBSIZE"));
    }

    @Test
    void swapdbErrors() {
        assertEquals(error("ERR invalid first DB index"), call("SWAPDB", "x", "1"));
        assertEquals(error("ERR invalid second DB index"), call("SWAPDB", "1", "x"));
        assertEquals(error("ERR DB index is out of range"), call("SWAPDB", "1", "16"));
        assertEquals(error("ERR DB index is out of range"), call("SWAPDB", "-1", "1"));
        assertEquals("+OK\r\n", call("SWAPDB", "2", "2"));
    }

    // ---- OBJECT --------------------------------------------------------------------------------

    @Test
    void objectEncodingFollowsRedisStringRules() {
        call("SET", "int", "12345");
        call("SET", "negative", "-9223372036854775808");
        call("SET", "padded", "007");
        call("SET", "short", "hello");
        call("SET", "long", "a".repeat(45));
        call("SET", "limit", "a".repeat(44));
        assertEquals("$3\r\nint\r\n", call("OBJECT", "ENCODING", "int"));
        assertEquals("$3\r\nint\r\n", call("OBJECT", "ENCODING", "negative"));
        assertEquals("$6\r\nembstr\r\n", call("OBJECT", "ENCODING", "padded"));
        assertEquals("$6\r\nembstr\r\n", call("OBJECT", "ENCODING", "short"));
        assertEquals("$6\r\nembstr\r\n", call("OBJECT", "ENCODING", "limit"));
        assertEquals("$3\r\nraw\r\n", call("OBJECT", "ENCODING", "long"));
        call("HSET", "small", "a", "1", "b", "2");
        call("HSET", "large", "f", "a".repeat(65)); // longer than hash-max-listpack-value
        assertEquals("$8\r\nlistpack\r\n", call("OBJECT", "ENCODING", "small"));
        assertEquals("$9\r\nhashtable\r\n", call("OBJECT", "ENCODING", "large"));
        assertEquals("$-1\r\n", call("OBJECT", "ENCODING", "missing"));
    }

    @Test
    void objectRefcountIdletimeFreq() throws InterruptedException {
        call("SET", "shared", "5");
        call("SET", "k", "hello");
        assertEquals(integer(Integer.MAX_VALUE), call("OBJECT", "REFCOUNT", "shared"));
        assertEquals(integer(1), call("OBJECT", "REFCOUNT", "k"));
        assertEquals("$-1\r\n", call("OBJECT", "REFCOUNT", "missing"));
        assertEquals(integer(0), call("OBJECT", "IDLETIME", "k"));
        Thread.sleep(1100);
        assertEquals(integer(1), call("OBJECT", "IDLETIME", "k"));
        call("GET", "k");
        assertEquals(integer(0), call("OBJECT", "IDLETIME", "k"));
        assertEquals("$-1\r\n", call("OBJECT", "IDLETIME", "missing"));
        assertEquals(error("ERR An LFU maxmemory policy is not selected, access frequency not tracked. "
                + "Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust."),
                call("OBJECT", "FREQ", "k"));
        assertEquals("$-1\r\n", call("OBJECT", "FREQ", "missing"));
    }

    @Test
    void objectFollowsTheMaxmemoryPolicyAsRedisDoes() {
        call("SET", "k", "hello");
        call("SET", "shared", "5");
        assertEquals("+OK\r\n", call("CONFIG", "SET", "maxmemory-policy", "allkeys-lfu"));
        assertEquals(error("ERR An LFU maxmemory policy is selected, idle time not tracked. "
                + "Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust."),
                call("OBJECT", "IDLETIME", "k"));
        assertEquals(integer(5), call("OBJECT", "FREQ", "k"), "Redis's counter of a key not used often");
        assertEquals("$-1\r\n", call("OBJECT", "FREQ", "missing"));
        assertEquals(integer(Integer.MAX_VALUE), call("OBJECT", "REFCOUNT", "shared"), "maxmemory 0 still shares");
        call("CONFIG", "SET", "maxmemory-policy", "volatile-lru");
        call("CONFIG", "SET", "maxmemory", "100mb");
        assertEquals(integer(1), call("OBJECT", "REFCOUNT", "shared"), "LRU fields rule out shared integers");
        call("CONFIG", "SET", "hash-max-listpack-entries", "2");
        call("HSET", "h", "a", "1", "b", "2", "c", "3");
        assertEquals("$9\r\nhashtable\r\n", call("OBJECT", "ENCODING", "h"));
    }

    @Test
    void objectHelpAndErrors() {
        assertEquals("*15\r\n+OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n"
                + "+ENCODING <key>\r\n"
                + "+    Return the kind of internal representation used in order to store the value\r\n"
                + "+    associated with a <key>.\r\n"
                + "+FREQ <key>\r\n"
                + "+    Return the access frequency index of the <key>. The returned integer is\r\n"
                + "+    proportional to the logarithm of the recent access frequency of the key.\r\n"
                + "+IDLETIME <key>\r\n"
                + "+    Return the idle time of the <key>, that is the approximated number of\r\n"
                + "+    seconds elapsed since the last access to the key.\r\n"
                + "+REFCOUNT <key>\r\n"
                + "+    Return the number of references of the value associated with the specified\r\n"
                + "+    <key>.\r\n"
                + "+HELP\r\n"
                + "+    Prints this help.\r\n", call("OBJECT", "HELP"));
        assertEquals(error("ERR unknown subcommand 'foo'. Try OBJECT HELP."), call("OBJECT", "foo", "k"));
        assertEquals(error("ERR wrong number of arguments for 'object' command"), call("OBJECT"));
        assertEquals(error("ERR wrong number of arguments for 'object|encoding' command"), call("OBJECT", "ENCODING"));
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static Set<String> fill(Jedis jedis, String prefix, int count) {
        Set<String> keys = new HashSet<>();
        var pipeline = jedis.pipelined();
        for (int i = 0; i < count; i++) {
            pipeline.set(prefix + i, "v");
            keys.add(prefix + i);
        }
        pipeline.sync();
        return keys;
    }

    /** Each key a whole SCAN iteration returned, with how many times it came back. */
    private static Map<String, Integer> fullScan(Jedis jedis, ScanParams params) {
        return fullScan(jedis, params, null);
    }

    private static Map<String, Integer> fullScan(Jedis jedis, ScanParams params, String type) {
        Map<String, Integer> seen = new HashMap<>();
        String cursor = "0";
        do {
            ScanResult<String> page = type == null ? jedis.scan(cursor, params) : jedis.scan(cursor, params, type);
            for (String key : page.getResult()) {
                seen.merge(key, 1, Integer::sum);
            }
            cursor = page.getCursor();
        } while (!cursor.equals("0"));
        return seen;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes a hash straight through storage (no hash commands on this branch): meta record plus
     * element records under a fresh version, exactly as a collection type lays them out.
     */
    private long putHash(String key, int fields) {
        Keyspace keyspace = server.server().keyspace();
        Transaction txn = keyspace.begin();
        long version = txn.newVersion();
        for (int i = 0; i < fields; i++) {
            txn.put(ColumnFamily.HASHES, KeyCodec.elementKey(version, bytes("f" + i)), bytes("v" + i));
        }
        txn.putMeta(0, bytes(key), Metadata.collection(DataType.HASH, version, fields, 0, null));
        txn.commit();
        return version;
    }

    private long elementCount(ColumnFamily family, long version) {
        return StoredRecords.elements(server.server(), family, version);
    }
}
