package io.diskdb.command;

/** Number parsing with Redis's exact rules (string2ll, strtod as Redis validates it). */
public final class Numbers {
    private Numbers() {
    }

    /**
     * Redis's string2ll: optional '-', digits, no '+', no spaces, no leading zeros (except "0"),
     * within the range of a signed 64-bit integer. Returns null when invalid.
     */
    public static Long parseLong(byte[] s) {
        int n = s.length;
        if (n == 0 || n > 20) {
            return null;
        }
        if (n == 1 && s[0] == '0') {
            return 0L;
        }
        int i = 0;
        boolean negative = false;
        if (s[0] == '-') {
            negative = true;
            i++;
            if (n == 1) {
                return null;
            }
        }
        if (s[i] < '1' || s[i] > '9') {
            return null;
        }
        long value = 0;
        for (; i < n; i++) {
            int d = s[i] - '0';
            if (d < 0 || d > 9) {
                return null;
            }
            // accumulate negatively so that Long.MIN_VALUE parses
            if (value < (Long.MIN_VALUE + d) / 10) {
                return null;
            }
            value = value * 10 - d;
        }
        if (!negative) {
            if (value == Long.MIN_VALUE) {
                return null;
            }
            value = -value;
        }
        return value;
    }

    public static long parseLongOrError(byte[] s) {
        Long value = parseLong(s);
        if (value == null) {
            throw Errors.notInteger();
        }
        return value;
    }

    /**
     * A double as Redis accepts it: what strtod parses, whole string, no leading space, not NaN.
     * Accepts inf/-inf/+inf/infinity. Returns null when invalid.
     */
    public static Double parseDouble(byte[] s) {
        int n = s.length;
        if (n == 0 || n > 5000 || isSpace(s[0]) || isSpace(s[n - 1])) {
            return null;
        }
        String text = new String(s, java.nio.charset.StandardCharsets.ISO_8859_1);
        String lower = text.toLowerCase();
        String unsigned = lower.startsWith("-") || lower.startsWith("+") ? lower.substring(1) : lower;
        if (unsigned.equals("inf") || unsigned.equals("infinity")) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        // Java accepts type suffixes (1d, 2f) and "NaN"/"Infinity" that strtod reads differently
        char last = lower.charAt(lower.length() - 1);
        if (last == 'd' || last == 'f' || unsigned.startsWith("nan") || unsigned.isEmpty()) {
            return null;
        }
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == '-' || c == '+' || c == 'x' || c == 'p'
                    || (c >= 'a' && c <= 'f'))) {
                return null;
            }
        }
        try {
            if (unsigned.startsWith("0x") && !unsigned.contains("p")) {
                text = text + "p0"; // strtod reads hex without an exponent; Java requires one
            }
            double value = Double.parseDouble(text);
            return Double.isNaN(value) ? null : value;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public static double parseDoubleOrError(byte[] s) {
        Double value = parseDouble(s);
        if (value == null) {
            throw Errors.notFloat();
        }
        return value;
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }
}
