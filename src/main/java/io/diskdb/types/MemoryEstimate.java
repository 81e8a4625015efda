package io.diskdb.types;

import io.diskdb.storage.DataType;
import io.diskdb.storage.KeyCodec;
import io.diskdb.storage.Metadata;
import io.diskdb.storage.Transaction;

/**
 * MEMORY USAGE for a store whose data lives on disk: the bytes of the key's RocksDB records
 * (meta record, element records) before compression, each counted with the per-record
 * overhead RocksDB adds (an 8-byte sequence/type trailer and length prefixes). Collections are
 * estimated from a sample of their element records scaled to the element count, as Redis
 * samples nested elements; {@code samples} 0 reads every element.
 */
public final class MemoryEstimate {
    /** RocksDB's internal-key trailer (sequence + type) plus the two varint lengths. */
    static final int RECORD_OVERHEAD = 8 + 2 + 2;
    public static final long DEFAULT_SAMPLES = 5;

    private MemoryEstimate() {
    }

    public static long bytes(Transaction txn, byte[] key, Metadata meta, long samples) {
        long total = record(KeyCodec.META_PREFIX + key.length, meta.encode().length);
        if (!meta.hasElements()) {
            return total;
        }
        if (meta.type() == DataType.STRING) {
            return total + record(KeyCodec.VERSION_BYTES, meta.count());
        }
        long sampled = 0;
        long sampledBytes = 0;
        try (ElementCursor elements = new ElementCursor(txn, meta.type().elementFamily(), meta.version()).seekToFirst()) {
            for (; elements.valid() && (samples == 0 || sampled < samples); elements.next()) {
                sampledBytes += record(KeyCodec.VERSION_BYTES + elements.subKey().length, elements.value().length);
                sampled++;
            }
            if (!elements.valid()) {
                return total + sampledBytes; // every record was read: no estimate needed
            }
        }
        long records = meta.count() * recordsPerElement(meta.type());
        return total + (sampled == 0 ? 0 : sampledBytes * records / sampled);
    }

    /** A sorted-set member has two records: member -> score, and its entry in the score index. */
    private static long recordsPerElement(DataType type) {
        return type == DataType.ZSET ? 2 : 1;
    }

    private static long record(long keyBytes, long valueBytes) {
        return keyBytes + valueBytes + RECORD_OVERHEAD;
    }
}
