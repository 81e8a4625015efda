package io.diskdb.command;

import io.diskdb.storage.KeyLocks;
import io.diskdb.storage.Keyspace;
import io.diskdb.storage.Transaction;
import io.diskdb.testing.BlockingCommandsServer;
import io.diskdb.testing.RawConnection;
import io.diskdb.testing.TestServer;
import io.diskdb.types.Lists;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.diskdb.testing.Resp.NIL_ARRAY;
import static io.diskdb.testing.Resp.WRONGTYPE;
import static io.diskdb.testing.Resp.bulk;
import static io.diskdb.testing.Sleep.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * BLPOP, BRPOP, BLMOVE, BRPOPLPUSH and BLMPOP: parking, FIFO wake-up, timeouts, pipelining
 * behind a blocked command, disconnects and INFO blocked_clients. Replies were checked against
 * a real Redis 7.0.15 doing the same.
 */
class BlockingListCommandsTest {
    @RegisterExtension
    static final BlockingCommandsServer server = new BlockingCommandsServer();

    private static String pair(String key, String value) {
        return "*2\r\n" + bulk(key) + bulk(value);
    }

    @Test
    void waitersAreServedOldestFirst() {
        List<RawConnection> waiters = server.parkInOrder(5, "BLPOP", "fifo", "0");
        assertEquals(":1\r\n", server.control().call("RPUSH", "fifo", "first"));
        assertEquals(pair("fifo", "first"), waiters.get(0).readReply());
        server.awaitBlocked(4);
        assertEquals(":4\r\n", server.control().call("RPUSH", "fifo", "a", "b", "c", "d"));
        for (int i = 1; i < 5; i++) {
            assertEquals(pair("fifo", String.valueOf((char) ('a' + i - 1))), waiters.get(i).readReply());
        }
        server.awaitBlocked(0);
        assertEquals(":0\r\n", server.control().call("EXISTS", "fifo"));
    }

    @Test
    void onePushServesOneWaiterAndTheOthersKeepWaiting() {
        RawConnection first = server.client();
        RawConnection second = server.client();
        first.send("BRPOP", "k", "0");
        server.awaitBlocked(1);
        second.send("BRPOP", "k", "0");
        server.awaitBlocked(2);
        server.control().call("LPUSH", "k", "only");
        assertEquals(pair("k", "only"), first.readReply());
        server.awaitBlocked(1);
        server.control().call("LPUSH", "k", "next");
        assertEquals(pair("k", "next"), second.readReply());
    }

