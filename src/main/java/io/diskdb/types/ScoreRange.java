package io.diskdb.types;

/** A score interval as ZRANGEBYSCORE takes it; an exclusive end is written "(x" by clients. */
public record ScoreRange(double min, boolean minExclusive, double max, boolean maxExclusive) {
    public boolean gteMin(double score) {
        return minExclusive ? score > min : score >= min;
    }

    public boolean lteMax(double score) {
        return maxExclusive ? score < max : score <= max;
    }

    public boolean contains(double score) {
        return gteMin(score) && lteMax(score);
    }

    /** Ranges that can never hold a score, as Redis's zslIsInRange rejects them up front. */
    public boolean isEmpty() {
        return min > max || (min == max && (minExclusive || maxExclusive));
    }
}
