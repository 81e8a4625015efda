package io.diskdb.storage;

import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out collection versions, unique for the life of the database. Versions are reserved
 * in blocks: the end of the current block is persisted (with fsync) before any version from it
 * is used, so after a crash allocation resumes past every version that may be on disk.
 *
 * <p>Nothing is read or written until the first allocation: a replica must not write on open
 * (its RocksDB sequence numbers must stay equal to its master's), and the reservation it holds is
 * the master's, replicated like any other record. {@link #forget()} drops what was loaded, so
 * that the next allocation starts again from the record in the database (after its data was
 * replaced, or when a replica that was applying the master's reservations is promoted).
 */
final class VersionAllocator {
    private static final byte[] KEY = "version-reserved".getBytes(StandardCharsets.US_ASCII);
    private static final long BLOCK = 1L << 20;

    private final Engine engine;
    private final AtomicLong next = new AtomicLong();
    private volatile long reservedUpTo;
    private volatile boolean loaded;

    VersionAllocator(Engine engine) {
        this.engine = engine;
    }

    long next() {
        if (!loaded) {
            load();
        }
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

    /**
     * Starts from the reservation in the database at the next allocation. Caller makes sure no
     * allocation runs concurrently (every key lock held, or no command running).
     */
    synchronized void forget() {
        loaded = false;
    }

    /** Everything below the stored reservation may be on disk: allocation resumes at it. */
    private synchronized void load() {
        if (loaded) {
            return;
        }
        byte[] stored;
        try {
            stored = engine.get(ColumnFamily.DEFAULT, KEY);
        } catch (RocksDBException e) {
            throw new StorageException("cannot read the version reservation: " + e.getMessage(), e);
        }
        long start = stored == null ? 1 : KeyCodec.getLong(stored, 0);
        next.set(start);
        // nothing of the block starting here is reserved yet: the first next() reserves it
        reservedUpTo = start;
        loaded = true;
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
