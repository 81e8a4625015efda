package io.diskdb.blocking;

import io.diskdb.command.CommandError;
import io.diskdb.protocol.LongDouble;

import java.math.BigDecimal;

/** The timeout argument of BLPOP and friends, parsed as Redis 7.0 parses it. */
public final class BlockTimeout {
    public static final long FOREVER = 0;
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
    private static final BigDecimal LONG_RANGE_END = BigDecimal.valueOf(Long.MAX_VALUE).add(BigDecimal.ONE);

    private BlockTimeout() {
    }

    /**
     * Seconds with decimals to milliseconds, truncated ("0.0001" is 0: forever, as in Redis).
     * Redis reads a long double and converts {@code seconds * 1000} to a long long; on x86 a
     * value out of that range (inf, 1e400, 2^63 s) becomes LLONG_MIN, hence "timeout is
     * negative" for those too.
     */
    public static long parseMillis(byte[] arg) {
        LongDouble seconds = LongDouble.parse(arg);
        if (seconds == null) {
            throw new CommandError("ERR timeout is not a float or out of range");
        }
        long millis = Long.MIN_VALUE;
        if (seconds.isFinite()) {
            BigDecimal exact = new BigDecimal(seconds.toHumanString()).multiply(THOUSAND);
            if (exact.compareTo(LONG_RANGE_END) < 0 && exact.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0) {
                millis = exact.longValue();
            }
        }
        if (millis < 0) {
            throw new CommandError("ERR timeout is negative");
        }
        return millis;
    }
}
