package io.diskdb.command;

import io.diskdb.testing.RawConnection;
import io.diskdb.testing.SharedServer;
import io.diskdb.testing.TestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.diskdb.command.StreamCommandsTest.entry;
import static io.diskdb.testing.Resp.OK;
import static io.diskdb.testing.Resp.array;
import static io.diskdb.testing.Resp.bulk;
import static io.diskdb.testing.Resp.error;
import static io.diskdb.testing.Resp.integer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Consumer groups end to end: XGROUP, XREADGROUP, XPENDING, XACK, XCLAIM, XAUTOCLAIM and
 * XINFO GROUPS/CONSUMERS, with Redis 7.0.15's replies and errors; idle times within a
 * tolerance; groups, pending entries and consumers across a restart.
 */
class StreamGroupCommandsTest {
    @RegisterExtension
    static final SharedServer server = new SharedServer();

    @BeforeEach
    void fill() {
        server.call("HELLO", "2");
        server.call("FLUSHALL");
        for (int i = 1; i <= 4; i++) {
            server.call("XADD", "s", i + "-0", "f", "v" + i);
        }
    }

    private static String pendingRow(String id, String consumer, long deliveries) {
        return "\\*4\r\n" + Pattern.quote(bulk(id) + bulk(consumer)) + ":(\\d+)\r\n:" + deliveries + "\r\n";
    }

    @Test
    void groupLifeCycleAndErrors() {
        assertEquals(error("ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use "
                + "the MKSTREAM option to create an empty stream automatically."), server.call("XGROUP", "CREATE", "nokey", "g", "$"));
        assertEquals(OK, server.call("XGROUP", "CREATE", "nokey", "g", "$", "MKSTREAM"));
        assertEquals(integer(0), server.call("XLEN", "nokey"));
        assertEquals(OK, server.call("XGROUP", "CREATE", "s", "g", "0"));
        assertEquals(error("BUSYGROUP Consumer Group name already exists"), server.call("XGROUP", "CREATE", "s", "g", "0"));
        assertEquals(error("ERR value for ENTRIESREAD must be positive or -1"), server.call("XGROUP", "CREATE", "s", "h", "0", "ENTRIESREAD", "-5"));
        assertEquals(error("ERR unknown subcommand or wrong number of arguments for 'create'. Try XGROUP HELP."),
                server.call("XGROUP", "create", "s", "h", "$", "foo"));
        assertEquals(error("ERR unknown subcommand 'foo'. Try XGROUP HELP."), server.call("XGROUP", "foo"));
        assertEquals(error("NOGROUP No such consumer group 'nog' for key name 's'"), server.call("XGROUP", "CREATECONSUMER", "s", "nog", "c"));
        assertEquals(integer(1), server.call("XGROUP", "CREATECONSUMER", "s", "g", "c"));
        assertEquals(integer(0), server.call("XGROUP", "CREATECONSUMER", "s", "g", "c"));
        assertEquals(OK, server.call("XGROUP", "SETID", "s", "g", "2-0", "ENTRIESREAD", "2"));
        assertEquals("*1\r\n*12\r\n" + bulk("name") + bulk("g") + bulk("consumers") + integer(1) + bulk("pending") + integer(0)
                + bulk("last-delivered-id") + bulk("2-0") + bulk("entries-read") + integer(2) + bulk("lag") + integer(2),
                server.call("XINFO", "GROUPS", "s"));
        assertEquals(integer(0), server.call("XGROUP", "DELCONSUMER", "s", "g", "nobody"));
        assertEquals(integer(1), server.call("XGROUP", "DESTROY", "s", "g"));
        assertEquals(integer(0), server.call("XGROUP", "DESTROY", "s", "g"));
        assertEquals(array(), server.call("XINFO", "GROUPS", "s"));
        assertTrue(server.call("XGROUP", "HELP").startsWith("*17\r\n+XGROUP <subcommand>"));
    }

