package io.diskdb.command;

import io.diskdb.storage.ColumnFamily;
import io.diskdb.storage.Metadata;
import io.diskdb.testing.RawConnection;
import io.diskdb.testing.SharedServer;
import io.diskdb.testing.StoredRecords;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.diskdb.testing.Resp.EMPTY_ARRAY;
import static io.diskdb.testing.Resp.NOT_INTEGER;
import static io.diskdb.testing.Resp.SYNTAX;
import static io.diskdb.testing.Resp.WRONGTYPE;
import static io.diskdb.testing.Resp.bulks;
import static io.diskdb.testing.Resp.integers;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The set family against one in-process server. Expected replies were taken from a real Redis
 * 7.0.15 given the same commands and are asserted as exact RESP bytes; random picks, which
 * cannot be compared, are checked for the properties Redis guarantees.
 */
class SetCommandsTest {
    private static final String EMPTY_SCAN = "*2\r\n$1\r\n0\r\n*0\r\n";

    @RegisterExtension
    static final SharedServer server = new SharedServer();

    private static Jedis jedis;

    @BeforeAll
    static void connectJedis() {
        jedis = server.jedis();
    }

    @BeforeEach
    void empty() {
        call("FLUSHALL");
        call("CONFIG", "SET", "set-max-intset-entries", "512");
    }

    private String call(String... args) {
        return server.call(args);
    }

    @Test
    void saddAndSremCountWhatChangedAndKeepScardExact() {
        assertEquals(":3\r\n", call("SADD", "s", "a", "b", "c"));
        assertEquals(":1\r\n", call("SADD", "s", "a", "d", "d"));
        assertEquals(":4\r\n", call("SCARD", "s"));
        assertEquals(":2\r\n", call("SREM", "s", "a", "x", "b", "a"));
        assertEquals(":2\r\n", call("SCARD", "s"));
        assertEquals(":0\r\n", call("SREM", "missing", "a"));
        assertEquals(":0\r\n", call("SCARD", "missing"));
        assertEquals("+set\r\n", call("TYPE", "s"));
    }

    @Test
    void everyCommandRejectsAKeyOfAnotherType() {
        call("SET", "str", "v");
        call("SADD", "s", "a");
        for (String[] command : List.of(
                new String[]{"SADD", "str", "a"}, new String[]{"SREM", "str", "a"}, new String[]{"SCARD", "str"},
                new String[]{"SISMEMBER", "str", "a"}, new String[]{"SMISMEMBER", "str", "a"},
                new String[]{"SMEMBERS", "str"}, new String[]{"SPOP", "str"}, new String[]{"SPOP", "str", "0"},
                new String[]{"SRANDMEMBER", "str"}, new String[]{"SRANDMEMBER", "str", "2"},
                new String[]{"SSCAN", "str", "0"}, new String[]{"SMOVE", "str", "s", "a"},
                new String[]{"SMOVE", "s", "str", "a"}, new String[]{"SINTER", "missing", "str"},
                new String[]{"SINTERCARD", "2", "str", "missing"}, new String[]{"SUNION", "s", "str"},
                new String[]{"SDIFF", "missing", "str"}, new String[]{"SINTERSTORE", "d", "missing", "str"},
                new String[]{"SUNIONSTORE", "d", "str"}, new String[]{"SDIFFSTORE", "d", "s", "str"})) {
            assertEquals(WRONGTYPE, call(command), String.join(" ", command));
        }
        assertEquals("$1\r\nv\r\n", call("GET", "str"));
        assertEquals(":0\r\n", call("EXISTS", "d"));
    }

    @Test
    void membershipIsPointReadsAndMissingKeysHoldNothing() {
        call("SADD", "s", "a", "b");
        assertEquals(":1\r\n", call("SISMEMBER", "s", "a"));
        assertEquals(":0\r\n", call("SISMEMBER", "s", "z"));
        assertEquals(":0\r\n", call("SISMEMBER", "missing", "a"));
        assertEquals(integers(1, 0, 1), call("SMISMEMBER", "s", "a", "z", "b"));
        assertEquals(integers(0, 0), call("SMISMEMBER", "missing", "a", "b"));
    }

