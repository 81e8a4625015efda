package io.diskdb.replication;

import io.diskdb.testing.DiskDbProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisDataException;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static io.diskdb.replication.ReplicationCluster.awaitCaughtUp;
import static io.diskdb.replication.ReplicationCluster.client;
import static io.diskdb.replication.ReplicationCluster.command;
import static io.diskdb.replication.ReplicationCluster.dump;
import static io.diskdb.testing.Sleep.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A master and two replicas as separate processes: every kind of write reaches both replicas,
 * expiry included, MULTI/EXEC lands whole, and what a replica serves (hot cache, WATCH) follows
 * what it applies. Replicas refuse writes as Redis's do.
 */
@Timeout(120)
class ReplicationStreamTest {
    @TempDir
    static Path dir;
    private static ReplicationCluster cluster;
    private static DiskDbProcess master;
    private static DiskDbProcess r1;
    private static DiskDbProcess r2;

    @BeforeAll
    static void startMasterAndTwoReplicas() {
        cluster = new ReplicationCluster(dir);
        master = cluster.start("master");
        r1 = cluster.startReplica("r1", master);
        r2 = cluster.startReplica("r2", master);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void everyWriteReachesBothReplicasAndReplicasStayCoherent() {
        {
            try (Jedis m = client(master); Jedis replica = client(r1)) {
                m.set("cached", "old");
                awaitCaughtUp(master, r1, r2);
                assertEquals("old", replica.get("cached")); // now in r1's hot cache
                replica.watch("watched");

                writeEveryType(m);
                awaitCaughtUp(master, r1, r2);

                assertEquals("new", replica.get("cached"), "the replica's hot cache follows replicated writes");
                Transaction multi = replica.multi();
                multi.get("cached");
                assertNull(multi.exec(), "a replicated write to a WATCHed key aborts the replica client's EXEC");
                assertEquals("0", ReplicationCluster.render(replica.sendCommand(command("EXISTS"), "gone-soon")),
                        "a key the master expired is gone on the replica");
                assertEquals(m.dbSize(), replica.dbSize(), "key counters follow the replicated writes");

                JedisDataException refused = assertThrows(JedisDataException.class, () -> replica.set("x", "y"));
                assertEquals("READONLY You can't write against a read only replica.", refused.getMessage());
                assertEquals(List.of("slave", "127.0.0.1", (long) master.port(), "connected"),
                        replicaRole(replica).subList(0, 4));
            }
            assertEquals(dump(master, 3), dump(r1, 3));
            assertEquals(dump(master, 3), dump(r2, 3));
        }
    }

    /** One write of each kind, in three databases; leaves "gone-soon" expired and deleted by the master. */
    private static void writeEveryType(Jedis m) {
        m.set("cached", "new");
        m.set("watched", "touched");
        m.psetex("gone-soon", 100, "x");
        m.set("big", "v".repeat(10_000)); // stored outside the meta record
        m.append("big", "tail");
        m.incrBy("counter", 41);
        m.incr("counter");
        m.hset("hash", "f1", "v1");
        m.hset("hash", "f2", "v2");
        m.hdel("hash", "f1");
        m.rpush("list", "a", "b", "c", "d");
        m.lpop("list");
        m.ltrim("list", 0, 1);
        m.sadd("set", "x", "y", "z");
        m.srem("set", "y");
        m.zadd("zset", 1.5, "one");
        m.zadd("zset", 2.5, "two");
        m.zincrby("zset", 3, "one");
        m.sendCommand(command("XADD"), "stream", "1-1", "field", "value");
        m.sendCommand(command("XADD"), "stream", "2-1", "field", "value2");
        m.sendCommand(command("JSON.SET"), "doc", "$", "{\"a\":[1,2],\"b\":{\"c\":\"d\"}}");
        m.sendCommand(command("JSON.ARRAPPEND"), "doc", "$.a", "3");
        m.expire("hash", 1000);
        m.set("renamed-from", "value");
        m.rename("renamed-from", "renamed-to");
        m.rpush("dropped", "1", "2");
        m.del("dropped");
        Transaction tx = m.multi();
        tx.set("tx-a", "1");
        tx.hset("tx-h", "f", "v");
        tx.incr("counter");
        tx.exec();
        m.select(1);
        m.set("db1-key", "v");
        m.sadd("db1-set", "m");
        m.select(2);
        m.set("flushed", "v");
        m.flushDB();
        m.set("db2-after-flush", "v");
        m.swapDB(1, 2);
        m.select(0);
        sleep(400); // past gone-soon's expiry: the master's active expiry deletes it
        m.ping();
    }

    @Test
    void replicasApplyMultiExecAtomically() throws Exception {
        DiskDbProcess replica = r2;
        {
            try (Jedis m = client(master)) {
                m.mset("a", "1000", "b", "0");
                awaitCaughtUp(master, replica);
                AtomicBoolean done = new AtomicBoolean();
                AtomicReference<String> broken = new AtomicReference<>();
                Thread reader = new Thread(() -> {
                    try (Jedis r = client(replica)) {
                        while (!done.get()) {
                            List<String> ab = r.mget("a", "b");
                            long sum = Long.parseLong(ab.get(0)) + Long.parseLong(ab.get(1));
                            if (sum != 1000) {
                                broken.set("a + b = " + sum + " on the replica: " + ab);
                            }
                        }
                    }
                });
                reader.start();
                for (int i = 0; i < 500; i++) {
                    Transaction tx = m.multi();
                    tx.decr("a");
                    tx.incr("b");
                    tx.exec();
                }
                awaitCaughtUp(master, replica);
                done.set(true);
                reader.join();
                assertNull(broken.get(), "a transaction was seen half applied");
                try (Jedis r = client(replica)) {
                    assertEquals(List.of("500", "500"), r.mget("a", "b"));
                }
            }
        }
    }

    @Test
    void waitCountsReplicasThatAcknowledged() {
        DiskDbProcess replica = r1;
        {
            try (Jedis m = client(master)) {
                m.set("k", "v2");
                assertEquals(2, m.waitReplicas(2, 5000));
                assertEquals(2, m.waitReplicas(3, 200), "WAIT for more replicas than there are times out");
                List<Object> role = m.role();
                assertEquals("master", ReplicationCluster.render(role.get(0)));
                try (Jedis r = client(replica)) {
                    JedisDataException onReplica = assertThrows(JedisDataException.class, () -> r.waitReplicas(1, 0));
                    assertTrue(onReplica.getMessage().startsWith("ERR WAIT cannot be used with replica instances."));
                    assertEquals("1", ReplicationCluster.info(r, "slave_read_only"));
                }
                assertFalse(ReplicationCluster.info(m, "slave0").isEmpty());
            }
        }
    }

    private static List<Object> replicaRole(Jedis replica) {
        List<Object> role = replica.role();
        return role.stream().map(o -> o instanceof byte[] b ? (Object) new String(b) : o).toList();
    }
}
