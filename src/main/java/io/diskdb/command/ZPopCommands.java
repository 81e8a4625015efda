package io.diskdb.command;

import static io.diskdb.config.KeyspaceEvents.ZSET;

import io.diskdb.storage.DataType;
import io.diskdb.storage.Metadata;
import io.diskdb.types.ScoredMember;
import io.diskdb.types.SortedSets;

import java.util.Arrays;
import java.util.List;

/**
 * ZPOPMIN, ZPOPMAX, ZMPOP and ZRANDMEMBER, with Redis 7.0's reply shapes in RESP2 and RESP3
 * (their blocking forms are in {@link BlockingZSetCommands}).
 */
final class ZPopCommands {
    private static final String MUST_BE_POSITIVE = "ERR value is out of range, must be positive";
    private static final String NUMKEYS_POSITIVE = "ERR numkeys should be greater than 0";
    private static final String COUNT_POSITIVE = "ERR count should be greater than 0";
    private static final String OUT_OF_RANGE = "ERR value is out of range";
    private static final String RANDOM_COUNT_RANGE =
            "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807";

    private ZPopCommands() {
    }

    static void register(CommandTable table) {
        table.register("zpopmin", ctx -> pop(ctx, false));
        table.register("zpopmax", ctx -> pop(ctx, true));
        table.register("zmpop", ZPopCommands::zmpop);
        table.register("zrandmember", ZPopCommands::zrandmember);
        BlockingZSetCommands.register(table);
    }

    /**
     * ZPOPMIN/ZPOPMAX key [count]. Without a count the reply is one flat [member, score] in both
     * protocols; with one, RESP3 gets [member, score] pairs.
     */
    static void pop(CommandContext ctx, boolean highest) {
        if (ctx.argc() > 3) {
            throw Errors.syntax();
        }
        long count = -1;
        if (ctx.argc() == 3) {
            Long parsed = Numbers.parseLong(ctx.arg(2));
            if (parsed == null || parsed < 0) {
                throw new CommandError(MUST_BE_POSITIVE);
            }
            count = parsed;
        }
        List<ScoredMember> popped = SortedSets.pop(ctx.txn(), ctx.db(), ctx.arg(1), highest, count == -1 ? 1 : count);
        notifyPopped(ctx, ctx.arg(1), highest, popped);
        ZSetReplies.pairs(ctx.reply(), popped, ctx.reply().resp3() && count != -1);
    }

    static void notifyPopped(CommandContext ctx, byte[] key, boolean highest, List<ScoredMember> popped) {
        if (!popped.isEmpty()) {
            ctx.notifyKeyspaceEvent(ZSET, highest ? "zpopmax" : "zpopmin", key);
        }
    }

    /** ZMPOP numkeys key [key ...] MIN|MAX [COUNT count] */
    static void zmpop(CommandContext ctx) {
        MpopArgs args = MpopArgs.parse(ctx, 1);
        for (byte[] key : args.keys()) {
            List<ScoredMember> popped = SortedSets.pop(ctx.txn(), ctx.db(), key, args.highest(), args.count());
            if (!popped.isEmpty()) {
                notifyPopped(ctx, key, args.highest(), popped);
                replyPopped(ctx, key, popped);
                return;
            }
        }
        ctx.reply().nullArray();
    }

    /** The ZMPOP/BZMPOP reply: [key, [[member, score]...]] in both protocols. */
    static void replyPopped(CommandContext ctx, byte[] key, List<ScoredMember> popped) {
        ctx.reply().arrayHeader(2);
        ctx.reply().bulk(key);
        ZSetReplies.pairs(ctx.reply(), popped, true);
    }

    /**
     * The arguments of ZMPOP and BZMPOP from {@code numkeys} on: numkeys key [key ...] MIN|MAX
     * [COUNT count], checked in Redis's order (numkeys, MIN|MAX, options).
     */
    record MpopArgs(List<byte[]> keys, boolean highest, long count) {
        static MpopArgs parse(CommandContext ctx, int numKeysAt) {
            long numKeys = positive(ctx.arg(numKeysAt), NUMKEYS_POSITIVE);
            if (numKeys > ctx.argc() - numKeysAt - 2) {
                throw Errors.syntax();
            }
            int whereAt = numKeysAt + (int) numKeys + 1;
            boolean highest;
            if (ctx.argIs(whereAt, "min")) {
                highest = false;
            } else if (ctx.argIs(whereAt, "max")) {
                highest = true;
            } else {
                throw Errors.syntax();
            }
            long count = -1;
            for (int i = whereAt + 1; i < ctx.argc(); i++) {
                if (count == -1 && ctx.argIs(i, "count") && i + 1 < ctx.argc()) {
                    count = positive(ctx.arg(++i), COUNT_POSITIVE);
                } else {
                    throw Errors.syntax();
                }
            }
            List<byte[]> keys = Arrays.asList(ctx.args()).subList(numKeysAt + 1, whereAt);
            return new MpopArgs(keys, highest, count == -1 ? 1 : count);
        }
    }

    /** A count of at least 1, with the command's own error for anything else (non-numbers too). */
    private static long positive(byte[] arg, String error) {
        Long value = Numbers.parseLong(arg);
        if (value == null || value < 1) {
            throw new CommandError(error);
        }
        return value;
    }

    /** ZRANDMEMBER key [count [WITHSCORES]] */
    static void zrandmember(CommandContext ctx) {
        if (ctx.argc() == 2) {
            Metadata meta = ctx.lookupRead(ctx.arg(1), DataType.ZSET);
            if (meta == null) {
                ctx.reply().nullBulk();
            } else {
                ctx.reply().bulk(SortedSets.random(ctx.txn(), meta, 1, true).get(0).member());
            }
            return;
        }
        long count = ctx.longArg(2);
        if (count == Long.MIN_VALUE) {
            throw new CommandError(RANDOM_COUNT_RANGE);
        }
        boolean withScores = false;
        if (ctx.argc() > 4 || (ctx.argc() == 4 && !ctx.argIs(3, "withscores"))) {
            throw Errors.syntax();
        } else if (ctx.argc() == 4) {
            withScores = true;
            if (count < -Long.MAX_VALUE / 2 || count > Long.MAX_VALUE / 2) {
                throw new CommandError(OUT_OF_RANGE);
            }
        }
        Metadata meta = ctx.lookupRead(ctx.arg(1), DataType.ZSET);
        if (meta == null || count == 0) {
            ctx.reply().arrayHeader(0);
            return;
        }
        List<ScoredMember> picked = SortedSets.random(ctx.txn(), meta, Math.abs(count), count > 0);
        ZSetReplies.elements(ctx.reply(), picked, withScores);
    }
}
