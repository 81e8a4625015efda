package io.diskdb.command;

import io.diskdb.storage.ColumnFamily;
import io.diskdb.storage.Metadata;
import io.diskdb.testing.RawConnection;
import io.diskdb.testing.SharedServer;
import io.diskdb.testing.StoredRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.diskdb.testing.Resp.NIL;
import static io.diskdb.testing.Resp.NIL_ARRAY;
import static io.diskdb.testing.Resp.NOT_INTEGER;
import static io.diskdb.testing.Resp.OK;
import static io.diskdb.testing.Resp.SYNTAX;
import static io.diskdb.testing.Resp.WRONGTYPE;
import static io.diskdb.testing.Resp.bulk;
import static io.diskdb.testing.Resp.bulks;
import static io.diskdb.testing.Resp.integer;
import static io.diskdb.testing.Resp.integers;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The list family against one in-process server. Expected replies (exact RESP bytes) were taken
 * from a real Redis 7.0.15 given the same commands; the random comparison is in
 * ListsDifferentialTest.
 */
class ListCommandsTest {
    @RegisterExtension
    static final SharedServer server = new SharedServer();

    private static final String EMPTY = "*0\r\n";

    /** The element records stored under the list's version, counted past the command layer. */
    private long elementRecords(long version) {
        return StoredRecords.elements(server.server(), ColumnFamily.LISTS, version);
    }

