package io.diskdb.storage;

import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

import java.nio.charset.StandardCharsets;

/**
 * Maps the database numbers clients SELECT to the physical database ids in keys. SWAPDB swaps
 * two entries, which makes it O(1) as in Redis instead of rewriting every key.
 */
final class DatabaseMap {
    private static final byte[] KEY = "db-map".getBytes(StandardCharsets.US_ASCII);
    private final Engine engine;
    private final int[] physical;

    DatabaseMap(Engine engine, int databases) throws RocksDBException {
        this.engine = engine;
        this.physical = new int[databases];
        reload();
    }

    /** Reads the persisted map again (after the whole database was replaced, or a replicated SWAPDB). */
    synchronized void reload() throws RocksDBException {
        decode(engine.get(ColumnFamily.DEFAULT, KEY), physical);
    }

    /** The mapping a stored record describes, into {@code physical}; null = the identity. */
    static void decode(byte[] stored, int[] physical) {
        for (int i = 0; i < physical.length; i++) {
            physical[i] = stored != null && stored.length >= 2 * (i + 1)
                    ? ((stored[2 * i] & 0xff) << 8) | (stored[2 * i + 1] & 0xff)
                    : i;
        }
    }

    static boolean isMapRecord(byte[] key) {
        return java.util.Arrays.equals(key, KEY);
    }

    int size() {
        return physical.length;
    }

    int physical(int logicalDb) {
        return physical[logicalDb];
    }

    int logical(int physicalDb) {
        for (int i = 0; i < physical.length; i++) {
            if (physical[i] == physicalDb) {
                return i;
            }
        }
        return -1;
    }

    /** Caller holds every key lock. */
    synchronized void swap(int a, int b) throws RocksDBException {
        int tmp = physical[a];
        physical[a] = physical[b];
        physical[b] = tmp;
        byte[] value = new byte[physical.length * 2];
        for (int i = 0; i < physical.length; i++) {
            KeyCodec.putShort(value, 2 * i, physical[i]);
        }
        try (WriteOptions sync = new WriteOptions().setSync(true)) {
            engine.db().put(engine.handle(ColumnFamily.DEFAULT), sync, KEY, value);
        }
    }
}
