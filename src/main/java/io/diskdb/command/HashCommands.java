package io.diskdb.command;

import static io.diskdb.config.KeyspaceEvents.HASH;

import io.diskdb.config.Settings;
import io.diskdb.protocol.LongDouble;
import io.diskdb.protocol.ReplyWriter;
import io.diskdb.storage.DataType;
import io.diskdb.storage.Metadata;
import io.diskdb.types.FloatIncrement;
import io.diskdb.types.HashRandom;
import io.diskdb.types.Hashes;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The hash commands, replying and failing exactly as Redis 7.0 does, in Redis's order of checks
 * (an argument Redis parses before looking the key up fails before WRONGTYPE).
 *
 * <p>Read commands look keys up like Redis's lookupKeyRead (counting keyspace hits and misses);
 * write commands do not.
 */
public final class HashCommands {
    private static final String HASH_NOT_INTEGER = "ERR hash value is not an integer";
    private static final String HASH_NOT_FLOAT = "ERR hash value is not a float";
    private static final String INCREMENT_NAN_OR_INFINITY = "ERR value is NaN or Infinity";

    private HashCommands() {
    }

    public static void register(CommandTable table) {
        table.register("hset", ctx -> ctx.reply().integer(setPairs(ctx)));
        table.register("hmset", ctx -> {
            setPairs(ctx);
            ctx.reply().ok();
        });
        table.register("hsetnx", HashCommands::hsetnx);
        table.register("hget", HashCommands::hget);
        table.register("hmget", HashCommands::hmget);
        table.register("hgetall", HashCommands::hgetall);
        table.register("hkeys", ctx -> fieldsOrValues(ctx, true));
        table.register("hvals", ctx -> fieldsOrValues(ctx, false));
        table.register("hdel", HashCommands::hdel);
        table.register("hexists", ctx -> ctx.reply().integer(value(ctx) != null ? 1 : 0));
        table.register("hlen", HashCommands::hlen);
        table.register("hstrlen", ctx -> {
            byte[] value = value(ctx);
            ctx.reply().integer(value == null ? 0 : value.length);
        });
        table.register("hincrby", HashCommands::hincrby);
        table.register("hincrbyfloat", HashCommands::hincrbyfloat);
        table.register("hrandfield", HashCommands::hrandfield);
        table.register("hscan", HashCommands::hscan);
    }

    private static Metadata readHash(CommandContext ctx) {
        return ctx.lookupRead(ctx.arg(1), DataType.HASH);
    }

    private static Hashes.Limits limits(CommandContext ctx) {
        Settings settings = ctx.server().settings();
        return new Hashes.Limits(settings.getHashMaxListpackEntries(), settings.getHashMaxListpackValue());
    }

    private static Hashes.Editor openOrCreate(CommandContext ctx) {
        return Hashes.openOrCreate(ctx.txn(), ctx.db(), ctx.arg(1), limits(ctx));
    }

    /** HSET and HMSET key field value [field value ...]: returns the number of fields created. */
    private static long setPairs(CommandContext ctx) {
        if (ctx.argc() % 2 != 0) {
            throw Errors.wrongArity(ctx.spec().name()); // the table's arity cannot say "pairs"
        }
        Hashes.Editor hash = openOrCreate(ctx);
        long created = 0;
        for (int i = 2; i < ctx.argc(); i += 2) {
            if (hash.set(ctx.arg(i), ctx.arg(i + 1))) {
                created++;
            }
        }
        hash.save();
        ctx.notifyKeyspaceEvent(HASH, "hset", ctx.arg(1));
        return created;
    }

    static void hsetnx(CommandContext ctx) {
        Hashes.Editor hash = openOrCreate(ctx);
        if (hash.get(ctx.arg(2)) != null) {
            ctx.reply().integer(0);
            return;
        }
        hash.set(ctx.arg(2), ctx.arg(3));
        hash.save();
        ctx.notifyKeyspaceEvent(HASH, "hset", ctx.arg(1));
        ctx.reply().integer(1);
    }

    /** The value of field argv[2] (HGET, HEXISTS, HSTRLEN), null when the key or field is missing. */
    private static byte[] value(CommandContext ctx) {
        return Hashes.get(ctx.txn(), readHash(ctx), ctx.arg(2));
    }

    static void hget(CommandContext ctx) {
        ctx.reply().bulk(value(ctx));
    }

    static void hmget(CommandContext ctx) {
        Metadata hash = readHash(ctx);
        ctx.reply().arrayHeader(ctx.argc() - 2);
        for (int i = 2; i < ctx.argc(); i++) {
            ctx.reply().bulk(Hashes.get(ctx.txn(), hash, ctx.arg(i)));
        }
    }

    static void hgetall(CommandContext ctx) {
        List<Hashes.Entry> entries = Hashes.entries(ctx.txn(), readHash(ctx));
        ReplyWriter reply = ctx.reply();
        reply.mapHeader(entries.size());
        for (Hashes.Entry entry : entries) {
            reply.bulk(entry.field());
            reply.bulk(entry.value());
        }
    }

    private static void fieldsOrValues(CommandContext ctx, boolean fields) {
        List<Hashes.Entry> entries = Hashes.entries(ctx.txn(), readHash(ctx));
        ctx.reply().arrayHeader(entries.size());
        for (Hashes.Entry entry : entries) {
            ctx.reply().bulk(fields ? entry.field() : entry.value());
        }
    }

