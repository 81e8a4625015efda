package io.diskdb.command;

import io.diskdb.testing.BlockingCommandsServer;
import io.diskdb.testing.RawConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static io.diskdb.command.StreamCommandsTest.entry;
import static io.diskdb.testing.Resp.array;
import static io.diskdb.testing.Resp.bulk;
import static io.diskdb.testing.Sleep.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * XREAD BLOCK and XREADGROUP BLOCK: woken by XADD (oldest first), {@code $}, several streams,
 * timeouts in both protocols, MULTI, disconnects, INFO blocked_clients, and the errors Redis
 * 7.0.15 gives a blocked group reader whose group or stream goes away.
 */
class StreamBlockingTest {
    @RegisterExtension
    static final BlockingCommandsServer server = new BlockingCommandsServer();

    private static String streamReply(String key, String... entries) {
        return array(array(bulk(key), array(entries)));
    }

    @Test
    void xreadBlockIsWokenByXaddAfterDollar() {
        server.control().call("XADD", "s", "1-1", "old", "1");
        RawConnection reader = server.client().send("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
        server.awaitBlocked(1);
        assertEquals(bulk("2-1"), server.control().call("XADD", "s", "2-1", "new", "2"));
        assertEquals(streamReply("s", entry("2-1", "new", "2")), reader.readReply());
        server.awaitBlocked(0);
    }

    @Test
    void dollarOnAMissingKeyWaitsForTheFirstEntry() {
        RawConnection reader = server.client().send("XREAD", "BLOCK", "0", "STREAMS", "nokey", "$");
        server.awaitBlocked(1);
        server.control().call("XADD", "nokey", "1-1", "f", "v");
        assertEquals(streamReply("nokey", entry("1-1", "f", "v")), reader.readReply());
    }

    @Test
    void severalStreamsAnswerWithTheOneThatWokeTheReader() {
        RawConnection reader = server.client().send("XREAD", "BLOCK", "0", "STREAMS", "a", "b", "$", "$");
        server.awaitBlocked(1);
        server.control().call("XADD", "b", "5-5", "x", "y");
        assertEquals(streamReply("b", entry("5-5", "x", "y")), reader.readReply());
    }

    @Test
    void everyReaderOfAStreamIsServedOldestFirst() {
        List<RawConnection> readers = server.parkInOrder(3, "XREAD", "BLOCK", "0", "STREAMS", "s", "$");
        server.control().call("XADD", "s", "1-1", "f", "v");
        for (RawConnection reader : readers) {
            assertEquals(streamReply("s", entry("1-1", "f", "v")), reader.readReply());
        }
        server.awaitBlocked(0);
    }

    @Test
    void anEntryNotAfterTheHeldIdDoesNotWake() {
        server.control().call("XADD", "s", "5-0", "f", "v");
        RawConnection reader = server.client().send("XREAD", "BLOCK", "0", "STREAMS", "s", "10-0");
        server.awaitBlocked(1);
        server.control().call("XADD", "s", "9-0", "f", "v");
        sleep(100);
        assertEquals(1, server.blockedClients());
        server.control().call("XADD", "s", "11-0", "f", "w");
        assertEquals(streamReply("s", entry("11-0", "f", "w")), reader.readReply());
    }

    @Test
    void timeoutsReplyNilInBothProtocols() {
        RawConnection resp2 = server.client();
        long start = System.nanoTime();
        assertEquals("*-1\r\n", resp2.call("XREAD", "BLOCK", "100", "STREAMS", "s", "$"));
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 90);
        RawConnection resp3 = server.client();
        resp3.call("HELLO", "3");
        assertEquals("_\r\n", resp3.call("XREAD", "BLOCK", "50", "STREAMS", "s", "$"));
        server.control().call("XGROUP", "CREATE", "g", "grp", "$", "MKSTREAM");
        assertEquals("_\r\n", resp3.call("XREADGROUP", "GROUP", "grp", "c", "BLOCK", "50", "STREAMS", "g", ">"));
        assertEquals("*-1\r\n", resp2.call("XREAD", "STREAMS", "s", "0"), "no BLOCK, nothing to read");
    }

    @Test
    void resp3WokenReplyIsAMap() {
        RawConnection reader = server.client();
        reader.call("HELLO", "3");
        reader.send("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
        server.awaitBlocked(1);
        server.control().call("XADD", "s", "1-1", "f", "v");
        assertEquals("%1\r\n" + bulk("s") + array(entry("1-1", "f", "v")), reader.readReply());
    }

    @Test
    void insideMultiItDoesNotBlock() {
        RawConnection tx = server.client();
        tx.call("MULTI");
        tx.call("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
        assertEquals("*1\r\n*-1\r\n", tx.call("EXEC"));
    }

    @Test
    void aDisconnectedReaderLeavesTheRegistry() {
        RawConnection reader = server.client();
        reader.send("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
        server.awaitBlocked(1);
        reader.close();
        server.awaitBlocked(0);
        RawConnection next = server.client().send("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
        server.awaitBlocked(1);
        server.control().call("XADD", "s", "1-1", "f", "v");
        assertEquals(streamReply("s", entry("1-1", "f", "v")), next.readReply());
    }

    @Test
    void blockArgumentErrors() {
        assertEquals("-ERR timeout is not an integer or out of range\r\n", server.control().call("XREAD", "BLOCK", "1.5", "STREAMS", "s", "0"));
        assertEquals("-ERR timeout is negative\r\n", server.control().call("XREAD", "BLOCK", "-1", "STREAMS", "s", "0"));
    }

    @Test
    void groupReadersShareNewEntries() {
        server.control().call("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM");
        RawConnection first = server.client().send("XREADGROUP", "GROUP", "g", "c1", "BLOCK", "0", "STREAMS", "s", ">");
        server.awaitBlocked(1);
        RawConnection second = server.client().send("XREADGROUP", "GROUP", "g", "c2", "BLOCK", "0", "STREAMS", "s", ">");
        server.awaitBlocked(2);
        server.control().call("XADD", "s", "1-1", "f", "one");
        assertEquals(streamReply("s", entry("1-1", "f", "one")), first.readReply());
        server.awaitBlocked(1);
        server.control().call("XADD", "s", "2-1", "f", "two");
        assertEquals(streamReply("s", entry("2-1", "f", "two")), second.readReply());
        String pending = server.control().call("XPENDING", "s", "g");
        assertEquals("*4\r\n:2\r\n" + bulk("1-1") + bulk("2-1") + array(array(bulk("c1"), bulk("1")), array(bulk("c2"), bulk("1"))), pending);
    }

    @Test
    void destroyingTheGroupOrDeletingTheKeyAnswersBlockedGroupReaders() {
        server.control().call("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM");
        RawConnection reader = server.client().send("XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">");
        server.awaitBlocked(1);
        assertEquals(":1\r\n", server.control().call("XGROUP", "DESTROY", "s", "g"));
        assertEquals("-NOGROUP the consumer group this client was blocked on no longer exists\r\n", reader.readReply());
        server.control().call("XGROUP", "CREATE", "s", "g", "$");
        reader.send("XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">");
        server.awaitBlocked(1);
        RawConnection plain = server.client().send("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
        server.awaitBlocked(2);
        assertEquals(":1\r\n", server.control().call("DEL", "s"));
        assertEquals("-UNBLOCKED the stream key no longer exists\r\n", reader.readReply());
        server.awaitBlocked(1); // a plain reader keeps waiting
        server.control().call("XADD", "s", "5-0", "f", "v");
        assertEquals(streamReply("s", entry("5-0", "f", "v")), plain.readReply());
    }
}
