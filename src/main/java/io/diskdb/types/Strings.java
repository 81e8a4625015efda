package io.diskdb.types;

import io.diskdb.command.Errors;
import io.diskdb.command.Numbers;
import io.diskdb.protocol.LongDouble;
import io.diskdb.storage.ColumnFamily;
import io.diskdb.storage.DataType;
import io.diskdb.storage.KeyCodec;
import io.diskdb.storage.Metadata;
import io.diskdb.storage.Transaction;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * String values over storage. Values up to {@link #INLINE_LIMIT} bytes live inside the meta
 * record (GET is one read, and one cache entry); larger ones live in the strings family under
 * a fresh version per write, so that scans of meta records stay small.
 *
 * <p>Operations that modify a value in place (INCR, APPEND, SETRANGE...) keep the key's expiry,
 * as Redis's dbOverwrite does; operations that replace the key (SET, MSET, GETSET) take the
 * expiry they are given.
 */
public final class Strings {
    public static final int INLINE_LIMIT = 4096;

    private Strings() {
    }

    /** The metadata of a string key, null if absent; WRONGTYPE for other types. */
    public static Metadata meta(Transaction txn, int db, byte[] key) {
        return requireString(txn.meta(db, key));
    }

    /** The metadata itself when it is absent or a string; WRONGTYPE otherwise. */
    public static Metadata requireString(Metadata meta) {
        if (meta != null && meta.type() != DataType.STRING) {
            throw Errors.wrongType();
        }
        return meta;
    }

    /** The value, or null if the key does not exist; WRONGTYPE for other types. */
    public static byte[] get(Transaction txn, int db, byte[] key) {
        return value(txn, meta(txn, db, key));
    }

    /** The value a string's metadata describes (reading the strings family if external). */
    public static byte[] value(Transaction txn, Metadata meta) {
        if (meta == null) {
            return null;
        }
        if (meta.isInlineString()) {
            return meta.inlineValue();
        }
        byte[] value = txn.get(ColumnFamily.STRINGS, KeyCodec.versionPrefix(meta.version()));
        if (value == null) {
            throw new IllegalStateException("string value missing for version " + meta.version());
        }
        return value;
    }

    /** The byte length of a string (0 if absent), without reading an external value. */
    public static long length(Metadata meta) {
        return meta == null ? 0 : meta.count();
    }

    /**
     * Replaces whatever the key holds with a string; {@code expireAt} 0 = no expiry. An expiry
     * that has already passed (SET ... PXAT in the past) leaves no key behind, as Redis's next
     * lookup would find.
     */
    public static void set(Transaction txn, int db, byte[] key, byte[] value, long expireAt) {
        discardExternalValue(txn, txn.meta(db, key));
        if (expireAt != 0 && expireAt <= txn.now()) {
            txn.deleteKey(db, key);
            return;
        }
        txn.putMeta(db, key, encode(txn, value, expireAt));
    }

    /** Deletes the key; returns whether it existed. */
    public static boolean delete(Transaction txn, int db, byte[] key) {
        discardExternalValue(txn, txn.meta(db, key));
        return txn.deleteKey(db, key);
    }

    /**
     * The commit removes the external value of the key's original metadata, but a value this
     * same transaction wrote (MSET k a k b, or a MULTI) has no other owner: delete it here.
     * Deleting the original one as well is harmless.
     */
    private static void discardExternalValue(Transaction txn, Metadata current) {
        if (current != null && current.type() == DataType.STRING && current.hasElements()) {
            txn.delete(ColumnFamily.STRINGS, KeyCodec.versionPrefix(current.version()));
        }
    }

    /** Writes a new value for an existing or new string key, keeping its expiry. */
    private static void overwrite(Transaction txn, int db, byte[] key, Metadata existing, byte[] value) {
        set(txn, db, key, value, existing == null ? 0 : existing.expireAt());
    }

    private static Metadata encode(Transaction txn, byte[] value, long expireAt) {
        if (value.length <= INLINE_LIMIT) {
            return Metadata.inlineString(value, expireAt);
        }
        long version = txn.newVersion();
        txn.put(ColumnFamily.STRINGS, KeyCodec.versionPrefix(version), value);
        return Metadata.externalString(version, value.length, expireAt);
    }

    /**
     * GETRANGE: bytes {@code start..end} inclusive, negative offsets counting from the end,
     * clamped to the value, empty when the range is empty (Redis's exact index rules).
     */
    public static byte[] range(Transaction txn, Metadata meta, long start, long end) {
        long length = length(meta);
        if (start < 0 && end < 0 && start > end) {
            return new byte[0];
        }
        if (start < 0) {
            start = Math.max(0, length + start);
        }
        if (end < 0) {
            end = Math.max(0, length + end);
        }
        end = Math.min(end, length - 1);
        if (start > end || length == 0) {
            return new byte[0];
        }
        return Arrays.copyOfRange(value(txn, meta), (int) start, (int) end + 1);
    }

    /**
     * SETRANGE: writes {@code patch} at {@code offset}, zero-padding a shorter value; returns the
     * new length. The caller has checked the offset and the resulting size, and that the patch
     * is not empty.
     */
    public static long setRange(Transaction txn, int db, byte[] key, Metadata existing, long offset, byte[] patch) {
        byte[] old = existing == null ? new byte[0] : value(txn, existing);
        int length = (int) Math.max(old.length, offset + patch.length);
        byte[] updated = Arrays.copyOf(old, length);
        System.arraycopy(patch, 0, updated, (int) offset, patch.length);
        overwrite(txn, db, key, existing, updated);
        return length;
    }

    /** APPEND: returns the new length. The caller has checked the resulting size. */
    public static long append(Transaction txn, int db, byte[] key, Metadata existing, byte[] tail) {
        byte[] old = existing == null ? new byte[0] : value(txn, existing);
        byte[] updated = Arrays.copyOf(old, old.length + tail.length);
        System.arraycopy(tail, 0, updated, old.length, tail.length);
        overwrite(txn, db, key, existing, updated);
        return updated.length;
    }

    /**
     * INCRBY and friends: the value must be a canonical 64-bit integer (Redis's string2ll), the
     * result must not overflow; a missing key counts as 0. Returns the new value.
     */
    public static long incrBy(Transaction txn, int db, byte[] key, long delta) {
        Metadata existing = meta(txn, db, key);
        long current = existing == null ? 0 : asLong(value(txn, existing));
        if ((delta < 0 && current < 0 && delta < Long.MIN_VALUE - current)
                || (delta > 0 && current > 0 && delta > Long.MAX_VALUE - current)) {
            throw Errors.overflow();
        }
        long updated = current + delta;
        overwrite(txn, db, key, existing, Long.toString(updated).getBytes(StandardCharsets.US_ASCII));
        return updated;
    }

    private static long asLong(byte[] value) {
        Long parsed = Numbers.parseLong(value);
        if (parsed == null) {
            throw Errors.notInteger();
        }
        return parsed;
    }

    /**
     * INCRBYFLOAT, computed in long double as Redis does and stored as Redis prints it.
     * Returns the stored text.
     */
    public static byte[] incrByFloat(Transaction txn, int db, byte[] key, byte[] increment) {
        Metadata existing = meta(txn, db, key);
        LongDouble current = existing == null ? LongDouble.ZERO : LongDouble.parse(value(txn, existing));
        if (current == null) {
            throw Errors.notFloat(); // Redis words a bad stored value like a bad increment
        }
        byte[] text = FloatIncrement.sum(current, FloatIncrement.parseIncrement(increment));
        overwrite(txn, db, key, existing, text);
        return text;
    }
}
