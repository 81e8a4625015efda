package io.diskdb.types;

import io.diskdb.storage.ColumnFamily;
import io.diskdb.storage.KeyCodec;
import io.diskdb.storage.Transaction;
import org.rocksdb.RocksIterator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Walks the element records of one collection (the keys under its version prefix) in either
 * direction, seeing the transaction's own writes. Sub-keys are returned without the prefix.
 * Close it: it holds a native iterator.
 *
 * <p>Writes made to the same transaction while a cursor is open are not guaranteed to be seen
 * by it; collect first, then write (see {@link Keys#copy}).
 */
public final class ElementCursor implements AutoCloseable {
    private final RocksIterator it;
    private final byte[] prefix;

    public ElementCursor(Transaction txn, ColumnFamily family, long version) {
        this.it = txn.iterator(family);
        this.prefix = KeyCodec.versionPrefix(version);
    }

    /** Positions at the first element whose sub-key is at or after {@code subKey}. */
    public ElementCursor seek(byte[] subKey) {
        it.seek(concat(subKey));
        return this;
    }

    public ElementCursor seekToFirst() {
        it.seek(prefix);
        return this;
    }

    /** Positions at the last element whose sub-key is at or before {@code subKey}. */
    public ElementCursor seekForPrev(byte[] subKey) {
        it.seekForPrev(concat(subKey));
        return this;
    }

    /** Positions at the last element of the collection. */
    public ElementCursor seekToLast() {
        byte[] next = KeyCodec.versionPrefix(KeyCodec.getLong(prefix, 0) + 1);
        it.seekForPrev(next);
        if (it.isValid() && Arrays.equals(it.key(), next)) {
            it.prev();
        }
        return this;
    }

    /** Whether the cursor is on an element of this collection. */
    public boolean valid() {
        if (!it.isValid()) {
            return false;
        }
        byte[] key = it.key();
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    public byte[] subKey() {
        return KeyCodec.subKey(it.key());
    }

    public byte[] value() {
        return it.value();
    }

    /**
     * The values of the {@code count} records from the current one on, for records whose keys the
     * caller knows to be consecutive (list positions): no key crosses JNI on the way, only the
     * last record's is read to check that it is {@code lastSubKey}. Null if the records are not
     * there as expected. The cursor is left on the last record read.
     */
    public List<byte[]> consecutiveValues(int count, byte[] lastSubKey) {
        List<byte[]> out = new ArrayList<>(Math.min(count, 1 << 16));
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                it.next();
            }
            if (!it.isValid()) {
                return null;
            }
            out.add(it.value());
        }
        if (count > 0 && !Arrays.equals(it.key(), concat(lastSubKey))) {
            return null;
        }
        return out;
    }

    public void next() {
        it.next();
    }

    public void prev() {
        it.prev();
    }

    private byte[] concat(byte[] subKey) {
        byte[] out = Arrays.copyOf(prefix, prefix.length + subKey.length);
        System.arraycopy(subKey, 0, out, prefix.length, subKey.length);
        return out;
    }

    @Override
    public void close() {
        it.close();
    }
}
