package io.diskdb.storage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.diskdb.storage.KeyspaceFixture.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The database files of a data directory replaced by a staged database, with a crash after every
 * possible number of renames: the directory then always opens as the old database or the new one.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DatabaseFileSwapTest {
    private static final Path SCRATCH = Path.of(System.getProperty("java.io.tmpdir"), "repl-fullsync-swap-test");
    private final Path root;
    private final Path oldDatabase;
    private final Path newDatabase;

    /** Thrown by the mover in place of a crash. */
    private static final class Crash extends IOException {
    }

    DatabaseFileSwapTest() throws IOException {
        Files.createDirectories(SCRATCH);
        root = Files.createTempDirectory(SCRATCH, "swap");
        oldDatabase = root.resolve("old");
        newDatabase = root.resolve("new");
        makeDatabase(oldDatabase, "old", 3);
        makeDatabase(newDatabase, "new", 5);
    }

    @AfterEach
    void clean() throws IOException {
        Snapshots.deleteTree(root);
    }

    /** A closed database holding {@code keys} keys, each with {@code value}, and some WAL left to replay. */
    private static void makeDatabase(Path dir, String value, int keys) {
        try (Keyspace keyspace = new Keyspace(StorageOptions.defaults(dir), 16)) {
            for (int i = 0; i < keys; i++) {
                String key = "k" + i;
                try (KeyLocks.Held held = keyspace.locks().lock(new int[]{keyspace.stripe(0, bytes(key))})) {
                    Transaction txn = keyspace.begin();
                    txn.putMeta(0, bytes(key), Metadata.inlineString(bytes(value), 0));
                    txn.commit();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A data directory holding the old database, with the new one staged inside it. */
    private Path prepare(String name) throws IOException {
        Path data = root.resolve(name);
        copy(oldDatabase, data);
        copy(newDatabase, data.resolve("replication/incoming"));
        Files.createDirectories(data.resolve("snapshots/keep-me"));
        Files.writeString(data.resolve("replication.state"), "not a database file");
        return data;
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }

    /** What opening the directory shows: the value of k0 and the number of keys. */
    private static String contents(Path data) throws IOException {
        try (Keyspace keyspace = new Keyspace(StorageOptions.defaults(data), 16)) {
            Metadata meta = keyspace.peek(0, bytes("k0"));
            return new String(meta.inlineValue()) + "/" + keyspace.keyCount(0);
        }
    }

    @Test
    void aCrashAtAnyPointLeavesTheOldOrTheNewDatabase() throws IOException {
        int crashAfter = 0;
        while (true) {
            Path data = prepare("data-" + crashAfter);
            int budget = crashAfter;
            int[] moves = {0};
            DatabaseFileSwap.Mover crashing = (from, to) -> {
                if (moves[0]++ >= budget) {
                    throw new Crash();
                }
                DatabaseFileSwap.Mover.FILES.move(from, to);
            };
            boolean crashed;
            try {
                DatabaseFileSwap.install(data.resolve("replication/incoming"), data, crashing);
                crashed = false;
            } catch (Crash expected) {
                crashed = true;
            }
            // the next start finishes a decided swap (the journal is the first rename)
            String expected = crashAfter == 0 && crashed ? "old/3" : "new/5";
            assertEquals(expected, contents(data), "crash after " + crashAfter + " renames");
            assertTrue(Files.isDirectory(data.resolve("snapshots/keep-me")), "other directories stay");
            assertEquals("not a database file", Files.readString(data.resolve("replication.state")));
            assertFalse(Files.exists(data.resolve(DatabaseFileSwap.DIRECTORY)), "nothing of the swap is left");
            if (!crashed) {
                assertTrue(crashAfter > 5, "the swap renamed every file: " + crashAfter);
                return;
            }
            crashAfter++;
        }
    }

    @Test
    void aStagedDirectoryWithoutADatabaseIsRefusedBeforeAnythingMoves() throws IOException {
        Path data = prepare("data");
        Files.delete(data.resolve("replication/incoming/CURRENT"));
        assertThrows(IOException.class, () -> DatabaseFileSwap.install(data.resolve("replication/incoming"), data));
        assertEquals("old/3", contents(data));
    }

    @Test
    void aStagedDirectoryOutsideTheDataDirectoryIsRefused() throws IOException {
        Path data = prepare("data");
        assertThrows(IOException.class, () -> DatabaseFileSwap.install(newDatabase, data));
        assertEquals("old/3", contents(data));
    }

    @Test
    void aFailedReplacementLeavesTheKeyspaceWorkingOnTheOldData() throws IOException {
        Path data = prepare("failing");
        Files.delete(data.resolve("replication/incoming/CURRENT"));
        try (Keyspace keyspace = new Keyspace(StorageOptions.defaults(data), 16)) {
            assertThrows(IOException.class, () -> keyspace.replaceData(data.resolve("replication/incoming")));
            assertEquals(3, keyspace.keyCount(0));
            assertEquals("old", new String(keyspace.peek(0, bytes("k0")).inlineValue()));
            try (KeyLocks.Held held = keyspace.locks().lock(new int[]{keyspace.stripe(0, bytes("k9"))})) {
                Transaction txn = keyspace.begin();
                txn.putMeta(0, bytes("k9"), Metadata.inlineString(bytes("written after"), 0));
                txn.commit();
            }
            assertEquals(4, keyspace.keyCount(0));
        }
    }

    @Test
    void aKeyspaceSwapsItsDataWhileOpen() throws IOException {
        Path data = prepare("live");
        try (Keyspace keyspace = new Keyspace(StorageOptions.defaults(data), 16)) {
            assertEquals(3, keyspace.keyCount(0));
            long sequence = keyspace.replaceData(data.resolve("replication/incoming"));
            assertEquals(5, keyspace.keyCount(0));
            assertEquals("new", new String(keyspace.peek(0, bytes("k4")).inlineValue()));
            assertEquals(sequence, keyspace.engine().db().getLatestSequenceNumber());
        }
        assertEquals("new/5", contents(data));
    }
}
