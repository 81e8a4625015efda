package io.diskdb.protocol;

import java.math.BigDecimal;

/** Formats and parses doubles exactly as Redis 7.0 does on the wire. */
public final class Doubles {
    private Doubles() {
    }

    /**
     * Redis 7.0 replies doubles with {@code %.17g} (ZSCORE, ZINCRBY...), printing "inf"/"-inf"
     * for infinities. Java has no %g that drops trailing zeros the way C does, so emulate it.
     */
    public static String format(double value) {
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (Double.isNaN(value)) {
            return "nan";
        }
        return formatG(value, 17);
    }

    /** C's {@code %.<precision>g}. */
    public static String formatG(double value, int precision) {
        if (value == 0) {
            return (1 / value < 0) ? "-0" : "0";
        }
        BigDecimal decimal = new BigDecimal(value).round(new java.math.MathContext(precision));
        int exponent = decimal.precision() - decimal.scale() - 1;
        if (exponent < -4 || exponent >= precision) {
            String digits = decimal.unscaledValue().abs().toString();
            digits = stripZeros(digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits);
            String sign = decimal.signum() < 0 ? "-" : "";
            String expSign = exponent < 0 ? "-" : "+";
            int absExp = Math.abs(exponent);
            return sign + digits + "e" + expSign + (absExp < 10 ? "0" : "") + absExp;
        }
        return stripZeros(decimal.toPlainString());
    }

    /**
     * What Redis 7.0 prints for a long double holding {@code value} (INCRBYFLOAT, HINCRBYFLOAT):
     * {@code %.17Lf} with trailing zeros stripped, never an exponent. A double converts to long
     * double exactly, so this is exact for it; arithmetic that Redis does in long double must be
     * done with {@link LongDouble} to print the same digits.
     */
    public static String formatHuman(double value) {
        return LongDouble.of(value).toHumanString();
    }

    private static String stripZeros(String text) {
        if (text.indexOf('.') < 0) {
            return text;
        }
        int end = text.length();
        while (text.charAt(end - 1) == '0') {
            end--;
        }
        if (text.charAt(end - 1) == '.') {
            end--;
        }
        return text.substring(0, end);
    }
}
