package io.diskdb.command;

import io.diskdb.types.LexRange;
import io.diskdb.types.ScoreRange;

import java.util.Arrays;

/** Parses the ends of score and member ranges with Redis's rules and error texts. */
final class ZRangeBounds {
    static final String NOT_FLOAT = "ERR min or max is not a float";
    static final String NOT_STRING_RANGE = "ERR min or max not valid string range item";

    private ZRangeBounds() {
    }

    /** "1.5", "(1.5" (exclusive), "-inf", "+inf"... */
    static ScoreRange score(byte[] min, byte[] max) {
        Double low = scoreEnd(min);
        Double high = scoreEnd(max);
        if (low == null || high == null) {
            throw new CommandError(NOT_FLOAT);
        }
        return new ScoreRange(low, isExclusive(min), high, isExclusive(max));
    }

    private static boolean isExclusive(byte[] end) {
        return end.length > 0 && end[0] == '(';
    }

    /**
     * Redis reads an end with strtod and only requires it to consume everything: leading
     * spaces are skipped and an empty number ("" or "(") is 0.
     */
    private static Double scoreEnd(byte[] end) {
        int from = isExclusive(end) ? 1 : 0;
        while (from < end.length && isSpace(end[from])) {
            from++;
        }
        if (from == end.length) {
            return 0.0;
        }
        return Numbers.parseDouble(Arrays.copyOfRange(end, from, end.length));
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }

    /** "[a" (inclusive), "(a" (exclusive), "-" and "+" (unbounded). */
    static LexRange lex(byte[] min, byte[] max) {
        return new LexRange(lexEnd(min), lexEnd(max));
    }

    private static LexRange.Bound lexEnd(byte[] end) {
        if (end.length == 1 && end[0] == '-') {
            return LexRange.Bound.NEGATIVE_INFINITY;
        }
        if (end.length == 1 && end[0] == '+') {
            return LexRange.Bound.POSITIVE_INFINITY;
        }
        if (end.length > 0 && end[0] == '[') {
            return LexRange.Bound.inclusive(Arrays.copyOfRange(end, 1, end.length));
        }
        if (end.length > 0 && end[0] == '(') {
            return LexRange.Bound.exclusive(Arrays.copyOfRange(end, 1, end.length));
        }
        throw new CommandError(NOT_STRING_RANGE);
    }
}
