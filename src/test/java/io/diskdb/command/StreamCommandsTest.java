package io.diskdb.command;

import io.diskdb.storage.ColumnFamily;
import io.diskdb.storage.Metadata;
import io.diskdb.testing.RawConnection;
import io.diskdb.testing.SharedServer;
import io.diskdb.testing.StoredRecords;
import io.diskdb.testing.TestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;

import java.util.Map;

import static io.diskdb.testing.Resp.OK;
import static io.diskdb.testing.Resp.array;
import static io.diskdb.testing.Resp.bulk;
import static io.diskdb.testing.Resp.error;
import static io.diskdb.testing.Resp.integer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * XADD, XRANGE, XREVRANGE, XLEN, XDEL, XTRIM, XSETID and XINFO STREAM: replies and errors
 * byte for byte as Redis 7.0.15 gave them for the same commands, RESP3 shapes, storage
 * (O(1) DEL of a huge stream) and restarts.
 */
class StreamCommandsTest {
    static final String INVALID_ID = "-ERR Invalid stream ID specified as stream command argument\r\n";

    @RegisterExtension
    static final SharedServer server = new SharedServer();

    @BeforeEach
    void flush() {
        server.call("HELLO", "2");
        server.call("FLUSHALL");
    }

    /** One entry in RESP: [id, [field, value, ...]]. */
    static String entry(String id, String... fieldsAndValues) {
        StringBuilder out = new StringBuilder("*2\r\n").append(bulk(id)).append("*").append(fieldsAndValues.length).append("\r\n");
        for (String item : fieldsAndValues) {
            out.append(bulk(item));
        }
        return out.toString();
    }

    @Test
    void xaddPicksAndChecksIds() {
        assertEquals(bulk("1-1"), server.call("XADD", "s", "1-1", "a", "1"));
        assertEquals(bulk("1-2"), server.call("XADD", "s", "1-*", "b", "2"));
        assertEquals(bulk("5-0"), server.call("XADD", "s", "5", "c", "3"));
        assertEquals(bulk("7-1"), server.call("XADD", "s", "007-1", "d", "4"), "strtoull accepts leading zeros");
        assertEquals(bulk("8-1"), server.call("XADD", "s", "+8-1", "d", "4"));
        assertEquals(error("ERR The ID specified in XADD is equal or smaller than the target stream top item"),
                server.call("XADD", "s", "8-1", "a", "1"));
        assertEquals(error("ERR The ID specified in XADD is equal or smaller than the target stream top item"),
                server.call("XADD", "s", "3-*", "a", "1"));
        assertEquals(error("ERR The ID specified in XADD must be greater than 0-0"), server.call("XADD", "t", "0-0", "a", "1"));
        assertEquals(error("ERR The ID specified in XADD must be greater than 0-0"), server.call("XADD", "t", "0", "a", "1"));
        assertEquals(bulk("0-1"), server.call("XADD", "t", "0-*", "a", "1"));
        assertEquals(INVALID_ID, server.call("XADD", "s", "18446744073709551616", "a", "1"));
        assertEquals(INVALID_ID, server.call("XADD", "s", "-", "a", "1"));
        assertEquals(error("ERR wrong number of arguments for 'xadd' command"), server.call("XADD", "s", "*", "a"));
        assertEquals(error("ERR wrong number of arguments for 'xadd' command"), server.call("XADD", "s", "nomkstream"));
        assertEquals(integer(5), server.call("XLEN", "s"));
        String auto = server.call("XADD", "s", "*", "e", "5");
        assertTrue(auto.matches("\\$\\d+\r\n\\d{13}-0\r\n"), auto);
        assertEquals(bulk("18446744073709551615-18446744073709551615"),
                server.call("XADD", "u", "18446744073709551615-18446744073709551615", "a", "1"));
        assertEquals(error("ERR The stream has exhausted the last possible ID, unable to add more items"),
                server.call("XADD", "u", "*", "a", "1"));
    }

    @Test
    void xaddNoMkStreamAndWrongType() {
        assertEquals("$-1\r\n", server.call("XADD", "s", "NOMKSTREAM", "*", "a", "1"));
        assertEquals(integer(0), server.call("EXISTS", "s"));
        server.call("SET", "str", "v");
        assertEquals(error("WRONGTYPE Operation against a key holding the wrong kind of value"), server.call("XADD", "str", "*", "a", "b"));
        assertEquals(error("WRONGTYPE Operation against a key holding the wrong kind of value"), server.call("XRANGE", "str", "-", "+"));
        assertEquals(error("WRONGTYPE Operation against a key holding the wrong kind of value"), server.call("XLEN", "str"));
        assertEquals(bulk("1-0"), server.call("XADD", "s", "1", "a", "b"));
        assertEquals("+stream\r\n", server.call("TYPE", "s"));
    }

