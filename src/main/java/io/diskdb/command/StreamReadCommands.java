package io.diskdb.command;

import io.diskdb.blocking.Blocking;
import io.diskdb.blocking.Readiness;
import io.diskdb.protocol.ReplyWriter;
import io.diskdb.storage.DataType;
import io.diskdb.storage.Metadata;
import io.diskdb.types.StreamEntry;
import io.diskdb.types.StreamGroup;
import io.diskdb.types.StreamGroups;
import io.diskdb.types.StreamId;
import io.diskdb.types.StreamState;
import io.diskdb.types.StreamValue;
import io.diskdb.util.Bytes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * XREAD and XREADGROUP, with BLOCK. The first run serves every stream that has something, as
 * Redis does; otherwise the client parks until a commit makes one of its streams ready, and
 * the retry serves that one stream (Redis answers a woken reader with the stream that woke
 * it), at most COUNT or 1,000 entries (Redis's XREAD_BLOCKED_DEFAULT_COUNT).
 *
 * <p>{@code $} means "after the last id when the command arrived": a parked XREAD keeps the
 * resolved ids in the arguments its retries run with.
 */
final class StreamReadCommands {
    private static final long BLOCKED_DEFAULT_COUNT = 1000;
    /** Marks {@code >} ("entries never delivered to the group") among the ids, as Redis does. */
    private static final StreamId NEW_ENTRIES = StreamId.MAX;

    private StreamReadCommands() {
    }

    static void register(CommandTable table) {
        table.register("xread", ctx -> read(ctx, false));
        table.register("xreadgroup", ctx -> read(ctx, true));
    }

    /** The parsed options; {@code streamsAt} is the index of the first key. */
    private static final class Options {
        long timeout = -1;
        long count;
        int streamsAt;
        int streams;
        byte[] group;
        byte[] consumer;
        boolean noAck;
    }

    private record Served(byte[] key, List<StreamEntry> entries) {
    }

    private static void read(CommandContext ctx, boolean grouped) {
        Options opts = parse(ctx, grouped);
        boolean retry = Blocking.isRetry(ctx);
        StreamValue[] streams = new StreamValue[opts.streams];
        StreamGroup[] groups = new StreamGroup[opts.streams];
        StreamId[] ids = new StreamId[opts.streams];
        for (int i = 0; i < opts.streams; i++) {
            byte[] key = ctx.arg(opts.streamsAt + i);
            byte[] idArg = ctx.arg(opts.streamsAt + opts.streams + i);
            streams[i] = lookup(ctx, key, grouped, retry);
            if (grouped) {
                groups[i] = group(streams[i], key, opts.group, retry);
            }
            ids[i] = resolveId(idArg, streams[i], grouped);
        }
        List<Served> served = new ArrayList<>();
        for (int i = 0; i < opts.streams && !(retry && !served.isEmpty()); i++) {
            if (streams[i] == null) {
                continue;
            }
            long count = retry && opts.count == 0 ? BLOCKED_DEFAULT_COUNT : opts.count;
            List<StreamEntry> entries = grouped ? serveGroup(ctx, streams[i], groups[i], ids[i], opts, count)
                    : serveNew(streams[i], ids[i], count);
            if (entries != null) {
                served.add(new Served(streams[i].key(), entries));
            }
        }
        if (!served.isEmpty()) {
            reply(ctx.reply(), served);
            return;
        }
        if (opts.timeout < 0) {
            ctx.reply().nullArray();
            return;
        }
        List<byte[]> keys = Arrays.asList(ctx.args()).subList(opts.streamsAt, opts.streamsAt + opts.streams);
        Blocking.block(ctx, keys, readiness(ctx, streams, groups, ids, opts), opts.timeout, ReplyWriter::nullArray,
                retryArgs(ctx, ids, opts, grouped));
    }

    private static Options parse(CommandContext ctx, boolean grouped) {
        Options opts = new Options();
        for (int i = 1; i < ctx.argc(); i++) {
            int moreArgs = ctx.argc() - i - 1;
            if (ctx.argIs(i, "block") && moreArgs > 0) {
                opts.timeout = blockTimeout(ctx.arg(++i));
            } else if (ctx.argIs(i, "count") && moreArgs > 0) {
                opts.count = Math.max(0, ctx.longArg(++i));
            } else if (ctx.argIs(i, "streams") && moreArgs > 0) {
                opts.streamsAt = i + 1;
                int rest = ctx.argc() - opts.streamsAt;
                if (rest % 2 != 0) {
                    // Redis 7.0 names XREAD and '$' for XREADGROUP too
                    throw new CommandError("ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.");
                }
                opts.streams = rest / 2;
                break;
            } else if (ctx.argIs(i, "group") && moreArgs >= 2) {
                if (!grouped) {
                    throw new CommandError("ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.");
                }
                opts.group = ctx.arg(i + 1);
                opts.consumer = ctx.arg(i + 2);
                i += 2;
            } else if (ctx.argIs(i, "noack")) {
                if (!grouped) {
                    throw new CommandError("ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.");
                }
                opts.noAck = true;
            } else {
                throw Errors.syntax();
            }
        }
        if (opts.streamsAt == 0) {
            throw Errors.syntax();
        }
        if (grouped && opts.group == null) {
            throw new CommandError("ERR Missing GROUP option for XREADGROUP");
        }
        return opts;
    }

    /** BLOCK milliseconds: an integer, as Redis's getTimeoutFromObjectOrReply with UNIT_MILLISECONDS. */
    private static long blockTimeout(byte[] arg) {
        Long millis = Numbers.parseLong(arg);
        if (millis == null) {
            throw new CommandError("ERR timeout is not an integer or out of range");
        }
        if (millis < 0) {
            throw new CommandError("ERR timeout is negative");
        }
        return millis;
    }

    /**
     * The stream at {@code key}, or null. WRONGTYPE on a first run; on a retry a stream reader
     * just finds nothing there, while a group reader learns its stream is gone (Redis 7.0 unblocks
     * it with an error when the key is deleted or overwritten).
     */
    private static StreamValue lookup(CommandContext ctx, byte[] key, boolean grouped, boolean retry) {
        Metadata meta = retry ? ctx.txn().meta(ctx.db(), key) : ctx.lookupRead(key, DataType.STREAM);
        if (meta != null && meta.type() != DataType.STREAM) {
            meta = null;
        }
        if (meta == null && retry && grouped) {
            throw new CommandError("UNBLOCKED the stream key no longer exists");
        }
        return meta == null ? null : StreamValue.of(ctx.txn(), ctx.db(), key, meta);
    }

    private static StreamGroup group(StreamValue stream, byte[] key, byte[] name, boolean retry) {
        StreamGroup group = stream == null ? null : new StreamGroups(stream).group(name);
        if (group == null) {
            if (retry) {
                throw new CommandError("NOGROUP the consumer group this client was blocked on no longer exists");
            }
            throw new CommandError("NOGROUP No such key '" + StreamReplies.text(key) + "' or consumer group '"
                    + StreamReplies.text(name) + "' in XREADGROUP with GROUP option");
        }
        return group;
    }

    private static StreamId resolveId(byte[] arg, StreamValue stream, boolean grouped) {
        if (arg.length == 1 && arg[0] == '$') {
            if (grouped) {
                throw new CommandError("ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the "
                        + "history of this consumer by specifying a proper ID, or use the > ID to get new messages. "
                        + "The $ ID would just return an empty result set.");
            }
            return stream == null ? StreamId.MIN : stream.state().lastId();
        }
        if (arg.length == 1 && arg[0] == '>') {
            if (!grouped) {
                throw new CommandError("ERR The > ID can be specified only when calling XREADGROUP using the GROUP "
                        + "<group> <consumer> option.");
            }
            return NEW_ENTRIES;
        }
        return StreamIdArgs.strict(arg);
    }

    /** XREAD: the entries after {@code after}, or null when there are none. */
    private static List<StreamEntry> serveNew(StreamValue stream, StreamId after, long count) {
        StreamId last = stream.lastEntryId();
        if (last == null || !last.after(after)) {
            return null;
        }
        return stream.range(after.next(), StreamId.MAX, count, false);
    }

    /**
     * XREADGROUP: with an id, the consumer's own pending entries after it (always served, maybe
     * empty); with {@code >}, the entries the group has not been given yet, or null when none.
     */
    private static List<StreamEntry> serveGroup(CommandContext ctx, StreamValue stream, StreamGroup group, StreamId id,
                                                Options opts, long count) {
        StreamGroups groups = new StreamGroups(stream);
        long now = ctx.txn().now();
        if (!id.equals(NEW_ENTRIES)) {
            groups.touchConsumer(group.name(), opts.consumer, now);
            return groups.deliverHistory(group.name(), opts.consumer, id, count, now);
        }
        StreamId last = stream.lastEntryId();
        if (last == null || !last.after(group.lastDelivered())) {
            return null;
        }
        groups.touchConsumer(group.name(), opts.consumer, now);
        return groups.deliverNew(group, opts.consumer, count, opts.noAck, now);
    }

    /** RESP2: [[key, entries], ...]; RESP3: a map of key to entries. */
    private static void reply(ReplyWriter reply, List<Served> served) {
        if (reply.resp3()) {
            reply.mapHeader(served.size());
        } else {
            reply.arrayHeader(served.size());
        }
        for (Served one : served) {
            if (!reply.resp3()) {
                reply.arrayHeader(2);
            }
            reply.bulk(one.key());
            StreamReplies.entries(reply, one.entries());
        }
    }

    /**
     * When a changed stream may serve this reader: an XREAD when the stream's last id passed the
     * id it holds; an XREADGROUP also when the stream went away or its groups changed, so that
     * it can answer with the error Redis 7.0 gives.
     */
    private static Readiness readiness(CommandContext ctx, StreamValue[] streams, StreamGroup[] groups, StreamId[] ids,
                                       Options opts) {
        Map<Bytes, StreamId> after = new HashMap<>();
        Map<Bytes, Long> groupCounts = new HashMap<>();
        for (int i = 0; i < opts.streams; i++) {
            Bytes key = new Bytes(ctx.arg(opts.streamsAt + i));
            after.putIfAbsent(key, groups[i] != null ? groups[i].lastDelivered() : ids[i]);
            groupCounts.putIfAbsent(key, streams[i] == null ? 0 : streams[i].state().groups());
        }
        boolean grouped = opts.group != null;
        return (key, meta) -> {
            if (meta == null || meta.type() != DataType.STREAM) {
                return grouped;
            }
            StreamState state = StreamState.decode(meta.extra());
            StreamId held = after.get(key);
            return held != null && state.lastId().after(held)
                    || grouped && state.groups() != groupCounts.getOrDefault(key, 0L);
        };
    }

    /** XREAD's arguments with each {@code $} replaced by the id it stood for when the client parked. */
    private static byte[][] retryArgs(CommandContext ctx, StreamId[] ids, Options opts, boolean grouped) {
        byte[][] args = ctx.args();
        if (grouped) {
            return args;
        }
        byte[][] resolved = args.clone();
        for (int i = 0; i < opts.streams; i++) {
            int at = opts.streamsAt + opts.streams + i;
            if (args[at].length == 1 && args[at][0] == '$') {
                resolved[at] = ids[i].toString().getBytes(StandardCharsets.US_ASCII);
            }
        }
        return resolved;
    }
}
