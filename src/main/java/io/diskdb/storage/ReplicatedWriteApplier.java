package io.diskdb.storage;

import io.diskdb.util.Bytes;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

import java.util.ArrayList;
import java.util.List;

/**
 * Applies the master's write batches on a replica, byte for byte, so that the replica's sequence
 * numbers stay the master's: a batch is only applied when it starts right after the replica's
 * latest sequence. Everything the replica derives from records is then brought in line the way
 * a local commit would: the hot cache entries of the touched keys are dropped (under their key
 * locks, so a concurrent reader cannot put an older value back), counters and the database map
 * are re-read, and WATCH and the other commit listeners hear of each changed key.
 */
final class ReplicatedWriteApplier {
    private final Keyspace keyspace;
    private final Engine engine;

    ReplicatedWriteApplier(Keyspace keyspace) {
        this.keyspace = keyspace;
        this.engine = keyspace.engine();
    }

    void apply(long sequence, byte[] data) {
        long expected = engine.latestSequence() + 1;
        if (sequence != expected) {
            throw new SequenceGapException(expected, sequence);
        }
        try (WriteBatch batch = new WriteBatch(data)) {
            BatchFootprint footprint = BatchFootprint.of(engine, batch);
            KeyLocks locks = keyspace.locks();
            try (KeyLocks.Held held = footprint.touchesWholeDatabases() ? locks.lockAll() : locks.lock(stripes(footprint))) {
                applyLocked(batch, footprint);
            }
        } catch (RocksDBException e) {
            throw new StorageException("cannot apply replicated batch " + sequence + ": " + e.getMessage(), e);
        }
    }

    private void applyLocked(WriteBatch batch, BatchFootprint footprint) throws RocksDBException {
        for (int physicalDb : footprint.flushedDbs) {
            int logical = keyspace.logical(physicalDb);
            if (logical >= 0) {
                keyspace.notifyBeforeFlush(logical);
            }
        }
        if (footprint.newDatabaseMap != null) {
            notifySwaps(footprint.newDatabaseMap);
        }
        List<Metadata> before = new ArrayList<>(footprint.metaKeys.size());
        for (Bytes metaKey : footprint.metaKeys) {
            before.add(read(metaKey));
        }
        engine.write(batch);
        for (int physicalDb : footprint.flushedDbs) {
            keyspace.cache().invalidateDb(physicalDb);
        }
        for (Bytes metaKey : footprint.metaKeys) {
            keyspace.cache().invalidate(metaKey);
        }
        for (byte[][] record : footprint.defaultRecords) {
            keyspace.counters().applyReplicated(record[0], record[1]);
        }
        if (footprint.newDatabaseMap != null) {
            keyspace.databaseMap().reload();
        }
        List<KeyChange> changes = new ArrayList<>(footprint.metaKeys.size());
        int i = 0;
        for (Bytes metaKey : footprint.metaKeys) {
            byte[] raw = metaKey.array();
            int logical = keyspace.logical(KeyCodec.metaDb(raw));
            if (logical >= 0) {
                changes.add(new KeyChange(logical, KeyCodec.userKey(raw), before.get(i), read(metaKey), false));
            }
            i++;
        }
        if (!changes.isEmpty()) {
            keyspace.notifyCommitted(changes);
        }
    }

    /** SWAPDB on the master rewrote the map: tell the listeners which logical databases trade places. */
    private void notifySwaps(byte[] newMap) {
        int[] next = new int[keyspace.databases()];
        DatabaseMap.decode(newMap, next);
        boolean[] done = new boolean[next.length];
        for (int a = 0; a < next.length; a++) {
            if (done[a] || next[a] == keyspace.physical(a)) {
                continue;
            }
            for (int b = a + 1; b < next.length; b++) {
                if (!done[b] && next[b] == keyspace.physical(a)) {
                    keyspace.notifyBeforeSwap(a, b);
                    done[a] = done[b] = true;
                    break;
                }
            }
        }
    }

    private static int[] stripes(BatchFootprint footprint) {
        int[] stripes = new int[footprint.metaKeys.size()];
        int i = 0;
        for (Bytes metaKey : footprint.metaKeys) {
            stripes[i++] = KeyLocks.stripe(metaKey.array());
        }
        return stripes;
    }

    private Metadata read(Bytes metaKey) throws RocksDBException {
        byte[] raw = engine.get(ColumnFamily.META, metaKey.array());
        return raw == null ? null : Metadata.decode(raw);
    }
}