    static void hdel(CommandContext ctx) {
        Hashes.Editor hash = Hashes.open(ctx.txn(), ctx.db(), ctx.arg(1), limits(ctx));
        long deleted = 0;
        if (hash != null) {
            for (int i = 2; i < ctx.argc(); i++) {
                if (hash.delete(ctx.arg(i))) {
                    deleted++;
                }
            }
            hash.save();
        }
        if (deleted > 0) {
            ctx.notifyKeyspaceEvent(HASH, "hdel", ctx.arg(1));
        }
        ctx.reply().integer(deleted);
    }

    static void hlen(CommandContext ctx) {
        Metadata hash = readHash(ctx);
        ctx.reply().integer(hash == null ? 0 : hash.count());
    }

    static void hincrby(CommandContext ctx) {
        long increment = ctx.longArg(3);
        Hashes.Editor hash = openOrCreate(ctx);
        byte[] stored = hash.get(ctx.arg(2));
        long current = 0;
        if (stored != null) {
            Long parsed = Numbers.parseLong(stored);
            if (parsed == null) {
                throw new CommandError(HASH_NOT_INTEGER);
            }
            current = parsed;
        }
        if ((increment < 0 && current < 0 && increment < Long.MIN_VALUE - current)
                || (increment > 0 && current > 0 && increment > Long.MAX_VALUE - current)) {
            throw Errors.overflow();
        }
        long updated = current + increment;
        hash.set(ctx.arg(2), Long.toString(updated).getBytes(StandardCharsets.US_ASCII));
        hash.save();
        ctx.notifyKeyspaceEvent(HASH, "hincrby", ctx.arg(1));
        ctx.reply().integer(updated);
    }

    static void hincrbyfloat(CommandContext ctx) {
        LongDouble increment = FloatIncrement.parseIncrement(ctx.arg(3));
        if (!increment.isFinite()) {
            throw new CommandError(INCREMENT_NAN_OR_INFINITY);
        }
        Hashes.Editor hash = openOrCreate(ctx);
        byte[] stored = hash.get(ctx.arg(2));
        LongDouble current = stored == null ? LongDouble.ZERO : LongDouble.parse(stored);
        if (current == null) {
            throw new CommandError(HASH_NOT_FLOAT);
        }
        byte[] text = FloatIncrement.sum(current, increment);
        hash.set(ctx.arg(2), text);
        hash.save();
        ctx.notifyKeyspaceEvent(HASH, "hincrbyfloat", ctx.arg(1));
        ctx.reply().bulk(text);
    }

    /** HRANDFIELD key [count [WITHVALUES]] */
    static void hrandfield(CommandContext ctx) {
        if (ctx.argc() == 2) {
            Metadata hash = readHash(ctx);
            ctx.reply().bulk(hash == null ? null : HashRandom.one(ctx.txn(), hash).field());
            return;
        }
        long count = ctx.longArg(2);
        if (count < -Long.MAX_VALUE) {
            throw Errors.outOfRange(-Long.MAX_VALUE, Long.MAX_VALUE);
        }
        if (ctx.argc() > 4 || (ctx.argc() == 4 && !ctx.argIs(3, "withvalues"))) {
            throw Errors.syntax();
        }
        boolean withValues = ctx.argc() == 4;
        if (withValues && (count < -Long.MAX_VALUE / 2 || count > Long.MAX_VALUE / 2)) {
            throw Errors.valueOutOfRange();
        }
        Metadata hash = readHash(ctx);
        if (hash == null || count == 0) {
            ctx.reply().arrayHeader(0);
            return;
        }
        RandomFieldsReply reply = new RandomFieldsReply(ctx.reply(), withValues);
        if (count < 0) {
            reply.header(-count);
            HashRandom.withRepeats(ctx.txn(), hash, -count, reply::entry);
        } else {
            List<Hashes.Entry> entries = count >= hash.count()
                    ? Hashes.entries(ctx.txn(), hash)
                    : HashRandom.distinct(ctx.txn(), hash, (int) count);
            reply.header(entries.size());
            entries.forEach(reply::entry);
        }
    }

    /** HRANDFIELD's reply with a count: fields, or field-value pairs (flat in RESP2, 2-arrays in RESP3). */
    private record RandomFieldsReply(ReplyWriter reply, boolean withValues) {
        void header(long entries) {
            long elements = withValues && !reply.resp3() ? entries * 2 : entries;
            if (elements > Integer.MAX_VALUE) {
                // Redis would try to send it and exhaust its memory; refuse instead
                throw Errors.valueOutOfRange();
            }
            reply.arrayHeader((int) elements);
        }

        void entry(Hashes.Entry entry) {
            if (withValues && reply.resp3()) {
                reply.arrayHeader(2);
            }
            reply.bulk(entry.field());
            if (withValues) {
                reply.bulk(entry.value());
            }
        }
    }

    /** HSCAN key cursor [MATCH pattern] [COUNT count] */
    static void hscan(CommandContext ctx) {
        long cursor = ScanCommands.parseCursor(ctx.arg(2));
        Metadata hash = readHash(ctx);
        ReplyWriter reply = ctx.reply();
        if (hash == null) {
            reply.arrayHeader(2);
            reply.bulk("0");
            reply.arrayHeader(0);
            return;
        }
        ScanOptions options = ScanOptions.parse(ctx, 3);
        Hashes.ScanPage page = Hashes.scan(ctx.txn(), hash, cursor, options.count(), options::matches);
        reply.arrayHeader(2);
        reply.bulk(Long.toString(page.cursor()));
        reply.arrayHeader(page.entries().size() * 2);
        for (Hashes.Entry entry : page.entries()) {
            reply.bulk(entry.field());
            reply.bulk(entry.value());
        }
    }
}