    private Metadata meta(String key) {
        return server.server().keyspace().peek(0, key.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void pushesAndRange() {
        assertEquals(integer(3), server.call("RPUSH", "p", "a", "b", "c"));
        assertEquals(integer(5), server.call("LPUSH", "p", "x", "y"));
        assertEquals(bulks("y", "x", "a", "b", "c"), server.call("LRANGE", "p", "0", "-1"));
        assertEquals(bulks("b", "c"), server.call("LRANGE", "p", "-2", "100"));
        assertEquals(bulks("y"), server.call("LRANGE", "p", "-100", "0"));
        assertEquals(EMPTY, server.call("LRANGE", "p", "3", "1"));
        assertEquals(EMPTY, server.call("LRANGE", "p", "5", "10"));
        assertEquals(EMPTY, server.call("LRANGE", "nokey", "0", "-1"));
        assertEquals(NOT_INTEGER, server.call("LRANGE", "p", "a", "1"));
        assertEquals(integer(5), server.call("LLEN", "p"));
        assertEquals(integer(5), server.call("LSIZE", "p"));
        assertEquals(integer(0), server.call("LLEN", "nokey"));
    }

    @Test
    void pushxOnlyTouchesExistingLists() {
        assertEquals(integer(0), server.call("LPUSHX", "px", "a"));
        assertEquals(integer(0), server.call("RPUSHX", "px", "a"));
        assertEquals(integer(0), server.call("EXISTS", "px"));
        server.call("RPUSH", "px", "m");
        assertEquals(integer(3), server.call("LPUSHX", "px", "l1", "l2"));
        assertEquals(integer(4), server.call("RPUSHX", "px", "r"));
        assertEquals(bulks("l2", "l1", "m", "r"), server.call("LRANGE", "px", "0", "-1"));
    }

    @Test
    void popsWithAndWithoutCount() {
        server.call("RPUSH", "q", "1", "2", "3", "4", "5");
        assertEquals(bulk("1"), server.call("LPOP", "q"));
        assertEquals(bulk("5"), server.call("RPOP", "q"));
        assertEquals(EMPTY, server.call("LPOP", "q", "0"));
        assertEquals(bulks("2", "3"), server.call("LPOP", "q", "2"));
        assertEquals(bulks("4"), server.call("RPOP", "q", "9223372036854775807"));
        assertEquals(integer(0), server.call("EXISTS", "q"));
        assertEquals(NIL, server.call("LPOP", "q"));
        assertEquals(NIL_ARRAY, server.call("LPOP", "q", "0"));
        assertEquals(NIL_ARRAY, server.call("RPOP", "q", "3"));
        assertEquals("-ERR value is out of range, must be positive\r\n", server.call("LPOP", "q", "-1"));
        assertEquals("-ERR value is out of range, must be positive\r\n", server.call("RPOP", "q", "x"));
        assertEquals("-ERR wrong number of arguments for 'lpop' command\r\n", server.call("LPOP", "q", "1", "2"));
    }

    @Test
    void indexAndSet() {
        server.call("RPUSH", "i", "a", "b", "c");
        assertEquals(bulk("a"), server.call("LINDEX", "i", "0"));
        assertEquals(bulk("c"), server.call("LINDEX", "i", "-1"));
        assertEquals(NIL, server.call("LINDEX", "i", "3"));
        assertEquals(NIL, server.call("LINDEX", "i", "-4"));
        assertEquals(NIL, server.call("LINDEX", "nokey", "x"));
        assertEquals(NOT_INTEGER, server.call("LINDEX", "i", "x"));
        assertEquals(OK, server.call("LSET", "i", "-1", "C"));
        assertEquals(OK, server.call("LSET", "i", "0", "A"));
        assertEquals(bulks("A", "b", "C"), server.call("LRANGE", "i", "0", "-1"));
        assertEquals("-ERR index out of range\r\n", server.call("LSET", "i", "3", "x"));
        assertEquals("-ERR no such key\r\n", server.call("LSET", "nokey", "0", "x"));
        assertEquals(NOT_INTEGER, server.call("LSET", "i", "x", "x"));
    }

    @Test
    void trimKeepsARangeAndDeletesWhenEmpty() {
        server.call("RPUSH", "t", "0", "1", "2", "3", "4", "5", "6");
        assertEquals(OK, server.call("LTRIM", "t", "1", "-2"));
        assertEquals(bulks("1", "2", "3", "4", "5"), server.call("LRANGE", "t", "0", "-1"));
        assertEquals(OK, server.call("LTRIM", "t", "-2", "100"));
        assertEquals(bulks("4", "5"), server.call("LRANGE", "t", "0", "-1"));
        assertEquals(OK, server.call("LTRIM", "t", "1", "0"));
        assertEquals(integer(0), server.call("EXISTS", "t"));
        assertEquals(OK, server.call("LTRIM", "nokey", "0", "1"));
        assertEquals(NOT_INTEGER, server.call("LTRIM", "t", "x", "1"));
    }

    @Test
    void trimOfManyElementsUsesARangeDeleteAndLeavesNoRecords() {
        String[] args = new String[2 + 1000];
        args[0] = "RPUSH";
        args[1] = "tt";
        for (int i = 0; i < 1000; i++) {
            args[2 + i] = "e" + i;
        }
        server.call(args);
        assertEquals(OK, server.call("LTRIM", "tt", "400", "599"));
        assertEquals(integer(200), server.call("LLEN", "tt"));
        assertEquals(bulks("e400", "e401"), server.call("LRANGE", "tt", "0", "1"));
        assertEquals(bulks("e599"), server.call("LRANGE", "tt", "-1", "-1"));
        assertEquals(200, elementRecords(meta("tt").version()));
        // positions cut off by the range delete are written again by later pushes
        assertEquals(integer(201), server.call("LPUSH", "tt", "new"));
        assertEquals(bulks("new", "e400"), server.call("LRANGE", "tt", "0", "1"));
    }

    @Test
    void removeFromHeadTailOrAll() {
        server.call("RPUSH", "r", "a", "b", "a", "c", "a", "b", "a");
        assertEquals(integer(2), server.call("LREM", "r", "2", "a"));
        assertEquals(bulks("b", "c", "a", "b", "a"), server.call("LRANGE", "r", "0", "-1"));
        assertEquals(integer(1), server.call("LREM", "r", "-1", "b"));
        assertEquals(bulks("b", "c", "a", "a"), server.call("LRANGE", "r", "0", "-1"));
        assertEquals(integer(2), server.call("LREM", "r", "0", "a"));
        assertEquals(bulks("b", "c"), server.call("LRANGE", "r", "0", "-1"));
        assertEquals(integer(0), server.call("LREM", "r", "0", "zz"));
        assertEquals(2, elementRecords(meta("r").version()));
        assertEquals(integer(1), server.call("LREM", "r", "0", "b"));
        assertEquals(integer(1), server.call("LREM", "r", "-9223372036854775808", "c"));
        assertEquals(integer(0), server.call("EXISTS", "r"));
        assertEquals(integer(0), server.call("LREM", "nokey", "1", "a"));
        assertEquals(NOT_INTEGER, server.call("LREM", "r", "x", "a"));
    }

    @Test
    void insertBeforeAndAfterThePivot() {
        server.call("RPUSH", "n", "a", "b", "c", "d");
        assertEquals(integer(5), server.call("LINSERT", "n", "BEFORE", "a", "0"));
        assertEquals(integer(6), server.call("LINSERT", "n", "after", "d", "9"));
        assertEquals(integer(7), server.call("LINSERT", "n", "after", "b", "b2"));
        assertEquals(integer(8), server.call("LINSERT", "n", "before", "d", "c2"));
        assertEquals(bulks("0", "a", "b", "b2", "c", "c2", "d", "9"), server.call("LRANGE", "n", "0", "-1"));
        assertEquals(integer(-1), server.call("LINSERT", "n", "before", "zz", "x"));
        assertEquals(integer(0), server.call("LINSERT", "nokey", "before", "a", "x"));
        assertEquals(SYNTAX, server.call("LINSERT", "n", "middle", "a", "x"));
        assertEquals(8, elementRecords(meta("n").version()));
    }

    @Test
    void positionsWithRankCountAndMaxlen() {
        server.call("RPUSH", "o", "a", "b", "c", "a", "b", "c", "a");
        assertEquals(integer(0), server.call("LPOS", "o", "a"));
        assertEquals(integer(3), server.call("LPOS", "o", "a", "RANK", "2"));
        assertEquals(integer(6), server.call("LPOS", "o", "a", "RANK", "-1"));
        assertEquals(integer(3), server.call("LPOS", "o", "a", "RANK", "-2"));
        assertEquals(integers(0, 3, 6), server.call("LPOS", "o", "a", "COUNT", "0"));
        assertEquals(integers(3, 6), server.call("LPOS", "o", "a", "RANK", "2", "COUNT", "5"));
        assertEquals(integers(6, 3), server.call("LPOS", "o", "a", "RANK", "-1", "COUNT", "2"));
        assertEquals(integers(0), server.call("LPOS", "o", "a", "COUNT", "0", "MAXLEN", "3"));
        assertEquals(NIL, server.call("LPOS", "o", "a", "RANK", "4"));
        assertEquals(NIL, server.call("LPOS", "o", "zz"));
        assertEquals(EMPTY, server.call("LPOS", "o", "zz", "COUNT", "1"));
        assertEquals(NIL, server.call("LPOS", "nokey", "a"));
        assertEquals(EMPTY, server.call("LPOS", "nokey", "a", "COUNT", "1"));
        assertEquals("-ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use "
                + "negative to start from the end of the list\r\n", server.call("LPOS", "o", "a", "RANK", "0"));
        assertEquals("-ERR COUNT can't be negative\r\n", server.call("LPOS", "o", "a", "COUNT", "-1"));
        assertEquals("-ERR MAXLEN can't be negative\r\n", server.call("LPOS", "o", "a", "MAXLEN", "-1"));
        assertEquals(SYNTAX, server.call("LPOS", "o", "a", "COUNT"));
        assertEquals(SYNTAX, server.call("LPOS", "o", "a", "BOGUS", "1"));
    }

    @Test
    void moveBetweenListsAndRotate() {
        server.call("RPUSH", "src", "1", "2", "3");
        assertEquals(bulk("1"), server.call("LMOVE", "src", "dst", "LEFT", "RIGHT"));
        assertEquals(bulk("3"), server.call("RPOPLPUSH", "src", "dst"));
        assertEquals(bulks("3", "1"), server.call("LRANGE", "dst", "0", "-1"));
        assertEquals(bulk("3"), server.call("LMOVE", "dst", "dst", "LEFT", "RIGHT"));
        assertEquals(bulks("1", "3"), server.call("LRANGE", "dst", "0", "-1"));
        assertEquals(bulk("2"), server.call("LMOVE", "src", "dst", "RIGHT", "LEFT"));
        assertEquals(integer(0), server.call("EXISTS", "src"));
        assertEquals(NIL, server.call("LMOVE", "src", "dst", "LEFT", "LEFT"));
        assertEquals(SYNTAX, server.call("LMOVE", "dst", "x", "UP", "LEFT"));
        server.call("SET", "str", "v");
        assertEquals(WRONGTYPE, server.call("LMOVE", "dst", "str", "LEFT", "LEFT"));
        assertEquals(bulks("2", "1", "3"), server.call("LRANGE", "dst", "0", "-1"));
        assertEquals(NIL, server.call("LMOVE", "nokey", "str", "LEFT", "LEFT"));
        // a single-element list rotated onto itself stays
        server.call("RPUSH", "one", "x");
        assertEquals(bulk("x"), server.call("LMOVE", "one", "one", "RIGHT", "LEFT"));
        assertEquals(bulks("x"), server.call("LRANGE", "one", "0", "-1"));
    }

    @Test
    void mpopTakesFromTheFirstNonEmptyList() {
        server.call("RPUSH", "m2", "a", "b", "c");
        assertEquals("*2\r\n" + bulk("m2") + bulks("a", "b"), server.call("LMPOP", "2", "m1", "m2", "LEFT", "COUNT", "2"));
        assertEquals("*2\r\n" + bulk("m2") + bulks("c"), server.call("LMPOP", "2", "m1", "m2", "RIGHT", "COUNT", "10"));
        assertEquals(NIL_ARRAY, server.call("LMPOP", "2", "m1", "m2", "LEFT"));
        assertEquals("-ERR numkeys should be greater than 0\r\n", server.call("LMPOP", "0", "m1", "LEFT"));
        assertEquals("-ERR numkeys should be greater than 0\r\n", server.call("LMPOP", "x", "m1", "LEFT"));
        assertEquals(SYNTAX, server.call("LMPOP", "2", "m1", "LEFT"));
        assertEquals(SYNTAX, server.call("LMPOP", "1", "m1", "UP"));
        assertEquals("-ERR count should be greater than 0\r\n", server.call("LMPOP", "1", "m1", "LEFT", "COUNT", "0"));
        assertEquals(SYNTAX, server.call("LMPOP", "1", "m1", "LEFT", "COUNT", "1", "COUNT", "1"));
    }

    @Test
    void wrongTypeEverywhere() {
        server.call("SET", "s", "v");
        for (String[] args : new String[][]{
                {"LPUSH", "s", "a"}, {"RPUSHX", "s", "a"}, {"LPOP", "s"}, {"RPOP", "s", "2"}, {"LLEN", "s"},
                {"LINDEX", "s", "0"}, {"LSET", "s", "0", "a"}, {"LRANGE", "s", "0", "1"}, {"LTRIM", "s", "0", "1"},
                {"LREM", "s", "0", "a"}, {"LINSERT", "s", "before", "a", "b"}, {"LPOS", "s", "a"},
                {"LMOVE", "s", "x", "LEFT", "LEFT"}, {"LMPOP", "1", "s", "LEFT"}, {"BLPOP", "s", "0"}}) {
            assertEquals(WRONGTYPE, server.call(args), String.join(" ", args));
        }
    }

    @Test
    void binaryValuesRoundTrip() throws Exception {
        byte[] key = {'b', 0, (byte) 0xff};
        byte[] a = {0, '\r', '\n', (byte) 0x80};
        byte[] b = new byte[10_000];
        new java.util.Random(7).nextBytes(b);
        try (Jedis jedis = server.jedis()) {
            jedis.rpush(key, a, b);
            assertArrayEquals(b, jedis.lindex(key, 1));
            List<byte[]> range = jedis.lrange(key, 0, -1);
            assertArrayEquals(a, range.get(0));
            assertArrayEquals(b, range.get(1));
            assertEquals(0L, jedis.lpos(key, a));
            assertEquals(1L, jedis.lrem(key, 0, a));
            assertArrayEquals(b, jedis.lpop(key));
            assertNull(jedis.lpop(key));
        }
    }

    @Test
    void resp3Shapes() {
        try (RawConnection r3 = server.raw()) {
            r3.call("HELLO", "3");
            assertEquals("_\r\n", r3.call("LPOP", "nokey"));
            assertEquals("_\r\n", r3.call("LPOP", "nokey", "2"));
            assertEquals("_\r\n", r3.call("LMPOP", "1", "nokey", "LEFT"));
            assertEquals("_\r\n", r3.call("LPOS", "nokey", "a"));
            assertEquals("_\r\n", r3.call("LINDEX", "nokey", "0"));
            r3.call("RPUSH", "r3", "a", "b");
            assertEquals("*2\r\n" + bulk("r3") + bulks("a"), r3.call("LMPOP", "1", "r3", "LEFT"));
            assertEquals("_\r\n", r3.call("BLPOP", "nokey", "0.01"));
        }
    }

    @Test
    void listsSurviveARestart() {
        server.call("RPUSH", "keep", "a", "b", "c");
        server.call("LPUSH", "keep", "z");
        server.call("LINSERT", "keep", "after", "a", "a2");
        server.restart();
        assertEquals(bulks("z", "a", "a2", "b", "c"), server.call("LRANGE", "keep", "0", "-1"));
        assertEquals(bulk("c"), server.call("RPOP", "keep"));
        assertEquals(integer(5), server.call("LPUSH", "keep", "y"));
    }

    @Test
    void pushAndPopAtTheEndsNeverRewriteTheList() {
        String[] args = new String[2 + 1000];
        args[0] = "RPUSH";
        args[1] = "fifo";
        for (int i = 0; i < 1000; i++) {
            args[2 + i] = "e" + i;
        }
        server.call(args);
        long version = meta("fifo").version();
        for (int i = 0; i < 2000; i++) {
            server.connection().send("LPUSH", "fifo", "n" + i).send("RPOP", "fifo");
        }
        for (int i = 0; i < 4000; i++) {
            server.connection().readReply();
        }
        assertEquals(integer(1000), server.call("LLEN", "fifo"));
        assertEquals(version, meta("fifo").version());
        assertEquals(1000, elementRecords(version));
        assertEquals(bulk("n1999"), server.call("LINDEX", "fifo", "0"));
        assertEquals(bulk("n1000"), server.call("LINDEX", "fifo", "-1"));
    }

    @Test
    void deletingAHugeListIsQuickAndLeavesNoElements() {
        int total = 200_000;
        int batch = 10_000;
        for (int from = 0; from < total; from += batch) {
            List<String> args = new ArrayList<>(List.of("RPUSH", "huge"));
            for (int i = from; i < from + batch; i++) {
                args.add("element-" + i);
            }
            server.connection().send(args.toArray(new String[0]));
        }
        for (int from = 0; from < total; from += batch) {
            server.connection().readReply();
        }
        assertEquals(integer(total), server.call("LLEN", "huge"));
        long version = meta("huge").version();
        long started = System.nanoTime();
        assertEquals(integer(1), server.call("DEL", "huge"));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis < 1000, "DEL took " + millis + " ms");
        assertEquals(0, elementRecords(version));
        assertEquals(integer(0), server.call("EXISTS", "huge"));
    }
}
