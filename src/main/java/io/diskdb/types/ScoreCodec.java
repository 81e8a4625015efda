package io.diskdb.types;

import io.diskdb.storage.KeyCodec;

/**
 * Sorted-set scores as 8 bytes whose unsigned byte order is numeric order, so the score index
 * of a sorted set is a plain RocksDB key range: -inf &lt; negatives &lt; 0 &lt; positives &lt; +inf.
 *
 * <p>IEEE 754 bits already order positive numbers; flipping the sign bit puts them above the
 * negatives, and flipping every bit of a negative reverses its (sign-magnitude) order. -0.0 is
 * stored as 0.0: Redis compares them as equal and its small sorted sets store -0 as 0 too. NaN
 * is never stored (Redis rejects it).
 */
public final class ScoreCodec {
    public static final int BYTES = 8;

    private ScoreCodec() {
    }

    /** The score as stored: -0.0 becomes 0.0. */
    public static double normalise(double score) {
        return score == 0 ? 0.0 : score;
    }

    public static long orderKey(double score) {
        long bits = Double.doubleToRawLongBits(normalise(score));
        return bits >= 0 ? bits ^ Long.MIN_VALUE : ~bits;
    }

    public static double fromOrderKey(long key) {
        return Double.longBitsToDouble(key < 0 ? key ^ Long.MIN_VALUE : ~key);
    }

    public static void put(byte[] out, int at, double score) {
        KeyCodec.putLong(out, at, orderKey(score));
    }

    public static double get(byte[] in, int at) {
        return fromOrderKey(KeyCodec.getLong(in, at));
    }

    public static byte[] encode(double score) {
        byte[] out = new byte[BYTES];
        put(out, 0, score);
        return out;
    }
}
