package io.diskdb.types;

import io.diskdb.command.Errors;
import io.diskdb.protocol.LongDouble;

import java.nio.charset.StandardCharsets;

/**
 * The arithmetic INCRBYFLOAT and HINCRBYFLOAT share: Redis parses the increment with strtold,
 * adds in long double and stores the sum as its ld2string prints it, so both commands must
 * round and print identically. Each command reads and validates its current value itself
 * (their error texts differ).
 */
public final class FloatIncrement {
    private FloatIncrement() {
    }

    /** The increment argument; "ERR value is not a valid float" if Redis's string2ld rejects it. */
    public static LongDouble parseIncrement(byte[] arg) {
        LongDouble increment = LongDouble.parse(arg);
        if (increment == null) {
            throw Errors.notFloat();
        }
        return increment;
    }

    /** The text to store for {@code current + increment}; an error if the sum is NaN or infinite. */
    public static byte[] sum(LongDouble current, LongDouble increment) {
        LongDouble sum = current.plus(increment);
        if (!sum.isFinite()) {
            throw Errors.nanOrInfinity();
        }
        return sum.toHumanString().getBytes(StandardCharsets.US_ASCII);
    }
}
