package io.diskdb.command;

import static io.diskdb.config.KeyspaceEvents.LIST;

import io.diskdb.protocol.ReplyWriter;
import io.diskdb.storage.DataType;
import io.diskdb.storage.Metadata;
import io.diskdb.types.Lists;
import io.diskdb.types.Lists.ListValue;

import java.util.Arrays;
import java.util.List;

/**
 * The list family, non-blocking commands (the blocking ones are in {@link BlockingListCommands}).
 * Argument checks, their order and the replies follow Redis 7.0's t_list.c.
 */
public final class ListCommands {
    static final String MUST_BE_POSITIVE = "ERR value is out of range, must be positive";
    static final String NUMKEYS = "ERR numkeys should be greater than 0";
    static final String COUNT_POSITIVE = "ERR count should be greater than 0";

    private ListCommands() {
    }

    public static void register(CommandTable table) {
        table.register("lpush", ctx -> push(ctx, true, false));
        table.register("rpush", ctx -> push(ctx, false, false));
        table.register("lpushx", ctx -> push(ctx, true, true));
        table.register("rpushx", ctx -> push(ctx, false, true));
        table.register("lpop", ctx -> pop(ctx, true));
        table.register("rpop", ctx -> pop(ctx, false));
        table.register("llen", ListCommands::llen);
        table.register("lsize", ListCommands::llen);
        table.register("lindex", ListCommands::lindex);
        table.register("lset", ListCommands::lset);
        table.register("lrange", ListCommands::lrange);
        table.register("ltrim", ListCommands::ltrim);
        table.register("lrem", ListCommands::lrem);
        table.register("linsert", ListCommands::linsert);
        table.register("lpos", ListCommands::lpos);
        table.register("lmove", ctx -> move(ctx, end(ctx.arg(3)), end(ctx.arg(4))));
        table.register("rpoplpush", ctx -> move(ctx, false, true));
        table.register("lmpop", ctx -> mpop(ctx, MpopArgs.parse(ctx, 1)));
        BlockingListCommands.register(table);
    }

    private static void push(CommandContext ctx, boolean left, boolean onlyIfExists) {
        byte[] key = ctx.arg(1);
        ListValue list = onlyIfExists ? Lists.find(ctx.txn(), ctx.db(), key) : Lists.findOrCreate(ctx.txn(), ctx.db(), key);
        if (list == null) {
            ctx.reply().integer(0);
            return;
        }
        for (int i = 2; i < ctx.argc(); i++) {
            list.push(left, ctx.arg(i));
        }
        list.save();
        ctx.notifyKeyspaceEvent(LIST, pushEvent(left), key);
        ctx.reply().integer(list.size());
    }

    private static void pop(CommandContext ctx, boolean left) {
        if (ctx.argc() > 3) {
            throw Errors.wrongArity(ctx.spec().name());
        }
        boolean hasCount = ctx.argc() == 3;
        long count = hasCount ? positiveLong(ctx.arg(2), MUST_BE_POSITIVE) : 1;
        ListValue list = Lists.find(ctx.txn(), ctx.db(), ctx.arg(1));
        ReplyWriter reply = ctx.reply();
        if (list == null) {
            if (hasCount) {
                reply.nullArray();
            } else {
                reply.nullBulk();
            }
            return;
        }
        if (!hasCount) {
            reply.bulk(list.pop(left));
        } else {
            popInto(reply, list, left, count);
        }
        list.save();
        if (!hasCount || count > 0) {
            ctx.notifyKeyspaceEvent(LIST, popEvent(left), ctx.arg(1));
        }
    }

    /** The keyspace event of a push to the left (head) or right end: "lpush" or "rpush". */
    static String pushEvent(boolean left) {
        return left ? "lpush" : "rpush";
    }

    /** The keyspace event of a pop from the left (head) or right end: "lpop" or "rpop". */
    static String popEvent(boolean left) {
        return left ? "lpop" : "rpop";
    }

    /** Pops up to {@code count} elements as an array reply (LPOP/RPOP with a count, LMPOP). */
    static void popInto(ReplyWriter reply, ListValue list, boolean left, long count) {
        long n = Math.min(count, list.size());
        reply.arrayHeader((int) n);
        for (long i = 0; i < n; i++) {
            reply.bulk(list.pop(left));
        }
    }

    private static void llen(CommandContext ctx) {
        Metadata meta = ctx.lookupRead(ctx.arg(1), DataType.LIST);
        ctx.reply().integer(meta == null ? 0 : meta.count());
    }

    private static void lindex(CommandContext ctx) {
        Metadata meta = ctx.lookupRead(ctx.arg(1), DataType.LIST);
        if (meta == null) {
            ctx.reply().nullBulk();
            return;
        }
        long index = ctx.longArg(2);
        ListValue list = Lists.of(ctx.txn(), ctx.db(), ctx.arg(1), meta);
        if (index < 0) {
            index += list.size();
        }
        ctx.reply().bulk(index < 0 || index >= list.size() ? null : list.get(index));
    }