    @Test
    void resp3RepliesSetsWhereRedisDoes() {
        call("SADD", "i", "3", "1", "2");
        call("SADD", "s", "a");
        try (RawConnection resp3 = server.raw()) {
            resp3.call("HELLO", "3");
            assertEquals("~3\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n", resp3.call("SMEMBERS", "i"));
            assertEquals("~0\r\n", resp3.call("SMEMBERS", "missing"));
            assertEquals("~3\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n", resp3.call("SINTER", "i", "i"));
            assertEquals("~0\r\n", resp3.call("SINTER", "i", "missing"));
            assertEquals("~3\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n", resp3.call("SUNION", "i", "missing"));
            assertEquals("~0\r\n", resp3.call("SDIFF", "missing", "i"));
            assertEquals("~0\r\n", resp3.call("SPOP", "missing", "3"));
            assertEquals("~0\r\n", resp3.call("SPOP", "i", "0"));
            assertEquals("_\r\n", resp3.call("SPOP", "missing"));
            assertEquals("_\r\n", resp3.call("SRANDMEMBER", "missing"));
            // SRANDMEMBER with a count and SMISMEMBER stay plain arrays, as in Redis 7.0
            assertEquals(bulks("1", "2", "3"), resp3.call("SRANDMEMBER", "i", "10"));
            assertEquals(EMPTY_ARRAY, resp3.call("SRANDMEMBER", "missing", "5"));
            assertEquals(integers(1, 0), resp3.call("SMISMEMBER", "i", "1", "9"));
            assertEquals("*2\r\n$1\r\n0\r\n*1\r\n$1\r\na\r\n", resp3.call("SSCAN", "s", "0"));
            assertEquals("~1\r\n$1\r\na\r\n", resp3.call("SPOP", "s", "5"));
        }
    }

    @Test
    void integerSetsReplyInNumericOrderAsAnIntsetDoes() {
        call("SADD", "i", "10", "-5", "3", "200", "0");
        assertEquals(bulks("-5", "0", "3", "10", "200"), call("SMEMBERS", "i"));
        assertEquals("*2\r\n$1\r\n0\r\n" + bulks("-5", "0", "3", "10", "200"), call("SSCAN", "i", "0", "COUNT", "1"));
        call("SADD", "j", "7", "3");
        assertEquals(bulks("-5", "0", "3", "7", "10", "200"), call("SUNION", "i", "j"));
        assertEquals(bulks("-5", "0", "10", "200"), call("SDIFF", "i", "j"));
    }

    @Test
    void objectEncodingFollowsRedisIntsetRules() {
        call("SADD", "ints", "1", "2", "3");
        assertEquals("$6\r\nintset\r\n", call("OBJECT", "ENCODING", "ints"));
        call("SADD", "ints", "x");
        assertEquals("$9\r\nhashtable\r\n", call("OBJECT", "ENCODING", "ints"));
        call("SREM", "ints", "x");
        assertEquals("$9\r\nhashtable\r\n", call("OBJECT", "ENCODING", "ints"), "Redis never converts back");
        call("SADD", "padded", "007");
        assertEquals("$9\r\nhashtable\r\n", call("OBJECT", "ENCODING", "padded"));
        // a stored result starts as an intset, whatever its sources were
        call("SINTERSTORE", "copy", "ints", "ints");
        assertEquals("$6\r\nintset\r\n", call("OBJECT", "ENCODING", "copy"));
        call("CONFIG", "SET", "set-max-intset-entries", "3");
        call("SADD", "small", "1", "2", "3");
        assertEquals("$6\r\nintset\r\n", call("OBJECT", "ENCODING", "small"));
        call("SADD", "small", "4");
        assertEquals("$9\r\nhashtable\r\n", call("OBJECT", "ENCODING", "small"));
        call("SUNIONSTORE", "union", "small");
        assertEquals("$9\r\nhashtable\r\n", call("OBJECT", "ENCODING", "union"));
    }

    @Test
    void emptiedSetsAreDeleted() {
        call("SADD", "a", "x");
        call("SREM", "a", "x");
        assertEquals(":0\r\n", call("EXISTS", "a"));
        call("SADD", "b", "x");
        assertEquals("$1\r\nx\r\n", call("SPOP", "b"));
        assertEquals(":0\r\n", call("EXISTS", "b"));
        call("SADD", "c", "x", "y");
        call("SPOP", "c", "2");
        assertEquals(":0\r\n", call("EXISTS", "c"));
        call("SADD", "d", "x");
        assertEquals(":1\r\n", call("SMOVE", "d", "e", "x"));
        assertEquals(":0\r\n", call("EXISTS", "d"));
        assertEquals(bulks("x"), call("SMEMBERS", "e"));
        assertEquals(":1\r\n", call("DBSIZE"));
    }

