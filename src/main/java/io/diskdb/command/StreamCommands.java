package io.diskdb.command;

import io.diskdb.storage.DataType;
import io.diskdb.storage.Metadata;
import io.diskdb.types.StreamEntry;
import io.diskdb.types.StreamId;
import io.diskdb.types.StreamState;
import io.diskdb.types.StreamValue;

import java.util.Arrays;
import java.util.List;

/**
 * XADD, XTRIM, XDEL, XRANGE, XREVRANGE, XLEN and XSETID: the entries of a stream. Reading and
 * consumer groups live in {@link StreamReadCommands}, {@link StreamGroupCommands},
 * {@link StreamClaimCommands} and {@link StreamInfoCommands}.
 */
final class StreamCommands {
    private StreamCommands() {
    }

    static void register(CommandTable table) {
        table.register("xadd", StreamCommands::xadd);
        table.register("xtrim", StreamCommands::xtrim);
        table.register("xdel", StreamCommands::xdel);
        table.register("xrange", ctx -> range(ctx, false));
        table.register("xrevrange", ctx -> range(ctx, true));
        table.register("xlen", StreamCommands::xlen);
        table.register("xsetid", StreamCommands::xsetid);
        StreamReadCommands.register(table);
        StreamGroupCommands.register(table);
        StreamClaimCommands.register(table);
        StreamInfoCommands.register(table);
    }

    /** XADD key [NOMKSTREAM] [MAXLEN|MINID [=|~] threshold [LIMIT count]] *|id field value [field value ...] */
    private static void xadd(CommandContext ctx) {
        StreamTrimArgs args = StreamTrimArgs.parse(ctx, true);
        int fields = ctx.argc() - args.idIndex - 1;
        if (fields < 2 || fields % 2 == 1) {
            throw Errors.wrongArity("xadd");
        }
        if (args.id != null && args.id.seqGiven() && args.id.id().isZero()) {
            throw new CommandError("ERR The ID specified in XADD must be greater than 0-0");
        }
        StreamValue stream = StreamValue.find(ctx.txn(), ctx.db(), ctx.arg(1));
        if (stream == null) {
            if (args.noMkStream) {
                ctx.reply().nullBulk();
                return;
            }
            stream = StreamValue.create(ctx.txn(), ctx.db(), ctx.arg(1));
        }
        StreamId last = stream.state().lastId();
        if (last.isMax()) {
            throw new CommandError("ERR The stream has exhausted the last possible ID, unable to add more items");
        }
        StreamId id = newId(args.id, last, ctx.txn().now());
        stream.append(id, Arrays.asList(ctx.args()).subList(args.idIndex + 1, ctx.argc()));
        if (args.trims()) {
            args.apply(stream);
        }
        stream.save();
        StreamReplies.id(ctx.reply(), id);
    }

    /** The id of a new entry, as Redis's streamAppendItem picks it; an error unless after {@code last}. */
    private static StreamId newId(StreamIdArgs.AddId given, StreamId last, long now) {
        StreamId id;
        if (given == null) {
            id = Long.compareUnsigned(now, last.ms()) > 0 ? new StreamId(now, 0) : last.next();
        } else if (!given.seqGiven() && given.id().ms() == last.ms()) {
            if (last.seq() == -1L) {
                throw tooSmall();
            }
            id = new StreamId(last.ms(), last.seq() + 1);
        } else {
            id = given.id();
        }
        if (!id.after(last)) {
            throw tooSmall();
        }
        return id;
    }

    private static CommandError tooSmall() {
        return new CommandError("ERR The ID specified in XADD is equal or smaller than the target stream top item");
    }

    /** XTRIM key MAXLEN|MINID [=|~] threshold [LIMIT count]: options first, then the key (missing = 0). */
    private static void xtrim(CommandContext ctx) {
        StreamTrimArgs args = StreamTrimArgs.parse(ctx, false);
        StreamValue stream = StreamValue.find(ctx.txn(), ctx.db(), ctx.arg(1));
        if (stream == null) {
            ctx.reply().integer(0);
            return;
        }
        long removed = args.apply(stream);
        if (removed > 0) {
            stream.save();
        }
        ctx.reply().integer(removed);
    }