    private static void lset(CommandContext ctx) {
        ListValue list = Lists.find(ctx.txn(), ctx.db(), ctx.arg(1));
        if (list == null) {
            throw new CommandError(Errors.NO_SUCH_KEY);
        }
        long index = ctx.longArg(2);
        if (index < 0) {
            index += list.size();
        }
        if (index < 0 || index >= list.size()) {
            throw new CommandError("ERR index out of range");
        }
        list.set(index, ctx.arg(3));
        list.save();
        ctx.notifyKeyspaceEvent(LIST, "lset", ctx.arg(1));
        ctx.reply().ok();
    }

    private static void lrange(CommandContext ctx) {
        long start = ctx.longArg(2);
        long end = ctx.longArg(3);
        Metadata meta = ctx.lookupRead(ctx.arg(1), DataType.LIST);
        if (meta == null) {
            ctx.reply().arrayHeader(0);
            return;
        }
        ListValue list = Lists.of(ctx.txn(), ctx.db(), ctx.arg(1), meta);
        long[] range = clamp(start, end, list.size());
        if (range == null) {
            ctx.reply().arrayHeader(0);
            return;
        }
        List<byte[]> elements = list.range(range[0], range[1]);
        ctx.reply().arrayHeader(elements.size());
        for (byte[] element : elements) {
            ctx.reply().bulk(element);
        }
    }

    /** LRANGE/LTRIM index arithmetic: negative from the end, clamped; null when nothing is in range. */
    private static long[] clamp(long start, long end, long size) {
        if (start < 0) {
            start += size;
        }
        if (end < 0) {
            end += size;
        }
        if (start < 0) {
            start = 0;
        }
        if (start > end || start >= size) {
            return null;
        }
        return new long[]{start, Math.min(end, size - 1)};
    }

    private static void ltrim(CommandContext ctx) {
        long start = ctx.longArg(2);
        long end = ctx.longArg(3);
        ListValue list = Lists.find(ctx.txn(), ctx.db(), ctx.arg(1));
        if (list != null) {
            long[] range = clamp(start, end, list.size());
            if (range == null) {
                list.trim(1, 0);
            } else {
                list.trim(range[0], range[1]);
            }
            list.save();
            ctx.notifyKeyspaceEvent(LIST, "ltrim", ctx.arg(1));
        }
        ctx.reply().ok();
    }

    private static void lrem(CommandContext ctx) {
        long count = ctx.longArg(2);
        ListValue list = Lists.find(ctx.txn(), ctx.db(), ctx.arg(1));
        if (list == null) {
            ctx.reply().integer(0);
            return;
        }
        // |LLONG_MIN| does not fit a long: any limit that large removes every match anyway
        long limit = count == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(count);
        long removed = list.remove(ctx.arg(3), limit, count < 0);
        list.save();
        if (removed > 0) {
            ctx.notifyKeyspaceEvent(LIST, "lrem", ctx.arg(1));
        }
        ctx.reply().integer(removed);
    }

    private static void linsert(CommandContext ctx) {
        Lists.Side side;
        if (ctx.argIs(2, "before")) {
            side = Lists.Side.BEFORE;
        } else if (ctx.argIs(2, "after")) {
            side = Lists.Side.AFTER;
        } else {
            throw Errors.syntax();
        }
        ListValue list = Lists.find(ctx.txn(), ctx.db(), ctx.arg(1));
        if (list == null) {
            ctx.reply().integer(0);
            return;
        }
        long pivot = list.indexOf(ctx.arg(3));
        if (pivot < 0) {
            ctx.reply().integer(-1);
            return;
        }
        list.insert(pivot, side, ctx.arg(4));
        list.save();
        ctx.notifyKeyspaceEvent(LIST, "linsert", ctx.arg(1));
        ctx.reply().integer(list.size());
    }

    private static void lpos(CommandContext ctx) {
        long rank = 1;
        long count = -1; // -1: no COUNT option, reply one index
        long maxlen = 0;
        for (int i = 3; i < ctx.argc(); i++) {
            boolean moreArgs = i + 1 < ctx.argc();
            if (ctx.argIs(i, "rank") && moreArgs) {
                rank = ctx.longArg(++i);
                if (rank == 0) {
                    throw new CommandError("ERR RANK can't be zero: use 1 to start from the first match, "
                            + "2 from the second ... or use negative to start from the end of the list");
                }
            } else if (ctx.argIs(i, "count") && moreArgs) {
                count = positiveLong(ctx.arg(++i), "ERR COUNT can't be negative");
            } else if (ctx.argIs(i, "maxlen") && moreArgs) {
                maxlen = positiveLong(ctx.arg(++i), "ERR MAXLEN can't be negative");
            } else {
                throw Errors.syntax();
            }
        }
        Metadata meta = ctx.lookupRead(ctx.arg(1), DataType.LIST);
        ReplyWriter reply = ctx.reply();
        if (meta == null) {
            if (count >= 0) {
                reply.arrayHeader(0);
            } else {
                reply.nullBulk();
            }
            return;
        }
        boolean fromTail = rank < 0;
        // Redis negates a negative rank; LLONG_MIN stays negative, so every match qualifies
        // and the COUNT arithmetic overflows: it collects all matches
        boolean rankOverflows = rank == Long.MIN_VALUE;
        long skip = rankOverflows ? 0 : Math.abs(rank) - 1;
        long wanted = count < 0 ? 1 : count == 0 || rankOverflows ? Long.MAX_VALUE : count;
        long limit = maxlen == 0 ? Long.MAX_VALUE : maxlen;
        byte[] element = ctx.arg(2);
        List<Long> found = new java.util.ArrayList<>();
        long[] seen = {0, 0}; // elements looked at, matches so far
        Lists.of(ctx.txn(), ctx.db(), ctx.arg(1), meta).scan(fromTail, (index, value) -> {
            if (seen[0]++ >= limit) {
                return false;
            }
            if (Arrays.equals(value, element) && seen[1]++ >= skip) {
                found.add(index);
            }
            return found.size() < wanted;
        });
        if (count < 0) {
            if (found.isEmpty()) {
                reply.nullBulk();
            } else {
                reply.integer(found.get(0));
            }
            return;
        }
        reply.arrayHeader(found.size());
        for (long index : found) {
            reply.integer(index);
        }
    }

