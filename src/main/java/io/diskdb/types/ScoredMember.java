package io.diskdb.types;

import java.util.Arrays;
import java.util.Comparator;

/** A sorted-set element: a member and its score. */
public record ScoredMember(byte[] member, double score) {
    /**
     * Redis's sorted-set order: by score (-0 equal to 0), ties by member bytes compared unsigned
     * (memcmp, then length).
     */
    public static final Comparator<ScoredMember> ORDER = (a, b) -> {
        if (a.score < b.score) {
            return -1;
        }
        if (a.score > b.score) {
            return 1;
        }
        return Arrays.compareUnsigned(a.member, b.member);
    };
}