    @Test
    void xaddTrimOptionsAndErrors() {
        for (int i = 1; i <= 5; i++) {
            server.call("XADD", "s", i + "-0", "f", "v" + i);
        }
        assertEquals(bulk("6-0"), server.call("XADD", "s", "MAXLEN", "3", "6-0", "f", "v6"));
        assertEquals(array(entry("4-0", "f", "v4"), entry("5-0", "f", "v5"), entry("6-0", "f", "v6")), server.call("XRANGE", "s", "-", "+"));
        assertEquals(bulk("7-0"), server.call("XADD", "s", "MINID", "=", "6", "7-0", "f", "v7"));
        assertEquals(integer(2), server.call("XLEN", "s"));
        assertEquals(error("ERR syntax error, LIMIT cannot be used without the special ~ option"),
                server.call("XADD", "s", "LIMIT", "5", "MAXLEN", "2", "*", "a", "1"));
        assertEquals(error("ERR The LIMIT argument must be >= 0."), server.call("XADD", "s", "MAXLEN", "~", "2", "LIMIT", "-1", "*", "a", "1"));
        assertEquals(error("ERR value is not an integer or out of range"), server.call("XADD", "s", "MAXLEN", "~", "2", "LIMIT", "x", "*", "a", "1"));
        assertEquals(error("ERR syntax error, MAXLEN and MINID options at the same time are not compatible"),
                server.call("XADD", "s", "MAXLEN", "2", "MINID", "3", "*", "a", "1"));
        assertEquals(error("ERR The MAXLEN argument must be >= 0."), server.call("XADD", "s", "MAXLEN", "-1", "*", "a", "1"));
        assertEquals(error("ERR syntax error, LIMIT cannot be used without specifying a trimming strategy"),
                server.call("XADD", "s", "LIMIT", "5", "*", "a", "1"));
        assertEquals(integer(2), server.call("XLEN", "s"), "failed XADDs add nothing");
    }

    @Test
    void approximateTrimDropsWholeNodesOfAHundred() {
        try (Jedis jedis = server.jedis()) {
            Pipeline p = jedis.pipelined();
            for (int i = 1; i <= 250; i++) {
                p.xadd("s", new StreamEntryID(i, 0), Map.of("f", "v"));
            }
            p.sync();
        }
        assertEquals(integer(100), server.call("XTRIM", "s", "MAXLEN", "~", "120"));
        assertEquals(integer(150), server.call("XLEN", "s"));
        assertEquals(integer(0), server.call("XTRIM", "s", "MAXLEN", "~", "100"), "less than a node to drop");
        assertEquals(integer(0), server.call("XTRIM", "s", "MAXLEN", "~", "0", "LIMIT", "99"));
        assertEquals(integer(50), server.call("XTRIM", "s", "MAXLEN", "=", "100"));
        assertEquals(integer(100), server.call("XTRIM", "s", "MAXLEN", "~", "0"), "everything goes, the partial last node too");
        assertEquals(integer(0), server.call("XLEN", "s"));
        assertEquals(integer(1), server.call("EXISTS", "s"), "an empty stream stays");
    }

    @Test
    void xtrimChecksItsOptionsBeforeTheKey() {
        assertEquals(error("ERR syntax error"), server.call("XTRIM", "missing", "FOO", "bar"));
        assertEquals(integer(0), server.call("XTRIM", "missing", "MAXLEN", "1"));
        server.call("XADD", "s", "1", "a", "1");
        server.call("XADD", "s", "2", "a", "1");
        server.call("XADD", "s", "3", "a", "1");
        assertEquals(error("ERR syntax error"), server.call("XTRIM", "s", "FOO", "bar"));
        assertEquals(error("ERR syntax error, XTRIM must be called with a trimming strategy"), server.call("XTRIM", "s", "LIMIT", "0"));
        assertEquals(integer(1), server.call("XTRIM", "s", "MINID", "2"));
        assertEquals(integer(1), server.call("XTRIM", "s", "MAXLEN", "1"));
        assertEquals(array(entry("3-0", "a", "1")), server.call("XRANGE", "s", "-", "+"));
        // trimming does not move max-deleted-entry-id, XDEL does
        assertTrue(server.call("XINFO", "STREAM", "s").contains(bulk("max-deleted-entry-id") + bulk("0-0")));
        assertEquals(integer(1), server.call("XDEL", "s", "3-0"));
        assertTrue(server.call("XINFO", "STREAM", "s").contains(bulk("max-deleted-entry-id") + bulk("3-0")));
    }