    /** XDEL key id [id ...]: every id is checked before any is deleted. */
    private static void xdel(CommandContext ctx) {
        StreamValue stream = StreamValue.find(ctx.txn(), ctx.db(), ctx.arg(1));
        if (stream == null) {
            ctx.reply().integer(0);
            return;
        }
        StreamId[] ids = new StreamId[ctx.argc() - 2];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = StreamIdArgs.strict(ctx.arg(i + 2));
        }
        long deleted = 0;
        boolean firstDeleted = false;
        for (StreamId id : ids) {
            if (stream.delete(id)) {
                StreamState state = stream.state();
                firstDeleted |= id.equals(state.firstId());
                if (id.after(state.maxDeletedId())) {
                    stream.state(state.withMaxDeletedId(id));
                }
                deleted++;
            }
        }
        if (deleted > 0) {
            if (stream.length() == 0) {
                stream.state(stream.state().withFirstId(StreamId.MIN));
            } else if (firstDeleted) {
                stream.refreshFirstId();
            }
            stream.save();
        }
        ctx.reply().integer(deleted);
    }

    /** XRANGE key start end [COUNT n] / XREVRANGE key end start [COUNT n]; COUNT 0 replies nil. */
    private static void range(CommandContext ctx, boolean reverse) {
        StreamId start = StreamIdArgs.rangeStart(ctx.arg(reverse ? 3 : 2));
        StreamId end = StreamIdArgs.rangeEnd(ctx.arg(reverse ? 2 : 3));
        long count = -1;
        for (int i = 4; i < ctx.argc(); i++) {
            if (ctx.argIs(i, "count") && i + 1 < ctx.argc()) {
                count = Math.max(0, ctx.longArg(++i));
            } else {
                throw Errors.syntax();
            }
        }
        Metadata meta = ctx.lookupRead(ctx.arg(1), DataType.STREAM);
        if (meta == null) {
            ctx.reply().arrayHeader(0);
            return;
        }
        if (count == 0) {
            ctx.reply().nullArray();
            return;
        }
        List<StreamEntry> entries = StreamValue.of(ctx.txn(), ctx.db(), ctx.arg(1), meta)
                .range(start, end, Math.max(count, 0), reverse);
        StreamReplies.entries(ctx.reply(), entries);
    }

    private static void xlen(CommandContext ctx) {
        Metadata meta = ctx.lookupRead(ctx.arg(1), DataType.STREAM);
        ctx.reply().integer(meta == null ? 0 : meta.count());
    }

    /** XSETID key last-id [ENTRIESADDED entries-added] [MAXDELETEDID max-deleted-id] */
    private static void xsetid(CommandContext ctx) {
        StreamId id = StreamIdArgs.strict(ctx.arg(2));
        long entriesAdded = -1;
        StreamId maxDeleted = StreamId.MIN;
        for (int i = 3; i < ctx.argc(); i++) {
            boolean more = i + 1 < ctx.argc();
            if (ctx.argIs(i, "entriesadded") && more) {
                entriesAdded = ctx.longArg(++i);
                if (entriesAdded < 0) {
                    throw new CommandError("ERR entries_added must be positive");
                }
            } else if (ctx.argIs(i, "maxdeletedid") && more) {
                maxDeleted = StreamIdArgs.strict(ctx.arg(++i));
                if (id.before(maxDeleted)) {
                    throw new CommandError("ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id");
                }
            } else {
                throw Errors.syntax();
            }
        }
        StreamValue stream = StreamValue.find(ctx.txn(), ctx.db(), ctx.arg(1));
        if (stream == null) {
            throw new CommandError(Errors.NO_SUCH_KEY);
        }
        StreamState state = stream.state();
        if (stream.length() > 0) {
            if (id.before(stream.lastEntryId())) {
                throw new CommandError("ERR The ID specified in XSETID is smaller than the target stream top item");
            }
            if (entriesAdded != -1 && stream.length() > entriesAdded) {
                throw new CommandError("ERR The entries_added specified in XSETID is smaller than the target stream length");
            }
        }
        state = state.withLastId(id);
        if (entriesAdded != -1) {
            state = state.withEntriesAdded(entriesAdded);
        }
        if (!maxDeleted.isZero()) {
            state = state.withMaxDeletedId(maxDeleted);
        }
        stream.state(state);
        stream.save();
        ctx.reply().ok();
    }
}
