package io.diskdb.command;

import io.diskdb.testing.DiskDbProcess;
import io.diskdb.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Transfers between two counters in MULTI/EXEC: no reader ever sees money in flight, and
 * neither does a restart after kill -9 in the middle of the stream.
 */
class TransactionAtomicityTest {
    private static final long TOTAL = 1_000_000;

    private static void transfer(Jedis jedis) {
        long amount = ThreadLocalRandom.current().nextLong(1, 1000);
        boolean aToB = ThreadLocalRandom.current().nextBoolean();
        Transaction multi = jedis.multi();
        multi.decrBy(aToB ? "a" : "b", amount);
        multi.incrBy(aToB ? "b" : "a", amount);
        multi.exec();
    }

    private static long sum(Jedis jedis) {
        List<String> both = jedis.mget("a", "b");
        return Long.parseLong(both.get(0)) + Long.parseLong(both.get(1));
    }

    @Test
    void concurrentReadersNeverSeeHalfATransfer() throws Exception {
        try (TestServer server = TestServer.start()) {
            try (Jedis setup = server.jedis()) {
                setup.mset("a", Long.toString(TOTAL), "b", "0");
            }
            AtomicBoolean done = new AtomicBoolean();
            AtomicLong reads = new AtomicLong();
            List<String> torn = new ArrayList<>();
            Thread reader = new Thread(() -> {
                try (Jedis jedis = server.jedis()) {
                    while (!done.get()) {
                        long seen = sum(jedis);
                        reads.incrementAndGet();
                        if (seen != TOTAL) {
                            synchronized (torn) {
                                torn.add("MGET saw a+b=" + seen);
                            }
                        }
                        Transaction multi = jedis.multi();
                        multi.get("a");
                        multi.get("b");
                        List<Object> both = multi.exec();
                        long inExec = Long.parseLong((String) both.get(0)) + Long.parseLong((String) both.get(1));
                        if (inExec != TOTAL) {
                            synchronized (torn) {
                                torn.add("MULTI GET GET saw a+b=" + inExec);
                            }
                        }
                    }
                }
            });
            reader.start();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                Thread writer = new Thread(() -> {
                    try (Jedis jedis = server.jedis()) {
                        for (int i = 0; i < 1500; i++) {
                            transfer(jedis);
                        }
                    }
                });
                writer.start();
                writers.add(writer);
            }
            for (Thread writer : writers) {
                writer.join();
            }
            done.set(true);
            reader.join();
            assertTrue(reads.get() > 50, "the reader ran alongside the writers");
            assertEquals(List.of(), torn);
            try (Jedis jedis = server.jedis()) {
                assertEquals(TOTAL, sum(jedis));
            }
        }
    }

    @Test
    void killMinus9DuringTransfersLeavesTheSumIntact(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Path log = dir.resolve("server.log");
        AtomicLong committed = new AtomicLong();
        try (DiskDbProcess server = DiskDbProcess.start(data, log)) {
            try (Jedis setup = new Jedis("127.0.0.1", server.port(), 10_000)) {
                setup.mset("a", Long.toString(TOTAL), "b", "0");
            }
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                Thread writer = new Thread(() -> {
                    try (Jedis jedis = new Jedis("127.0.0.1", server.port(), 10_000)) {
                        while (true) {
                            transfer(jedis);
                            committed.incrementAndGet();
                        }
                    } catch (RuntimeException expected) {
                        // the connection breaks when the server is killed: that is the point
                    }
                });
                writer.start();
                writers.add(writer);
            }
            long deadline = System.currentTimeMillis() + 20_000;
            while (committed.get() < 2000 && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            server.kill();
            for (Thread writer : writers) {
                writer.join(10_000);
            }
        }
        assertTrue(committed.get() > 100, "transfers ran before the kill (" + committed.get() + ")");
        try (DiskDbProcess restarted = DiskDbProcess.start(data, log);
             Jedis jedis = new Jedis("127.0.0.1", restarted.port(), 10_000)) {
            assertEquals(TOTAL, sum(jedis), "after kill -9 the transfers are there whole or not at all");
        }
    }
}
