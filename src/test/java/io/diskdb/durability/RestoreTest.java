package io.diskdb.durability;

import io.diskdb.testing.DiskDbProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code diskdb --restore SNAPSHOT} and {@code --restore-backup DIR}: the server comes back with
 * exactly the content the snapshot or backup had, and an existing database is only replaced
 * with --force, and then kept aside.
 */
class RestoreTest {
    private static final int KEYS = 500;

    @TempDir
    Path dir;

    @Test
    void restoringASnapshotBringsBackExactlyItsContent() throws Exception {
        Path data = dir.resolve("data");
        Path log = dir.resolve("server.log");
        Map<String, String> atSnapshot;
        Path snapshot;
        try (DiskDbProcess server = DiskDbProcess.start(data, log); Jedis jedis = jedis(server)) {
            writeKeys(jedis, "first");
            jedis.set("counter", "1");
            assertEquals("OK", jedis.save());
            snapshot = Path.of(SnapshotTest.persistence(jedis).get("last_snapshot_dir"));
            atSnapshot = everything(jedis);
            changeEverything(jedis);
        }
        assertEquals(KEYS + 1, atSnapshot.size());

        // the data directory holds a database: refused without --force, and left as it was
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> DiskDbProcess.start(data, log, "--restore", snapshot.toString()).close());
        assertTrue(refused.getMessage().contains("did not start"));
        assertTrue(Files.readString(log).contains("already holds a database; restoring snapshot"),
                "the refusal is explained in one line");

        try (DiskDbProcess server = startOrShowLog(log, data, "--restore", snapshot.toString(), "--force");
             Jedis jedis = jedis(server)) {
            assertEquals(atSnapshot, everything(jedis));
        }
        Path keptAside = data.resolve("snapshots").resolve(Files.list(data.resolve("snapshots"))
                .map(p -> p.getFileName().toString()).filter(n -> n.startsWith("pre-restore-")).findFirst().orElseThrow());
        // the replaced database is itself restorable
        try (DiskDbProcess server = startOrShowLog(log, dir.resolve("aside"), "--restore", keptAside.toString());
             Jedis jedis = jedis(server)) {
            assertEquals("changed", jedis.get("counter"));
        }
    }

    @Test
    void restoringABackupBringsBackTheNewestBackup() throws Exception {
        Path data = dir.resolve("data");
        Path backups = dir.resolve("backups");
        Path log = dir.resolve("server.log");
        Map<String, String> atBackup;
        try (DiskDbProcess server = DiskDbProcess.start(data, log); Jedis jedis = jedis(server)) {
            writeKeys(jedis, "first");
            backup(jedis, backups);
            jedis.set("counter", "2");
            backup(jedis, backups); // incremental: the second shares the first's files
            assertEquals("ok", SnapshotTest.persistence(jedis).get("last_backup_status"));
            atBackup = everything(jedis);
            changeEverything(jedis);
        }
        assertTrue(Files.isDirectory(backups.resolve("shared")) || Files.isDirectory(backups.resolve("shared_checksum")));
        try (DiskDbProcess server = startOrShowLog(log, dir.resolve("fresh"), "--restore-backup", backups.toString());
             Jedis jedis = jedis(server)) {
            assertEquals(atBackup, everything(jedis));
        }
    }

    private static void backup(Jedis jedis, Path backups) throws InterruptedException {
        assertEquals("Backup started", jedis.sendCommand(() -> "BACKUP".getBytes(), backups.toString()) instanceof byte[] b
                ? new String(b) : "");
        long deadline = System.currentTimeMillis() + 30_000;
        while (!"0".equals(SnapshotTest.persistence(jedis).get("backup_in_progress"))
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        Map<String, String> info = SnapshotTest.persistence(jedis);
        assertEquals("ok", info.get("last_backup_status"), info.get("last_backup_error"));
    }

    /** Starts the server; when it does not start, the failure says why (the last lines of its log). */
    private static DiskDbProcess startOrShowLog(Path log, Path data, String... args) throws Exception {
        try {
            return DiskDbProcess.start(data, log, args);
        } catch (IllegalStateException e) {
            java.util.List<String> lines = Files.readAllLines(log);
            throw new AssertionError(String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())), e);
        }
    }

    private static Jedis jedis(DiskDbProcess server) {
        return new Jedis("127.0.0.1", server.port(), 30_000);
    }

    private static void writeKeys(Jedis jedis, String value) {
        Pipeline pipeline = jedis.pipelined();
        for (int i = 0; i < KEYS; i++) {
            pipeline.set("key:" + i, value + "-" + i + (i % 50 == 0 ? "x".repeat(5000) : ""));
        }
        pipeline.sync();
    }

    /** Overwrites, deletes and adds after the snapshot or backup, so a restore that kept any of it shows. */
    private static void changeEverything(Jedis jedis) {
        writeKeys(jedis, "second");
        jedis.del("key:1", "key:2");
        jedis.set("new-key", "after");
        jedis.set("counter", "changed");
    }

    private static Map<String, String> everything(Jedis jedis) {
        Map<String, String> all = new HashMap<>();
        for (String key : new TreeSet<>(jedis.keys("*"))) {
            all.put(key, jedis.get(key));
        }
        return all;
    }
}
