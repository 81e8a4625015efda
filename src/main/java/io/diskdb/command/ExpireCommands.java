package io.diskdb.command;

import static io.diskdb.config.KeyspaceEvents.GENERIC;

import io.diskdb.storage.Metadata;
import io.diskdb.storage.Transaction;

/**
 * EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT, TTL, PTTL, EXPIRETIME, PEXPIRETIME and PERSIST.
 * Expiry changes only the key's metadata; the commit keeps the expiry index and counters.
 */
final class ExpireCommands {
    private ExpireCommands() {
    }

    static void register(CommandTable table) {
        table.register("expire", ctx -> expire(ctx, ctx.txn().now(), true));
        table.register("pexpire", ctx -> expire(ctx, ctx.txn().now(), false));
        table.register("expireat", ctx -> expire(ctx, 0, true));
        table.register("pexpireat", ctx -> expire(ctx, 0, false));
        table.register("ttl", ctx -> ttl(ctx, false, false));
        table.register("pttl", ctx -> ttl(ctx, true, false));
        table.register("expiretime", ctx -> ttl(ctx, false, true));
        table.register("pexpiretime", ctx -> ttl(ctx, true, true));
        table.register("persist", ExpireCommands::persist);
    }

    /** The NX | XX | GT | LT condition of the EXPIRE family. */
    private record Condition(boolean nx, boolean xx, boolean gt, boolean lt) {
        /** Options from index 3 on, checked before the time argument, as Redis does. */
        static Condition parse(CommandContext ctx) {
            boolean nx = false, xx = false, gt = false, lt = false;
            for (int i = 3; i < ctx.argc(); i++) {
                if (ctx.argIs(i, "nx")) {
                    nx = true;
                } else if (ctx.argIs(i, "xx")) {
                    xx = true;
                } else if (ctx.argIs(i, "gt")) {
                    gt = true;
                } else if (ctx.argIs(i, "lt")) {
                    lt = true;
                } else {
                    throw new CommandError("ERR Unsupported option " + ctx.argString(i));
                }
            }
            if (nx && (xx || gt || lt)) {
                throw new CommandError("ERR NX and XX, GT or LT options at the same time are not compatible");
            }
            if (gt && lt) {
                throw new CommandError("ERR GT and LT options at the same time are not compatible");
            }
            return new Condition(nx, xx, gt, lt);
        }

        /** Whether the new expiry may replace {@code current} (0 = none, which GT and LT treat as infinite). */
        boolean allows(long current, long next) {
            boolean persistent = current == 0;
            if ((nx && !persistent) || (xx && persistent)) {
                return false;
            }
            if (gt && (persistent || next <= current)) {
                return false;
            }
            return !(lt && !persistent && next >= current);
        }
    }

    /** Sets an expiry of argument 2 (seconds or ms) after {@code basetime}; a time already past deletes the key. */
    static void expire(CommandContext ctx, long basetime, boolean seconds) {
        Condition condition = Condition.parse(ctx);
        long when = ctx.longArg(2);
        if (seconds) {
            if (when > Long.MAX_VALUE / 1000 || when < Long.MIN_VALUE / 1000) {
                throw Errors.invalidExpireTime(ctx.spec().name());
            }
            when *= 1000;
        }
        if (when > Long.MAX_VALUE - basetime) {
            throw Errors.invalidExpireTime(ctx.spec().name());
        }
        when += basetime;
        Transaction txn = ctx.txn();
        byte[] key = ctx.arg(1);
        Metadata meta = txn.meta(ctx.db(), key);
        if (meta == null || !condition.allows(meta.expireAt(), when)) {
            ctx.reply().integer(0);
            return;
        }
        if (when <= txn.now()) {
            txn.deleteKey(ctx.db(), key);
            ctx.notifyKeyspaceEvent(GENERIC, "del", key);
        } else {
            txn.putMeta(ctx.db(), key, meta.withExpireAt(when));
            ctx.notifyKeyspaceEvent(GENERIC, "expire", key);
        }
        ctx.reply().integer(1);
    }

    /** TTL family: -2 for a missing key, -1 without expiry, else remaining (or absolute) time. */
    static void ttl(CommandContext ctx, boolean millis, boolean absolute) {
        Metadata meta = ctx.txn().meta(ctx.db(), ctx.arg(1));
        if (meta == null) {
            ctx.reply().integer(-2);
            return;
        }
        if (!meta.hasExpiry()) {
            ctx.reply().integer(-1);
            return;
        }
        long value = Math.max(0, absolute ? meta.expireAt() : meta.expireAt() - ctx.txn().now());
        ctx.reply().integer(millis ? value : (value + 500) / 1000);
    }

    static void persist(CommandContext ctx) {
        Transaction txn = ctx.txn();
        Metadata meta = txn.meta(ctx.db(), ctx.arg(1));
        if (meta == null || !meta.hasExpiry()) {
            ctx.reply().integer(0);
            return;
        }
        txn.putMeta(ctx.db(), ctx.arg(1), meta.withExpireAt(0));
        ctx.notifyKeyspaceEvent(GENERIC, "persist", ctx.arg(1));
        ctx.reply().integer(1);
    }
}