    @Test
    void readPendingAckEndToEnd() {
        server.call("XGROUP", "CREATE", "s", "g", "0");
        assertEquals(array(array(bulk("s"), array(entry("1-0", "f", "v1"), entry("2-0", "f", "v2")))),
                server.call("XREADGROUP", "GROUP", "g", "alice", "COUNT", "2", "STREAMS", "s", ">"));
        assertEquals(array(array(bulk("s"), array(entry("3-0", "f", "v3"), entry("4-0", "f", "v4")))),
                server.call("XREADGROUP", "GROUP", "g", "bob", "STREAMS", "s", ">"));
        assertEquals("*-1\r\n", server.call("XREADGROUP", "GROUP", "g", "carol", "STREAMS", "s", ">"), "nothing new");
        assertEquals("*4\r\n:4\r\n" + bulk("1-0") + bulk("4-0") + array(array(bulk("alice"), bulk("2")), array(bulk("bob"), bulk("2"))),
                server.call("XPENDING", "s", "g"));
        String extended = server.call("XPENDING", "s", "g", "-", "+", "10", "bob");
        assertTrue(extended.matches("\\*2\r\n" + pendingRow("3-0", "bob", 1) + pendingRow("4-0", "bob", 1)), extended);
        // history: the consumer's own pending entries, each delivery counted
        assertEquals(array(array(bulk("s"), array(entry("2-0", "f", "v2")))),
                server.call("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", "1-0"));
        assertTrue(server.call("XPENDING", "s", "g", "2-0", "2-0", "1").matches("\\*1\r\n" + pendingRow("2-0", "alice", 2)));
        assertEquals(integer(1), server.call("XACK", "s", "g", "1-0", "1-0", "9-0"));
        assertEquals(StreamCommandsTest.INVALID_ID, server.call("XACK", "s", "g", "2-0", "bad"));
        assertEquals(integer(0), server.call("XACK", "s", "nogroup", "2-0"));
        // an entry deleted from the stream comes back in history with nil fields
        server.call("XDEL", "s", "2-0");
        assertEquals(array(array(bulk("s"), array("*2\r\n" + bulk("2-0") + "*-1\r\n"))),
                server.call("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", "0"));
        assertEquals(integer(1), server.call("XGROUP", "DELCONSUMER", "s", "g", "alice"));
        String consumers = server.call("XINFO", "CONSUMERS", "s", "g");
        assertTrue(consumers.startsWith("*1\r\n*6\r\n" + bulk("name") + bulk("bob") + bulk("pending") + integer(2) + bulk("idle")), consumers);
        assertEquals(error("NOGROUP No such key 's' or consumer group 'x' in XREADGROUP with GROUP option"),
                server.call("XREADGROUP", "GROUP", "x", "c", "STREAMS", "s", ">"));
        assertEquals(error("NOGROUP No such key 's' or consumer group 'x'"), server.call("XPENDING", "s", "x"));
    }

    @Test
    void noAckDeliversWithoutPending() {
        server.call("XGROUP", "CREATE", "s", "g", "2-0");
        assertEquals(array(array(bulk("s"), array(entry("3-0", "f", "v3"), entry("4-0", "f", "v4")))),
                server.call("XREADGROUP", "GROUP", "g", "c", "NOACK", "STREAMS", "s", ">"));
        assertEquals("*4\r\n:0\r\n$-1\r\n$-1\r\n*-1\r\n", server.call("XPENDING", "s", "g"));
        assertTrue(server.call("XINFO", "GROUPS", "s").contains(bulk("last-delivered-id") + bulk("4-0")));
    }

    @Test
    void idleTimesAndIdleFilter() throws InterruptedException {
        server.call("XGROUP", "CREATE", "s", "g", "0");
        server.call("XREADGROUP", "GROUP", "g", "c", "COUNT", "1", "STREAMS", "s", ">");
        Thread.sleep(120);
        server.call("XREADGROUP", "GROUP", "g", "c", "COUNT", "1", "STREAMS", "s", ">");
        Matcher idle = Pattern.compile(pendingRow("1-0", "c", 1)).matcher(server.call("XPENDING", "s", "g", "-", "+", "10"));
        assertTrue(idle.find());
        long millis = Long.parseLong(idle.group(1));
        assertTrue(millis >= 100 && millis < 5000, "idle " + millis);
        String filtered = server.call("XPENDING", "s", "g", "IDLE", "100", "-", "+", "10");
        assertTrue(filtered.matches("\\*1\r\n" + pendingRow("1-0", "c", 1)), filtered);
        assertEquals(error("ERR syntax error"), server.call("XPENDING", "s", "g", "IDLE", "5", "-", "+"));
    }

