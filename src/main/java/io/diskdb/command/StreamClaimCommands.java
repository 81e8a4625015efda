package io.diskdb.command;

import io.diskdb.storage.DataType;
import io.diskdb.storage.Metadata;
import io.diskdb.types.PendingEntry;
import io.diskdb.types.StreamEntry;
import io.diskdb.types.StreamGroup;
import io.diskdb.types.StreamGroups;
import io.diskdb.types.StreamId;
import io.diskdb.types.StreamValue;

import java.util.ArrayList;
import java.util.List;

/**
 * XCLAIM and XAUTOCLAIM: pending entries change owner. A pending entry whose stream entry was
 * deleted is dropped from the PEL instead (XAUTOCLAIM lists those ids in its third element).
 */
final class StreamClaimCommands {
    /** XAUTOCLAIM looks at no more than COUNT x 10 pending entries per call, as Redis. */
    private static final long ATTEMPTS_FACTOR = 10;

    private StreamClaimCommands() {
    }

    static void register(CommandTable table) {
        table.register("xclaim", StreamClaimCommands::xclaim);
        table.register("xautoclaim", StreamClaimCommands::xautoclaim);
    }

    private record Target(StreamValue stream, StreamGroups groups, StreamGroup group) {
    }

    private static Target target(CommandContext ctx) {
        Metadata meta = ctx.lookupRead(ctx.arg(1), DataType.STREAM);
        StreamValue stream = meta == null ? null : StreamValue.of(ctx.txn(), ctx.db(), ctx.arg(1), meta);
        StreamGroups groups = stream == null ? null : new StreamGroups(stream);
        StreamGroup group = groups == null ? null : groups.group(ctx.arg(2));
        if (group == null) {
            throw StreamReplies.noGroup(ctx.arg(1), ctx.arg(2));
        }
        return new Target(stream, groups, group);
    }

    /**
     * XCLAIM key group consumer min-idle-time id [id ...] [IDLE ms] [TIME unix-ms] [RETRYCOUNT n]
     * [FORCE] [JUSTID] [LASTID id]
     */
    private static void xclaim(CommandContext ctx) {
        Target target = target(ctx);
        long minIdle = Math.max(0, longOption(ctx, 4, "Invalid min-idle-time argument for XCLAIM"));
        List<StreamId> ids = new ArrayList<>();
        int i = 5;
        for (; i < ctx.argc(); i++) {
            StreamId id = StreamIdArgs.strictOrNull(ctx.arg(i));
            if (id == null) {
                break;
            }
            ids.add(id);
        }
        long now = ctx.txn().now();
        long deliveryTime = -1;
        long retryCount = -1;
        boolean force = false;
        boolean justId = false;
        StreamId lastId = StreamId.MIN;
        for (; i < ctx.argc(); i++) {
            boolean more = i + 1 < ctx.argc();
            if (ctx.argIs(i, "force")) {
                force = true;
            } else if (ctx.argIs(i, "justid")) {
                justId = true;
            } else if (ctx.argIs(i, "idle") && more) {
                deliveryTime = now - longOption(ctx, ++i, "Invalid IDLE option argument for XCLAIM");
            } else if (ctx.argIs(i, "time") && more) {
                deliveryTime = longOption(ctx, ++i, "Invalid TIME option argument for XCLAIM");
            } else if (ctx.argIs(i, "retrycount") && more) {
                retryCount = longOption(ctx, ++i, "Invalid RETRYCOUNT option argument for XCLAIM");
            } else if (ctx.argIs(i, "lastid") && more) {
                lastId = StreamIdArgs.strict(ctx.arg(++i));
            } else {
                throw new CommandError("ERR Unrecognized XCLAIM option '" + ctx.argString(i) + "'");
            }
        }
        StreamGroup group = target.group;
        if (lastId.after(group.lastDelivered())) {
            group = group.withLastDelivered(lastId, group.entriesRead());
            target.groups.save(group);
        }
        if (deliveryTime < 0 || deliveryTime > now) {
            deliveryTime = now; // a bogus time is not worth an error, as in Redis
        }
        byte[] name = ctx.arg(3);
        byte[] groupName = group.name();
        boolean consumerTouched = false;
        List<Object> claimed = new ArrayList<>();
        for (StreamId id : ids) {
            PendingEntry pending = target.groups.pending(groupName, id);
            StreamEntry entry = target.stream.entry(id);
            if (entry == null) {
                if (pending != null) {
                    target.groups.deletePending(groupName, id);
                }
                continue;
            }
            boolean created = false;
            if (pending == null) {
                if (!force) {
                    continue;
                }
                pending = new PendingEntry(id, null, now, 1);
                created = true;
            }
            if (!created && minIdle > 0 && now - pending.deliveryTime() < minIdle) {
                continue;
            }
            if (!consumerTouched) {
                target.groups.touchConsumer(groupName, name, now);
                consumerTouched = true;
            }
            long deliveries = retryCount >= 0 ? retryCount : justId ? pending.deliveryCount() : pending.deliveryCount() + 1;
            target.groups.putPending(groupName, new PendingEntry(id, name, deliveryTime, deliveries));
            claimed.add(justId ? id : entry);
        }
        ctx.reply().arrayHeader(claimed.size());
        for (Object one : claimed) {
            if (one instanceof StreamId id) {
                StreamReplies.id(ctx.reply(), id);
            } else {
                StreamReplies.entry(ctx.reply(), (StreamEntry) one);
            }
        }
    }

