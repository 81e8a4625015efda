package io.diskdb.command;

/** Redis's index arithmetic for rank ranges (ZRANGE, ZREMRANGEBYRANK, LRANGE-style). */
final class Ranks {
    private Ranks() {
    }

    /**
     * {start, end} within 0..length-1 after counting negative indexes from the end, or null
     * when the range selects nothing.
     */
    static long[] clamp(long start, long end, long length) {
        if (start < 0) {
            start = length + start;
        }
        if (end < 0) {
            end = length + end;
        }
        if (start < 0) {
            start = 0;
        }
        if (start > end || start >= length) {
            return null;
        }
        if (end >= length) {
            end = length - 1;
        }
        return new long[]{start, end};
    }
}
