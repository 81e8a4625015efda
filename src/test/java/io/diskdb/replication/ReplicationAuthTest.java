package io.diskdb.replication;

import io.diskdb.testing.Await;
import io.diskdb.testing.DiskDbProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

import java.nio.file.Path;

import static io.diskdb.replication.ReplicationCluster.client;
import static io.diskdb.replication.ReplicationCluster.info;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A replica logs in to a password-protected master with masterauth, and says clearly when it cannot. */
@Timeout(60)
class ReplicationAuthTest {

    @Test
    void replicaLogsInWithMasterauth(@TempDir Path dir) {
        try (ReplicationCluster cluster = new ReplicationCluster(dir)) {
            DiskDbProcess master = cluster.start("master", "--requirepass", "s3cret");
            DiskDbProcess replica = cluster.start("replica", "--replicaof", "127.0.0.1:" + master.port(),
                    "--masterauth", "wrong");
            try (Jedis m = client(master); Jedis r = client(replica)) {
                m.auth("s3cret");
                m.set("guarded", "value");
                Await.until(20_000, () -> cluster.logText("replica"), () -> cluster.logText("replica").contains("AUTH failed"));
                assertEquals("down", info(r, "master_link_status"));
                assertEquals(-1L, ((Number) r.role().get(4)).longValue());

                r.configSet("masterauth", "s3cret"); // read again at the next attempt
                Await.until(20_000, () -> r.info("replication"), () -> "value".equals(r.get("guarded")));
                assertEquals("up", info(r, "master_link_status"));
            }
        }
    }
}