    @Test
    void spopValidatesTheCountBeforeTheKey() {
        call("SET", "str", "v");
        String positive = "-ERR value is out of range, must be positive\r\n";
        assertEquals(positive, call("SPOP", "missing", "-1"));
        assertEquals(positive, call("SPOP", "str", "-1"));
        assertEquals(positive, call("SPOP", "str", "abc"));
        assertEquals(SYNTAX, call("SPOP", "s", "1", "2"));
        assertEquals("$-1\r\n", call("SPOP", "missing"));
        assertEquals(EMPTY_ARRAY, call("SPOP", "missing", "3"));
        assertEquals(WRONGTYPE, call("SPOP", "str", "0"));
    }

    @Test
    void spopRemovesDistinctRandomMembers() {
        List<String> all = IntStream.range(0, 100).mapToObj(i -> "m" + i).toList();
        call(concat(new String[]{"SADD", "s"}, all));
        Set<String> popped = new HashSet<>();
        for (int count : new int[]{1, 5, 30}) {
            List<String> got = jedis.spop("s", count).stream().toList();
            assertEquals(count, got.size());
            for (String member : got) {
                assertTrue(all.contains(member));
                assertTrue(popped.add(member), "popped twice: " + member);
            }
        }
        String single = jedis.spop("s");
        assertTrue(popped.add(single));
        assertEquals(100 - popped.size(), jedis.scard("s"));
        for (String member : popped) {
            assertFalse(jedis.sismember("s", member));
        }
        Set<String> rest = jedis.spop("s", 1000);
        assertEquals(all.size(), popped.size() + rest.size());
        assertFalse(jedis.exists("s"));
    }

