package io.diskdb.durability;

import io.diskdb.storage.Snapshots;
import io.diskdb.testing.TestServer;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SAVE, BGSAVE, LASTSAVE, the snapshot schedule and retention, and what INFO persistence says about them. */
class SnapshotTest {
    @Test
    void saveMakesACheckpointAndLastsaveAndInfoReportIt() throws Exception {
        try (TestServer server = TestServer.start(); Jedis jedis = server.jedis()) {
            jedis.set("k", "v");
            long before = System.currentTimeMillis() / 1000;
            assertEquals("OK", jedis.save());
            List<Path> snapshots = Snapshots.list(server.dataDir().resolve("snapshots"));
            assertEquals(1, snapshots.size());
            assertTrue(Files.exists(snapshots.get(0).resolve("CURRENT")), "a complete RocksDB checkpoint");
            assertTrue(jedis.lastsave() >= before);

            Map<String, String> info = persistence(jedis);
            assertEquals("0", info.get("rdb_bgsave_in_progress"));
            assertEquals("ok", info.get("rdb_last_bgsave_status"));
            assertEquals("0", info.get("rdb_changes_since_last_save"));
            assertEquals(Long.toString(jedis.lastsave()), info.get("rdb_last_save_time"));
            assertEquals(snapshots.get(0).toAbsolutePath().toString(), info.get("last_snapshot_dir"));
        }
    }

    @Test
    void bgsaveRunsInTheBackground() throws Exception {
        try (TestServer server = TestServer.start(); Jedis jedis = server.jedis()) {
            jedis.set("k", "v");
            assertEquals("Background saving started", jedis.bgsave());
            awaitNoSnapshotInProgress(jedis);
            assertEquals("ok", persistence(jedis).get("rdb_last_bgsave_status"));
            assertEquals(1, Snapshots.list(server.dataDir().resolve("snapshots")).size());
            assertEquals("Background saving started", jedis.bgsaveSchedule());
            awaitNoSnapshotInProgress(jedis);
            JedisDataException syntax = assertThrows(JedisDataException.class,
                    () -> jedis.sendCommand(() -> "BGSAVE".getBytes(), "NOW"));
            assertEquals("ERR syntax error", syntax.getMessage());
        }
    }

    @Test
    void retentionKeepsTheNewestAndTheScheduleTakesSnapshots() throws Exception {
        try (TestServer server = TestServer.start(s -> {
            s.setSnapshotKeep(2);
            s.setSnapshotIntervalMs(200);
        }); Jedis jedis = server.jedis()) {
            Path root = server.dataDir().resolve("snapshots");
            long deadline = System.currentTimeMillis() + 20_000;
            while (Snapshots.list(root).size() < 2 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(2, Snapshots.list(root).size(), "the schedule made snapshots");
            for (int i = 0; i < 4; i++) {
                jedis.set("k" + i, "v");
                try {
                    jedis.save();
                } catch (JedisDataException busy) {
                    assertEquals("ERR Background save already in progress", busy.getMessage());
                }
            }
            awaitNoSnapshotInProgress(jedis);
            assertTrue(Snapshots.list(root).size() <= 2, "at most keep=2 snapshots remain");
        }
    }

    @Test
    void theDatabaseReopensWithSnapshotsInsideItsDirectory() throws Exception {
        try (TestServer server = TestServer.start()) {
            try (Jedis jedis = server.jedis()) {
                jedis.set("before", "1");
                jedis.save();
                jedis.set("after", "2");
                jedis.save();
            }
            server.restart();
            try (Jedis jedis = server.jedis()) {
                assertEquals("1", jedis.get("before"));
                assertEquals("2", jedis.get("after"));
                // the newest snapshot is still known after the restart
                assertTrue(persistence(jedis).get("last_snapshot_dir").endsWith(
                        Snapshots.list(server.dataDir().resolve("snapshots")).get(1).getFileName().toString()));
            }
        }
    }

    static void awaitNoSnapshotInProgress(Jedis jedis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!"0".equals(persistence(jedis).get("rdb_bgsave_in_progress")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals("0", persistence(jedis).get("rdb_bgsave_in_progress"));
    }

    static Map<String, String> persistence(Jedis jedis) {
        Map<String, String> fields = new HashMap<>();
        for (String line : jedis.info("persistence").split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.put(line.substring(0, colon), line.substring(colon + 1));
            }
        }
        return fields;
    }
}
