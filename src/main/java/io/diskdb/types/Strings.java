package io.diskdb.types;

import io.diskdb.command.Errors;
import io.diskdb.storage.ColumnFamily;
import io.diskdb.storage.DataType;
import io.diskdb.storage.KeyCodec;
import io.diskdb.storage.Metadata;
import io.diskdb.storage.Transaction;

/**
 * String values over storage. Values up to {@link #INLINE_LIMIT} bytes live inside the meta
 * record (GET is one read, and one cache entry); larger ones live in the strings family under
 * a fresh version per write, so that scans of meta records stay small.
 */
public final class Strings {
    public static final int INLINE_LIMIT = 4096;
    /** Redis's proto-max-bulk-len default also caps SETRANGE/APPEND results. */
    public static final long MAX_SIZE = 512L * 1024 * 1024;

    private Strings() {
    }

    /** The metadata of a string key, null if absent; WRONGTYPE for other types. */
    public static Metadata meta(Transaction txn, int db, byte[] key) {
        Metadata meta = txn.meta(db, key);
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

    /** Replaces whatever the key holds with a string; {@code expireAt} 0 = no expiry. */
    public static void set(Transaction txn, int db, byte[] key, byte[] value, long expireAt) {
        txn.putMeta(db, key, encode(txn, value, expireAt));
    }

    private static Metadata encode(Transaction txn, byte[] value, long expireAt) {
        if (value.length <= INLINE_LIMIT) {
            return Metadata.inlineString(value, expireAt);
        }
        long version = txn.newVersion();
        txn.put(ColumnFamily.STRINGS, KeyCodec.versionPrefix(version), value);
        return Metadata.externalString(version, value.length, expireAt);
    }
}
