package io.diskdb.durability;

import io.diskdb.storage.ColumnFamily;
import io.diskdb.storage.Engine;
import io.diskdb.storage.StorageOptions;
import io.diskdb.storage.WalCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.WriteBatch;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stopped server's newest WAL file truncated or corrupted in its last record (a torn write after
 * a power loss): each persistence.wal_recovery mode does what its documentation says, and the
 * damage is found and named before RocksDB replays the log.
 */
class WalRecoveryTest {
    private static final int KEYS = 200;

    @TempDir
    Path dir;

    @Test
    void aHealthyWalHasNoDamage() throws Exception {
        writeKeysAndStop();
        assertEquals(List.of(), WalCheck.checkDirectory(dir));
    }

    @Test
    void pointInTimeRecoversEverythingBeforeATruncatedLastRecord() throws Exception {
        writeKeysAndStop();
        Path wal = truncateNewestWal(5);
        WalCheck.Damage damage = WalCheck.checkFile(wal).orElseThrow();
        assertTrue(damage.describe().contains("truncated record"), damage.describe());
        assertAllButLastKeyPresent("point_in_time");
    }

    @Test
    void pointInTimeStopsAtACorruptLastRecord() throws Exception {
        writeKeysAndStop();
        Path wal = corruptNewestWalTail();
        WalCheck.Damage damage = WalCheck.checkFile(wal).orElseThrow();
        assertTrue(damage.describe().contains("checksum mismatch"), damage.describe());
        assertAllButLastKeyPresent("point_in_time");
    }

    @Test
    void tolerateCorruptedTailRecordsDropsATruncatedLastRecord() throws Exception {
        writeKeysAndStop();
        truncateNewestWal(5);
        assertAllButLastKeyPresent("tolerate_corrupted_tail_records");
    }

    @Test
    void skipAnyCorruptedRecordsKeepsGoing() throws Exception {
        writeKeysAndStop();
        corruptNewestWalTail();
        assertAllButLastKeyPresent("skip_any_corrupted_records");
    }

    @Test
    void absoluteConsistencyRefusesATruncatedWal() throws Exception {
        writeKeysAndStop();
        truncateNewestWal(5);
        IOException refused = assertThrows(IOException.class,
                () -> new Engine(StorageOptions.defaults(dir).withWalRecovery("absolute_consistency")).close());
        assertTrue(refused.getMessage().contains("absolute_consistency"), refused.getMessage());
        assertEquals(1, refused.getMessage().lines().count(), refused.getMessage());
        // and the damaged data is still there for a more lenient mode
        assertAllButLastKeyPresent("point_in_time");
    }

    /** One WAL record per key, then a close that leaves them in the WAL only (no memtable flush). */
    private void writeKeysAndStop() throws Exception {
        try (Engine engine = new Engine(StorageOptions.defaults(dir))) {
            for (int i = 0; i < KEYS; i++) {
                try (WriteBatch batch = new WriteBatch()) {
                    batch.put(engine.handle(ColumnFamily.STRINGS), key(i), ("value-" + i).getBytes(StandardCharsets.UTF_8));
                    engine.write(batch);
                }
            }
        }
    }

    private void assertAllButLastKeyPresent(String mode) throws Exception {
        try (Engine engine = new Engine(StorageOptions.defaults(dir).withWalRecovery(mode))) {
            for (int i = 0; i < KEYS - 1; i++) {
                assertNotNull(engine.get(ColumnFamily.STRINGS, key(i)), mode + ": key " + i + " lost");
            }
            assertNull(engine.get(ColumnFamily.STRINGS, key(KEYS - 1)), mode + ": the damaged last write came back");
        }
    }

    private Path newestWal() throws IOException {
        List<Path> wals = WalCheck.walFiles(dir);
        assertTrue(!wals.isEmpty() && Files.size(wals.get(wals.size() - 1)) > 0, "the writes are in a WAL file");
        return wals.get(wals.size() - 1);
    }

    private Path truncateNewestWal(int bytes) throws IOException {
        Path wal = newestWal();
        try (RandomAccessFile file = new RandomAccessFile(wal.toFile(), "rw")) {
            file.setLength(file.length() - bytes);
        }
        return wal;
    }

    /** Flips a byte of the last record's payload: a whole record whose checksum no longer matches. */
    private Path corruptNewestWalTail() throws IOException {
        Path wal = newestWal();
        try (RandomAccessFile file = new RandomAccessFile(wal.toFile(), "rw")) {
            file.seek(file.length() - 3);
            int b = file.read();
            file.seek(file.length() - 3);
            file.write(b ^ 0x5a);
        }
        return wal;
    }

    private static byte[] key(int i) {
        return ("key-" + i).getBytes(StandardCharsets.UTF_8);
    }
}