    @Test
    void rangesWithBoundsAndCounts() {
        for (String id : new String[]{"1-1", "1-2", "2-0", "3-5"}) {
            server.call("XADD", "s", id, "f", id);
        }
        assertEquals(array(entry("1-1", "f", "1-1"), entry("1-2", "f", "1-2")), server.call("XRANGE", "s", "1", "1"));
        assertEquals(array(entry("1-2", "f", "1-2"), entry("2-0", "f", "2-0")), server.call("XRANGE", "s", "(1-1", "(3-5"));
        assertEquals(array(entry("3-5", "f", "3-5"), entry("2-0", "f", "2-0")), server.call("XREVRANGE", "s", "+", "-", "COUNT", "2"));
        assertEquals(array(entry("2-0", "f", "2-0")), server.call("XREVRANGE", "s", "(3-5", "(1-2"));
        assertEquals(array(), server.call("XRANGE", "s", "3", "2"));
        assertEquals("*-1\r\n", server.call("XRANGE", "s", "-", "+", "COUNT", "0"));
        assertEquals("*-1\r\n", server.call("XRANGE", "s", "-", "+", "COUNT", "-3"));
        assertEquals(array(), server.call("XRANGE", "missing", "-", "+", "COUNT", "0"));
        assertEquals(INVALID_ID, server.call("XRANGE", "s", "(-", "+"));
        assertEquals(error("ERR invalid end ID for the interval"), server.call("XRANGE", "s", "-", "(0-0"));
        assertEquals(error("ERR invalid start ID for the interval"),
                server.call("XRANGE", "s", "(18446744073709551615-18446744073709551615", "+"));
        assertEquals(error("ERR syntax error"), server.call("XRANGE", "s", "-", "+", "COUNT"));
        assertEquals(error("ERR value is not an integer or out of range"), server.call("XRANGE", "s", "-", "+", "COUNT", "x"));
    }

    @Test
    void xdelChecksEveryIdFirstAndKeepsTheEmptyStream() {
        server.call("XADD", "s", "1", "a", "1");
        server.call("XADD", "s", "2", "a", "2");
        assertEquals(INVALID_ID, server.call("XDEL", "s", "1", "bad"));
        assertEquals(integer(2), server.call("XLEN", "s"));
        assertEquals(integer(0), server.call("XDEL", "missing", "bad"));
        assertEquals(integer(1), server.call("XDEL", "s", "1", "1", "9"));
        assertTrue(server.call("XINFO", "STREAM", "s").contains(bulk("recorded-first-entry-id") + bulk("2-0")));
        assertEquals(integer(1), server.call("XDEL", "s", "2"));
        assertEquals(integer(0), server.call("XLEN", "s"));
        assertEquals("+stream\r\n", server.call("TYPE", "s"));
        assertEquals(error("ERR The ID specified in XADD is equal or smaller than the target stream top item"),
                server.call("XADD", "s", "2", "a", "1"));
    }

    @Test
    void xsetid() {
        assertEquals(error("ERR no such key"), server.call("XSETID", "missing", "1-1"));
        assertEquals(error("ERR entries_added must be positive"), server.call("XSETID", "missing", "1-1", "ENTRIESADDED", "-1"));
        assertEquals(error("ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id"),
                server.call("XSETID", "missing", "1-1", "MAXDELETEDID", "2-2"));
        assertEquals(error("ERR syntax error"), server.call("XSETID", "missing", "1-1", "FOO"));
        server.call("XADD", "s", "5-1", "a", "1");
        server.call("XADD", "s", "6-1", "a", "1");
        assertEquals(error("ERR The ID specified in XSETID is smaller than the target stream top item"), server.call("XSETID", "s", "5-5"));
        assertEquals(error("ERR The entries_added specified in XSETID is smaller than the target stream length"),
                server.call("XSETID", "s", "6-1", "ENTRIESADDED", "1"));
        assertEquals(OK, server.call("XSETID", "s", "7-1", "ENTRIESADDED", "10", "MAXDELETEDID", "2-2"));
        String info = server.call("XINFO", "STREAM", "s");
        assertTrue(info.contains(bulk("last-generated-id") + bulk("7-1")), info);
        assertTrue(info.contains(bulk("entries-added") + integer(10)), info);
        assertTrue(info.contains(bulk("max-deleted-entry-id") + bulk("2-2")), info);
        assertEquals(bulk("7-2"), server.call("XADD", "s", "7-*", "a", "1"), "ids continue after the set id");
    }

