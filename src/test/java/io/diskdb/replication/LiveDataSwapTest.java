package io.diskdb.replication;

import io.diskdb.testing.RawConnection;
import io.diskdb.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Swapping in a full sync's data under a running replica: clients connected meanwhile keep working
 * and never see half of the old data and half of the new; everything that reacts to data (WATCH,
 * blocked clients, the JSON tree cache) and everything that holds the storage engine (snapshots,
 * backups, compaction, active expiry) keeps working on the new data.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LiveDataSwapTest {
    private final TestServer master = TestServer.start();
    private final TestServer replica = TestServer.start();

    @AfterEach
    void stop() {
        replica.close();
        master.close();
    }

    private void sync() throws Exception {
        String id = new FullSync(master.server()).createCheckpoint();
        new FullSync(replica.server()).run("127.0.0.1", master.port(), null, null, id, new FullSyncProgress());
    }

    @Test
    void clientsBusyDuringTheSwapSeeOldOrNewDataNeverAMix() throws Exception {
        try (Jedis m = master.jedis(); Jedis r = replica.jedis()) {
            r.mset("a", "old", "b", "old");
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong reads = new AtomicLong();
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            List<Thread> clients = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int n = i;
                Thread client = new Thread(() -> {
                    try (Jedis c = replica.jedis()) {
                        while (running.get()) {
                            List<String> pair = c.mget("a", "b");
                            if (pair.get(0) == null || !pair.get(0).equals(pair.get(1))) {
                                problems.add("MGET saw " + pair);
                            }
                            c.set("client:" + n, "x"); // writes keep being accepted around the swap
                            c.dbSize();
                            c.scan("0");
                            reads.incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        problems.add(e.toString());
                    }
                });
                client.start();
                clients.add(client);
            }
            for (int round = 1; round <= 3; round++) {
                m.mset("a", "v" + round, "b", "v" + round);
                long before = reads.get();
                sync();
                long deadline = System.currentTimeMillis() + 5_000;
                while (reads.get() < before + 20 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(5);
                }
                assertEquals(List.of("v" + round, "v" + round), r.mget("a", "b"));
            }
            running.set(false);
            for (Thread client : clients) {
                client.join(10_000);
            }
            assertTrue(problems.isEmpty(), problems.toString());
            assertTrue(reads.get() > 60, "the clients kept being served: " + reads.get());
        }
    }

    @Test
    void watchersBlockedClientsAndJsonReadersSeeTheNewData() throws Exception {
        try (Jedis m = master.jedis(); Jedis r = replica.jedis(); RawConnection watcher = replica.raw();
             RawConnection blocked = replica.raw()) {
            // the same first collection version on both sides: a stale parsed tree would show
            r.sendCommand(() -> "JSON.SET".getBytes(), "doc", "$", "{\"who\":\"replica\"}");
            assertEquals("[{\"who\":\"replica\"}]", r.sendCommand(() -> "JSON.GET".getBytes(), "doc", "$") instanceof byte[] b
                    ? new String(b) : null);
            m.sendCommand(() -> "JSON.SET".getBytes(), "doc", "$", "{\"who\":\"master\"}");
            m.rpush("queue", "job");
            m.set("watched", "master");
            r.set("watched", "replica");

            assertEquals("+OK\r\n", watcher.call("WATCH", "watched"));
            blocked.send("BLPOP", "queue", "20");
            Thread.sleep(100); // parked
            sync();

            assertEquals("*2\r\n$5\r\nqueue\r\n$3\r\njob\r\n", blocked.readReply(), "woken by the new data");
            assertEquals("+OK\r\n", watcher.call("MULTI"));
            assertEquals("+QUEUED\r\n", watcher.call("SET", "watched", "mine"));
            assertEquals("*-1\r\n", watcher.call("EXEC"), "a watched key may have changed: EXEC fails");
            assertEquals("master", r.get("watched"));
            assertEquals("[{\"who\":\"master\"}]", new String((byte[]) r.sendCommand(() -> "JSON.GET".getBytes(), "doc", "$")));
        }
    }

    @Test
    void snapshotsBackupsCompactionAndExpiryKeepWorkingAfterTheSwap() throws Exception {
        try (Jedis m = master.jedis(); Jedis r = replica.jedis()) {
            m.set("stays", "1");
            m.psetex("expires", 1500, "soon");
            sync();
            assertEquals(2, r.dbSize());
            assertEquals("OK", r.save());
            assertTrue(Files.isDirectory(replica.server().snapshots().lastDirectory()));
            Path backupDir = replica.dataDir().resolveSibling("backup");
            r.sendCommand(() -> "BACKUP".getBytes(), backupDir.toString());
            r.sendCommand(() -> "COMPACT".getBytes());
            long deadline = System.currentTimeMillis() + 15_000;
            while ((r.dbSize() > 1 || replica.server().backups().inProgress() || replica.server().compaction().inProgress())
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(1, r.dbSize(), "the active expiry cycle removed the key that came from the master");
            assertTrue(replica.server().backups().lastSucceeded(), replica.server().backups().lastError());
            assertTrue(replica.server().compaction().lastSucceeded());
            assertTrue(r.info("keyspace").contains("db0:keys=1,expires=0"), r.info("keyspace"));
            assertNull(r.get("expires"));
        }
    }
}
