package io.diskdb.command;

import io.diskdb.storage.DataType;
import io.diskdb.storage.Metadata;
import io.diskdb.types.PendingEntry;
import io.diskdb.types.StreamGroup;
import io.diskdb.types.StreamGroups;
import io.diskdb.types.StreamId;
import io.diskdb.types.StreamValue;
import io.diskdb.util.Bytes;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** XGROUP (CREATE, SETID, DESTROY, CREATECONSUMER, DELCONSUMER, HELP), XACK and XPENDING. */
final class StreamGroupCommands {
    private StreamGroupCommands() {
    }

    static void register(CommandTable table) {
        table.register("xgroup|create", StreamGroupCommands::create);
        table.register("xgroup|setid", StreamGroupCommands::setId);
        table.register("xgroup|destroy", StreamGroupCommands::destroy);
        table.register("xgroup|createconsumer", StreamGroupCommands::createConsumer);
        table.register("xgroup|delconsumer", StreamGroupCommands::deleteConsumer);
        table.register("xgroup|help", ctx -> HelpReply.write(ctx.reply(), "xgroup",
                "CREATE <key> <groupname> <id|$> [option]",
                "    Create a new consumer group. Options are:",
                "    * MKSTREAM",
                "      Create the empty stream if it does not exist.",
                "    * ENTRIESREAD entries_read",
                "      Set the group's entries_read counter (internal use).",
                "CREATECONSUMER <key> <groupname> <consumer>",
                "    Create a new consumer in the specified group.",
                "DELCONSUMER <key> <groupname> <consumer>",
                "    Remove the specified consumer.",
                "DESTROY <key> <groupname>",
                "    Remove the specified group.",
                "SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]",
                "    Set the current group ID and entries_read counter."));
        table.register("xack", StreamGroupCommands::xack);
        table.register("xpending", StreamGroupCommands::xpending);
    }

    /** XGROUP CREATE key group id|$ [MKSTREAM] [ENTRIESREAD n] */
    private static void create(CommandContext ctx) {
        boolean mkStream = false;
        long entriesRead = StreamGroup.UNKNOWN_READS;
        for (int i = 5; i < ctx.argc(); i++) {
            if (ctx.argIs(i, "mkstream")) {
                mkStream = true;
            } else if (ctx.argIs(i, "entriesread") && i + 1 < ctx.argc()) {
                entriesRead = entriesRead(ctx, ++i);
            } else {
                throw Errors.subcommandSyntax(ctx);
            }
        }
        StreamValue stream = StreamValue.find(ctx.txn(), ctx.db(), ctx.arg(2));
        if (stream == null && !mkStream) {
            throw keyRequired();
        }
        StreamId id;
        if (isDollar(ctx.arg(4))) {
            id = stream == null ? StreamId.MIN : stream.state().lastId();
        } else {
            id = StreamIdArgs.strict(ctx.arg(4));
        }
        if (stream == null) {
            stream = StreamValue.create(ctx.txn(), ctx.db(), ctx.arg(2));
        }
        if (!new StreamGroups(stream).create(ctx.arg(3), id, entriesRead)) {
            throw new CommandError("BUSYGROUP Consumer Group name already exists");
        }
        stream.save();
        ctx.reply().ok();
    }

    /** XGROUP SETID key group id|$ [ENTRIESREAD n] */
    private static void setId(CommandContext ctx) {
        long entriesRead = StreamGroup.UNKNOWN_READS;
        if (ctx.argc() == 7) {
            if (!ctx.argIs(5, "entriesread")) {
                throw Errors.subcommandSyntax(ctx);
            }
            entriesRead = entriesRead(ctx, 6);
        } else if (ctx.argc() != 5) {
            throw Errors.subcommandSyntax(ctx);
        }
        Target target = target(ctx, true);
        StreamId id = isDollar(ctx.arg(4)) ? target.stream.state().lastId() : StreamIdArgs.lenient(ctx.arg(4), 0);
        target.groups.save(new StreamGroup(target.group.name(), id, entriesRead));
        ctx.reply().ok();
    }

    /** XGROUP DESTROY key group: 1 if the group existed. */
    private static void destroy(CommandContext ctx) {
        Target target = target(ctx, false);
        if (target.groups.destroy(ctx.arg(3))) {
            target.stream.save(); // the group count changes, which also wakes its blocked readers
            ctx.reply().integer(1);
        } else {
            ctx.reply().integer(0);
        }
    }

    /** XGROUP CREATECONSUMER key group consumer: 1 if created. */
    private static void createConsumer(CommandContext ctx) {
        Target target = target(ctx, true);
        ctx.reply().integer(target.groups.createConsumer(ctx.arg(3), ctx.arg(4), ctx.txn().now()) ? 1 : 0);
    }

    /** XGROUP DELCONSUMER key group consumer: the number of entries it still had pending. */
    private static void deleteConsumer(CommandContext ctx) {
        Target target = target(ctx, true);
        if (target.groups.consumer(ctx.arg(3), ctx.arg(4)) == null) {
            ctx.reply().integer(0);
            return;
        }
        ctx.reply().integer(target.groups.deleteConsumer(ctx.arg(3), ctx.arg(4)));
    }

    private record Target(StreamValue stream, StreamGroups groups, StreamGroup group) {
    }

