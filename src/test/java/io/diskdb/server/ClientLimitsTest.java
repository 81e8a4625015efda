package io.diskdb.server;

import io.diskdb.testing.RawConnection;
import io.diskdb.testing.ServerPerTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** maxclients and CLIENT PAUSE / UNPAUSE, as Redis 7.0 behaves. */
class ClientLimitsTest {
    // one event loop: a paused client must not hold up anyone else on it
    @RegisterExtension
    final ServerPerTest server = new ServerPerTest(s -> s.setIoThreads(1));

    /** The next reply, read on another thread, so a test can check it has not come yet. */
    private static CompletableFuture<String> nextReply(RawConnection raw) {
        return CompletableFuture.supplyAsync(raw::readReply);
    }

    private static void assertStillWaiting(CompletableFuture<String> reply) throws InterruptedException {
        Thread.sleep(300);
        assertFalse(reply.isDone(), "answered during the pause: " + reply.getNow(null));
    }

    @Test
    void connectionsBeyondMaxclientsAreRefusedAndClosed() {
        try (RawConnection first = server.raw()) {
            assertEquals("+OK\r\n", first.call("CONFIG", "SET", "maxclients", "2"));
            try (RawConnection second = server.raw(); RawConnection third = server.raw()) {
                assertEquals("+PONG\r\n", second.call("PING"));
                assertEquals("-ERR max number of clients reached\r\n", third.readReply());
                assertTrue(third.isClosedByServer());
            }
            assertTrue(server.server().stats().rejectedConnections.sum() >= 1);
        }
    }

    @Test
    void pauseWriteHoldsWritesUntilUnpauseAndLetsReadsThrough() throws Exception {
        try (RawConnection admin = server.raw(); RawConnection writer = server.raw(); RawConnection reader = server.raw()) {
            assertEquals("+OK\r\n", admin.call("CLIENT", "PAUSE", "100000", "WRITE"));
            assertEquals("$-1\r\n", reader.call("GET", "k"));
            writer.send("SET", "k", "v").send("PING");
            CompletableFuture<String> set = nextReply(writer);
            assertStillWaiting(set);
            assertEquals("$-1\r\n", reader.call("GET", "k"), "the held SET has not run, other clients go on");
            String list = admin.call("CLIENT", "LIST");
            assertTrue(list.contains(" flags=b db=0") && list.contains("cmd=set"), list);
            assertEquals("+OK\r\n", admin.call("CLIENT", "UNPAUSE"));
            assertEquals("+OK\r\n", set.get(5, TimeUnit.SECONDS));
            assertEquals("+PONG\r\n", writer.readReply(), "commands sent behind the held one run after it, in order");
            assertEquals("$1\r\nv\r\n", reader.call("GET", "k"));
        }
    }

    @Test
    void pauseWriteHoldsAnExecWithWritesQueued() throws Exception {
        try (RawConnection admin = server.raw(); RawConnection client = server.raw()) {
            assertEquals("+OK\r\n", client.call("MULTI"));
            assertEquals("+QUEUED\r\n", client.call("INCR", "n"));
            assertEquals("+OK\r\n", admin.call("CLIENT", "PAUSE", "100000", "WRITE"));
            CompletableFuture<String> exec = nextReply(client.send("EXEC"));
            assertStillWaiting(exec);
            assertTrue(admin.call("CLIENT", "LIST").contains(" flags=xb db=0"));
            admin.call("CLIENT", "UNPAUSE");
            assertEquals("*1\r\n:1\r\n", exec.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void pauseAllHoldsEveryCommandUntilTheTimeoutEvenThePausingClientsOwn() throws Exception {
        try (RawConnection admin = server.raw(); RawConnection reader = server.raw()) {
            long start = System.nanoTime();
            assertEquals("+OK\r\n", admin.call("CLIENT", "PAUSE", "700"));
            CompletableFuture<String> get = nextReply(reader.send("GET", "k"));
            CompletableFuture<String> unpause = nextReply(admin.send("CLIENT", "UNPAUSE"));
            assertStillWaiting(get);
            assertFalse(unpause.isDone(), "ALL pauses CLIENT UNPAUSE too, as in Redis");
            assertEquals("$-1\r\n", get.get(5, TimeUnit.SECONDS));
            assertEquals("+OK\r\n", unpause.get(5, TimeUnit.SECONDS));
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(650));
        }
    }

    @Test
    void aLaterPauseExtendsTheEndAndNeverNarrowsTheMode() throws Exception {
        try (RawConnection admin = server.raw(); RawConnection reader = server.raw()) {
            admin.call("CLIENT", "PAUSE", "100000", "WRITE");
            admin.call("CLIENT", "PAUSE", "200", "ALL");
            // as Redis 7.0: the widest mode holds until the latest end, so reads wait past 200 ms
            CompletableFuture<String> get = nextReply(reader.send("GET", "k"));
            assertStillWaiting(get);
            assertStillWaiting(get);
            server.server().pause().unpause();
            assertEquals("$-1\r\n", get.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void pauseErrors() {
        try (RawConnection admin = server.raw()) {
            assertEquals("-ERR CLIENT PAUSE mode must be WRITE or ALL\r\n", admin.call("CLIENT", "PAUSE", "10", "foo"));
            assertEquals("-ERR timeout is not an integer or out of range\r\n", admin.call("CLIENT", "PAUSE", "abc"));
            assertEquals("-ERR timeout is negative\r\n", admin.call("CLIENT", "PAUSE", "-1"));
            assertEquals("-ERR unknown subcommand or wrong number of arguments for 'PAUSE'. Try CLIENT HELP.\r\n",
                    admin.call("CLIENT", "PAUSE", "10", "write", "extra"), "the subcommand as typed, as Redis");
            assertEquals("+OK\r\n", admin.call("CLIENT", "UNPAUSE"), "unpausing without a pause is fine");
        }
    }

    @Test
    void aClientThatLeavesWhilePausedIsForgotten() throws Exception {
        try (RawConnection admin = server.raw()) {
            admin.call("CLIENT", "PAUSE", "100000", "WRITE");
            RawConnection writer = server.raw();
            writer.send("SET", "k", "v");
            Thread.sleep(200);
            assertEquals(1, server.server().pause().postponedClients());
            writer.close();
            long deadline = System.currentTimeMillis() + 5000;
            while (server.server().pause().postponedClients() > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(0, server.server().pause().postponedClients());
            admin.call("CLIENT", "UNPAUSE");
            assertEquals("$-1\r\n", admin.call("GET", "k"), "the held SET of a gone client never runs");
        }
    }
}
