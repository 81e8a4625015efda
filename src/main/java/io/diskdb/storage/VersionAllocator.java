package io.diskdb.storage;

import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out collection versions, unique for the life of the database. Versions are reserved
 * in blocks: the end of the current block is persisted (with fsync) before any version from it
 * is used, so after a crash allocation resumes past every version that may be on disk.
 */
final class VersionAllocator {
    private static final byte[] KEY = "version-reserved".getBytes(StandardCharsets.US_ASCII);
    private static final long BLOCK = 1L << 20;

    private final Engine engine;
    private final AtomicLong next;
    private volatile long reservedUpTo;

    VersionAllocator(Engine engine) throws RocksDBException {
        this.engine = engine;
        byte[] stored = engine.get(ColumnFamily.DEFAULT, KEY);
        long start = stored == null ? 1 : KeyCodec.getLong(stored, 0);
        this.next = new AtomicLong(start);
        reserve(start + BLOCK);
    }

    long next() {
        long version = next.getAndIncrement();
        if (version >= reservedUpTo) {
            synchronized (this) {
                while (version >= reservedUpTo) {
                    try {
                        reserve(reservedUpTo + BLOCK);
                    } catch (RocksDBException e) {
                        throw new StorageException("cannot reserve versions: " + e.getMessage(), e);
                    }
                }
            }
        }
        return version;
    }

    private void reserve(long upTo) throws RocksDBException {
        byte[] value = new byte[8];
        KeyCodec.putLong(value, 0, upTo);
        try (WriteOptions sync = new WriteOptions().setSync(true)) {
            engine.db().put(engine.handle(ColumnFamily.DEFAULT), sync, KEY, value);
        }
        reservedUpTo = upTo;
    }
}
