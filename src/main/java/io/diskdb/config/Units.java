package io.diskdb.config;

import java.util.Locale;
import java.util.Map;

/**
 * Sizes and durations as written by people. Sizes follow Redis's {@code memtoull}
 * ({@code k}=1000, {@code kb}=1024, {@code m}, {@code mb}, {@code g}, {@code gb}, any
 * case, a plain number is bytes) so a value means the same in diskdb.conf and in
 * CONFIG SET. Durations: {@code ms}, {@code s}, {@code m}, {@code h}; a plain number is
 * milliseconds.
 */
public final class Units {
    private Units() {
    }

    private static final Map<String, Long> SIZE_UNITS = Map.of(
            "", 1L, "b", 1L,
            "k", 1000L, "kb", 1024L,
            "m", 1000L * 1000, "mb", 1024L * 1024,
            "g", 1000L * 1000 * 1000, "gb", 1024L * 1024 * 1024);
    private static final Map<String, Long> DURATION_UNITS = Map.of(
            "", 1L, "ms", 1L,
            "s", 1000L,
            "m", 60_000L, "min", 60_000L,
            "h", 3_600_000L);

    /** Bytes, or -1 if the text is not a size. */
    public static long parseSize(String text) {
        return parse(text, SIZE_UNITS);
    }

    /** Milliseconds, or -1 if the text is not a duration. */
    public static long parseDuration(String text) {
        return parse(text, DURATION_UNITS);
    }

    /** The shortest exact form in binary units: 268435456 -> "256mb", 1000 -> "1000". */
    public static String formatSize(long bytes) {
        if (bytes != 0) {
            if (bytes % Settings.GB == 0) {
                return bytes / Settings.GB + "gb";
            }
            if (bytes % Settings.MB == 0) {
                return bytes / Settings.MB + "mb";
            }
            if (bytes % Settings.KB == 0) {
                return bytes / Settings.KB + "kb";
            }
        }
        return Long.toString(bytes);
    }

    /** 1000 -> "1s", 90000 -> "90s", 250 -> "250ms". */
    public static String formatDuration(long ms) {
        if (ms != 0 && ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    /** Digits, then one of {@code units} (any case): their product, or -1 if malformed or too large. */
    private static long parse(String text, Map<String, Long> units) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int end = digitsEnd(t);
        Long mul = units.get(t.substring(end));
        if (end == 0 || mul == null) {
            return -1;
        }
        return multiply(t.substring(0, end), mul);
    }

    private static int digitsEnd(String t) {
        int i = 0;
        while (i < t.length() && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    private static long multiply(String digits, long mul) {
        try {
            return Math.multiplyExact(Long.parseLong(digits), mul);
        } catch (ArithmeticException | NumberFormatException e) {
            return -1;
        }
    }
}
