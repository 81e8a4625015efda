package io.diskdb.command;

import io.diskdb.storage.ColumnFamily;
import io.diskdb.storage.DataType;
import io.diskdb.storage.KeyCodec;
import io.diskdb.storage.KeyHash;
import io.diskdb.storage.Metadata;
import io.diskdb.storage.Transaction;
import io.diskdb.testing.RawConnection;
import io.diskdb.testing.Resp;
import io.diskdb.testing.ServerPerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rocksdb.RocksIterator;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.Tuple;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sorted sets as stored data: binary members, persistence across restarts, deletion of empty
 * sets and of large ones, ZSCAN under concurrent writes, and plain sets as algebra sources.
 */
class SortedSetStorageTest {
    @RegisterExtension
    final ServerPerTest server = new ServerPerTest();

    private Jedis jedis;

    @BeforeEach
    void connect() {
        jedis = server.jedis();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void binaryMembersKeepTheirBytesAndOrder() {
        byte[] zero = {0};
        byte[] high = {(byte) 0xff, 0, (byte) 0x80};
        byte[] crlf = bytes("a\r\nb");
        byte[] empty = new byte[0];
        jedis.zadd(bytes("z"), Map.of(zero, 1.0, high, 1.0, crlf, 1.0, empty, 1.0));
        List<byte[]> range = jedis.zrange(bytes("z"), 0, -1);
        // ties are in unsigned byte order: "" < 0x00 < "a\r\nb" < 0xff...
        assertArrayEquals(empty, range.get(0));
        assertArrayEquals(zero, range.get(1));
        assertArrayEquals(crlf, range.get(2));
        assertArrayEquals(high, range.get(3));
        assertEquals(1.0, jedis.zscore(bytes("z"), high));
        assertEquals(3L, jedis.zrank(bytes("z"), high));
        assertEquals(1L, jedis.zrem(bytes("z"), zero));
    }

    @Test
    void survivesRestart() {
        jedis.zadd("z", Map.of("a", 1.5, "b", -2.0, "c", Double.POSITIVE_INFINITY));
        jedis.zadd("gone", 1, "x");
        jedis.zrem("gone", "x");
        jedis.close();
        server.restart();
        jedis = server.jedis();
        assertEquals(List.of("b", "a", "c"), jedis.zrange("z", 0, -1));
        assertEquals(1.5, jedis.zscore("z", "a"));
        assertEquals(3L, jedis.zcard("z"));
        assertEquals(List.of("a"), jedis.zrangeByScore("z", "(-2", "(inf"));
        assertFalse(jedis.exists("gone"));
        assertEquals("zset", jedis.type("z"));
    }

    @Test
    void emptiedSetsAreDeletedWithAllTheirRecords() {
        jedis.zadd("z", Map.of("a", 1.0, "b", 2.0));
        jedis.zpopmin("z", 5);
        assertFalse(jedis.exists("z"));
        assertEquals(0, jedis.dbSize());
        jedis.zadd("z", Map.of("a", 1.0, "b", 2.0));
        jedis.zremrangeByScore("z", "-inf", "+inf");
        assertFalse(jedis.exists("z"));
        assertEquals(0, zsetRecords(), "no member or index record is left behind");
    }

    @Test
    void deletingAHugeSetIsFastAndRemovesEveryElement() {
        int members = 200_000;
        int batch = 20_000;
        for (int start = 0; start < members; start += batch) {
            Map<String, Double> chunk = new HashMap<>();
            for (int i = start; i < start + batch; i++) {
                chunk.put("member:" + i, (double) (i % 1000));
            }
            jedis.zadd("big", chunk);
        }
        assertEquals(members, jedis.zcard("big"));
        long started = System.nanoTime();
        assertEquals(1L, jedis.del("big"));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis < 1000, "DEL took " + millis + " ms");
        assertFalse(jedis.exists("big"));
        assertEquals(0L, jedis.zcard("big"));
        assertNull(jedis.zscore("big", "member:7"));
        assertEquals(0, zsetRecords(), "the range delete covers every member and index record");
    }

