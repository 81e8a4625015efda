package io.diskdb.protocol;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A value of C's {@code long double} as Redis 7.0 computes INCRBYFLOAT and HINCRBYFLOAT with on
 * x86-64: the 80-bit extended format, a 64-bit significand and exponents down to 2^-16445.
 *
 * <p>Redis parses both operands with strtold, adds them in long double and prints the sum with
 * {@code %.17Lf}, trailing zeros stripped. A Java double (53 bits) or an exact decimal sum both
 * give different text for many inputs ("1e20" + "0.1" stays 100000000000000000000 in Redis;
 * "1e400" is a 401-digit number, not infinity), so this class keeps the exact binary value
 * in a BigDecimal and rounds every result to 64 significant bits, as the FPU does.
 */
public final class LongDouble {
    private static final int SIGNIFICAND_BITS = 64;
    /** The exponent of the last significand bit of the largest finite value: (2^64-1) * 2^16320. */
    private static final int MAX_UNIT_EXPONENT = 16383 - (SIGNIFICAND_BITS - 1);
    /** The smallest subnormal is 2^-16445; every value is a multiple of it. */
    private static final int MIN_UNIT_EXPONENT = -16445;
    /** strtold input is copied into a buffer of MAX_LONG_DOUBLE_CHARS (5 KB) first. */
    private static final int MAX_INPUT = 5 * 1024;
    private static final Pattern DECIMAL = Pattern.compile("([+-]?)(\\d*)(?:\\.(\\d*))?(?:[eE]([+-]?\\d+))?");
    private static final Pattern HEX = Pattern.compile("([+-]?)0[xX]([0-9a-fA-F]*)(?:\\.([0-9a-fA-F]*))?(?:[pP]([+-]?\\d+))?");
    private static final Pattern INFINITY = Pattern.compile("[+-]?(?i:inf|infinity)");

    public static final LongDouble ZERO = new LongDouble(BigDecimal.ZERO, 0);

    /** The exact value when finite. */
    private final BigDecimal value;
    /** 0 when finite, else the sign of the infinity. */
    private final int infinity;

    private LongDouble(BigDecimal value, int infinity) {
        this.value = value;
        this.infinity = infinity;
    }

    /** A double converts to long double exactly. */
    public static LongDouble of(double d) {
        if (Double.isInfinite(d)) {
            return new LongDouble(null, d > 0 ? 1 : -1);
        }
        if (Double.isNaN(d)) {
            throw new IllegalArgumentException("NaN");
        }
        return new LongDouble(new BigDecimal(d), 0);
    }

    /**
     * Redis's string2ld: strtold over the whole string (no leading space, nothing left over),
     * rejecting NaN, overflow and underflow to zero. Returns null when Redis would reject it.
     */
    public static LongDouble parse(byte[] bytes) {
        if (bytes.length == 0 || bytes.length >= MAX_INPUT) {
            return null;
        }
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (INFINITY.matcher(text).matches()) {
            return new LongDouble(null, text.charAt(0) == '-' ? -1 : 1);
        }
        Matcher hex = HEX.matcher(text);
        if (hex.matches()) {
            return parseHex(hex);
        }
        Matcher decimal = DECIMAL.matcher(text);
        if (decimal.matches()) {
            return parseDecimal(decimal);
        }
        return null;
    }

    private static LongDouble parseDecimal(Matcher m) {
        String whole = m.group(2);
        String fraction = m.group(3) == null ? "" : m.group(3);
        if (whole.isEmpty() && fraction.isEmpty()) {
            return null;
        }
        BigInteger unscaled = new BigInteger(whole + fraction);
        if (unscaled.signum() == 0) {
            return ZERO;
        }
        // value = unscaled * 10^-scale; exponents beyond any long double saturate harmlessly
        long scale = fraction.length() - saturatedExponent(m.group(4));
        long decimalExponent = unscaled.toString().length() - 1 - scale;
        if (decimalExponent > 4933) {
            return null; // overflow: strtold returns HUGE_VAL with ERANGE
        }
        if (decimalExponent < -4952) {
            return null; // underflow to zero with ERANGE
        }
        BigInteger numerator = scale <= 0 ? unscaled.multiply(BigInteger.TEN.pow((int) -scale)) : unscaled;
        BigInteger denominator = scale > 0 ? BigInteger.TEN.pow((int) scale) : BigInteger.ONE;
        return roundOrNull(negative(m.group(1)), numerator, denominator);
    }

    private static LongDouble parseHex(Matcher m) {
        String whole = m.group(2);
        String fraction = m.group(3) == null ? "" : m.group(3);
        if (whole.isEmpty() && fraction.isEmpty()) {
            return null; // strtold reads "0x" as 0 followed by junk
        }
        BigInteger mantissa = new BigInteger(whole + fraction, 16);
        if (mantissa.signum() == 0) {
            return ZERO;
        }
        long binaryExponent = saturatedExponent(m.group(4)) - 4L * fraction.length();
        long magnitude = mantissa.bitLength() + binaryExponent;
        if (magnitude > 16385) {
            return null;
        }
        if (magnitude < MIN_UNIT_EXPONENT - 2) {
            return null;
        }
        BigInteger numerator = binaryExponent >= 0 ? mantissa.shiftLeft((int) binaryExponent) : mantissa;
        BigInteger denominator = binaryExponent < 0 ? BigInteger.ONE.shiftLeft((int) -binaryExponent) : BigInteger.ONE;
        return roundOrNull(negative(m.group(1)), numerator, denominator);
    }

