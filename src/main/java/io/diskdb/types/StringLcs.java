package io.diskdb.types;

import java.util.ArrayList;
import java.util.List;

/**
 * The longest common subsequence of two strings, as Redis 7.0's LCS command computes it: the
 * textbook dynamic program, walked back from the end, with Redis's tie-breaking so the same
 * subsequence and the same match ranges come out.
 *
 * <p>Redis keeps the whole (|a|+1) x (|b|+1) table of 32-bit lengths. The walk back only needs
 * to know, at each cell whose bytes differ, whether the length above is greater than the one to
 * the left; this keeps that as one bit per cell (32 times less memory for the same answer) and
 * two rows of lengths while filling.
 */
public final class StringLcs {
    /** A run of bytes common to both strings: inclusive ranges in a and in b. */
    public record Match(int aStart, int aEnd, int bStart, int bEnd) {
        public int length() {
            return aEnd - aStart + 1;
        }
    }

    /** The subsequence and its matching runs, last run first (the order Redis reports them). */
    public record Result(byte[] sequence, List<Match> matches) {
        public int length() {
            return sequence.length;
        }
    }

    private StringLcs() {
    }

    /** The number of cells of Redis's table, which its memory limit applies to. */
    public static long tableCells(int aLength, int bLength) {
        return (aLength + 1L) * (bLength + 1L);
    }

    /** Only the length: two rows of the table. */
    public static int length(byte[] a, byte[] b) {
        int[] previous = new int[b.length + 1];
        int[] current = new int[b.length + 1];
        for (int i = 1; i <= a.length; i++) {
            for (int j = 1; j <= b.length; j++) {
                current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length];
    }

    /** The subsequence and the runs that make it up. */
    public static Result compute(byte[] a, byte[] b) {
        int alen = a.length;
        int blen = b.length;
        long[] upIsLonger = new long[(int) ((alen * (long) blen + 63) / 64)];
        int[] previous = new int[blen + 1];
        int[] current = new int[blen + 1];
        for (int i = 1; i <= alen; i++) {
            for (int j = 1; j <= blen; j++) {
                if (a[i - 1] == b[j - 1]) {
                    current[j] = previous[j - 1] + 1;
                } else if (previous[j] > current[j - 1]) {
                    current[j] = previous[j];
                    long bit = (i - 1L) * blen + (j - 1);
                    upIsLonger[(int) (bit >>> 6)] |= 1L << bit;
                } else {
                    current[j] = current[j - 1];
                }
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        byte[] sequence = new byte[previous[blen]];
        return new Result(sequence, walkBack(a, b, upIsLonger, sequence));
    }

    /** Redis's backtracking loop, including how it opens, extends and emits ranges. */
    private static List<Match> walkBack(byte[] a, byte[] b, long[] upIsLonger, byte[] sequence) {
        int alen = a.length;
        int blen = b.length;
        List<Match> matches = new ArrayList<>();
        int unset = alen; // no range open
        int aStart = unset;
        int aEnd = 0;
        int bStart = 0;
        int bEnd = 0;
        int idx = sequence.length;
        int i = alen;
        int j = blen;
        while (i > 0 && j > 0) {
            boolean emit = false;
            if (a[i - 1] == b[j - 1]) {
                sequence[idx - 1] = a[i - 1];
                if (aStart == unset) {
                    aStart = i - 1;
                    aEnd = i - 1;
                    bStart = j - 1;
                    bEnd = j - 1;
                } else if (aStart == i && bStart == j) {
                    aStart--;
                    bStart--;
                } else {
                    emit = true;
                }
                if (aStart == 0 || bStart == 0) {
                    emit = true;
                }
                idx--;
                i--;
                j--;
            } else {
                long bit = (i - 1L) * blen + (j - 1);
                if ((upIsLonger[(int) (bit >>> 6)] & (1L << bit)) != 0) {
                    i--;
                } else {
                    j--;
                }
                if (aStart != unset) {
                    emit = true;
                }
            }
            if (emit) {
                matches.add(new Match(aStart, aEnd, bStart, bEnd));
                aStart = unset;
            }
        }
        return matches;
    }
}
