package io.diskdb.replication;

import java.io.ByteArrayOutputStream;

/**
 * Consecutive write batches of the master joined into one, so that a replica catching up (or
 * keeping up under load) makes one RocksDB write and takes its locks once for many batches.
 * Joining is safe: RocksDB numbers the operations of a batch one after the other from the batch's
 * first sequence, so batches that follow on give the same sequence numbers joined as applied one
 * by one, and a reader still only ever sees a prefix of the master's history.
 *
 * <p>The serialized WriteBatch layout used: a 12-byte header (sequence, fixed64 little-endian;
 * operation count, fixed32 little-endian), then the operations.
 */
final class ContiguousBatches {
    private static final int HEADER = 12;
    private final int maxBytes;
    private final ByteArrayOutputStream joined = new ByteArrayOutputStream();
    private long first = -1;
    private long next;
    private int count;

    ContiguousBatches(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    boolean isEmpty() {
        return first < 0;
    }

    /** Adds a batch if it follows on and there is room; false leaves this unchanged. */
    boolean add(long sequence, byte[] data) {
        if (data.length < HEADER) {
            return false;
        }
        if (first < 0) {
            first = sequence;
            joined.write(data, 0, data.length);
        } else if (sequence != next || joined.size() + data.length - HEADER > maxBytes) {
            return false;
        } else {
            joined.write(data, HEADER, data.length - HEADER);
        }
        int batchCount = (data[8] & 0xff) | (data[9] & 0xff) << 8 | (data[10] & 0xff) << 16 | (data[11] & 0xff) << 24;
        count += batchCount;
        next = sequence + batchCount;
        return true;
    }

    /** First sequence of the joined batch. */
    long sequence() {
        return first;
    }

    /** The joined batch, its header's count covering every operation. */
    byte[] data() {
        byte[] out = joined.toByteArray();
        out[8] = (byte) count;
        out[9] = (byte) (count >>> 8);
        out[10] = (byte) (count >>> 16);
        out[11] = (byte) (count >>> 24);
        return out;
    }

    void clear() {
        joined.reset();
        first = -1;
        count = 0;
    }
}
