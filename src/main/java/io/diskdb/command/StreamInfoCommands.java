package io.diskdb.command;

import io.diskdb.protocol.ReplyWriter;
import io.diskdb.storage.DataType;
import io.diskdb.storage.Metadata;
import io.diskdb.types.PendingEntry;
import io.diskdb.types.StreamConsumer;
import io.diskdb.types.StreamEntry;
import io.diskdb.types.StreamGroup;
import io.diskdb.types.StreamGroups;
import io.diskdb.types.StreamId;
import io.diskdb.types.StreamLag;
import io.diskdb.types.StreamState;
import io.diskdb.types.StreamValue;
import io.diskdb.util.Bytes;

import java.util.List;
import java.util.Map;

/**
 * XINFO STREAM [FULL [COUNT n]], XINFO GROUPS, XINFO CONSUMERS and XINFO HELP, in Redis 7.0's
 * shapes (maps, flattened for RESP2).
 *
 * <p>Redis also reports its radix tree's size; DiskDB has no radix tree and reports the tree
 * Redis would build with its default of 100 entries per node: one key per node, and one node
 * more than keys (the root).
 */
final class StreamInfoCommands {
    private static final long ENTRIES_PER_NODE = 100;
    private static final long DEFAULT_FULL_COUNT = 10;

    private StreamInfoCommands() {
    }

    static void register(CommandTable table) {
        table.register("xinfo|stream", StreamInfoCommands::stream);
        table.register("xinfo|groups", StreamInfoCommands::groups);
        table.register("xinfo|consumers", StreamInfoCommands::consumers);
        table.register("xinfo|help", ctx -> HelpReply.write(ctx.reply(), "xinfo",
                "CONSUMERS <key> <groupname>",
                "    Show consumers of <groupname>.",
                "GROUPS <key>",
                "    Show the stream consumer groups.",
                "STREAM <key> [FULL [COUNT <count>]",
                "    Show information about the stream."));
    }

    private static StreamValue find(CommandContext ctx) {
        Metadata meta = ctx.lookupRead(ctx.arg(2), DataType.STREAM);
        if (meta == null) {
            throw new CommandError(Errors.NO_SUCH_KEY);
        }
        return StreamValue.of(ctx.txn(), ctx.db(), ctx.arg(2), meta);
    }

    /** XINFO STREAM key [FULL [COUNT count]] */
    private static void stream(CommandContext ctx) {
        StreamValue stream = find(ctx);
        int options = ctx.argc() - 3;
        boolean full = options > 0;
        long count = DEFAULT_FULL_COUNT;
        if (full) {
            if (options != 1 && options != 3 || !ctx.argIs(3, "full") || options == 3 && !ctx.argIs(4, "count")) {
                throw Errors.subcommandSyntax(ctx);
            }
            if (options == 3) {
                count = ctx.longArg(5);
                if (count < 0) {
                    count = DEFAULT_FULL_COUNT;
                }
            }
        }
        ReplyWriter reply = ctx.reply();
        StreamState state = stream.state();
        reply.mapHeader(full ? 9 : 10);
        long nodes = (stream.length() + ENTRIES_PER_NODE - 1) / ENTRIES_PER_NODE;
        field(reply, "length");
        reply.integer(stream.length());
        field(reply, "radix-tree-keys");
        reply.integer(nodes);
        field(reply, "radix-tree-nodes");
        reply.integer(nodes + 1);
        field(reply, "last-generated-id");
        StreamReplies.id(reply, state.lastId());
        field(reply, "max-deleted-entry-id");
        StreamReplies.id(reply, state.maxDeletedId());
        field(reply, "entries-added");
        reply.integer(state.entriesAdded());
        field(reply, "recorded-first-entry-id");
        StreamReplies.id(reply, state.firstId());
        if (!full) {
            field(reply, "groups");
            reply.integer(state.groups());
            edgeEntry(reply, "first-entry", stream.range(StreamId.MIN, StreamId.MAX, 1, false));
            edgeEntry(reply, "last-entry", stream.range(StreamId.MIN, StreamId.MAX, 1, true));
            return;
        }
        field(reply, "entries");
        StreamReplies.entries(reply, stream.range(StreamId.MIN, StreamId.MAX, count, false));
        field(reply, "groups");
        StreamGroups groups = new StreamGroups(stream);
        List<StreamGroup> all = groups.all();
        reply.arrayHeader(all.size());
        for (StreamGroup group : all) {
            fullGroup(reply, stream, groups, group, count);
        }
    }

