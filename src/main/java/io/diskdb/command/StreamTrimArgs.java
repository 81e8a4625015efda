package io.diskdb.command;

import io.diskdb.types.StreamId;
import io.diskdb.types.StreamValue;

/**
 * The options XADD and XTRIM share, parsed as Redis 7.0's streamParseAddOrTrimArgsOrReply:
 * MAXLEN|MINID [=|~] threshold [LIMIT count], and for XADD NOMKSTREAM and the id, which ends
 * the options.
 *
 * <p>Redis trims approximately ({@code ~}) by dropping whole radix-tree nodes, of 100 entries
 * (stream-node-max-entries) when XADD filled them. DiskDB has no nodes; it removes the largest
 * multiple of 100 entries the exact trim would, within LIMIT (10,000 by default, Redis's
 * 100 x stream-node-max-entries), which is what Redis does for a stream XADD built.
 */
final class StreamTrimArgs {
    private static final long NODE_ENTRIES = 100;
    private static final long DEFAULT_APPROX_LIMIT = 100 * NODE_ENTRIES;

    Long maxLength;
    StreamId minId;
    boolean approximate;
    long limit;
    boolean noMkStream;
    /** XADD: the id argument's index (the fields follow it); its parsed form. */
    int idIndex = -1;
    StreamIdArgs.AddId id;

    boolean trims() {
        return maxLength != null || minId != null;
    }

    /** Removes what the options say from the head of the stream; returns how many entries went. */
    long apply(StreamValue stream) {
        return stream.trim(maxLength, minId, limit, approximate ? NODE_ENTRIES : 0);
    }

    static StreamTrimArgs parse(CommandContext ctx, boolean xadd) {
        StreamTrimArgs args = new StreamTrimArgs();
        boolean limitGiven = false;
        int argc = ctx.argc();
        int i = 2;
        for (; i < argc; i++) {
            int moreArgs = argc - 1 - i;
            byte[] opt = ctx.arg(i);
            if (xadd && opt.length == 1 && opt[0] == '*') {
                args.idIndex = i;
                break;
            } else if (ctx.argIs(i, "maxlen") && moreArgs > 0) {
                i = args.threshold(ctx, i, moreArgs, true);
            } else if (ctx.argIs(i, "minid") && moreArgs > 0) {
                i = args.threshold(ctx, i, moreArgs, false);
            } else if (ctx.argIs(i, "limit") && moreArgs > 0) {
                args.limit = ctx.longArg(i + 1);
                if (args.limit < 0) {
                    throw new CommandError("ERR The LIMIT argument must be >= 0.");
                }
                limitGiven = true;
                i++;
            } else if (xadd && ctx.argIs(i, "nomkstream")) {
                args.noMkStream = true;
            } else if (xadd) {
                args.id = StreamIdArgs.forAdd(opt);
                args.idIndex = i;
                break;
            } else {
                throw Errors.syntax();
            }
        }
        if (args.limit != 0 && !args.trims()) {
            throw new CommandError("ERR syntax error, LIMIT cannot be used without specifying a trimming strategy");
        }
        if (!xadd && !args.trims()) {
            throw new CommandError("ERR syntax error, XTRIM must be called with a trimming strategy");
        }
        if (limitGiven) {
            if (!args.approximate) {
                throw new CommandError("ERR syntax error, LIMIT cannot be used without the special ~ option");
            }
        } else {
            args.limit = args.approximate ? DEFAULT_APPROX_LIMIT : 0;
        }
        if (xadd && args.idIndex < 0) {
            args.idIndex = argc; // no id: the arity check of XADD reports it
        }
        return args;
    }

    /** MAXLEN/MINID [=|~] threshold at {@code i}; returns the index of the threshold. */
    private int threshold(CommandContext ctx, int i, int moreArgs, boolean maxlen) {
        if (trims()) {
            throw new CommandError("ERR syntax error, MAXLEN and MINID options at the same time are not compatible");
        }
        approximate = false;
        byte[] next = ctx.arg(i + 1);
        if (moreArgs >= 2 && next.length == 1 && (next[0] == '~' || next[0] == '=')) {
            approximate = next[0] == '~';
            i++;
        }
        if (maxlen) {
            long value = ctx.longArg(i + 1);
            if (value < 0) {
                throw new CommandError("ERR The MAXLEN argument must be >= 0.");
            }
            maxLength = value;
        } else {
            minId = StreamIdArgs.strict(ctx.arg(i + 1));
        }
        return i + 1;
    }
}
