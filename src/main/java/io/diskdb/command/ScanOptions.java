package io.diskdb.command;

import io.diskdb.util.Glob;

/**
 * The options of the SCAN family, {@code [MATCH pattern] [COUNT count]} and, for SCAN alone,
 * {@code [TYPE type]}, in any order, the last of each winning, as Redis parses them.
 *
 * @param pattern the MATCH glob, null when absent
 * @param type    the TYPE name, null when absent
 */
record ScanOptions(long count, byte[] pattern, String type) {
    static final long DEFAULT_COUNT = 10;

    /** HSCAN/SSCAN/ZSCAN: MATCH and COUNT from argument {@code first} on. */
    static ScanOptions parse(CommandContext ctx, int first) {
        return parse(ctx, first, false);
    }

    /** SCAN: MATCH, COUNT and TYPE from argument {@code first} on. */
    static ScanOptions parseWithType(CommandContext ctx, int first) {
        return parse(ctx, first, true);
    }

    private static ScanOptions parse(CommandContext ctx, int first, boolean typeAllowed) {
        long count = DEFAULT_COUNT;
        byte[] pattern = null;
        String type = null;
        for (int i = first; i < ctx.argc(); i++) {
            boolean hasValue = i + 1 < ctx.argc();
            if (ctx.argIs(i, "count") && hasValue) {
                count = ctx.longArg(++i);
                if (count < 1) {
                    throw Errors.syntax();
                }
            } else if (ctx.argIs(i, "match") && hasValue) {
                pattern = ctx.arg(++i);
            } else if (typeAllowed && ctx.argIs(i, "type") && hasValue) {
                type = ctx.argString(++i);
            } else {
                throw Errors.syntax();
            }
        }
        return new ScanOptions(count, pattern, type);
    }

    /**
     * Whether MATCH lets every name through: no pattern, or a lone "*", which Redis
     * special-cases (its glob would not match an empty name).
     */
    boolean matchesAll() {
        return pattern == null || isMatchAll(pattern);
    }

    boolean matches(byte[] name) {
        return matchesAll() || Glob.matches(pattern, name, false);
    }

    /** A lone "*": KEYS's pattern argument gets the same special case. */
    static boolean isMatchAll(byte[] pattern) {
        return pattern.length == 1 && pattern[0] == '*';
    }
}
