package io.diskdb.types;

import io.diskdb.storage.ColumnFamily;
import io.diskdb.storage.DataType;
import io.diskdb.storage.KeyCodec;
import io.diskdb.storage.Metadata;
import io.diskdb.storage.Transaction;

/**
 * Changes to one sorted set within a transaction: each member change writes its member record
 * and moves its index entry; {@link #save()} stores the new count (deleting the key when the
 * set is empty) and does nothing if nothing changed.
 */
public final class SortedSetWriter {
    private static final byte[] EMPTY = new byte[0];

    private final Transaction txn;
    private final int db;
    private final byte[] key;
    private final Metadata meta;
    private long count;
    private boolean changed;

    private SortedSetWriter(Transaction txn, int db, byte[] key, Metadata meta) {
        this.txn = txn;
        this.db = db;
        this.key = key;
        this.meta = meta;
        this.count = meta.count();
    }

    /** A writer of the existing sorted set, or of a new empty one; WRONGTYPE for another type. */
    public static SortedSetWriter open(Transaction txn, int db, byte[] key) {
        return of(txn, db, key, Collections.findOrCreate(txn, db, key, DataType.ZSET, null));
    }

    static SortedSetWriter of(Transaction txn, int db, byte[] key, Metadata meta) {
        return new SortedSetWriter(txn, db, key, meta);
    }

    public Metadata meta() {
        return meta;
    }

    public Double score(byte[] member) {
        return SortedSets.score(txn, meta, member);
    }

    /**
     * Sets the member's score; {@code current} is its score now (null if absent, as read with
     * {@link #score}). A score equal to the current one (0 and -0 included) changes nothing.
     */
    public void put(byte[] member, Double current, double score) {
        if (current != null) {
            if (current == score) {
                return;
            }
            txn.delete(ColumnFamily.ZSETS, indexKey(current, member));
            count--;
        }
        insertNew(member, score);
    }

    /** Adds a member known to be absent. */
    void insertNew(byte[] member, double score) {
        double stored = ScoreCodec.normalise(score);
        txn.put(ColumnFamily.ZSETS, KeyCodec.elementKey(meta.version(), SortedSetKeys.member(member)), ScoreCodec.encode(stored));
        txn.put(ColumnFamily.ZSETS, indexKey(stored, member), EMPTY);
        count++;
        changed = true;
    }

    /** Removes the member; false if it was not there. */
    public boolean remove(byte[] member) {
        Double score = score(member);
        if (score == null) {
            return false;
        }
        remove(new ScoredMember(member, score));
        return true;
    }

    /** Removes an element read from this set. */
    public void remove(ScoredMember entry) {
        txn.delete(ColumnFamily.ZSETS, KeyCodec.elementKey(meta.version(), SortedSetKeys.member(entry.member())));
        txn.delete(ColumnFamily.ZSETS, indexKey(entry.score(), entry.member()));
        count--;
        changed = true;
    }

    private byte[] indexKey(double score, byte[] member) {
        return KeyCodec.elementKey(meta.version(), SortedSetKeys.index(score, member));
    }

    /** Stores the set's new size, deleting the key if it is empty; a no-op when nothing changed. */
    public void save() {
        if (changed) {
            Collections.save(txn, db, key, meta.withCount(count));
        }
    }
}