    @Test
    void spopDrainsASetWhileOtherCommandsAddAndRemoveMembers() {
        Set<String> present = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            present.add("m" + i);
        }
        call(concat(new String[]{"SADD", "q"}, List.copyOf(present)));
        int added = 300;
        while (!present.isEmpty()) {
            String member = jedis.spop("q");
            assertTrue(present.remove(member), "popped a member that was not there: " + member);
            if (present.size() % 40 == 7) {
                // SADD and SREM between pops: members added later must be poppable too
                String extra = "m" + added++;
                jedis.sadd("q", extra);
                present.add(extra);
                String gone = present.iterator().next();
                jedis.srem("q", gone);
                present.remove(gone);
            }
            assertEquals(present.size(), jedis.scard("q"));
        }
        assertFalse(jedis.exists("q"));
        assertNull(jedis.spop("q"));
    }

    @Test
    void spopReachesAMemberAddedWhereEarlierPopsFoundNothing() {
        call("SADD", "r", "a", "b", "c", "d");
        jedis.spop("r");
        jedis.spop("r");
        jedis.spop("r");
        // one added and one removed: the count is as SPOP left it, its gaps may hide "late"
        String last = jedis.smembers("r").iterator().next();
        call("SADD", "r", "late");
        call("SREM", "r", last);
        assertEquals("$4\r\nlate\r\n", call("SPOP", "r"));
        assertFalse(jedis.exists("r"));
    }

    @Test
    void srandmemberPositiveCountIsDistinctNegativeCountRepeats() {
        List<String> all = IntStream.range(0, 50).mapToObj(i -> "m" + i).toList();
        call(concat(new String[]{"SADD", "s"}, all));
        for (int count : new int[]{1, 3, 10, 20, 49}) {
            List<String> picks = jedis.srandmember("s", count);
            assertEquals(count, picks.size());
            assertEquals(count, new HashSet<>(picks).size(), "distinct");
            assertTrue(all.containsAll(picks));
        }
        assertEquals(new HashSet<>(all), new HashSet<>(jedis.srandmember("s", 500)));
        assertEquals(50, jedis.srandmember("s", 500).size());
        List<String> repeats = jedis.srandmember("s", -500);
        assertEquals(500, repeats.size());
        assertTrue(all.containsAll(repeats));
        assertTrue(new HashSet<>(repeats).size() < 500);
        call("SADD", "one", "x");
        assertEquals(bulks("x", "x", "x"), call("SRANDMEMBER", "one", "-3"));
        assertEquals(50, jedis.scard("s"), "SRANDMEMBER does not remove");
        assertTrue(all.contains(jedis.srandmember("s")));
    }

    @Test
    void srandmemberPicksEveryMemberSoonerOrLater() {
        List<String> all = IntStream.range(0, 20).mapToObj(i -> "m" + i).toList();
        call(concat(new String[]{"SADD", "s"}, all));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000 && seen.size() < all.size(); i++) {
            seen.add(jedis.srandmember("s"));
        }
        assertEquals(new HashSet<>(all), seen);
    }

    @Test
    void srandmemberCountEdgeCases() {
        call("SADD", "s", "a", "b", "c");
        assertEquals(EMPTY_ARRAY, call("SRANDMEMBER", "s", "0"));
        assertEquals(EMPTY_ARRAY, call("SRANDMEMBER", "missing", "5"));
        assertEquals(EMPTY_ARRAY, call("SRANDMEMBER", "missing", "-5"));
        assertEquals("$-1\r\n", call("SRANDMEMBER", "missing"));
        assertEquals(NOT_INTEGER, call("SRANDMEMBER", "s", "abc"));
        assertEquals(SYNTAX, call("SRANDMEMBER", "s", "1", "2"));
        assertEquals("-ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807\r\n",
                call("SRANDMEMBER", "s", "-9223372036854775808"));
        // Redis 7.0 dies trying to build this reply; DiskDB refuses it
        assertTrue(call("SRANDMEMBER", "s", "-9223372036854775807").startsWith("-ERR value is out of range"));
        assertEquals(":3\r\n", call("SCARD", "s"));
    }

    @Test
    void smoveFollowsRedisOrderOfChecks() {
        call("SET", "str", "v");
        call("SADD", "src", "1", "2", "3");
        assertEquals(":0\r\n", call("SMOVE", "missing", "str", "1"), "a missing source wins over a wrong destination");
        assertEquals(WRONGTYPE, call("SMOVE", "src", "str", "9"));
        assertEquals(WRONGTYPE, call("SMOVE", "str", "src", "1"));
        assertEquals(":1\r\n", call("SMOVE", "src", "src", "1"));
        assertEquals(":0\r\n", call("SMOVE", "src", "src", "9"));
        assertEquals(":0\r\n", call("SMOVE", "src", "dst", "9"));
        assertEquals(":0\r\n", call("EXISTS", "dst"));
        assertEquals(":1\r\n", call("SMOVE", "src", "dst", "1"));
        call("SADD", "dst", "2");
        assertEquals(":1\r\n", call("SMOVE", "src", "dst", "2"), "already in the destination still counts");
        assertEquals(bulks("3"), call("SMEMBERS", "src"));
        assertEquals(bulks("1", "2"), call("SMEMBERS", "dst"));
        assertEquals(":2\r\n", call("SCARD", "dst"));
    }

    @Test
    void intersectionUnionAndDifference() {
        call("SADD", "a", "x", "y", "z", "w");
        call("SADD", "b", "y", "z", "v");
        call("SADD", "c", "z", "y", "q");
        assertEquals(Set.of("y", "z"), jedis.sinter("a", "b", "c"));
        assertEquals(Set.of("x", "y", "z", "w", "v", "q"), jedis.sunion("a", "b", "c", "missing"));
        assertEquals(Set.of("x", "w"), jedis.sdiff("a", "b"));
        assertEquals(Set.of("x", "w"), jedis.sdiff("a", "missing", "b"));
        assertEquals(EMPTY_ARRAY, call("SINTER", "a", "missing"));
        assertEquals(EMPTY_ARRAY, call("SDIFF", "missing", "a"));
        assertEquals(EMPTY_ARRAY, call("SDIFF", "a", "a"));
        assertEquals(Set.of("x", "y", "z", "w"), jedis.sinter("a"));
    }

    @Test
    void storeCommandsReplaceTheDestinationAndDeleteItWhenEmpty() {
        call("SADD", "a", "1", "2", "3");
        call("SADD", "b", "2", "3", "4");
        call("SET", "dst", "string");
        call("EXPIRE", "dst", "100");
        assertEquals(":2\r\n", call("SINTERSTORE", "dst", "a", "b"));
        assertEquals("+set\r\n", call("TYPE", "dst"));
        assertEquals(":-1\r\n", call("TTL", "dst"));
        assertEquals(bulks("2", "3"), call("SMEMBERS", "dst"));
        assertEquals(":4\r\n", call("SUNIONSTORE", "dst", "a", "b", "missing"));
        assertEquals(bulks("1", "2", "3", "4"), call("SMEMBERS", "dst"));
        assertEquals(":1\r\n", call("SDIFFSTORE", "dst", "a", "b"));
        assertEquals(bulks("1"), call("SMEMBERS", "dst"));
        assertEquals(":0\r\n", call("SINTERSTORE", "dst", "a", "missing"));
        assertEquals(":0\r\n", call("EXISTS", "dst"));
        call("SADD", "dst", "old");
        assertEquals(":0\r\n", call("SUNIONSTORE", "dst", "missing"));
        assertEquals(":0\r\n", call("EXISTS", "dst"));
        // a source can be the destination
        assertEquals(":1\r\n", call("SDIFFSTORE", "a", "a", "b"));
        assertEquals(bulks("1"), call("SMEMBERS", "a"));
        assertEquals(":1\r\n", call("SCARD", "a"));
    }

    @Test
    void sintercardCountsWithALimitAndRedisErrors() {
        call("SADD", "a", "1", "2", "3", "4");
        call("SADD", "b", "2", "3", "4", "5");
        assertEquals(":3\r\n", call("SINTERCARD", "2", "a", "b"));
        assertEquals(":2\r\n", call("SINTERCARD", "2", "a", "b", "LIMIT", "2"));
        assertEquals(":3\r\n", call("SINTERCARD", "2", "a", "b", "LIMIT", "0"));
        assertEquals(":3\r\n", call("SINTERCARD", "2", "a", "b", "limit", "1", "LIMIT", "9"));
        assertEquals(":0\r\n", call("SINTERCARD", "2", "a", "missing"));
        assertEquals(":4\r\n", call("SINTERCARD", "1", "a"));
        for (String bad : List.of("0", "-1", "abc")) {
            assertEquals("-ERR numkeys should be greater than 0\r\n", call("SINTERCARD", bad, "a"));
        }
        assertEquals("-ERR Number of keys can't be greater than number of args\r\n", call("SINTERCARD", "3", "a", "b"));
        assertEquals("-ERR LIMIT can't be negative\r\n", call("SINTERCARD", "2", "a", "b", "LIMIT", "-1"));
        assertEquals("-ERR LIMIT can't be negative\r\n", call("SINTERCARD", "2", "a", "b", "LIMIT", "x"));
        assertEquals(SYNTAX, call("SINTERCARD", "2", "a", "b", "LIMIT"));
        assertEquals(SYNTAX, call("SINTERCARD", "1", "a", "b"));
    }

    @Test
    void sscanOptionsAndErrors() {
        call("SADD", "s", "apple", "avocado", "banana");
        assertEquals(EMPTY_SCAN, call("SSCAN", "missing", "0"));
        assertEquals(EMPTY_SCAN, call("SSCAN", "missing", "0", "COUNT", "0"), "options are read only for a set");
        assertEquals("-ERR invalid cursor\r\n", call("SSCAN", "s", "abc"));
        assertEquals("-ERR invalid cursor\r\n", call("SSCAN", "missing", "abc"));
        assertEquals(SYNTAX, call("SSCAN", "s", "0", "COUNT", "0"));
        assertEquals(NOT_INTEGER, call("SSCAN", "s", "0", "COUNT", "x"));
        assertEquals(SYNTAX, call("SSCAN", "s", "0", "TYPE", "set"));
        assertEquals(SYNTAX, call("SSCAN", "s", "0", "MATCH"));
        ScanResult<String> page = jedis.sscan("s", "0", new ScanParams().match("a*").count(100));
        assertEquals("0", page.getCursor());
        assertEquals(Set.of("apple", "avocado"), new HashSet<>(page.getResult()));
        assertEquals(EMPTY_SCAN, call("SSCAN", "s", "4294967296"));
    }

    @Test
    void sscanReturnsEveryMemberOnceOverFiveThousand() {
        List<String> all = IntStream.range(0, 5000).mapToObj(i -> "member:" + i).toList();
        for (int from = 0; from < all.size(); from += 1000) {
            jedis.sadd("big", all.subList(from, from + 1000).toArray(new String[0]));
        }
        Map<String, Integer> seen = new HashMap<>();
        String cursor = "0";
        int pages = 0;
        do {
            ScanResult<String> page = jedis.sscan("big", cursor, new ScanParams().count(37));
            for (String member : page.getResult()) {
                seen.merge(member, 1, Integer::sum);
            }
            cursor = page.getCursor();
            pages++;
        } while (!cursor.equals("0"));
        assertEquals(new HashSet<>(all), seen.keySet());
        assertTrue(seen.values().stream().allMatch(n -> n == 1), "every member exactly once");
        assertTrue(pages > 100, "COUNT bounds a page: " + pages);
    }

    @Test
    void sscanSeesMembersPresentThroughoutDespiteConcurrentWrites() throws Exception {
        List<String> stable = IntStream.range(0, 3000).mapToObj(i -> "stable:" + i).toList();
        jedis.sadd("s", stable.toArray(new String[0]));
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try (Jedis other = server.jedis()) {
                for (int i = 0; !done.get(); i++) {
                    other.sadd("s", "churn:" + i, "churn:" + (i + 1));
                    other.srem("s", "churn:" + (i - 50));
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        writer.start();
        Set<String> seen = new HashSet<>();
        try {
            for (int round = 0; round < 3; round++) {
                String cursor = "0";
                do {
                    ScanResult<String> page = jedis.sscan("s", cursor, new ScanParams().count(25));
                    seen.addAll(page.getResult());
                    cursor = page.getCursor();
                } while (!cursor.equals("0"));
                assertTrue(seen.containsAll(stable), "round " + round);
            }
        } finally {
            done.set(true);
            writer.join();
        }
        assertNull(failure.get());
    }

    @Test
    void binaryMembersRoundTrip() {
        byte[] key = {'b', 0, (byte) 0xff};
        byte[][] members = {{0}, {'\r', '\n'}, {(byte) 0xc3, (byte) 0x28}, {}, {(byte) 0x80, 0, 1}};
        assertEquals(5, jedis.sadd(key, members));
        Set<String> expected = Arrays.stream(members).map(Arrays::toString).collect(Collectors.toSet());
        assertEquals(expected, jedis.smembers(key).stream().map(Arrays::toString).collect(Collectors.toSet()));
        for (byte[] member : members) {
            assertTrue(jedis.sismember(key, member));
        }
        assertFalse(jedis.sismember(key, new byte[]{0, 0}));
        assertEquals(1, jedis.srem(key, new byte[]{}));
        byte[] moved = jedis.spop(key);
        assertTrue(Arrays.stream(members).anyMatch(m -> Arrays.equals(m, moved)));
        assertEquals(3, jedis.scard(key));
    }

    @Test
    void setsSurviveARestart() {
        call("SADD", "s", "a", "b", "c");
        call("SADD", "i", "1", "2");
        call("SREM", "s", "b");
        server.restart();
        try (RawConnection again = server.raw(); Jedis jedisAgain = server.jedis()) {
            assertEquals(Set.of("a", "c"), jedisAgain.smembers("s"));
            assertEquals(":2\r\n", again.call("SCARD", "s"));
            assertEquals("$6\r\nintset\r\n", again.call("OBJECT", "ENCODING", "i"));
            assertEquals(":1\r\n", again.call("SADD", "s", "d"));
            assertEquals(":3\r\n", again.call("SCARD", "s"));
        } finally {
            jedis.close();
            jedis = server.jedis();
        }
    }

    @Test
    void deletingAHugeSetIsFastAndRemovesItsElements() {
        int size = 200_000;
        for (int from = 0; from < size; from += 10_000) {
            String[] batch = IntStream.range(from, from + 10_000).mapToObj(i -> "element-" + i).toArray(String[]::new);
            jedis.sadd("huge", batch);
        }
        assertEquals(size, jedis.scard("huge"));
        Metadata meta = server.server().keyspace().peek(0, "huge".getBytes(StandardCharsets.UTF_8));
        long version = meta.version();
        assertTrue(elementCount(version) > 0);
        long started = System.nanoTime();
        assertEquals(1, jedis.del("huge"));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis < 1000, "DEL took " + millis + " ms");
        assertEquals(0, elementCount(version));
        assertFalse(jedis.exists("huge"));
    }

    private long elementCount(long version) {
        return StoredRecords.elements(server.server(), ColumnFamily.SETS, version);
    }

    @Test
    void storedSetsAreIndependentOfTheirSources() {
        call("SADD", "a", "x", "y");
        call("SUNIONSTORE", "b", "a");
        call("SREM", "a", "x");
        call("DEL", "a");
        assertArrayEquals(new String[]{"x", "y"}, new TreeSet<>(jedis.smembers("b")).toArray(new String[0]));
    }

    private static String[] concat(String[] head, List<String> tail) {
        List<String> out = new ArrayList<>(Arrays.asList(head));
        out.addAll(tail);
        return out.toArray(new String[0]);
    }
}