    /** The key (which must exist) and, when {@code groupRequired}, the group of an XGROUP subcommand. */
    private static Target target(CommandContext ctx, boolean groupRequired) {
        StreamValue stream = StreamValue.find(ctx.txn(), ctx.db(), ctx.arg(2));
        if (stream == null) {
            throw keyRequired();
        }
        StreamGroups groups = new StreamGroups(stream);
        StreamGroup group = groups.group(ctx.arg(3));
        if (group == null && groupRequired) {
            throw new CommandError("NOGROUP No such consumer group '" + StreamReplies.text(ctx.arg(3))
                    + "' for key name '" + StreamReplies.text(ctx.arg(2)) + "'");
        }
        return new Target(stream, groups, group);
    }

    private static long entriesRead(CommandContext ctx, int index) {
        long value = ctx.longArg(index);
        if (value < 0 && value != StreamGroup.UNKNOWN_READS) {
            throw new CommandError("ERR value for ENTRIESREAD must be positive or -1");
        }
        return value;
    }

    private static boolean isDollar(byte[] arg) {
        return arg.length == 1 && arg[0] == '$';
    }

    private static CommandError keyRequired() {
        return new CommandError("ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may "
                + "want to use the MKSTREAM option to create an empty stream automatically.");
    }

    /** XACK key group id [id ...]: how many of the ids were pending. */
    private static void xack(CommandContext ctx) {
        Metadata meta = ctx.lookupRead(ctx.arg(1), DataType.STREAM);
        StreamGroups groups = meta == null ? null : new StreamGroups(StreamValue.of(ctx.txn(), ctx.db(), ctx.arg(1), meta));
        StreamGroup group = groups == null ? null : groups.group(ctx.arg(2));
        if (group == null) {
            ctx.reply().integer(0);
            return;
        }
        StreamId[] ids = new StreamId[ctx.argc() - 3];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = StreamIdArgs.strict(ctx.arg(i + 3));
        }
        long acknowledged = 0;
        for (StreamId id : ids) {
            if (groups.pending(group.name(), id) != null) {
                groups.deletePending(group.name(), id);
                acknowledged++;
            }
        }
        ctx.reply().integer(acknowledged);
    }

    /** XPENDING key group [[IDLE min-idle] start end count [consumer]] */
    private static void xpending(CommandContext ctx) {
        int argc = ctx.argc();
        boolean summary = argc == 3;
        if (!summary && (argc < 6 || argc > 9)) {
            throw Errors.syntax();
        }
        long minIdle = 0;
        long count = 0;
        StreamId start = null;
        StreamId end = null;
        byte[] consumer = null;
        if (!summary) {
            int at = 3;
            if (ctx.argIs(3, "idle")) {
                minIdle = ctx.longArg(4);
                if (argc < 8) {
                    throw Errors.syntax();
                }
                at += 2;
            }
            count = Math.max(0, ctx.longArg(at + 2));
            start = StreamIdArgs.rangeStart(ctx.arg(at));
            end = StreamIdArgs.rangeEnd(ctx.arg(at + 1));
            if (at + 3 < argc) {
                consumer = ctx.arg(at + 3);
            }
        }
        Metadata meta = ctx.lookupRead(ctx.arg(1), DataType.STREAM);
        StreamGroups groups = meta == null ? null : new StreamGroups(StreamValue.of(ctx.txn(), ctx.db(), ctx.arg(1), meta));
        StreamGroup group = groups == null ? null : groups.group(ctx.arg(2));
        if (group == null) {
            throw StreamReplies.noGroup(ctx.arg(1), ctx.arg(2));
        }
        if (summary) {
            pendingSummary(ctx, groups, group);
            return;
        }
        if (consumer != null && groups.consumer(group.name(), consumer) == null) {
            ctx.reply().arrayHeader(0);
            return;
        }
        long now = ctx.txn().now();
        byte[] owner = consumer;
        long idle = minIdle;
        List<PendingEntry> entries = count == 0 ? List.of() : groups.pendingRange(group.name(), start, end, count,
                entry -> (owner == null || Arrays.equals(entry.consumer(), owner)) && (idle == 0 || entry.idle(now) >= idle));
        ctx.reply().arrayHeader(entries.size());
        for (PendingEntry entry : entries) {
            ctx.reply().arrayHeader(4);
            StreamReplies.id(ctx.reply(), entry.id());
            ctx.reply().bulk(entry.consumer());
            ctx.reply().integer(entry.idle(now));
            ctx.reply().integer(entry.deliveryCount());
        }
    }

    /** [count, smallest id, greatest id, [[consumer, count as a bulk string], ...]] */
    private static void pendingSummary(CommandContext ctx, StreamGroups groups, StreamGroup group) {
        List<PendingEntry> all = groups.allPending(group.name());
        ctx.reply().arrayHeader(4);
        ctx.reply().integer(all.size());
        if (all.isEmpty()) {
            ctx.reply().nullBulk();
            ctx.reply().nullBulk();
            ctx.reply().nullArray();
            return;
        }
        StreamReplies.id(ctx.reply(), all.get(0).id());
        StreamReplies.id(ctx.reply(), all.get(all.size() - 1).id());
        Map<Bytes, Long> byConsumer = new java.util.TreeMap<>(groups.pendingByConsumer(group.name()));
        ctx.reply().arrayHeader(byConsumer.size());
        for (Map.Entry<Bytes, Long> entry : byConsumer.entrySet()) {
            ctx.reply().arrayHeader(2);
            ctx.reply().bulk(entry.getKey().array());
            ctx.reply().bulkDecimal(entry.getValue());
        }
    }
}
