package io.diskdb.types;

import io.diskdb.storage.ColumnFamily;
import io.diskdb.storage.DataType;
import io.diskdb.storage.KeyCodec;
import io.diskdb.storage.Metadata;
import io.diskdb.storage.Transaction;

import java.util.ArrayList;
import java.util.List;

/**
 * One stream over storage: its entries (records tagged 'e' under the key's version) and its
 * state in the metadata record. Changes are staged in the transaction as they are made;
 * {@link #save} writes the metadata back. Unlike the other collections an empty stream is not
 * deleted: Redis keeps a stream key whose entries were all deleted or trimmed away.
 */
public final class StreamValue {
    private final Transaction txn;
    private final int db;
    private final byte[] key;
    private final Metadata meta;
    private StreamState state;
    private long length;

    private StreamValue(Transaction txn, int db, byte[] key, Metadata meta) {
        this.txn = txn;
        this.db = db;
        this.key = key;
        this.meta = meta;
        this.state = StreamState.decode(meta.extra());
        this.length = meta.count();
    }

    /** The stream at {@code key}, null if there is none; WRONGTYPE for another type. */
    public static StreamValue find(Transaction txn, int db, byte[] key) {
        Metadata meta = Collections.find(txn, db, key, DataType.STREAM);
        return meta == null ? null : new StreamValue(txn, db, key, meta);
    }

    /** A stream whose metadata the caller already looked up (and type-checked). */
    public static StreamValue of(Transaction txn, int db, byte[] key, Metadata meta) {
        return new StreamValue(txn, db, key, meta);
    }

    /** A new empty stream under a fresh version; it exists once saved. */
    public static StreamValue create(Transaction txn, int db, byte[] key) {
        Metadata meta = Metadata.collection(DataType.STREAM, txn.newVersion(), 0, 0, StreamState.EMPTY.encode());
        return new StreamValue(txn, db, key, meta);
    }

    public byte[] key() {
        return key;
    }

    Transaction txn() {
        return txn;
    }

    long version() {
        return meta.version();
    }

    public StreamState state() {
        return state;
    }

    public void state(StreamState next) {
        state = next;
    }

    public long length() {
        return length;
    }

    public void save() {
        txn.putMeta(db, key, meta.withCountAndExtra(length, state.encode()));
    }

    ElementCursor cursor() {
        return new ElementCursor(txn, ColumnFamily.STREAMS, meta.version());
    }

    /** Appends an entry; the caller has checked that {@code id} is after the last id. */
    public void append(StreamId id, List<byte[]> fieldsAndValues) {
        txn.put(ColumnFamily.STREAMS, entryRecord(id), StreamRecords.encodeFields(fieldsAndValues));
        length++;
        state = state.withLastId(id).withEntriesAdded(state.entriesAdded() + 1);
        if (length == 1) {
            state = state.withFirstId(id);
        }
    }

    public boolean exists(StreamId id) {
        return txn.get(ColumnFamily.STREAMS, entryRecord(id)) != null;
    }

    /** The entry with this id, or null. */
    public StreamEntry entry(StreamId id) {
        byte[] value = txn.get(ColumnFamily.STREAMS, entryRecord(id));
        return value == null ? null : new StreamEntry(id, StreamRecords.decodeFields(value));
    }

    /** Deletes one entry (XDEL); false if there was none. Does not touch the first/max-deleted ids. */
    public boolean delete(StreamId id) {
        if (!exists(id)) {
            return false;
        }
        txn.delete(ColumnFamily.STREAMS, entryRecord(id));
        length--;
        return true;
    }

    /** The id of the first entry, or null when the stream is empty. */
    public StreamId firstEntryId() {
        if (length == 0) {
            return null;
        }
        try (ElementCursor cursor = cursor().seek(StreamRecords.entryKey(StreamId.MIN))) {
            return onEntry(cursor) ? StreamRecords.entryId(cursor.subKey()) : null;
        }
    }

    /** The id of the last entry (Redis's streamLastValidID), or null when the stream is empty. */
    public StreamId lastEntryId() {
        if (length == 0) {
            return null;
        }
        try (ElementCursor cursor = cursor().seekForPrev(StreamRecords.entryKey(StreamId.MAX))) {
            return onEntry(cursor) ? StreamRecords.entryId(cursor.subKey()) : null;
        }
    }

    /** Recomputes the recorded first id after entries were removed: one seek. */
    public void refreshFirstId() {
        StreamId first = firstEntryId();
        state = state.withFirstId(first == null ? StreamId.MIN : first);
    }

    /**
     * The entries with ids in [start, end], ascending or (reverse) descending, at most
     * {@code count} of them (0 = all).
     */
    public List<StreamEntry> range(StreamId start, StreamId end, long count, boolean reverse) {
        List<StreamEntry> out = new ArrayList<>();
        if (start.after(end) || length == 0) {
            return out;
        }
        try (ElementCursor cursor = reverse ? cursor().seekForPrev(StreamRecords.entryKey(end))
                : cursor().seek(StreamRecords.entryKey(start))) {
            while (onEntry(cursor) && (count <= 0 || out.size() < count)) {
                StreamId id = StreamRecords.entryId(cursor.subKey());
                if (reverse ? id.before(start) : id.after(end)) {
                    break;
                }
                out.add(new StreamEntry(id, StreamRecords.decodeFields(cursor.value())));
                if (reverse) {
                    cursor.prev();
                } else {
                    cursor.next();
                }
            }
        }
        return out;
    }

    /**
     * Removes entries from the head: while more than {@code maxLength} are left (MAXLEN), or
     * while the head's id is below {@code minId} (MINID); at most {@code limit} (0 = no limit).
     * An approximate trim removes only whole multiples of {@code nodeSize} entries from the head,
     * or everything, as Redis drops only whole radix-tree nodes (of 100 entries each when XADD
     * filled them, the last one partly filled). Returns how many
     * were removed. Like Redis, trimming does not move the max deleted id.
     */
    public long trim(Long maxLength, StreamId minId, long limit, long nodeSize) {
        List<StreamId> doomed = new ArrayList<>();
        try (ElementCursor cursor = cursor().seek(StreamRecords.entryKey(StreamId.MIN))) {
            while (onEntry(cursor) && (limit <= 0 || doomed.size() < limit)) {
                StreamId id = StreamRecords.entryId(cursor.subKey());
                boolean remove = maxLength != null ? length - doomed.size() > maxLength : id.before(minId);
                if (!remove) {
                    break;
                }
                doomed.add(id);
                cursor.next();
            }
        }
        if (nodeSize > 0 && doomed.size() < length) { // the last node is partly filled: it goes only with everything
            doomed = doomed.subList(0, doomed.size() - doomed.size() % (int) nodeSize);
        }
        for (StreamId id : doomed) {
            txn.delete(ColumnFamily.STREAMS, entryRecord(id));
        }
        length -= doomed.size();
        if (!doomed.isEmpty()) {
            refreshFirstId();
        }
        return doomed.size();
    }

    private static boolean onEntry(ElementCursor cursor) {
        return cursor.valid() && cursor.subKey()[0] == StreamRecords.ENTRY;
    }

    private byte[] entryRecord(StreamId id) {
        return KeyCodec.elementKey(meta.version(), StreamRecords.entryKey(id));
    }
}
