package io.diskdb.command;

/**
 * The options of SET (and the expiry options GETEX shares): NX XX GET KEEPTTL and one of
 * EX PX EXAT PXAT, with the conflicts and limits Redis 7 enforces.
 */
final class SetOptions {
    boolean nx;
    boolean xx;
    boolean get;
    boolean keepTtl;
    boolean persist;
    private String unit;       // "ex", "px", "exat", "pxat" or null
    private long amount;

    static SetOptions parse(CommandContext ctx, int from) {
        SetOptions o = new SetOptions();
        String command = ctx.spec().name();
        for (int i = from; i < ctx.argc(); i++) {
            byte[] arg = ctx.arg(i);
            boolean hasNext = i + 1 < ctx.argc();
            if (Keywords.is(arg, "nx") && !o.xx && command.equals("set")) {
                o.nx = true;
            } else if (Keywords.is(arg, "xx") && !o.nx && command.equals("set")) {
                o.xx = true;
            } else if (Keywords.is(arg, "get") && command.equals("set")) {
                o.get = true;
            } else if (Keywords.is(arg, "keepttl") && o.unit == null && !o.persist && command.equals("set")) {
                o.keepTtl = true;
            } else if (Keywords.is(arg, "persist") && o.unit == null && command.equals("getex")) {
                o.persist = true;
            } else if (hasNext && o.unit == null && !o.keepTtl && !o.persist && isUnit(arg)) {
                o.unit = Keywords.lower(arg);
                o.amount = ctx.longArg(++i);
            } else {
                throw Errors.syntax();
            }
        }
        if (o.unit != null) {
            boolean seconds = o.unit.equals("ex") || o.unit.equals("exat");
            if (o.amount <= 0 || (seconds && o.amount > Long.MAX_VALUE / 1000)) {
                throw Errors.invalidExpireTime(command);
            }
        }
        return o;
    }

    private static boolean isUnit(byte[] arg) {
        return Keywords.is(arg, "ex") || Keywords.is(arg, "px") || Keywords.is(arg, "exat") || Keywords.is(arg, "pxat");
    }

    boolean hasExpiry() {
        return unit != null;
    }

    /**
     * The absolute expiry in ms (0 = none). Relative times that overflow when added to now
     * are an error, as in Redis.
     */
    long expireAt(long now) {
        if (unit == null) {
            return 0;
        }
        long millis = unit.startsWith("ex") ? amount * 1000 : amount;
        if (unit.endsWith("at")) {
            return millis;
        }
        if (millis > Long.MAX_VALUE - now) {
            throw Errors.invalidExpireTime("set");
        }
        return now + millis;
    }
}
