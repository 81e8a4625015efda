package io.diskdb.storage;

import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatchWithIndex;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Exact key and expiring-key counts per physical database, so DBSIZE and INFO keyspace never
 * scan. Each commit adds its deltas with RocksDB merges (uint64add) in the same write batch,
 * so the persisted counts are exactly as durable as the keys they count.
 */
public final class KeyCounters {
    private final int databases;
    private final AtomicLongArray keys;
    private final AtomicLongArray expires;

    KeyCounters(Engine engine, int databases) throws RocksDBException {
        this.databases = databases;
        this.keys = new AtomicLongArray(databases);
        this.expires = new AtomicLongArray(databases);
        reload(engine);
    }

    /** Reads the persisted counts again (after the whole database was replaced). */
    void reload(Engine engine) throws RocksDBException {
        for (int db = 0; db < databases; db++) {
            keys.set(db, read(engine, keysKey(db)));
            expires.set(db, read(engine, expiresKey(db)));
        }
    }

    public long keys(int physicalDb) {
        return keys.get(physicalDb);
    }

    public long expires(int physicalDb) {
        return expires.get(physicalDb);
    }

    void stage(WriteBatchWithIndex batch, Engine engine, int db, long keyDelta, long expireDelta) throws RocksDBException {
        if (keyDelta != 0) {
            batch.merge(engine.handle(ColumnFamily.DEFAULT), keysKey(db), encode(keyDelta));
        }
        if (expireDelta != 0) {
            batch.merge(engine.handle(ColumnFamily.DEFAULT), expiresKey(db), encode(expireDelta));
        }
    }

    void apply(int db, long keyDelta, long expireDelta) {
        if (keyDelta != 0) {
            keys.addAndGet(db, keyDelta);
        }
        if (expireDelta != 0) {
            expires.addAndGet(db, expireDelta);
        }
    }

    /** After a whole database was dropped (FLUSHDB/FLUSHALL), within the same write. */
    void stageReset(WriteBatchWithIndex batch, Engine engine, int db) throws RocksDBException {
        batch.delete(engine.handle(ColumnFamily.DEFAULT), keysKey(db));
        batch.delete(engine.handle(ColumnFamily.DEFAULT), expiresKey(db));
    }

    void applyReset(int db) {
        keys.set(db, 0);
        expires.set(db, 0);
    }

    /**
     * Applies a counter record of a replicated batch to the counts in memory: a merge adds its
     * delta, a delete (FLUSHDB) resets. Reading the record back instead would fold every merge
     * operand still in the memtable, on each batch. Other DEFAULT-family records are ignored.
     */
    void applyReplicated(byte[] key, byte[] mergeOperand) {
        String text = new String(key, StandardCharsets.US_ASCII);
        AtomicLongArray counts = text.startsWith("keys:") ? keys : text.startsWith("expires:") ? expires : null;
        if (counts == null) {
            return;
        }
        int db;
        try {
            db = Integer.parseInt(text.substring(text.indexOf(':') + 1));
        } catch (NumberFormatException e) {
            return;
        }
        if (db < 0 || db >= databases) {
            return;
        }
        if (mergeOperand == null) {
            counts.set(db, 0);
        } else if (mergeOperand.length == 8) {
            counts.addAndGet(db, ByteBuffer.wrap(mergeOperand).order(ByteOrder.LITTLE_ENDIAN).getLong());
        }
    }

    int databases() {
        return databases;
    }

    private static long read(Engine engine, byte[] key) throws RocksDBException {
        byte[] value = engine.get(ColumnFamily.DEFAULT, key);
        return value == null ? 0 : ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    /** uint64add reads fixed 64-bit little-endian values; negative deltas wrap as two's complement. */
    private static byte[] encode(long delta) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(delta).array();
    }

    private static byte[] keysKey(int db) {
        return ("keys:" + db).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] expiresKey(int db) {
        return ("expires:" + db).getBytes(StandardCharsets.US_ASCII);
    }
}