    /** XAUTOCLAIM key group consumer min-idle-time start [COUNT count] [JUSTID]: [cursor, claimed, deleted ids] */
    private static void xautoclaim(CommandContext ctx) {
        long minIdle = Math.max(0, longOption(ctx, 4, "Invalid min-idle-time argument for XAUTOCLAIM"));
        StreamId start = StreamIdArgs.rangeStart(ctx.arg(5));
        long count = 100;
        boolean justId = false;
        for (int i = 6; i < ctx.argc(); i++) {
            if (ctx.argIs(i, "count") && i + 1 < ctx.argc()) {
                Long value = Numbers.parseLong(ctx.arg(++i));
                if (value == null || value < 1 || value > Long.MAX_VALUE / 16) {
                    throw new CommandError("ERR COUNT must be > 0");
                }
                count = value;
            } else if (ctx.argIs(i, "justid")) {
                justId = true;
            } else {
                throw Errors.syntax();
            }
        }
        Target target = target(ctx);
        byte[] groupName = target.group.name();
        byte[] name = ctx.arg(3);
        long now = ctx.txn().now();
        long attempts = count * ATTEMPTS_FACTOR;
        // Read one past what the attempts can visit: that one is the cursor of the next call.
        List<PendingEntry> window = target.groups.pendingRange(groupName, start, StreamId.MAX, attempts + 1, null);
        List<Object> claimed = new ArrayList<>();
        List<StreamId> deleted = new ArrayList<>();
        boolean consumerTouched = false;
        int visited = 0;
        while (attempts-- > 0 && count > 0 && visited < window.size()) {
            PendingEntry pending = window.get(visited++);
            StreamEntry entry = target.stream.entry(pending.id());
            if (entry == null) {
                target.groups.deletePending(groupName, pending.id());
                deleted.add(pending.id());
                count--;
                continue;
            }
            if (minIdle > 0 && now - pending.deliveryTime() < minIdle) {
                continue;
            }
            if (!consumerTouched) {
                target.groups.touchConsumer(groupName, name, now);
                consumerTouched = true;
            }
            long deliveries = justId ? pending.deliveryCount() : pending.deliveryCount() + 1;
            target.groups.putPending(groupName, new PendingEntry(pending.id(), name, now, deliveries));
            claimed.add(justId ? pending.id() : entry);
            count--;
        }
        StreamId cursor = visited < window.size() ? window.get(visited).id() : StreamId.MIN;
        ctx.reply().arrayHeader(3);
        StreamReplies.id(ctx.reply(), cursor);
        ctx.reply().arrayHeader(claimed.size());
        for (Object one : claimed) {
            if (one instanceof StreamId id) {
                StreamReplies.id(ctx.reply(), id);
            } else {
                StreamReplies.entry(ctx.reply(), (StreamEntry) one);
            }
        }
        ctx.reply().arrayHeader(deleted.size());
        for (StreamId id : deleted) {
            StreamReplies.id(ctx.reply(), id);
        }
    }

    /** An integer option whose error Redis words per option. */
    private static long longOption(CommandContext ctx, int index, String error) {
        Long value = Numbers.parseLong(ctx.arg(index));
        if (value == null) {
            throw new CommandError("ERR " + error);
        }
        return value;
    }
}
