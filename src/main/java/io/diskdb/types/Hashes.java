package io.diskdb.types;

import io.diskdb.storage.ColumnFamily;
import io.diskdb.storage.DataType;
import io.diskdb.storage.KeyCodec;
import io.diskdb.storage.KeyHash;
import io.diskdb.storage.Metadata;
import io.diskdb.storage.Transaction;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Hashes over storage (see docs/storage-format.md, "Hashes"). One element record per field in
 * the {@code hashes} family: {@code [version u64][position u32][field] -> value}, where position
 * is {@link KeyHash#elementPosition} of the field. Ordering fields by a hash of their name gives
 * HSCAN a stateless cursor with SCAN's guarantees; every other access is a point read or a walk
 * of the version prefix. The meta record holds the field count (HLEN) and one byte recording
 * whether Redis would have converted the hash to a hashtable (OBJECT ENCODING).
 * No RESP in here.
 */
public final class Hashes {
    /** HSCAN cursors are field positions, so the cursor space is 32 bits. */
    public static final long CURSOR_LIMIT = ElementScan.CURSOR_LIMIT;
    private static final ElementScan LAYOUT = ElementScan.UNTAGGED;
    private static final byte LISTPACK = 0;
    private static final byte HASHTABLE = 1;
    private static final ColumnFamily FAMILY = DataType.HASH.elementFamily();

    private Hashes() {
    }

    /** hash-max-listpack-entries and hash-max-listpack-value, as configured when a command writes. */
    public record Limits(long entries, long valueBytes) {
    }

    public record Entry(byte[] field, byte[] value) {
    }

    /** One HSCAN reply: the cursor to continue from (0 when done) and the fields found. */
    public record ScanPage(long cursor, List<Entry> entries) {
    }

    // ---- encoding of element records

    /** The sub-key of a field: its 32-bit position, then the field itself. */
    static byte[] subKey(byte[] field) {
        return LAYOUT.subKey(field);
    }

    /** The sub-key prefix that seeks to the first field at or after {@code position}. */
    static byte[] positionPrefix(long position) {
        return LAYOUT.seekKey(position);
    }

    static byte[] field(byte[] subKey) {
        return LAYOUT.name(subKey);
    }

    private static byte[] elementKey(Metadata hash, byte[] field) {
        return KeyCodec.elementKey(hash.version(), subKey(field));
    }

    static Entry entry(ElementCursor cursor) {
        return new Entry(field(cursor.subKey()), cursor.value());
    }

    static ElementCursor cursor(Transaction txn, Metadata hash) {
        return new ElementCursor(txn, FAMILY, hash.version());
    }

    // ---- reads

    /** The field's value, or null when the hash ({@code hash} null) or the field does not exist. */
    public static byte[] get(Transaction txn, Metadata hash, byte[] field) {
        return hash == null ? null : txn.get(FAMILY, elementKey(hash, field));
    }

    /** Every field with its value, in storage order; empty when {@code hash} is null. */
    public static List<Entry> entries(Transaction txn, Metadata hash) {
        List<Entry> entries = new ArrayList<>(hash == null ? 0 : (int) Math.min(hash.count(), 1 << 16));
        if (hash == null) {
            return entries;
        }
        try (ElementCursor cursor = cursor(txn, hash).seekToFirst()) {
            for (; cursor.valid(); cursor.next()) {
                entries.add(entry(cursor));
            }
        }
        return entries;
    }

    /**
     * HSCAN from field position {@code cursor}: visits about {@code count} fields, finishing every
     * field that shares the last visited position so that the next call, which starts at the
     * following position, cannot skip one. A field present for the whole iteration is therefore
     * returned, whatever is written meanwhile and across restarts.
     *
     * <p>A hash Redis would keep as a listpack is returned whole with cursor 0, whatever the cursor
     * and COUNT, as Redis does.
     */
    public static ScanPage scan(Transaction txn, Metadata hash, long cursor, long count, Predicate<byte[]> accepts) {
        List<Entry> found = new ArrayList<>();
        if (isListpack(hash)) {
            for (Entry entry : entries(txn, hash)) {
                if (accepts.test(entry.field())) {
                    found.add(entry);
                }
            }
            return new ScanPage(0, found);
        }
        ElementScan.Page page = LAYOUT.page(txn, FAMILY, hash.version(), cursor, count, accepts);
        for (ElementScan.Element element : page.elements()) {
            found.add(new Entry(element.name(), element.value()));
        }
        return new ScanPage(page.cursor(), found);
    }

    /**
     * The encoding Redis 7.0 would report. Redis converts a listpack hash to a hashtable once a
     * write makes it exceed hash-max-listpack-entries or stores a field or value longer than
     * hash-max-listpack-value, and never converts back; the meta record remembers that moment.
     */
    public static String encoding(Metadata hash) {
        return isListpack(hash) ? "listpack" : "hashtable";
    }

    private static boolean isListpack(Metadata hash) {
        byte[] extra = hash.extra();
        return extra.length == 0 || extra[0] == LISTPACK;
    }

    // ---- writes

    /** The hash at {@code key} for writing, created (not yet stored) if missing; WRONGTYPE otherwise. */
    public static Editor openOrCreate(Transaction txn, int db, byte[] key, Limits limits) {
        Metadata hash = Collections.findOrCreate(txn, db, key, DataType.HASH, new byte[]{LISTPACK});
        return new Editor(txn, db, key, hash, limits);
    }

    /** The hash at {@code key} for writing, or null if it does not exist; WRONGTYPE otherwise. */
    public static Editor open(Transaction txn, int db, byte[] key, Limits limits) {
        Metadata hash = Collections.find(txn, db, key, DataType.HASH);
        return hash == null ? null : new Editor(txn, db, key, hash, limits);
    }

    /**
     * The writes of one command to one hash: field changes are staged as they are made (later
     * reads see them), the count and encoding are kept exactly, and {@link #save} stores the
     * metadata, deleting the key if no field is left. TTL is kept.
     */
    public static final class Editor {
        private final Transaction txn;
        private final int db;
        private final byte[] key;
        private final Metadata hash;
        private final Limits limits;
        private long count;
        private boolean hashtable;
        private boolean changed;

        private Editor(Transaction txn, int db, byte[] key, Metadata hash, Limits limits) {
            this.txn = txn;
            this.db = db;
            this.key = key;
            this.hash = hash;
            this.limits = limits;
            this.count = hash.count();
            this.hashtable = !isListpack(hash);
        }

        public byte[] get(byte[] field) {
            return txn.get(FAMILY, elementKey(hash, field));
        }

        /** Sets the field; true if it was created rather than overwritten. */
        public boolean set(byte[] field, byte[] value) {
            byte[] elementKey = elementKey(hash, field);
            boolean created = txn.get(FAMILY, elementKey) == null;
            txn.put(FAMILY, elementKey, value);
            if (created) {
                count++;
            }
            // the checks of Redis's hashTypeSet, made on every write to a listpack hash
            if (field.length > limits.valueBytes() || value.length > limits.valueBytes() || count > limits.entries()) {
                hashtable = true;
            }
            changed = true;
            return created;
        }

        /** Deletes the field; true if it existed. */
        public boolean delete(byte[] field) {
            byte[] elementKey = elementKey(hash, field);
            if (txn.get(FAMILY, elementKey) == null) {
                return false;
            }
            txn.delete(FAMILY, elementKey);
            count--;
            changed = true;
            return true;
        }

        /** Stores the hash's metadata if anything changed; an empty hash is deleted. */
        public void save() {
            if (changed) {
                Collections.save(txn, db, key, hash.withCountAndExtra(count, new byte[]{hashtable ? HASHTABLE : LISTPACK}));
            }
        }
    }
}