    /** LEFT or RIGHT (true for LEFT); a syntax error otherwise. */
    static boolean end(byte[] arg) {
        if (Keywords.is(arg, "left")) {
            return true;
        }
        if (Keywords.is(arg, "right")) {
            return false;
        }
        throw Errors.syntax();
    }

    private static void move(CommandContext ctx, boolean fromLeft, boolean toLeft) {
        ListValue source = Lists.find(ctx.txn(), ctx.db(), ctx.arg(1));
        if (source == null) {
            ctx.reply().nullBulk();
            return;
        }
        ctx.reply().bulk(moveOne(ctx, source, ctx.arg(2), fromLeft, toLeft));
    }

    /**
     * LMOVE's work once the source is known to hold elements: checks the destination's type,
     * pops, pushes and saves both; returns the moved element.
     */
    static byte[] moveOne(CommandContext ctx, ListValue source, byte[] destinationKey, boolean fromLeft, boolean toLeft) {
        boolean sameKey = Arrays.equals(source.key(), destinationKey);
        ListValue destination = sameKey ? source : Lists.findOrCreate(ctx.txn(), ctx.db(), destinationKey);
        byte[] value = source.pop(fromLeft);
        destination.push(toLeft, value);
        source.save();
        if (!sameKey) {
            destination.save();
        }
        // Redis reports the push to the destination first, then the pop from the source
        ctx.notifyKeyspaceEvent(LIST, pushEvent(toLeft), destinationKey);
        ctx.notifyKeyspaceEvent(LIST, popEvent(fromLeft), source.key());
        return value;
    }

    private static void mpop(CommandContext ctx, MpopArgs args) {
        for (byte[] key : args.keys()) {
            ListValue list = Lists.find(ctx.txn(), ctx.db(), key);
            if (list != null) {
                replyPopped(ctx, list, args);
                return;
            }
        }
        ctx.reply().nullArray();
    }

    /** LMPOP's reply: the key, then the popped elements. */
    static void replyPopped(CommandContext ctx, ListValue list, MpopArgs args) {
        ctx.reply().arrayHeader(2);
        ctx.reply().bulk(list.key());
        popInto(ctx.reply(), list, args.left(), args.count());
        list.save();
        ctx.notifyKeyspaceEvent(LIST, popEvent(args.left()), list.key());
    }

    /** A long in 0..LONG_MAX, with {@code error} for anything else (Redis's getPositiveLongFromObjectOrReply). */
    static long positiveLong(byte[] arg, String error) {
        Long value = Numbers.parseLong(arg);
        if (value == null || value < 0) {
            throw new CommandError(error);
        }
        return value;
    }

    /** The arguments of LMPOP / BLMPOP from numkeys on: keys, LEFT|RIGHT, COUNT. */
    record MpopArgs(List<byte[]> keys, boolean left, long count) {
        static MpopArgs parse(CommandContext ctx, int numkeysIndex) {
            long numkeys = positiveLong(ctx.arg(numkeysIndex), NUMKEYS);
            if (numkeys == 0) {
                throw new CommandError(NUMKEYS);
            }
            if (numkeys >= ctx.argc() - numkeysIndex - 1) {
                throw Errors.syntax();
            }
            int whereIndex = numkeysIndex + (int) numkeys + 1;
            boolean left = end(ctx.arg(whereIndex));
            long count = -1;
            for (int i = whereIndex + 1; i < ctx.argc(); i++) {
                if (count == -1 && ctx.argIs(i, "count") && i + 1 < ctx.argc()) {
                    count = positiveLong(ctx.arg(++i), COUNT_POSITIVE);
                    if (count == 0) {
                        throw new CommandError(COUNT_POSITIVE);
                    }
                } else {
                    throw Errors.syntax();
                }
            }
            List<byte[]> keys = Arrays.asList(ctx.args()).subList(numkeysIndex + 1, whereIndex);
            return new MpopArgs(keys, left, count == -1 ? 1 : count);
        }
    }
}
