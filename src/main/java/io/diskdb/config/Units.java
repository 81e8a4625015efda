package io.diskdb.config;

import java.util.Locale;

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

    /** Bytes, or -1 if the text is not a size. */
    public static long parseSize(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int end = digitsEnd(t);
        if (end == 0) {
            return -1;
        }
        long mul;
        switch (t.substring(end)) {
            case "", "b" -> mul = 1;
            case "k" -> mul = 1000;
            case "kb" -> mul = 1024;
            case "m" -> mul = 1000L * 1000;
            case "mb" -> mul = 1024L * 1024;
            case "g" -> mul = 1000L * 1000 * 1000;
            case "gb" -> mul = 1024L * 1024 * 1024;
            default -> {
                return -1;
            }
        }
        return multiply(t.substring(0, end), mul);
    }

    /** Milliseconds, or -1 if the text is not a duration. */
    public static long parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int end = digitsEnd(t);
        if (end == 0) {
            return -1;
        }
        long mul;
        switch (t.substring(end)) {
            case "", "ms" -> mul = 1;
            case "s" -> mul = 1000;
            case "m", "min" -> mul = 60_000;
            case "h" -> mul = 3_600_000;
            default -> {
                return -1;
            }
        }
        return multiply(t.substring(0, end), mul);
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
