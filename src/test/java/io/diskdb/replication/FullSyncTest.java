package io.diskdb.replication;

import io.diskdb.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A replica fetching a master's checkpoint and swapping it in while it runs. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FullSyncTest {
    private final TestServer master = TestServer.start();
    private final TestServer replica = TestServer.start(settings -> settings.setReplFullsyncParallelism(3));

    @AfterEach
    void stop() {
        replica.close();
        master.close();
    }

    private long sync(FullSyncProgress progress) throws Exception {
        String id = new FullSync(master.server()).createCheckpoint();
        return new FullSync(replica.server()).run("127.0.0.1", master.port(), null, null, id, progress);
    }

    @Test
    void theReplicaServesTheMastersDataAfterwards() throws Exception {
        byte[] large = new byte[5 << 20]; // several fetch chunks in one file, over several connections
        new Random(7).nextBytes(large);
        try (Jedis m = master.jedis(); Jedis r = replica.jedis()) {
            m.set("k", "master");
            m.set("big".getBytes(), large);
            m.hset("h", Map.of("f1", "a", "f2", "b"));
            m.rpush("l", "1", "2", "3");
            m.select(3);
            m.set("in3", "x");
            m.expire("in3", 1000);
            r.set("k", "replica");
            r.set("only-on-replica", "gone after the sync");
            r.hset("h", "old", "field");

            FullSyncProgress progress = new FullSyncProgress();
            long sequence = sync(progress);

            assertEquals(master.server().keyspace().engine().db().getLatestSequenceNumber(), sequence);
            assertEquals(sequence, replica.server().keyspace().engine().db().getLatestSequenceNumber());
            assertEquals("master", r.get("k"), "a connection opened before the sync sees the new data");
            assertNull(r.get("only-on-replica"));
            assertEquals(Map.of("f1", "a", "f2", "b"), r.hgetAll("h"));
            assertEquals(List.of("1", "2", "3"), r.lrange("l", 0, -1));
            assertTrue(java.util.Arrays.equals(large, r.get("big".getBytes())));
            assertEquals(4, r.dbSize(), "key counters are the master's");
            r.select(3);
            assertEquals("x", r.get("in3"));
            assertTrue(r.ttl("in3") > 900);
            assertEquals(1, r.dbSize());

            assertEquals(FullSyncProgress.Phase.DONE, progress.phase());
            assertEquals(progress.totalBytes(), progress.fetchedBytes() + progress.reusedBytes());
            assertTrue(progress.fetchedBytes() > large.length / 2, "the data went over the wire (compressed)");
            assertEquals(progress.totalFiles(), progress.doneFiles());
            assertEquals(0, master.server().replicationCheckpoints().count(), "released on the master");
            assertFalse(Files.exists(replica.dataDir().resolve("replication/incoming")), "the staging directory is gone");

            r.select(0);
            r.hset("h", "f3", "c"); // new collection versions come after the master's reservation
            r.rpush("l2", "x");
            assertEquals("c", r.hget("h", "f3"));
            assertEquals(List.of("1", "2", "3"), r.lrange("l", 0, -1), "a new version never reuses one in use");
        }
    }

    @Test
    void aSecondSyncLinksTheFilesTheReplicaAlreadyHas() throws Exception {
        try (Jedis m = master.jedis(); Jedis r = replica.jedis()) {
            for (int i = 0; i < 2000; i++) {
                m.set("key:" + i, "value-" + i);
            }
            sync(new FullSyncProgress());
            Map<String, Object> inodes = tableFileInodes(replica.dataDir());
            assertFalse(inodes.isEmpty());

            m.set("key:new", "after the first sync");
            FullSyncProgress second = new FullSyncProgress();
            sync(second);

            assertEquals("after the first sync", r.get("key:new"));
            assertEquals("value-1999", r.get("key:1999"));
            assertTrue(second.reusedBytes() > 0, "unchanged table files are not fetched again");
            assertTrue(second.fetchedBytes() < second.totalBytes());
            Map<String, Object> after = tableFileInodes(replica.dataDir());
            long linked = inodes.entrySet().stream().filter(e -> e.getValue().equals(after.get(e.getKey()))).count();
            assertTrue(linked > 0, "the reused files are the same files (hard links), not copies: " + inodes + " " + after);
        }
    }

    @Test
    void aFailedSyncLeavesTheReplicasDataAsItWas() throws Exception {
        try (Jedis r = replica.jedis()) {
            r.set("k", "replica");
            FullSyncProgress progress = new FullSyncProgress();
            assertThrows(java.io.IOException.class, () -> new FullSync(replica.server())
                    .run("127.0.0.1", master.port(), null, null, "0000000000000000", progress));
            assertEquals(FullSyncProgress.Phase.FAILED, progress.phase());
            assertEquals("replica", r.get("k"));
        }
    }

    private static Map<String, Object> tableFileInodes(Path dir) throws Exception {
        Map<String, Object> inodes = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".sst")).toList()) {
                inodes.put(file.getFileName().toString(), Files.getAttribute(file, "unix:ino"));
            }
        }
        return inodes;
    }
}