    /** Live records in the zsets family, read past the command layer. */
    private long zsetRecords() {
        var engine = server.server().keyspace().engine();
        long count = 0;
        try (RocksIterator it = engine.db().newIterator(engine.handle(ColumnFamily.ZSETS))) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                count++;
            }
        }
        return count;
    }

    @Test
    void zscanReturnsEveryMemberPresentThroughoutDespiteConcurrentWrites() throws Exception {
        Map<String, Double> initial = new HashMap<>();
        for (int i = 0; i < 2000; i++) {
            initial.put("stable:" + i, (double) i);
        }
        jedis.zadd("z", initial);
        AtomicBoolean done = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            try (Jedis other = server.jedis()) {
                for (int i = 0; !done.get(); i++) {
                    other.zadd("z", i, "churn:" + i);
                    if (i % 3 == 0) {
                        other.zrem("z", "churn:" + (i / 2));
                    }
                    other.zincrby("z", 1, "stable:" + (i % 2000)); // score changes must not hide members
                }
            }
        });
        writer.start();
        Set<String> seen = new HashSet<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        int calls = 0;
        try {
            do {
                ScanResult<Tuple> page = jedis.zscan("z", cursor, new ScanParams().count(50));
                page.getResult().forEach(tuple -> seen.add(tuple.getElement()));
                cursor = page.getCursor();
                calls++;
            } while (!cursor.equals("0"));
        } finally {
            done.set(true);
            writer.join();
        }
        for (String member : initial.keySet()) {
            assertTrue(seen.contains(member), "ZSCAN missed " + member);
        }
        assertTrue(calls > 10, "COUNT bounds each page: " + calls + " calls");
    }

    @Test
    void zscanMatchFiltersMembers() {
        jedis.zadd("z", Map.of("apple", 1.0, "avocado", 2.0, "banana", 3.0));
        List<String> found = new ArrayList<>();
        String cursor = "0";
        do {
            ScanResult<Tuple> page = jedis.zscan("z", cursor, new ScanParams().match("a*").count(1));
            page.getResult().forEach(tuple -> found.add(tuple.getElement() + "=" + tuple.getScore()));
            cursor = page.getCursor();
        } while (!cursor.equals("0"));
        found.sort(null);
        assertEquals(List.of("apple=1.0", "avocado=2.0"), found);
    }

    @Test
    void plainSetsAreAlgebraSourcesScoringOne() {
        writePlainSet("s", "a", "b", "c");
        jedis.zadd("z", Map.of("a", 1.0, "d", 2.0));
        try (RawConnection raw = server.raw()) {
            assertEquals(Resp.bulks("b", "1", "c", "1", "a", "2", "d", "2"),
                    raw.call("ZUNION", "2", "s", "z", "WITHSCORES"));
            assertEquals(Resp.bulks("a", "5"), raw.call("ZINTER", "2", "s", "z", "WITHSCORES", "WEIGHTS", "2", "3"));
            assertEquals(Resp.bulks("b", "1", "c", "1"), raw.call("ZDIFF", "2", "s", "z", "WITHSCORES"));
            assertEquals(":1\r\n", raw.call("ZINTERSTORE", "d", "2", "s", "z", "AGGREGATE", "MAX"));
            assertEquals(Resp.bulks("a", "1"), raw.call("ZRANGE", "d", "0", "-1", "WITHSCORES"));
            assertEquals(":1\r\n", raw.call("ZINTERCARD", "2", "s", "z"));
            assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", raw.call("ZRANGE", "s", "0", "-1"));
        }
    }

    /**
     * A set in the layout the set family uses ({@code [version][position u32][member]} in the
     * sets family), written directly so this test does not depend on SADD.
     */
    private void writePlainSet(String key, String... members) {
        Transaction txn = server.server().keyspace().begin();
        long version = txn.newVersion();
        for (String member : members) {
            byte[] bytes = bytes(member);
            byte[] subKey = new byte[4 + bytes.length];
            KeyCodec.putInt(subKey, 0, KeyHash.elementPosition(bytes));
            System.arraycopy(bytes, 0, subKey, 4, bytes.length);
            txn.put(ColumnFamily.SETS, KeyCodec.elementKey(version, subKey), new byte[0]);
        }
        txn.putMeta(0, bytes(key), Metadata.collection(DataType.SET, version, members.length, 0, null));
        txn.commit();
    }
}
