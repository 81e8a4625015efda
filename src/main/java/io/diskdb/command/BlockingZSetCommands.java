package io.diskdb.command;

import io.diskdb.blocking.BlockTimeout;
import io.diskdb.blocking.Blocking;
import io.diskdb.protocol.ReplyWriter;
import io.diskdb.storage.DataType;
import io.diskdb.storage.Metadata;
import io.diskdb.types.ScoredMember;
import io.diskdb.types.SortedSets;

import java.util.Arrays;
import java.util.List;

/**
 * BZPOPMIN, BZPOPMAX and BZMPOP. Each serves at once when a key holds a sorted set, exactly like
 * ZPOPMIN/ZPOPMAX/ZMPOP; otherwise it parks the client through {@link Blocking}, and the registry
 * runs the same handler again when a commit (ZADD, ZINCRBY, ZUNIONSTORE, RENAME...) leaves one of
 * its keys a non-empty sorted set.
 */
final class BlockingZSetCommands {
    private BlockingZSetCommands() {
    }

    static void register(CommandTable table) {
        table.register("bzpopmin", ctx -> blockingPop(ctx, false));
        table.register("bzpopmax", ctx -> blockingPop(ctx, true));
        table.register("bzmpop", BlockingZSetCommands::bzmpop);
    }

    /**
     * BZPOPMIN/BZPOPMAX key [key ...] timeout: replies [key, member, score] (one flat array in
     * both protocols, the score a native double in RESP3) from the first key holding a zset.
     */
    private static void blockingPop(CommandContext ctx, boolean highest) {
        long timeout = BlockTimeout.parseMillis(ctx.arg(ctx.argc() - 1));
        List<byte[]> keys = Arrays.asList(ctx.args()).subList(1, ctx.argc() - 1);
        byte[] key = firstWithElements(ctx, keys);
        if (key == null) {
            Blocking.block(ctx, keys, DataType.ZSET, timeout, ReplyWriter::nullArray);
            return;
        }
        List<ScoredMember> pops = SortedSets.pop(ctx.txn(), ctx.db(), key, highest, 1);
        ZPopCommands.notifyPopped(ctx, key, highest, pops);
        ScoredMember popped = pops.get(0);
        ctx.reply().arrayHeader(3);
        ctx.reply().bulk(key);
        ctx.reply().bulk(popped.member());
        ctx.reply().doubleValue(popped.score());
    }

    /**
     * BZMPOP timeout numkeys key [key ...] MIN|MAX [COUNT count]. Redis checks the arguments
     * after numkeys before the timeout, so a bad timeout is reported only when the rest is valid.
     */
    private static void bzmpop(CommandContext ctx) {
        ZPopCommands.MpopArgs args = ZPopCommands.MpopArgs.parse(ctx, 2);
        long timeout = BlockTimeout.parseMillis(ctx.arg(1));
        byte[] key = firstWithElements(ctx, args.keys());
        if (key == null) {
            Blocking.block(ctx, args.keys(), DataType.ZSET, timeout, ReplyWriter::nullArray);
            return;
        }
        List<ScoredMember> popped = SortedSets.pop(ctx.txn(), ctx.db(), key, args.highest(), args.count());
        ZPopCommands.notifyPopped(ctx, key, args.highest(), popped);
        ZPopCommands.replyPopped(ctx, key, popped);
    }

    /** The first key holding a sorted set, in argument order; WRONGTYPE on a first run (see {@link Blocking#lookup}). */
    private static byte[] firstWithElements(CommandContext ctx, List<byte[]> keys) {
        for (byte[] key : keys) {
            Metadata meta = Blocking.lookup(ctx, key, DataType.ZSET);
            if (meta != null && meta.count() > 0) {
                return key;
            }
        }
        return null;
    }
}
