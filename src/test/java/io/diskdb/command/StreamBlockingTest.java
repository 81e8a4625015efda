package io.diskdb.command;

import io.diskdb.testing.RawConnection;
import io.diskdb.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;

import static io.diskdb.command.StreamCommandsTest.array;
import static io.diskdb.command.StreamCommandsTest.bulk;
import static io.diskdb.command.StreamCommandsTest.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * XREAD BLOCK and XREADGROUP BLOCK: woken by XADD (oldest first), {@code $}, several streams,
 * timeouts in both protocols, MULTI, disconnects, INFO blocked_clients, and the errors Redis
 * 7.0.15 gives a blocked group reader whose group or stream goes away.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamBlockingTest {
    private TestServer server;
    private RawConnection control;
    private final List<RawConnection> opened = new ArrayList<>();

    @BeforeAll
    void start() {
        server = TestServer.start();
        control = server.raw();
    }

    @AfterAll
    void stop() {
        control.close();
        server.close();
    }

    @AfterEach
    void cleanUp() {
        for (RawConnection client : opened) {
            client.close();
        }
        opened.clear();
        awaitBlocked(0);
        control.call("FLUSHALL");
    }

    private RawConnection client() {
        RawConnection client = server.raw();
        opened.add(client);
        return client;
    }

    private long blockedClients() {
        for (String line : control.call("INFO", "clients").split("\r\n")) {
            if (line.startsWith("blocked_clients:")) {
                return Long.parseLong(line.substring("blocked_clients:".length()));
            }
        }
        throw new AssertionError("no blocked_clients");
    }

    private void awaitBlocked(long expected) {
        long deadline = System.currentTimeMillis() + 5000;
        long seen;
        while ((seen = blockedClients()) != expected) {
            if (System.currentTimeMillis() > deadline) {
                fail("blocked_clients stayed " + seen + ", expected " + expected);
            }
            sleep(5);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String streamReply(String key, String... entries) {
        return array(array(bulk(key), array(entries)));
    }

    @Test
    void xreadBlockIsWokenByXaddAfterDollar() {
        control.call("XADD", "s", "1-1", "old", "1");
        RawConnection reader = client().send("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
        awaitBlocked(1);
        assertEquals(bulk("2-1"), control.call("XADD", "s", "2-1", "new", "2"));
        assertEquals(streamReply("s", entry("2-1", "new", "2")), reader.readReply());
        awaitBlocked(0);
    }

    @Test
    void dollarOnAMissingKeyWaitsForTheFirstEntry() {
        RawConnection reader = client().send("XREAD", "BLOCK", "0", "STREAMS", "nokey", "$");
        awaitBlocked(1);
        control.call("XADD", "nokey", "1-1", "f", "v");
        assertEquals(streamReply("nokey", entry("1-1", "f", "v")), reader.readReply());
    }

    @Test
    void severalStreamsAnswerWithTheOneThatWokeTheReader() {
        RawConnection reader = client().send("XREAD", "BLOCK", "0", "STREAMS", "a", "b", "$", "$");
        awaitBlocked(1);
        control.call("XADD", "b", "5-5", "x", "y");
        assertEquals(streamReply("b", entry("5-5", "x", "y")), reader.readReply());
    }

    @Test
    void everyReaderOfAStreamIsServedOldestFirst() {
        List<RawConnection> readers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            readers.add(client().send("XREAD", "BLOCK", "0", "STREAMS", "s", "$"));
            awaitBlocked(i + 1);
        }
        control.call("XADD", "s", "1-1", "f", "v");
        for (RawConnection reader : readers) {
            assertEquals(streamReply("s", entry("1-1", "f", "v")), reader.readReply());
        }
        awaitBlocked(0);
    }

    @Test
    void anEntryNotAfterTheHeldIdDoesNotWake() {
        control.call("XADD", "s", "5-0", "f", "v");
        RawConnection reader = client().send("XREAD", "BLOCK", "0", "STREAMS", "s", "10-0");
        awaitBlocked(1);
        control.call("XADD", "s", "9-0", "f", "v");
        sleep(100);
        assertEquals(1, blockedClients());
        control.call("XADD", "s", "11-0", "f", "w");
        assertEquals(streamReply("s", entry("11-0", "f", "w")), reader.readReply());
    }

    @Test
    void timeoutsReplyNilInBothProtocols() {
        RawConnection resp2 = client();
        long start = System.nanoTime();
        assertEquals("*-1\r\n", resp2.call("XREAD", "BLOCK", "100", "STREAMS", "s", "$"));
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 90);
        RawConnection resp3 = client();
        resp3.call("HELLO", "3");
        assertEquals("_\r\n", resp3.call("XREAD", "BLOCK", "50", "STREAMS", "s", "$"));
        control.call("XGROUP", "CREATE", "g", "grp", "$", "MKSTREAM");
        assertEquals("_\r\n", resp3.call("XREADGROUP", "GROUP", "grp", "c", "BLOCK", "50", "STREAMS", "g", ">"));
        assertEquals("*-1\r\n", resp2.call("XREAD", "STREAMS", "s", "0"), "no BLOCK, nothing to read");
    }

    @Test
    void resp3WokenReplyIsAMap() {
        RawConnection reader = client();
        reader.call("HELLO", "3");
        reader.send("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
        awaitBlocked(1);
        control.call("XADD", "s", "1-1", "f", "v");
        assertEquals("%1\r\n" + bulk("s") + array(entry("1-1", "f", "v")), reader.readReply());
    }

    @Test
    void insideMultiItDoesNotBlock() {
        RawConnection tx = client();
        tx.call("MULTI");
        tx.call("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
        assertEquals("*1\r\n*-1\r\n", tx.call("EXEC"));
    }

    @Test
    void aDisconnectedReaderLeavesTheRegistry() {
        RawConnection reader = server.raw();
        reader.send("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
        awaitBlocked(1);
        reader.close();
        awaitBlocked(0);
        RawConnection next = client().send("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
        awaitBlocked(1);
        control.call("XADD", "s", "1-1", "f", "v");
        assertEquals(streamReply("s", entry("1-1", "f", "v")), next.readReply());
    }

    @Test
    void blockArgumentErrors() {
        assertEquals("-ERR timeout is not an integer or out of range\r\n", control.call("XREAD", "BLOCK", "1.5", "STREAMS", "s", "0"));
        assertEquals("-ERR timeout is negative\r\n", control.call("XREAD", "BLOCK", "-1", "STREAMS", "s", "0"));
    }

    @Test
    void groupReadersShareNewEntries() {
        control.call("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM");
        RawConnection first = client().send("XREADGROUP", "GROUP", "g", "c1", "BLOCK", "0", "STREAMS", "s", ">");
        awaitBlocked(1);
        RawConnection second = client().send("XREADGROUP", "GROUP", "g", "c2", "BLOCK", "0", "STREAMS", "s", ">");
        awaitBlocked(2);
        control.call("XADD", "s", "1-1", "f", "one");
        assertEquals(streamReply("s", entry("1-1", "f", "one")), first.readReply());
        awaitBlocked(1);
        control.call("XADD", "s", "2-1", "f", "two");
        assertEquals(streamReply("s", entry("2-1", "f", "two")), second.readReply());
        String pending = control.call("XPENDING", "s", "g");
        assertEquals("*4\r\n:2\r\n" + bulk("1-1") + bulk("2-1") + array(array(bulk("c1"), bulk("1")), array(bulk("c2"), bulk("1"))), pending);
    }

    @Test
    void destroyingTheGroupOrDeletingTheKeyAnswersBlockedGroupReaders() {
        control.call("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM");
        RawConnection reader = client().send("XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">");
        awaitBlocked(1);
        assertEquals(":1\r\n", control.call("XGROUP", "DESTROY", "s", "g"));
        assertEquals("-NOGROUP the consumer group this client was blocked on no longer exists\r\n", reader.readReply());
        control.call("XGROUP", "CREATE", "s", "g", "$");
        reader.send("XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">");
        awaitBlocked(1);
        RawConnection plain = client().send("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
        awaitBlocked(2);
        assertEquals(":1\r\n", control.call("DEL", "s"));
        assertEquals("-UNBLOCKED the stream key no longer exists\r\n", reader.readReply());
        awaitBlocked(1); // a plain reader keeps waiting
        control.call("XADD", "s", "5-0", "f", "v");
        assertEquals(streamReply("s", entry("5-0", "f", "v")), plain.readReply());
    }
}
