package io.diskdb.durability;

import io.diskdb.storage.ColumnFamily;
import io.diskdb.storage.Engine;
import io.diskdb.storage.StorageOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.WriteBatch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Start-up never turns a damaged or foreign data directory into a silent new empty database. */
class DataDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void aMissingOrEmptyDirectoryBecomesANewDatabase() throws Exception {
        new Engine(StorageOptions.defaults(dir.resolve("new"))).close();
        Files.createDirectories(dir.resolve("empty/lost+found"));
        new Engine(StorageOptions.defaults(dir.resolve("empty"))).close();
        assertTrue(Files.exists(dir.resolve("empty/CURRENT")));
    }

    @Test
    void aDatabaseThatLostItsCurrentFileIsRefused() throws Exception {
        Path data = databaseWithOneKey();
        Files.delete(data.resolve("CURRENT"));
        IOException refused = assertThrows(IOException.class, () -> new Engine(StorageOptions.defaults(data)));
        assertTrue(refused.getMessage().contains("is not empty but has no RocksDB CURRENT file"), refused.getMessage());
        assertEquals(1, refused.getMessage().lines().count());
        assertTrue(!Files.exists(data.resolve("CURRENT")), "no new database was created");
    }

    @Test
    void aDirectoryOfOtherFilesIsRefused() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "not a database");
        IOException refused = assertThrows(IOException.class, () -> new Engine(StorageOptions.defaults(dir)));
        assertTrue(refused.getMessage().contains("notes.txt"), refused.getMessage());
    }

    @Test
    void aDamagedCurrentFileIsRefused() throws Exception {
        Path data = databaseWithOneKey();
        Files.writeString(data.resolve("CURRENT"), "\0\0\0garbage");
        IOException refused = assertThrows(IOException.class, () -> new Engine(StorageOptions.defaults(data)));
        assertTrue(refused.getMessage().contains("CURRENT' is damaged"), refused.getMessage());
    }

    @Test
    void anUnreadableCurrentFileIsRefused() throws Exception {
        Path data = databaseWithOneKey();
        Path current = data.resolve("CURRENT");
        assertTrue(current.toFile().setReadable(false));
        try {
            if (Files.isReadable(current)) {
                return; // running as root: permissions do not stop reads
            }
            IOException refused = assertThrows(IOException.class, () -> new Engine(StorageOptions.defaults(data)));
            assertTrue(refused.getMessage().startsWith("cannot read '" + current + "'"), refused.getMessage());
        } finally {
            current.toFile().setReadable(true);
        }
    }

    @Test
    void anExistingDatabaseOpensWithItsData() throws Exception {
        Path data = databaseWithOneKey();
        try (Engine engine = new Engine(StorageOptions.defaults(data))) {
            assertArrayEquals(new byte[] {1}, engine.get(ColumnFamily.STRINGS, new byte[] {7}));
        }
    }

    private Path databaseWithOneKey() throws Exception {
        Path data = dir.resolve("data");
        try (Engine engine = new Engine(StorageOptions.defaults(data)); WriteBatch batch = new WriteBatch()) {
            batch.put(engine.handle(ColumnFamily.STRINGS), new byte[] {7}, new byte[] {1});
            engine.write(batch);
        }
        return data;
    }
}
