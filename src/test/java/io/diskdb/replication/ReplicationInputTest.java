package io.diskdb.replication;

import io.diskdb.testing.DiskDbProcess;
import io.diskdb.testing.RawConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

import java.nio.file.Path;

import static io.diskdb.replication.ReplicationCluster.awaitCaughtUp;
import static io.diskdb.replication.ReplicationCluster.client;
import static io.diskdb.replication.ReplicationCluster.dump;
import static io.diskdb.replication.ReplicationCluster.info;
import static io.diskdb.replication.ReplicationCluster.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What is not a well-behaved replica of this master is refused with a clear error, and nobody
 * else notices: malformed PSYNC and REPLCONF, garbage on the port, PSYNC without a WAL, and a
 * replica whose data is another master's history.
 */
@Timeout(120)
class ReplicationInputTest {

    @Test
    void malformedReplicationCommandsGetRedisErrors(@TempDir Path dir) {
        try (ReplicationCluster cluster = new ReplicationCluster(dir)) {
            DiskDbProcess master = cluster.start("master");
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
                String foreign = raw.call("PSYNC", "f".repeat(40), "2");
                assertTrue(foreign.startsWith("-ERR full resync needed (replication id " + "f".repeat(40)
                        + " is not this master's history"), foreign);
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
    void replicaOfAnotherHistoryIsRefusedAndKeepsItsData(@TempDir Path dir) {
        try (ReplicationCluster cluster = new ReplicationCluster(dir)) {
            DiskDbProcess first = cluster.start("first");
            DiskDbProcess second = cluster.start("second");
            try (Jedis a = client(first); Jedis b = client(second)) {
                a.set("from", "first");
                b.set("from", "second");
                b.set("only-on", "second");
            }
            DiskDbProcess replica = cluster.startReplica("replica", first);
            awaitCaughtUp(first, replica);
            try (Jedis r = client(replica)) {
                assertEquals("OK", r.replicaof("127.0.0.1", second.port()));
                long deadline = System.currentTimeMillis() + 20_000;
                while (!cluster.logText("replica").contains("is not this master's history")) {
                    assertTrue(System.currentTimeMillis() < deadline, cluster.logText("replica"));
                    sleep(50);
                }
                assertEquals("down", info(r, "master_link_status"));
                assertEquals("first", r.get("from"), "nothing of the other master's stream was applied");
            }
            assertEquals(dump(first, 1), dump(replica, 1));
            assertTrue(cluster.logText("second").contains("cannot continue"), "the master says why too");
        }
    }
}