    @Test
    void xclaimMovesPendingEntries() {
        server.call("XGROUP", "CREATE", "s", "g", "0");
        server.call("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", ">");
        assertEquals(array(), server.call("XCLAIM", "s", "g", "bob", "3600000", "1-0"), "not idle long enough");
        assertEquals(array(entry("1-0", "f", "v1")), server.call("XCLAIM", "s", "g", "bob", "0", "1-0"));
        assertTrue(server.call("XPENDING", "s", "g", "1-0", "1-0", "1").matches("\\*1\r\n" + pendingRow("1-0", "bob", 2)));
        assertEquals(array(bulk("2-0")), server.call("XCLAIM", "s", "g", "bob", "0", "2-0", "JUSTID"));
        assertTrue(server.call("XPENDING", "s", "g", "2-0", "2-0", "1").matches("\\*1\r\n" + pendingRow("2-0", "bob", 1)), "JUSTID does not count");
        assertEquals(array(bulk("3-0")), server.call("XCLAIM", "s", "g", "bob", "0", "3-0", "JUSTID", "RETRYCOUNT", "7", "IDLE", "5000"));
        String row = server.call("XPENDING", "s", "g", "3-0", "3-0", "1");
        Matcher m = Pattern.compile(pendingRow("3-0", "bob", 7)).matcher(row);
        assertTrue(m.find(), row);
        assertTrue(Long.parseLong(m.group(1)) >= 5000);
        server.call("XDEL", "s", "4-0");
        assertEquals(array(), server.call("XCLAIM", "s", "g", "bob", "0", "4-0"), "a deleted entry is dropped, not claimed");
        assertEquals("*4\r\n:3\r\n" + bulk("1-0") + bulk("3-0") + array(array(bulk("bob"), bulk("3"))), server.call("XPENDING", "s", "g"));
        server.call("XADD", "s", "5-0", "f", "v5");
        assertEquals(array(entry("5-0", "f", "v5")), server.call("XCLAIM", "s", "g", "carol", "0", "5-0", "FORCE", "LASTID", "5-0"));
        assertTrue(server.call("XINFO", "GROUPS", "s").contains(bulk("last-delivered-id") + bulk("5-0")));
        assertEquals(error("ERR Unrecognized XCLAIM option 'bad'"), server.call("XCLAIM", "s", "g", "bob", "0", "bad"));
        assertEquals(error("ERR Invalid min-idle-time argument for XCLAIM"), server.call("XCLAIM", "s", "g", "bob", "x", "1-0"));
        assertEquals(error("NOGROUP No such key 's' or consumer group 'x'"), server.call("XCLAIM", "s", "x", "bob", "0", "1-0"));
    }

    @Test
    void xautoclaimWalksThePelWithACursor() {
        server.call("XGROUP", "CREATE", "s", "g", "0");
        server.call("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", ">");
        server.call("XDEL", "s", "2-0");
        assertEquals("*3\r\n" + bulk("3-0") + array(entry("1-0", "f", "v1")) + array(bulk("2-0")),
                server.call("XAUTOCLAIM", "s", "g", "bob", "0", "0", "COUNT", "2"));
        assertEquals("*3\r\n" + bulk("0-0") + array(bulk("3-0"), bulk("4-0")) + array(),
                server.call("XAUTOCLAIM", "s", "g", "bob", "0", "3-0", "JUSTID"));
        assertEquals("*3\r\n" + bulk("0-0") + array() + array(), server.call("XAUTOCLAIM", "s", "g", "carol", "3600000", "-"));
        assertEquals(error("ERR COUNT must be > 0"), server.call("XAUTOCLAIM", "s", "g", "c", "0", "0", "COUNT", "0"));
        assertEquals(error("NOGROUP No such key 's' or consumer group 'x'"), server.call("XAUTOCLAIM", "s", "x", "c", "0", "0"));
    }

    @Test
    void xinfoStreamFullListsGroupsPendingAndConsumers() {
        server.call("XGROUP", "CREATE", "s", "g", "0");
        server.call("XREADGROUP", "GROUP", "g", "c", "COUNT", "1", "STREAMS", "s", ">");
        String full = server.call("XINFO", "STREAM", "s", "FULL", "COUNT", "1");
        assertTrue(full.startsWith("*18\r\n"), full);
        assertTrue(full.contains(bulk("entries") + array(entry("1-0", "f", "v1")) + bulk("groups") + "*1\r\n*14\r\n"
                + bulk("name") + bulk("g") + bulk("last-delivered-id") + bulk("1-0") + bulk("entries-read") + integer(1)
                + bulk("lag") + integer(3) + bulk("pel-count") + integer(1) + bulk("pending")), full);
        assertTrue(full.contains(bulk("pel-count") + integer(1) + bulk("pending") + "*1\r\n*3\r\n" + bulk("1-0")), full);
    }

    @Test
    void groupsPendingEntriesAndConsumersSurviveARestart() {
        try (TestServer restarting = TestServer.start()) {
            try (RawConnection r = restarting.raw()) {
                r.call("XADD", "s", "1-0", "f", "v1");
                r.call("XADD", "s", "2-0", "f", "v2");
                r.call("XGROUP", "CREATE", "s", "g", "0");
                r.call("XREADGROUP", "GROUP", "g", "alice", "COUNT", "1", "STREAMS", "s", ">");
                r.call("XGROUP", "CREATECONSUMER", "s", "g", "idle-one");
            }
            restarting.restart();
            try (RawConnection r = restarting.raw()) {
                assertEquals("*4\r\n:1\r\n" + bulk("1-0") + bulk("1-0") + array(array(bulk("alice"), bulk("1"))), r.call("XPENDING", "s", "g"));
                String consumers = r.call("XINFO", "CONSUMERS", "s", "g");
                assertTrue(consumers.startsWith("*2\r\n*6\r\n" + bulk("name") + bulk("alice")) && consumers.contains(bulk("idle-one")), consumers);
                assertEquals(array(array(bulk("s"), array(entry("2-0", "f", "v2")))),
                        r.call("XREADGROUP", "GROUP", "g", "bob", "STREAMS", "s", ">"), "the group's last id survived");
            }
        }
    }
}
