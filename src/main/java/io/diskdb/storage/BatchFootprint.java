package io.diskdb.storage;

import io.diskdb.util.Bytes;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a write batch made elsewhere (by the master) touches here, found by walking its records:
 * the meta keys it writes, whole databases it range-deletes (FLUSHDB/FLUSHALL), the key
 * counter deltas it merges and whether it rewrites the database map (SWAPDB). The replica needs
 * this to keep everything derived from the records coherent: hot cache, counters, WATCH.
 */
final class BatchFootprint {
    final Set<Bytes> metaKeys = new LinkedHashSet<>();
    final Set<Integer> flushedDbs = new TreeSet<>();
    /** DEFAULT-family records in batch order: key and merge operand (null = deleted). */
    final List<byte[][]> defaultRecords = new ArrayList<>();
    byte[] newDatabaseMap;

    static BatchFootprint of(Engine engine, WriteBatch batch) throws RocksDBException {
        BatchFootprint footprint = new BatchFootprint();
        int metaFamily = engine.handle(ColumnFamily.META).getID();
        int defaultFamily = engine.handle(ColumnFamily.DEFAULT).getID();
        try (Walker walker = footprint.new Walker(metaFamily, defaultFamily)) {
            batch.iterate(walker);
        }
        return footprint;
    }

    /** Whether applying it changes whole databases at once, so every key lock must be held. */
    boolean touchesWholeDatabases() {
        return !flushedDbs.isEmpty() || newDatabaseMap != null;
    }

    private final class Walker extends WriteBatch.Handler {
        private final int metaFamily;
        private final int defaultFamily;

        Walker(int metaFamily, int defaultFamily) {
            this.metaFamily = metaFamily;
            this.defaultFamily = defaultFamily;
        }

        private void record(int family, byte[] key, byte[] value) {
            if (family == metaFamily) {
                metaKeys.add(new Bytes(key));
            } else if (family == defaultFamily) {
                if (DatabaseMap.isMapRecord(key) && value != null) {
                    newDatabaseMap = value;
                }
            }
        }

        private void recordDefault(int family, byte[] key, byte[] operand) {
            if (family == defaultFamily) {
                defaultRecords.add(new byte[][] {key, operand});
            }
        }

        @Override
        public void put(int family, byte[] key, byte[] value) {
            record(family, key, value);
        }

        @Override
        public void put(byte[] key, byte[] value) {
            record(0, key, value);
        }

        @Override
        public void merge(int family, byte[] key, byte[] value) {
            record(family, key, null);
            recordDefault(family, key, value);
        }

        @Override
        public void merge(byte[] key, byte[] value) {
            merge(0, key, value);
        }

        @Override
        public void delete(int family, byte[] key) {
            record(family, key, null);
            recordDefault(family, key, null);
        }

        @Override
        public void delete(byte[] key) {
            delete(0, key);
        }

        @Override
        public void singleDelete(int family, byte[] key) {
            record(family, key, null);
        }

        @Override
        public void singleDelete(byte[] key) {
            record(0, key, null);
        }

        @Override
        public void deleteRange(int family, byte[] from, byte[] to) {
            if (family == metaFamily) {
                // FLUSHDB deletes [dbPrefix(db), dbPrefix(db + 1)) of the meta records
                int first = KeyCodec.metaDb(from);
                int end = KeyCodec.metaDb(to);
                for (int db = first; db < Math.max(end, first + 1); db++) {
                    flushedDbs.add(db);
                }
            }
        }

        @Override
        public void deleteRange(byte[] from, byte[] to) {
        }

        @Override
        public void logData(byte[] blob) {
        }

        @Override
        public void putBlobIndex(int family, byte[] key, byte[] value) {
            record(family, key, value);
        }

        @Override
        public void markBeginPrepare() {
        }

        @Override
        public void markEndPrepare(byte[] xid) {
        }

        @Override
        public void markNoop(boolean emptyBatch) {
        }

        @Override
        public void markRollback(byte[] xid) {
        }

        @Override
        public void markCommit(byte[] xid) {
        }

        @Override
        public void markCommitWithTimestamp(byte[] xid, byte[] timestamp) {
        }
    }
}