    @Test
    void timeoutsWithDecimalsReplyNil() {
        RawConnection waiter = server.client();
        long started = System.nanoTime();
        assertEquals(NIL_ARRAY, waiter.call("BLPOP", "none", "0.2"));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis >= 190 && millis < 3000, "timed out after " + millis + " ms");
        assertEquals(NIL_ARRAY, waiter.call("BLMOVE", "none", "dst", "LEFT", "LEFT", "0.05"));
        assertEquals(NIL_ARRAY, waiter.call("BRPOPLPUSH", "none", "dst", "0.05"));
        assertEquals(NIL_ARRAY, waiter.call("BLMPOP", "0.05", "1", "none", "LEFT"));
        waiter.call("HELLO", "3");
        assertEquals("_\r\n", waiter.call("BRPOP", "none", "0.05"));
        assertEquals(0, server.blockedClients());
    }

    @Test
    void timeoutErrors() {
        RawConnection c = server.client();
        assertEquals("-ERR timeout is not a float or out of range\r\n", c.call("BLPOP", "k", "x"));
        assertEquals("-ERR timeout is not a float or out of range\r\n", c.call("BLPOP", "k", "nan"));
        assertEquals("-ERR timeout is not a float or out of range\r\n", c.call("BLPOP", "k", " 1"));
        assertEquals("-ERR timeout is negative\r\n", c.call("BLPOP", "k", "-1"));
        assertEquals("-ERR timeout is negative\r\n", c.call("BRPOP", "k", "inf"));
        assertEquals("-ERR timeout is negative\r\n", c.call("BLMOVE", "k", "d", "LEFT", "LEFT", "9223372036854775807"));
        assertEquals("-ERR syntax error\r\n", c.call("BLMOVE", "k", "d", "UP", "LEFT", "x"));
        assertEquals("-ERR numkeys should be greater than 0\r\n", c.call("BLMPOP", "0", "0", "k", "LEFT"));
        assertEquals("-ERR timeout is not a float or out of range\r\n", c.call("BLMPOP", "x", "1", "k", "LEFT"));
        assertEquals("-ERR count should be greater than 0\r\n", c.call("BLMPOP", "0", "1", "k", "LEFT", "COUNT", "0"));
        assertEquals(0, server.blockedClients());
    }

    @Test
    void timeoutZeroWaitsUntilAPush() {
        RawConnection waiter = server.client();
        waiter.send("BLPOP", "later", "0");
        server.awaitBlocked(1);
        sleep(300);
        assertEquals(1, server.blockedClients());
        server.control().call("RPUSH", "later", "v");
        assertEquals(pair("later", "v"), waiter.readReply());
        server.awaitBlocked(0);
    }

    @Test
    void servesAtOnceWhenDataIsThere() {
        server.control().call("RPUSH", "ready", "a", "b");
        RawConnection c = server.client();
        assertEquals(pair("ready", "a"), c.call("BLPOP", "none", "ready", "0"));
        assertEquals(pair("ready", "b"), c.call("BRPOP", "ready", "0"));
        assertEquals(0, server.blockedClients());
    }

    @Test
    void pipelinedCommandsWaitForTheBlockedOne() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("*3\r\n$5\r\nBLPOP\r\n$4\r\npipe\r\n$1\r\n0\r\n"
                    + "*1\r\n$4\r\nPING\r\n"
                    + "*2\r\n$4\r\nLLEN\r\n$4\r\npipe\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            server.awaitBlocked(1);
            sleep(200);
            assertEquals(0, in.available(), "nothing may be answered while BLPOP waits");
            server.control().call("RPUSH", "pipe", "x", "y");
            String expected = pair("pipe", "x") + "+PONG\r\n" + ":1\r\n";
            byte[] reply = in.readNBytes(expected.length());
            assertEquals(expected, new String(reply, StandardCharsets.US_ASCII));
        }
    }

    @Test
    void commandsPipelinedBehindATimeoutRunAfterIt() {
        RawConnection c = server.client();
        c.send("BLPOP", "none", "0.1").send("PING").send("BLPOP", "none", "0.1").send("ECHO", "done");
        assertEquals(NIL_ARRAY, c.readReply());
        assertEquals("+PONG\r\n", c.readReply());
        assertEquals(NIL_ARRAY, c.readReply());
        assertEquals(bulk("done"), c.readReply());
    }

    @Test
    void aDisconnectedWaiterLeavesNoTrace() {
        RawConnection gone = server.client();
        gone.send("BLPOP", "dc", "0");
        RawConnection stays = server.client();
        server.awaitBlocked(1);
        stays.send("BLPOP", "dc", "0");
        server.awaitBlocked(2);
        gone.close();
        server.awaitBlocked(1);
        server.control().call("RPUSH", "dc", "v1");
        assertEquals(pair("dc", "v1"), stays.readReply());
        server.awaitBlocked(0);
        // nothing left registered: a later push stays in the list
        server.control().call("RPUSH", "dc", "v2");
        assertEquals(":1\r\n", server.control().call("LLEN", "dc"));
        assertEquals(0, server.server().blocking().parkedClients());
    }

    @Test
    void clientKillOfAWaiterUnblocksIt() {
        RawConnection waiter = server.client();
        String id = waiter.call("CLIENT", "ID").substring(1).trim();
        waiter.send("BLPOP", "kill", "0");
        server.awaitBlocked(1);
        assertEquals(":1\r\n", server.control().call("CLIENT", "KILL", "ID", id));
        server.awaitBlocked(0);
        server.control().call("RPUSH", "kill", "v");
        assertEquals(":1\r\n", server.control().call("LLEN", "kill"));
    }

    @Test
    void blmoveAndBrpoplpushMoveOnWake() {
        RawConnection mover = server.client();
        mover.send("BLMOVE", "from", "to", "RIGHT", "LEFT", "0");
        server.awaitBlocked(1);
        server.control().call("RPUSH", "from", "a", "b");
        assertEquals(bulk("b"), mover.readReply());
        assertEquals("*1\r\n" + bulk("b"), server.control().call("LRANGE", "to", "0", "-1"));
        server.control().call("DEL", "from");
        mover.send("BRPOPLPUSH", "from", "to", "0");
        server.awaitBlocked(1);
        server.control().call("LPUSH", "from", "c");
        assertEquals(bulk("c"), mover.readReply());
        assertEquals("*2\r\n" + bulk("c") + bulk("b"), server.control().call("LRANGE", "to", "0", "-1"));
    }

    @Test
    void blmoveWokenIntoADestinationOfTheWrongTypeFails() {
        server.control().call("SET", "str", "v");
        RawConnection mover = server.client();
        mover.send("BLMOVE", "src", "str", "LEFT", "LEFT", "0");
        server.awaitBlocked(1);
        server.control().call("RPUSH", "src", "e");
        assertEquals(WRONGTYPE, mover.readReply());
        server.awaitBlocked(0);
        assertEquals(":1\r\n", server.control().call("LLEN", "src"));
    }

    @Test
    void blmpopWakesWithItsCount() {
        RawConnection c = server.client();
        c.send("BLMPOP", "0", "2", "m1", "m2", "RIGHT", "COUNT", "2");
        server.awaitBlocked(1);
        server.control().call("RPUSH", "m2", "a", "b", "c");
        assertEquals("*2\r\n" + bulk("m2") + "*2\r\n" + bulk("c") + bulk("b"), c.readReply());
        assertEquals(":1\r\n", server.control().call("LLEN", "m2"));
    }

    @Test
    void aWaiterOnADeletedOrRetypedKeyKeepsWaiting() {
        server.control().call("RPUSH", "other", "x");
        RawConnection waiter = server.client();
        waiter.send("BLPOP", "rt", "other2", "0");
        server.awaitBlocked(1);
        server.control().call("SET", "rt", "now a string");
        server.control().call("DEL", "rt");
        server.control().call("SET", "rt", "again");
        sleep(100);
        assertEquals(1, server.blockedClients());
        // a retry skips the key that is now a string and serves from the one that became ready
        server.control().call("RPUSH", "other2", "v");
        assertEquals(pair("other2", "v"), waiter.readReply());
        server.awaitBlocked(0);
    }

    /**
     * Waiters are woken by the commit, never by a staged write: a transaction holding several
     * commands (MULTI/EXEC) wakes them only once the whole batch is written.
     */
    @Test
    void aTransactionWakesWaitersOnlyWhenItCommits() {
        RawConnection waiter = server.client();
        waiter.send("BLPOP", "tx", "0");
        server.awaitBlocked(1);
        Keyspace keyspace = server.server().keyspace();
        byte[] key = "tx".getBytes(StandardCharsets.UTF_8);
        try (KeyLocks.Held held = keyspace.locks().lock(new int[]{keyspace.stripe(0, key)})) {
            Transaction txn = keyspace.begin();
            Lists.ListValue list = Lists.findOrCreate(txn, 0, key);
            list.push(false, "first".getBytes(StandardCharsets.UTF_8));
            list.push(false, "second".getBytes(StandardCharsets.UTF_8));
            list.save();
            sleep(200);
            assertEquals(1, server.blockedClients());
            txn.commit();
        }
        assertEquals(pair("tx", "first"), waiter.readReply());
        server.awaitBlocked(0);
        assertEquals(":1\r\n", server.control().call("LLEN", "tx"));
    }

    /**
     * Inside EXEC a blocking command answers at once, as its non-blocking form would: BLPOP with
     * a null array, BLMOVE with a null bulk (what Redis 7.0 replies to them inside MULTI).
     */
    @Test
    void blockingCommandsDoNotBlockWhileATransactionExecutes() throws Exception {
        RawConnection c = server.client();
        assertEquals("+OK\r\n", c.call("MULTI"));
        assertEquals("+QUEUED\r\n", c.call("BLPOP", "none", "0"));
        assertEquals("+QUEUED\r\n", c.call("BLMOVE", "none", "d", "LEFT", "LEFT", "0"));
        assertEquals("+QUEUED\r\n", c.call("BRPOPLPUSH", "none", "d", "0"));
        assertEquals("+QUEUED\r\n", c.call("BLMPOP", "0", "1", "none", "LEFT"));
        assertEquals("*4\r\n" + NIL_ARRAY + "$-1\r\n$-1\r\n" + NIL_ARRAY, c.call("EXEC"));
        server.control().call("RPUSH", "some", "v");
        assertEquals(pair("some", "v"), c.call("BRPOP", "some", "0"));
        assertEquals(0, server.blockedClients());
    }

    @Test
    void theIdleTimeoutSparesBlockedClients() {
        try (TestServer idle = TestServer.start(settings -> settings.setTimeout(1));
             RawConnection waiter = idle.raw()) {
            waiter.send("BLPOP", "slow", "0");
            sleep(2500);
            try (RawConnection pusher = idle.raw()) {
                pusher.call("RPUSH", "slow", "v");
            }
            assertEquals(pair("slow", "v"), waiter.readReply());
        }
    }

    @Test
    void blockedClientsIsExact() {
        assertEquals(0, server.blockedClients());
        RawConnection a = server.client();
        RawConnection b = server.client();
        RawConnection c = server.client();
        a.send("BLPOP", "x1", "0");
        b.send("BRPOP", "x1", "x2", "0");
        c.send("BLMPOP", "0.3", "1", "x3", "LEFT");
        server.awaitBlocked(3);
        assertEquals(NIL_ARRAY, c.readReply());
        server.awaitBlocked(2);
        server.control().call("RPUSH", "x2", "v");
        assertEquals(pair("x2", "v"), b.readReply());
        server.awaitBlocked(1);
        server.control().call("RPUSH", "x1", "v");
        assertEquals(pair("x1", "v"), a.readReply());
        server.awaitBlocked(0);
    }

    @Test
    void manyWaitersOnManyLoopsAllGetServed() {
        int n = 40;
        List<RawConnection> waiters = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RawConnection waiter = server.client();
            waiter.send("BLPOP", "crowd", "0");
            waiters.add(waiter);
        }
        server.awaitBlocked(n);
        for (int i = 0; i < n; i++) {
            server.control().send("RPUSH", "crowd", "v" + i);
        }
        for (int i = 0; i < n; i++) {
            server.control().readReply();
        }
        List<String> got = new ArrayList<>();
        for (RawConnection waiter : waiters) {
            got.add(waiter.readReply());
        }
        assertEquals(n, got.stream().distinct().count());
        server.awaitBlocked(0);
        assertEquals(":0\r\n", server.control().call("EXISTS", "crowd"));
    }
}
