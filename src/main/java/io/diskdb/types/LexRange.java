package io.diskdb.types;

import java.util.Arrays;

/**
 * A member interval as ZRANGEBYLEX takes it. Each end is a member, inclusive ("[a") or exclusive
 * ("(a"), or one of the unbounded ends "-" and "+", which either side may name (ZREVRANGEBYLEX
 * z - + is a valid, empty range). Comparisons follow Redis's sdscmplex.
 */
public record LexRange(Bound min, Bound max) {
    /** One end: a member, or {@link #NEGATIVE_INFINITY} / {@link #POSITIVE_INFINITY}. */
    public record Bound(byte[] member, boolean exclusive, int infinity) {
        public static final Bound NEGATIVE_INFINITY = new Bound(null, true, -1);
        public static final Bound POSITIVE_INFINITY = new Bound(null, true, 1);

        public static Bound inclusive(byte[] member) {
            return new Bound(member, false, 0);
        }

        public static Bound exclusive(byte[] member) {
            return new Bound(member, true, 0);
        }
    }

    public boolean gteMin(byte[] member) {
        int cmp = compare(member, min);
        return min.exclusive ? cmp > 0 : cmp >= 0;
    }

    public boolean lteMax(byte[] member) {
        int cmp = compare(member, max);
        return max.exclusive ? cmp < 0 : cmp <= 0;
    }

    /** Ranges that can hold nothing: min above max, or equal ends with one of them exclusive. */
    public boolean isEmpty() {
        int cmp;
        if (min.infinity != 0 || max.infinity != 0) {
            cmp = min.infinity == max.infinity && min.infinity != 0 ? 0
                    : (min.infinity < 0 || max.infinity > 0) ? -1 : 1;
        } else {
            cmp = Arrays.compareUnsigned(min.member, max.member);
        }
        return cmp > 0 || (cmp == 0 && (min.exclusive || max.exclusive));
    }

    /** A member against a bound: the infinities lie beyond every member. */
    private static int compare(byte[] member, Bound bound) {
        if (bound.infinity != 0) {
            return -bound.infinity;
        }
        return Arrays.compareUnsigned(member, bound.member);
    }
}
