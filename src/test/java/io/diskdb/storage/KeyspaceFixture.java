package io.diskdb.storage;

import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** A keyspace on a temporary directory that can be closed and reopened, for storage tests. */
final class KeyspaceFixture implements AutoCloseable {
    static final int DATABASES = 16;
    private final Path dir;
    private Keyspace keyspace;

    KeyspaceFixture() {
        try {
            dir = Files.createTempDirectory("diskdb-storage-test");
            keyspace = new Keyspace(StorageOptions.defaults(dir), DATABASES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Keyspace keyspace() {
        return keyspace;
    }

    void reopen() {
        keyspace.close();
        try {
            keyspace = new Keyspace(StorageOptions.defaults(dir), DATABASES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Runs {@code work} in a fresh transaction under the key's lock and commits it. */
    void write(int db, String key, java.util.function.Consumer<Transaction> work) {
        try (KeyLocks.Held held = keyspace.locks().lock(new int[]{keyspace.stripe(db, bytes(key))})) {
            Transaction txn = keyspace.begin();
            work.accept(txn);
            txn.commit();
        }
    }

    byte[] raw(ColumnFamily family, byte[] key) {
        try {
            return keyspace.engine().get(family, key);
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every key stored in a family, in order. */
    List<byte[]> keys(ColumnFamily family) {
        List<byte[]> keys = new ArrayList<>();
        Engine engine = keyspace.engine();
        try (RocksIterator it = engine.db().newIterator(engine.handle(family), engine.readOptions())) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                keys.add(it.key());
            }
        }
        return keys;
    }

    @Override
    public void close() {
        keyspace.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