    private static void fullGroup(ReplyWriter reply, StreamValue stream, StreamGroups groups, StreamGroup group, long count) {
        reply.mapHeader(7);
        field(reply, "name");
        reply.bulk(group.name());
        field(reply, "last-delivered-id");
        StreamReplies.id(reply, group.lastDelivered());
        readsAndLag(reply, stream, group);
        List<PendingEntry> pending = groups.allPending(group.name());
        field(reply, "pel-count");
        reply.integer(pending.size());
        field(reply, "pending");
        int shown = (int) (count == 0 ? pending.size() : Math.min(count, pending.size()));
        reply.arrayHeader(shown);
        for (PendingEntry entry : pending.subList(0, shown)) {
            reply.arrayHeader(4);
            StreamReplies.id(reply, entry.id());
            reply.bulk(entry.consumer());
            reply.integer(entry.deliveryTime());
            reply.integer(entry.deliveryCount());
        }
        field(reply, "consumers");
        List<StreamConsumer> consumers = groups.consumers(group.name());
        reply.arrayHeader(consumers.size());
        for (StreamConsumer consumer : consumers) {
            List<PendingEntry> own = pending.stream()
                    .filter(entry -> java.util.Arrays.equals(entry.consumer(), consumer.name())).toList();
            reply.mapHeader(4);
            field(reply, "name");
            reply.bulk(consumer.name());
            field(reply, "seen-time");
            reply.integer(consumer.seenTime());
            field(reply, "pel-count");
            reply.integer(own.size());
            field(reply, "pending");
            int ownShown = (int) (count == 0 ? own.size() : Math.min(count, own.size()));
            reply.arrayHeader(ownShown);
            for (PendingEntry entry : own.subList(0, ownShown)) {
                reply.arrayHeader(3);
                StreamReplies.id(reply, entry.id());
                reply.integer(entry.deliveryTime());
                reply.integer(entry.deliveryCount());
            }
        }
    }

    /** XINFO GROUPS key */
    private static void groups(CommandContext ctx) {
        StreamValue stream = find(ctx);
        StreamGroups groups = new StreamGroups(stream);
        List<StreamGroup> all = groups.all();
        ReplyWriter reply = ctx.reply();
        reply.arrayHeader(all.size());
        for (StreamGroup group : all) {
            reply.mapHeader(6);
            field(reply, "name");
            reply.bulk(group.name());
            field(reply, "consumers");
            reply.integer(groups.consumers(group.name()).size());
            field(reply, "pending");
            reply.integer(groups.allPending(group.name()).size());
            field(reply, "last-delivered-id");
            StreamReplies.id(reply, group.lastDelivered());
            readsAndLag(reply, stream, group);
        }
    }

    /** XINFO CONSUMERS key group */
    private static void consumers(CommandContext ctx) {
        StreamValue stream = find(ctx);
        StreamGroups groups = new StreamGroups(stream);
        StreamGroup group = groups.group(ctx.arg(3));
        if (group == null) {
            throw new CommandError("NOGROUP No such consumer group '" + StreamReplies.text(ctx.arg(3))
                    + "' for key name '" + StreamReplies.text(ctx.arg(2)) + "'");
        }
        List<StreamConsumer> consumers = groups.consumers(group.name());
        Map<Bytes, Long> pending = groups.pendingByConsumer(group.name());
        long now = ctx.txn().now();
        ReplyWriter reply = ctx.reply();
        reply.arrayHeader(consumers.size());
        for (StreamConsumer consumer : consumers) {
            reply.mapHeader(3);
            field(reply, "name");
            reply.bulk(consumer.name());
            field(reply, "pending");
            reply.integer(pending.getOrDefault(new Bytes(consumer.name()), 0L));
            field(reply, "idle");
            reply.integer(Math.max(0, now - consumer.seenTime()));
        }
    }

    private static void readsAndLag(ReplyWriter reply, StreamValue stream, StreamGroup group) {
        field(reply, "entries-read");
        if (group.entriesRead() == StreamGroup.UNKNOWN_READS) {
            reply.nullBulk();
        } else {
            reply.integer(group.entriesRead());
        }
        field(reply, "lag");
        Long lag = StreamLag.lag(stream, group);
        if (lag == null) {
            reply.nullBulk();
        } else {
            reply.integer(lag);
        }
    }

    private static void edgeEntry(ReplyWriter reply, String name, List<StreamEntry> entries) {
        field(reply, name);
        if (entries.isEmpty()) {
            reply.nullBulk();
        } else {
            StreamReplies.entry(reply, entries.get(0));
        }
    }

    private static void field(ReplyWriter reply, String name) {
        reply.bulk(name);
    }
}
