package io.diskdb.command;

import static io.diskdb.config.KeyspaceEvents.LIST;

import io.diskdb.blocking.BlockTimeout;
import io.diskdb.blocking.Blocking;
import io.diskdb.protocol.ReplyWriter;
import io.diskdb.storage.DataType;
import io.diskdb.storage.Metadata;
import io.diskdb.types.Lists;
import io.diskdb.types.Lists.ListValue;

import java.util.Arrays;
import java.util.List;

/**
 * BLPOP, BRPOP, BLMOVE, BRPOPLPUSH and BLMPOP. Each serves at once when a key holds elements,
 * exactly like its non-blocking form; otherwise it parks the client through {@link Blocking},
 * and the registry runs the same handler again when a commit makes a key ready.
 */
final class BlockingListCommands {
    private BlockingListCommands() {
    }

    static void register(CommandTable table) {
        table.register("blpop", ctx -> blockingPop(ctx, true));
        table.register("brpop", ctx -> blockingPop(ctx, false));
        table.register("blmove", ctx -> blockingMove(ctx, ListCommands.end(ctx.arg(3)), ListCommands.end(ctx.arg(4)), 5));
        table.register("brpoplpush", ctx -> blockingMove(ctx, false, true, 3));
        table.register("blmpop", BlockingListCommands::blmpop);
    }

    /** BLPOP/BRPOP key [key ...] timeout: replies [key, element] from the first key with elements. */
    private static void blockingPop(CommandContext ctx, boolean left) {
        long timeout = BlockTimeout.parseMillis(ctx.arg(ctx.argc() - 1));
        List<byte[]> keys = Arrays.asList(ctx.args()).subList(1, ctx.argc() - 1);
        ListValue list = firstWithElements(ctx, keys);
        if (list == null) {
            Blocking.block(ctx, keys, DataType.LIST, timeout, ReplyWriter::nullArray);
            return;
        }
        ctx.reply().arrayHeader(2);
        ctx.reply().bulk(list.key());
        ctx.reply().bulk(list.pop(left));
        list.save();
        ctx.notifyKeyspaceEvent(LIST, ListCommands.popEvent(left), list.key());
    }

    /** BLMPOP timeout numkeys key [key ...] LEFT|RIGHT [COUNT count]. */
    private static void blmpop(CommandContext ctx) {
        long timeout = BlockTimeout.parseMillis(ctx.arg(1));
        ListCommands.MpopArgs args = ListCommands.MpopArgs.parse(ctx, 2);
        ListValue list = firstWithElements(ctx, args.keys());
        if (list == null) {
            Blocking.block(ctx, args.keys(), DataType.LIST, timeout, ReplyWriter::nullArray);
            return;
        }
        ListCommands.replyPopped(ctx, list, args);
    }

    /**
     * BLMOVE source destination LEFT|RIGHT LEFT|RIGHT timeout, BRPOPLPUSH source destination
     * timeout. Only the source decides whether to wait; a destination of the wrong type is an
     * error once there is something to move, even after waiting (as in Redis).
     */
    private static void blockingMove(CommandContext ctx, boolean fromLeft, boolean toLeft, int timeoutIndex) {
        long timeout = BlockTimeout.parseMillis(ctx.arg(timeoutIndex));
        byte[] sourceKey = ctx.arg(1);
        Metadata meta = Blocking.lookup(ctx, sourceKey, DataType.LIST);
        if (meta == null) {
            Blocking.block(ctx, List.of(sourceKey), DataType.LIST, timeout, ReplyWriter::nullBulk);
            return;
        }
        ListValue source = Lists.of(ctx.txn(), ctx.db(), sourceKey, meta);
        ctx.reply().bulk(ListCommands.moveOne(ctx, source, ctx.arg(2), fromLeft, toLeft));
    }

    /** The first key holding a list, in argument order; WRONGTYPE on a first run (see {@link Blocking#lookup}). */
    private static ListValue firstWithElements(CommandContext ctx, List<byte[]> keys) {
        for (byte[] key : keys) {
            Metadata meta = Blocking.lookup(ctx, key, DataType.LIST);
            if (meta != null && meta.count() > 0) {
                return Lists.of(ctx.txn(), ctx.db(), key, meta);
            }
        }
        return null;
    }
}