    @Test
    void xinfoStreamInBothProtocols() {
        server.call("XADD", "s", "1-1", "a", "1");
        server.call("XADD", "s", "2-1", "b", "2");
        String expected = "*20\r\n" + bulk("length") + integer(2) + bulk("radix-tree-keys") + integer(1)
                + bulk("radix-tree-nodes") + integer(2) + bulk("last-generated-id") + bulk("2-1")
                + bulk("max-deleted-entry-id") + bulk("0-0") + bulk("entries-added") + integer(2)
                + bulk("recorded-first-entry-id") + bulk("1-1") + bulk("groups") + integer(0)
                + bulk("first-entry") + entry("1-1", "a", "1") + bulk("last-entry") + entry("2-1", "b", "2");
        assertEquals(expected, server.call("XINFO", "STREAM", "s"));
        server.call("XDEL", "s", "1-1", "2-1");
        server.call("HELLO", "3");
        String empty = server.call("XINFO", "STREAM", "s");
        assertTrue(empty.startsWith("%10\r\n"), empty);
        assertTrue(empty.endsWith(bulk("first-entry") + "_\r\n" + bulk("last-entry") + "_\r\n"), empty);
        assertEquals(error("ERR no such key"), server.call("XINFO", "STREAM", "missing"));
        assertEquals(error("ERR unknown subcommand or wrong number of arguments for 'STREAM'. Try XINFO HELP."),
                server.call("XINFO", "STREAM", "s", "FULL", "COUNT"));
        assertTrue(server.call("XINFO", "HELP").startsWith("*9\r\n+XINFO <subcommand>"));
    }

    @Test
    void deletingAHugeStreamIsFastAndRemovesItsRecords() {
        try (Jedis jedis = server.jedis()) {
            Pipeline p = jedis.pipelined();
            for (int i = 1; i <= 200_000; i++) {
                p.xadd("huge", XAddParams.xAddParams().id(new StreamEntryID(i, 0)), Map.of("f", "v"));
            }
            p.sync();
            jedis.xgroupCreate("huge", "g", StreamEntryID.LAST_ENTRY, false);
            assertEquals(200_000, jedis.xlen("huge"));
            long version = meta("huge").version();
            assertEquals(200_001, records(version));
            long start = System.nanoTime();
            assertEquals(1, jedis.del("huge"));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 1000, "DEL took " + millis + " ms");
            assertEquals(0, records(version));
            assertEquals(0, jedis.xlen("huge"));
        }
        assertEquals(bulk("1-0"), server.call("XADD", "huge", "1", "a", "b"), "a new stream starts from scratch");
    }

    @Test
    void entriesSurviveARestart() {
        try (TestServer restarting = TestServer.start(); RawConnection r = restarting.raw()) {
            r.call("XADD", "s", "1-1", "a", "1", "b", "2");
            r.call("XADD", "s", "2-1", "c", "\u0000bin");
            r.call("XDEL", "s", "1-1");
            r.close();
            restarting.restart();
            try (RawConnection after = restarting.raw()) {
                assertEquals(array(entry("2-1", "c", "\u0000bin")), after.call("XRANGE", "s", "-", "+"));
                String info = after.call("XINFO", "STREAM", "s");
                assertTrue(info.contains(bulk("max-deleted-entry-id") + bulk("1-1")), info);
                assertTrue(info.contains(bulk("entries-added") + integer(2)), info);
                assertEquals(bulk("2-2"), after.call("XADD", "s", "2-*", "d", "4"));
            }
        }
    }

    private Metadata meta(String key) {
        var keyspace = server.server().keyspace();
        return keyspace.peek(0, key.getBytes());
    }

    /** Records under a version prefix of the streams family, counted in RocksDB itself. */
    private long records(long version) {
        return StoredRecords.elements(server.server(), ColumnFamily.STREAMS, version);
    }
}