    private static boolean negative(String sign) {
        return sign.equals("-");
    }

    private static long saturatedExponent(String digits) {
        if (digits == null) {
            return 0;
        }
        String unsigned = digits.startsWith("+") || digits.startsWith("-") ? digits.substring(1) : digits;
        unsigned = unsigned.replaceFirst("^0+(?=\\d)", "");
        long magnitude = unsigned.length() > 9 ? 1_000_000_000L : Long.parseLong(unsigned);
        return digits.startsWith("-") ? -magnitude : magnitude;
    }

    /** A rounded parse result, or null where strtold reports ERANGE (overflow, or underflow to 0). */
    private static LongDouble roundOrNull(boolean negative, BigInteger numerator, BigInteger denominator) {
        LongDouble rounded = round(negative, numerator, denominator);
        return rounded.infinity != 0 || rounded.value.signum() == 0 ? null : rounded;
    }

    /**
     * Rounds the positive rational numerator/denominator to the nearest long double (ties to
     * even, as the FPU in its default mode), giving infinity beyond the largest finite value.
     */
    private static LongDouble round(boolean negative, BigInteger numerator, BigInteger denominator) {
        // Scale so that the quotient has at least two bits more than the significand.
        int shift = SIGNIFICAND_BITS + 2 - (numerator.bitLength() - denominator.bitLength());
        BigInteger[] division = shift >= 0
                ? numerator.shiftLeft(shift).divideAndRemainder(denominator)
                : numerator.divideAndRemainder(denominator.shiftLeft(-shift));
        BigInteger quotient = division[0];
        boolean inexact = division[1].signum() != 0;
        int extra = quotient.bitLength() - SIGNIFICAND_BITS;
        long unitExponent = (long) extra - shift;
        if (unitExponent < MIN_UNIT_EXPONENT) { // subnormal: fewer significant bits
            extra += (int) (MIN_UNIT_EXPONENT - unitExponent);
            unitExponent = MIN_UNIT_EXPONENT;
        }
        BigInteger significand = quotient.shiftRight(extra);
        boolean half = quotient.testBit(extra - 1);
        boolean sticky = inexact || quotient.getLowestSetBit() < extra - 1;
        if (half && (sticky || significand.testBit(0))) {
            significand = significand.add(BigInteger.ONE);
            if (significand.bitLength() > SIGNIFICAND_BITS) {
                significand = significand.shiftRight(1);
                unitExponent++;
            }
        }
        if (unitExponent > MAX_UNIT_EXPONENT) {
            return new LongDouble(null, negative ? -1 : 1);
        }
        BigDecimal exact = unitExponent >= 0
                ? new BigDecimal(significand.shiftLeft((int) unitExponent))
                : new BigDecimal(significand.multiply(BigInteger.valueOf(5).pow((int) -unitExponent)), (int) -unitExponent);
        return new LongDouble(negative ? exact.negate() : exact, 0);
    }

    /** The sum rounded to long double; NaN (inf + -inf) is reported as not finite, like infinity. */
    public LongDouble plus(LongDouble other) {
        if (infinity != 0 || other.infinity != 0) {
            int sign = infinity + other.infinity;
            return new LongDouble(null, sign == 0 ? 2 : Integer.signum(sign)); // 2 marks NaN
        }
        BigDecimal sum = value.add(other.value);
        if (sum.signum() == 0) {
            return ZERO;
        }
        BigDecimal magnitude = sum.abs();
        BigInteger numerator = magnitude.scale() <= 0 ? magnitude.toBigIntegerExact() : magnitude.unscaledValue();
        BigInteger denominator = magnitude.scale() <= 0 ? BigInteger.ONE : BigInteger.TEN.pow(magnitude.scale());
        return round(sum.signum() < 0, numerator, denominator);
    }

    /** False for infinities and NaN. */
    public boolean isFinite() {
        return infinity == 0;
    }

    /**
     * Redis's ld2string in LD_STR_HUMAN mode: {@code %.17Lf}, trailing zeros (and a bare point)
     * removed, "-0" printed as "0". Infinities print as "inf"/"-inf".
     */
    public String toHumanString() {
        if (infinity != 0) {
            return infinity == 2 ? "nan" : infinity > 0 ? "inf" : "-inf";
        }
        String text = value.setScale(17, RoundingMode.HALF_EVEN).toPlainString();
        int end = text.length();
        while (text.charAt(end - 1) == '0') {
            end--;
        }
        if (text.charAt(end - 1) == '.') {
            end--;
        }
        text = text.substring(0, end);
        return text.equals("-0") ? "0" : text;
    }

    @Override
    public String toString() {
        return toHumanString();
    }
}
