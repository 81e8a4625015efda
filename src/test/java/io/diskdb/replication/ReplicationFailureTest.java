package io.diskdb.replication;

import io.diskdb.testing.Await;
import io.diskdb.testing.DiskDbProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.diskdb.replication.ReplicationCluster.awaitCaughtUp;
import static io.diskdb.replication.ReplicationCluster.client;
import static io.diskdb.replication.ReplicationCluster.dump;
import static io.diskdb.replication.ReplicationCluster.infoLong;
import static io.diskdb.testing.Sleep.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replicas and masters that die, stall or are replaced: a replica killed under load resumes
 * where it was (partial resync) and ends identical to its master; a stalled master is rejoined
 * once it runs again; a promoted replica keeps every write WAIT acknowledged.
 */
@Timeout(120)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicationFailureTest {
    @TempDir
    static Path shared;
    private static ReplicationCluster cluster;
    private static DiskDbProcess master;
    private static DiskDbProcess replica;

    /**
     * A master that keeps no WAL beyond what recovery needs (retention 0), so that a replica
     * that falls behind a flush needs a full sync, and a replica of it.
     */
    @BeforeAll
    static void startMasterAndReplica() {
        cluster = new ReplicationCluster(shared);
        master = cluster.start("master", "--wal-retention-seconds", "0", "--wal-retention-mb", "0");
        replica = cluster.startReplica("replica", master);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }
    private static final Pattern CONTINUED_FROM = Pattern.compile("replicating from \\S+ \\(replication id \\w+\\) from sequence (\\d+)");

    /** Writes in a loop on its own thread until stopped. */
    private static final class Writer implements AutoCloseable {
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong writes = new AtomicLong();
        final Thread thread;

        Writer(DiskDbProcess master, String prefix) {
            thread = new Thread(() -> {
                try (Jedis m = client(master)) {
                    for (long i = 0; !stop.get(); i++) {
                        m.set(prefix + (i % 2000), Long.toString(i));
                        m.hset(prefix + "h" + (i % 100), "f" + (i % 7), Long.toString(i));
                        m.incr(prefix + "count");
                        writes.incrementAndGet();
                    }
                }
            });
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join();
        }
    }

    @Test
    void replicaKilledUnderLoadResumesByPartialResync() throws Exception {
        {
            awaitCaughtUp(master, replica);
            long start = ReplicationCluster.infoLong(client(master), "master_repl_offset");
            int streamsBefore = continuedFrom(cluster.logText("replica")).size();
            try (Writer writer = new Writer(master, "k")) {
                ReplicationCluster.awaitReplicated(replica, start + 3000);
                replica.kill();
                long atKill = writer.writes.get();
                sleep(500);
                replica = cluster.startReplica("replica", master);
                while (writer.writes.get() < atKill + 2000) {
                    sleep(50);
                }
            }
            awaitCaughtUp(master, replica);
            assertEquals(dump(master, 1), dump(replica, 1));
            String log = cluster.logText("replica");
            List<Long> continuedFrom = continuedFrom(log);
            assertEquals(streamsBefore + 1, continuedFrom.size(), "one more stream after the restart: " + log);
            assertTrue(continuedFrom.get(continuedFrom.size() - 1) > start + 3000,
                    "resumed where it was, not from the start: " + continuedFrom);
            assertFalse(log.contains("asks for a full sync"), "no full resync was needed");
        }
    }

    @Test
    void stalledMasterIsRejoinedOnceItRunsAgain() throws Exception {
        {
            try (Writer writer = new Writer(master, "s")) {
                sleep(500);
            }
            awaitCaughtUp(master, replica);
            master.signal("STOP");
            try (Jedis r = client(replica)) {
                Await.until(15_000, () -> "the replica never noticed the stalled master",
                        () -> !"up".equals(ReplicationCluster.info(r, "master_link_status")));
                assertEquals(-1L, ((Number) r.role().get(4)).longValue(), "ROLE shows no offset while disconnected");
                assertTrue(r.get("s1") != null, "a replica keeps serving reads while its master is away");
            } finally {
                master.signal("CONT");
            }
            try (Writer writer = new Writer(master, "t")) {
                sleep(500);
            }
            awaitCaughtUp(master, replica);
            assertEquals(dump(master, 1), dump(replica, 1));
            assertFalse(cluster.logText("replica").contains("asks for a full sync"), "no full resync was needed");
        }
    }

    @Test
    void replicaStoppedLongerThanTheWalRetentionSyncsFully() throws Exception {
        awaitCaughtUp(master, replica);
        replica.signal("STOP");
        try {
            try (Jedis m = client(master)) {
                // more than the connection's buffers hold, so that the stopped replica misses some
                String big = "x".repeat(10_000);
                for (int i = 0; i < 2000; i++) {
                    m.set("f" + i, big);
                }
                m.sendCommand(ReplicationCluster.command("COMPACT")); // flushed: the WAL behind it is dropped
                // the master gives up on the silent replica after repl-timeout
                Await.until(20_000, () -> "the master kept a silent replica", () -> infoLong(m, "connected_slaves") == 0);
            }
        } finally {
            replica.signal("CONT");
        }
        try (Writer writer = new Writer(master, "g")) {
            sleep(300);
        }
        awaitCaughtUp(master, replica);
        assertEquals(dump(master, 1), dump(replica, 1));
        assertTrue(cluster.logText("replica").contains("asks for a full sync"), "the WAL it needed was gone");
    }

    /** Last: it kills the master. */
    @Test
    @Order(Integer.MAX_VALUE)
    void promotedReplicaKeepsEveryWriteWaitAcknowledged() throws Exception {
        {
            DiskDbProcess r1 = replica;
            DiskDbProcess r2 = cluster.startReplica("r2", master);
            awaitCaughtUp(master, r1, r2);
            Map<String, String> acknowledged = new ConcurrentHashMap<>();
            writeAcknowledged(master, "before", 150, acknowledged);
            master.kill();

            // fail over to the replica that has applied the most, and point the other one at it
            DiskDbProcess promoted;
            DiskDbProcess other;
            try (Jedis a = client(r1); Jedis b = client(r2)) {
                boolean firstIsAhead = infoLong(a, "slave_repl_offset") >= infoLong(b, "slave_repl_offset");
                promoted = firstIsAhead ? r1 : r2;
                other = firstIsAhead ? r2 : r1;
            }
            try (Jedis p = client(promoted); Jedis o = client(other)) {
                assertEquals("OK", p.replicaofNoOne());
                assertEquals("master", ReplicationCluster.info(p, "role"));
                assertEquals("OK", o.replicaof("127.0.0.1", promoted.port()));
            }
            writeAcknowledged(promoted, "after", 150, acknowledged);
            awaitCaughtUp(promoted, other);
            try (Jedis p = client(promoted)) {
                for (Map.Entry<String, String> write : acknowledged.entrySet()) {
                    assertEquals(write.getValue(), p.get(write.getKey()), "acknowledged write lost: " + write.getKey());
                }
                assertEquals(1, p.waitReplicas(1, 5000));
            }
            assertEquals(dump(promoted, 1), dump(other, 1));
            String otherName = other == r1 ? "replica" : "r2";
            List<Long> continued = continuedFrom(cluster.logText(otherName));
            assertTrue(continued.get(continued.size() - 1) > 1,
                    "the other replica continued from the promoted one by its old replication id: " + continued);
        }
    }

    /** SET key value, then WAIT 1: keeps the keys at least one replica acknowledged. */
    private static void writeAcknowledged(DiskDbProcess master, String prefix, int count, Map<String, String> acknowledged) {
        try (Jedis m = client(master)) {
            for (int i = 0; i < count; i++) {
                String key = prefix + i;
                String value = "v" + i;
                m.set(key, value);
                m.hset("collection", key, value); // element records and versions replicate too
                try {
                    if (m.waitReplicas(1, 2000) >= 1) {
                        acknowledged.put(key, value);
                    }
                } catch (JedisException e) {
                    // not acknowledged: may be lost on failover
                }
            }
        }
    }

    private static List<Long> continuedFrom(String log) {
        List<Long> from = new ArrayList<>();
        Matcher m = CONTINUED_FROM.matcher(log);
        while (m.find()) {
            from.add(Long.parseLong(m.group(1)));
        }
        return from;
    }
}
