package io.diskdb.types;

import com.fasterxml.jackson.databind.JsonNode;
import io.diskdb.json.JsonDocument;
import io.diskdb.json.JsonText;
import io.diskdb.storage.ColumnFamily;
import io.diskdb.storage.DataType;
import io.diskdb.storage.KeyCodec;
import io.diskdb.storage.Metadata;
import io.diskdb.storage.Transaction;

/**
 * JSON documents over storage. A document is one record in the {@code json} family under the
 * key's version: its compact text. Every change writes the whole text under a new version (the
 * commit range-deletes the old one) and keeps the changed tree in the {@link JsonTreeCache}
 * under that version, so the next command on a hot document parses nothing. See
 * docs/storage-format.md, "JSON documents", for why one record rather than one per member.
 *
 * <p>The meta record's count holds the text's length in bytes.
 */
public final class JsonDocuments {
    private JsonDocuments() {
    }

    /** The document's metadata, null if the key does not exist; WRONGTYPE for other types. */
    public static Metadata find(Transaction txn, int db, byte[] key) {
        return Collections.find(txn, db, key, DataType.JSON);
    }

    /** The document's tree for reading only: it may be shared with the cache, never change it. */
    public static JsonNode read(Transaction txn, Metadata meta, JsonTreeCache cache) {
        JsonNode cached = cache.peek(meta.version());
        if (cached != null) {
            return cached;
        }
        JsonNode root = JsonText.parseStored(text(txn, meta));
        cache.put(meta.version(), root, meta.count());
        return root;
    }

    /** The document's tree to change: owned by the caller until {@link #write}. */
    public static JsonDocument forUpdate(Transaction txn, Metadata meta, JsonTreeCache cache) {
        JsonNode taken = cache.take(meta.version());
        return new JsonDocument(taken != null ? taken : JsonText.parseStored(text(txn, meta)));
    }

    private static byte[] text(Transaction txn, Metadata meta) {
        byte[] text = txn.get(ColumnFamily.JSON, KeyCodec.versionPrefix(meta.version()));
        if (text == null) {
            throw new IllegalStateException("JSON document missing for version " + meta.version());
        }
        return text;
    }

    /**
     * Stores {@code root} as the key's document under a new version. A changed document keeps
     * its key's expiry ({@code previous}); a new key has none.
     */
    public static void write(Transaction txn, int db, byte[] key, Metadata previous, JsonNode root, JsonTreeCache cache) {
        byte[] text = JsonText.compact(root);
        long version = txn.newVersion();
        txn.put(ColumnFamily.JSON, KeyCodec.versionPrefix(version), text);
        long expireAt = previous == null ? 0 : previous.expireAt();
        txn.putMeta(db, key, Metadata.collection(DataType.JSON, version, text.length, expireAt, null));
        cache.put(version, root, text.length);
    }
}
