package io.diskdb.command;

import io.diskdb.types.StreamId;

/**
 * Stream ids in command arguments, parsed as Redis 7.0's streamGenericParseIDOrReply does:
 * {@code ms-seq}, {@code ms} (the sequence defaults per context), {@code -} and {@code +} where
 * ranges allow them, {@code ms-*} in XADD, and {@code (id} for exclusive range bounds. Each
 * number goes through Redis's string2ull, which falls back to strtoull: leading blanks, a plus
 * sign and leading zeros are accepted.
 */
final class StreamIdArgs {
    static final String INVALID = "ERR Invalid stream ID specified as stream command argument";

    /** An XADD id: {@code seqGiven} is false for {@code ms-*} (the sequence is generated). */
    record AddId(StreamId id, boolean seqGiven) {
    }

    /** A range bound after exclusion was applied; null id = the exclusive bound ran off the end. */
    record Bound(StreamId id, boolean exclusive) {
    }

    private StreamIdArgs() {
    }

    /** An exact id: no {@code -}/{@code +}; a missing sequence is 0. */
    static StreamId strict(byte[] arg) {
        StreamId id = parse(arg, 0, true);
        if (id == null) {
            throw new CommandError(INVALID);
        }
        return id;
    }

    /** Like {@link #strict} but null instead of an error (XCLAIM tells ids from options this way). */
    static StreamId strictOrNull(byte[] arg) {
        return parse(arg, 0, true);
    }

    /** An id where {@code -} and {@code +} mean the smallest and largest ids. */
    static StreamId lenient(byte[] arg, long missingSeq) {
        StreamId id = parse(arg, missingSeq, false);
        if (id == null) {
            throw new CommandError(INVALID);
        }
        return id;
    }

    static AddId forAdd(byte[] arg) {
        String text = cString(arg);
        if (text.length() >= 2 && text.endsWith("-*") && text.indexOf('-') == text.length() - 2) {
            Long ms = string2ull(text.substring(0, text.length() - 2));
            if (ms == null) {
                throw new CommandError(INVALID);
            }
            return new AddId(new StreamId(ms, 0), false);
        }
        return new AddId(strict(arg), true);
    }

    /** A range start: inclusive, or after {@code (id}; missing sequence 0. */
    static StreamId rangeStart(byte[] arg) {
        Bound bound = interval(arg, 0);
        if (bound.exclusive()) {
            StreamId next = bound.id().next();
            if (next == null) {
                throw new CommandError("ERR invalid start ID for the interval");
            }
            return next;
        }
        return bound.id();
    }

    /** A range end: inclusive, or before {@code (id}; missing sequence the largest. */
    static StreamId rangeEnd(byte[] arg) {
        Bound bound = interval(arg, -1L);
        if (bound.exclusive()) {
            StreamId previous = bound.id().previous();
            if (previous == null) {
                throw new CommandError("ERR invalid end ID for the interval");
            }
            return previous;
        }
        return bound.id();
    }

    private static Bound interval(byte[] arg, long missingSeq) {
        if (arg.length > 1 && arg[0] == '(') {
            byte[] rest = java.util.Arrays.copyOfRange(arg, 1, arg.length);
            StreamId id = parse(rest, missingSeq, true);
            if (id == null) {
                throw new CommandError(INVALID);
            }
            return new Bound(id, true);
        }
        return new Bound(lenient(arg, missingSeq), false);
    }

    private static StreamId parse(byte[] arg, long missingSeq, boolean strict) {
        if (arg.length > 127) {
            return null;
        }
        String text = cString(arg);
        if (text.equals("-") || text.equals("+")) {
            if (strict) {
                return null;
            }
            return text.equals("-") ? StreamId.MIN : StreamId.MAX;
        }
        int dash = text.indexOf('-');
        Long ms = string2ull(dash < 0 ? text : text.substring(0, dash));
        if (ms == null) {
            return null;
        }
        if (dash < 0) {
            return new StreamId(ms, missingSeq);
        }
        Long seq = string2ull(text.substring(dash + 1));
        return seq == null ? null : new StreamId(ms, seq);
    }

    /** Redis copies the argument into a C string: anything after a NUL byte is not seen. */
    private static String cString(byte[] arg) {
        int end = 0;
        while (end < arg.length && arg[end] != 0) {
            end++;
        }
        return new String(arg, 0, end, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** Redis's string2ull: a strict non-negative long, else strtoull's laxer rules; null if invalid. */
    static Long string2ull(String s) {
        Long strict = Numbers.parseLong(s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        if (strict != null) {
            return strict < 0 ? null : strict;
        }
        int at = 0;
        while (at < s.length() && isSpace(s.charAt(at))) {
            at++;
        }
        boolean negative = false;
        if (at < s.length() && (s.charAt(at) == '+' || s.charAt(at) == '-')) {
            negative = s.charAt(at) == '-';
            at++;
        }
        int digitsStart = at;
        long value = 0;
        while (at < s.length() && s.charAt(at) >= '0' && s.charAt(at) <= '9') {
            int digit = s.charAt(at) - '0';
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - digit, 10)) > 0) {
                return null; // ERANGE
            }
            value = value * 10 + digit;
            at++;
        }
        if (at == digitsStart || at != s.length()) {
            return null;
        }
        return negative ? -value : value;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }
}
