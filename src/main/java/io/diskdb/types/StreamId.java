package io.diskdb.types;

import io.diskdb.storage.KeyCodec;

import java.nio.charset.StandardCharsets;

/**
 * A stream entry id: two unsigned 64-bit numbers, milliseconds and sequence. Java longs hold
 * them; every comparison and every printout treats them as unsigned, as Redis does.
 */
public record StreamId(long ms, long seq) implements Comparable<StreamId> {
    public static final StreamId MIN = new StreamId(0, 0);
    /** 18446744073709551615-18446744073709551615, the largest id. */
    public static final StreamId MAX = new StreamId(-1L, -1L);
    public static final int BYTES = 16;

    @Override
    public int compareTo(StreamId other) {
        int byMs = Long.compareUnsigned(ms, other.ms);
        return byMs != 0 ? byMs : Long.compareUnsigned(seq, other.seq);
    }

    public boolean isZero() {
        return ms == 0 && seq == 0;
    }

    public boolean isMax() {
        return ms == -1L && seq == -1L;
    }

    /** The next id, or null when this is the largest one (Redis's streamIncrID failing). */
    public StreamId next() {
        if (seq != -1L) {
            return new StreamId(ms, seq + 1);
        }
        return ms == -1L ? null : new StreamId(ms + 1, 0);
    }

    /** The previous id, or null when this is 0-0 (Redis's streamDecrID failing). */
    public StreamId previous() {
        if (seq != 0) {
            return new StreamId(ms, seq - 1);
        }
        return ms == 0 ? null : new StreamId(ms - 1, -1L);
    }

    public boolean after(StreamId other) {
        return compareTo(other) > 0;
    }

    public boolean before(StreamId other) {
        return compareTo(other) < 0;
    }

    /** Big-endian ms then seq: byte order is id order. */
    public byte[] bytes() {
        byte[] out = new byte[BYTES];
        write(out, 0);
        return out;
    }

    public void write(byte[] out, int at) {
        KeyCodec.putLong(out, at, ms);
        KeyCodec.putLong(out, at + 8, seq);
    }

    public static StreamId read(byte[] in, int at) {
        return new StreamId(KeyCodec.getLong(in, at), KeyCodec.getLong(in, at + 8));
    }

    @Override
    public String toString() {
        return Long.toUnsignedString(ms) + "-" + Long.toUnsignedString(seq);
    }

    public byte[] toBytes() {
        return toString().getBytes(StandardCharsets.US_ASCII);
    }

    public static StreamId max(StreamId a, StreamId b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
