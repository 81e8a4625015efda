package io.diskdb.command;

/**
 * The options of SET and GETEX, and the expiry argument of SETEX/PSETEX: NX XX GET KEEPTTL
 * PERSIST and one of EX PX EXAT PXAT, with the conflicts and limits Redis 7 enforces.
 *
 * <p>Parsing and validation are two steps because Redis orders its errors that way: a syntax
 * error wins over a bad number anywhere on the line, and GETEX looks the key up (a missing key
 * replies nil) before it looks at the expiry value at all.
 */
final class SetOptions {
    private enum Unit {
        EX(true, false), PX(false, false), EXAT(true, true), PXAT(false, true);

        final boolean seconds;
        final boolean absolute;

        Unit(boolean seconds, boolean absolute) {
            this.seconds = seconds;
            this.absolute = absolute;
        }
    }

    boolean nx;
    boolean xx;
    boolean get;
    boolean keepTtl;
    boolean persist;
    private Unit unit;
    private int expireArg = -1;

    private SetOptions() {
    }

    /** SET's options, from argument {@code from} on. */
    static SetOptions forSet(CommandContext ctx, int from) {
        return parse(ctx, from, true);
    }

    /** GETEX's options, from argument {@code from} on. */
    static SetOptions forGetex(CommandContext ctx, int from) {
        return parse(ctx, from, false);
    }

    /** SETEX (seconds) or PSETEX (milliseconds): a relative expiry in argument {@code index}. */
    static SetOptions relativeExpiry(boolean seconds, int index) {
        SetOptions o = new SetOptions();
        o.unit = seconds ? Unit.EX : Unit.PX;
        o.expireArg = index;
        return o;
    }

    /*
     * Mirrors Redis's parseExtendedStringArgumentsOrReply: an option that conflicts with one
     * already seen, or belongs to the other command, is a syntax error; repeating the same
     * expiry unit is allowed and the last value wins.
     */
    private static SetOptions parse(CommandContext ctx, int from, boolean set) {
        SetOptions o = new SetOptions();
        for (int i = from; i < ctx.argc(); i++) {
            byte[] arg = ctx.arg(i);
            boolean hasNext = i + 1 < ctx.argc();
            Unit requested = unitOf(arg);
            if (set && Keywords.is(arg, "nx") && !o.xx) {
                o.nx = true;
            } else if (set && Keywords.is(arg, "xx") && !o.nx) {
                o.xx = true;
            } else if (set && Keywords.is(arg, "get")) {
                o.get = true;
            } else if (set && Keywords.is(arg, "keepttl") && o.unit == null) {
                o.keepTtl = true;
            } else if (!set && Keywords.is(arg, "persist") && o.unit == null) {
                o.persist = true;
            } else if (requested != null && hasNext && !o.keepTtl && !o.persist
                    && (o.unit == null || o.unit == requested)) {
                o.unit = requested;
                o.expireArg = ++i;
            } else {
                throw Errors.syntax();
            }
        }
        return o;
    }

    private static Unit unitOf(byte[] arg) {
        for (Unit unit : Unit.values()) {
            if (Keywords.is(arg, unit.name())) {
                return unit;
            }
        }
        return null;
    }

    boolean hasExpiry() {
        return unit != null;
    }

    /** Whether the expiry is an absolute time (EXAT/PXAT), which may already have passed. */
    boolean isAbsolute() {
        return unit != null && unit.absolute;
    }

    /**
     * The absolute expiry in unix ms, 0 when none was given. Parses and checks the value as
     * Redis's getExpireMillisecondsOrReply does: an integer, positive, and not overflowing once
     * converted to ms and (for EX/PX) added to the command's clock.
     */
    long expireAt(CommandContext ctx) {
        if (unit == null) {
            return 0;
        }
        long amount = ctx.longArg(expireArg);
        String command = ctx.spec().name();
        if (amount <= 0 || (unit.seconds && amount > Long.MAX_VALUE / 1000)) {
            throw Errors.invalidExpireTime(command);
        }
        long millis = unit.seconds ? amount * 1000 : amount;
        if (!unit.absolute) {
            if (millis > Long.MAX_VALUE - ctx.txn().now()) {
                throw Errors.invalidExpireTime(command);
            }
            millis += ctx.txn().now();
        }
        return millis;
    }
}
