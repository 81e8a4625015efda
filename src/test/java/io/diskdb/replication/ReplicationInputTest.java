package io.diskdb.replication;

import io.diskdb.testing.DiskDbProcess;
import io.diskdb.testing.RawConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

import java.nio.file.Path;

import static io.diskdb.replication.ReplicationCluster.awaitCaughtUp;
import static io.diskdb.replication.ReplicationCluster.client;
import static io.diskdb.replication.ReplicationCluster.dump;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What is not a well-behaved replica of this master is refused with a clear error, and nobody
 * else notices: malformed PSYNC and REPLCONF, garbage on the port, PSYNC without a WAL. A replica
 * whose data is another master's history is never continued: it is synced fully.
 */
@Timeout(120)
class ReplicationInputTest {
    @TempDir
    static Path dir;
    private static ReplicationCluster cluster;
    private static DiskDbProcess first;
    private static DiskDbProcess second;

    /** Two masters with different data. */
    @BeforeAll
    static void startTwoMasters() {
        cluster = new ReplicationCluster(dir);
        first = cluster.start("first");
        second = cluster.start("second");
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void malformedReplicationCommandsGetRedisErrors() {
        DiskDbProcess master = first;
        {
            try (RawConnection raw = new RawConnection("127.0.0.1", master.port());
                 Jedis m = client(master)) {
                m.set("k", "v");
                assertEquals("-ERR value is not an integer or out of range\r\n", raw.call("PSYNC", "foo", "bar"));
                assertEquals("-ERR wrong number of arguments for 'psync' command\r\n", raw.call("PSYNC", "x"));
                assertEquals("-ERR syntax error\r\n", raw.call("REPLCONF", "listening-port"));
                assertEquals("-ERR Unrecognized REPLCONF option: foo\r\n", raw.call("REPLCONF", "foo", "bar"));
                assertEquals("-ERR value is not an integer or out of range\r\n",
                        raw.call("REPLCONF", "listening-port", "abc"));
                assertEquals("+OK\r\n", raw.call("REPLCONF", "listening-port", "6380", "capa", "psync2"));
                assertEquals("-ERR Invalid master port\r\n", raw.call("REPLICAOF", "localhost", "99999"));
                String masterId = ReplicationCluster.info(m, "master_replid");
                String foreign = raw.call("PSYNC", "f".repeat(40), "2");
                assertTrue(foreign.matches("\\+FULLRESYNC " + masterId + " [0-9a-f]+\r\n"), foreign);
                assertEquals("-ERR timeout is negative\r\n", raw.call("WAIT", "1", "-1"));

                m.configSet("appendonly", "no");
                assertEquals("-ERR replication needs the WAL: this server runs with wal-enabled (appendonly) off\r\n",
                        raw.call("PSYNC", "?", "1"));
                m.configSet("appendonly", "yes");
                assertEquals("v", m.get("k"), "the server is unharmed");
            }
            try (RawConnection garbage = new RawConnection("127.0.0.1", master.port())) {
                String reply = garbage.sendRaw("*2\r\n$5\r\nPSYNC\r\n$-7\r\n").readReply();
                assertTrue(reply.startsWith("-ERR Protocol error"), reply);
            }
            try (Jedis m = client(master)) {
                assertEquals("v", m.get("k"), "other clients never notice");
            }
        }
    }

    @Test
    void replicaOfAnotherHistoryIsNotContinuedButSyncedFully() {
        {
            try (Jedis a = client(first); Jedis b = client(second)) {
                a.set("from", "first");
                a.set("only-on", "first");
                b.set("from", "second");
                for (int i = 0; i < 100; i++) {
                    b.hset("hash", "f" + i, "v" + i); // more writes: the second master is further on
                }
            }
            DiskDbProcess replica = cluster.startReplica("replica", first);
            awaitCaughtUp(first, replica);
            try (Jedis r = client(replica)) {
                assertEquals("OK", r.replicaof("127.0.0.1", second.port()));
            }
            awaitCaughtUp(second, replica);
            try (Jedis r = client(replica)) {
                assertEquals("second", r.get("from"));
                assertEquals(null, r.get("only-on"), "nothing of the first master's data is left");
            }
            assertEquals(dump(second, 1), dump(replica, 1));
            assertTrue(cluster.logText("second").contains("is not this master's history"), "the master says why");
            assertTrue(cluster.logText("replica").contains("asks for a full sync"));
        }
    }
}
