package io.diskdb.types;

import io.diskdb.command.Errors;
import io.diskdb.storage.DataType;
import io.diskdb.storage.Metadata;
import io.diskdb.storage.Transaction;

/**
 * The life cycle every collection type shares: typed lookup, creation under a fresh version,
 * and saving the metadata back — which deletes the key when its last element is gone, as Redis
 * does for empty collections.
 */
public final class Collections {
    private Collections() {
    }

    /** The collection's metadata, null if the key does not exist; WRONGTYPE if it is another type. */
    public static Metadata find(Transaction txn, int db, byte[] key, DataType type) {
        return requireType(txn.meta(db, key), type);
    }

    /** {@code meta} itself when it is null or of {@code type}; WRONGTYPE otherwise. */
    public static Metadata requireType(Metadata meta, DataType type) {
        if (meta != null && meta.type() != type) {
            throw Errors.wrongType();
        }
        return meta;
    }

    /** The existing collection, or a new empty one (not yet stored) under a fresh version. */
    public static Metadata findOrCreate(Transaction txn, int db, byte[] key, DataType type, byte[] initialExtra) {
        Metadata meta = find(txn, db, key, type);
        return meta != null ? meta : Metadata.collection(type, txn.newVersion(), 0, 0, initialExtra);
    }

    /**
     * Stores the collection's new metadata; an empty collection is deleted instead (its element
     * records, if any are left, go with its version).
     */
    public static void save(Transaction txn, int db, byte[] key, Metadata meta) {
        if (meta.count() <= 0) {
            txn.deleteKey(db, key);
        } else {
            txn.putMeta(db, key, meta);
        }
    }
}
