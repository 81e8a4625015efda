package io.diskdb.command;

import static io.diskdb.config.KeyspaceEvents.SET;

import io.diskdb.storage.DataType;
import io.diskdb.storage.Metadata;
import io.diskdb.types.Collections;
import io.diskdb.types.Sets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The set commands, replying and failing exactly as Redis 7.0 does, in Redis's order of checks.
 *
 * <p>Reads that Redis does with lookupKeyRead (SISMEMBER, SMEMBERS, SINTER...) count keyspace
 * hits and misses; lookups to write (SADD, SPOP, SMOVE, the *STORE sources) do not.
 */
public final class SetCommands {
    private static final String POSITIVE_COUNT = "ERR value is out of range, must be positive";
    private static final String RANDOM_COUNT_RANGE =
            "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807";
    /**
     * Redis 7.0 tries to build any negative-count SRANDMEMBER reply and dies on absurd ones;
     * DiskDB refuses replies of more random picks than this instead.
     */
    static final long MAX_RANDOM_PICKS = 1L << 24;
    private static final String TOO_MANY_PICKS = "ERR value is out of range, SRANDMEMBER can return at most "
            + MAX_RANDOM_PICKS + " members";
    private static final String NUMKEYS = "ERR numkeys should be greater than 0";
    private static final String TOO_MANY_KEYS = "ERR Number of keys can't be greater than number of args";
    private static final String NEGATIVE_LIMIT = "ERR LIMIT can't be negative";

    private SetCommands() {
    }

    public static void register(CommandTable table) {
        table.register("sadd", SetCommands::sadd);
        table.register("srem", SetCommands::srem);
        table.register("sismember", SetCommands::sismember);
        table.register("smismember", SetCommands::smismember);
        table.register("smembers", SetCommands::smembers);
        table.register("scard", SetCommands::scard);
        table.register("spop", SetCommands::spop);
        table.register("srandmember", SetCommands::srandmember);
        table.register("smove", SetCommands::smove);
        table.register("sinter", ctx -> replySet(ctx, intersection(ctx, readSources(ctx, 1))));
        table.register("sintercard", SetCommands::sintercard);
        table.register("sinterstore", ctx -> store(ctx, intersection(ctx, writeSources(ctx))));
        table.register("sunion", ctx -> replySet(ctx, Sets.union(ctx.txn(), readSources(ctx, 1), maxIntset(ctx))));
        table.register("sunionstore", ctx -> store(ctx, Sets.union(ctx.txn(), writeSources(ctx), maxIntset(ctx))));
        table.register("sdiff", ctx -> replySet(ctx, Sets.difference(ctx.txn(), readSources(ctx, 1), maxIntset(ctx))));
        table.register("sdiffstore", ctx -> store(ctx, Sets.difference(ctx.txn(), writeSources(ctx), maxIntset(ctx))));
        table.register("sscan", SetCommands::sscan);
    }

    /** SADD key member [member ...] */
    static void sadd(CommandContext ctx) {
        long added = Sets.add(ctx.txn(), ctx.db(), ctx.arg(1), argsFrom(ctx, 2), maxIntset(ctx));
        if (added > 0) {
            ctx.notifyKeyspaceEvent(SET, "sadd", ctx.arg(1));
        }
        ctx.reply().integer(added);
    }

    /** SREM key member [member ...] */
    static void srem(CommandContext ctx) {
        Metadata set = Sets.find(ctx.txn(), ctx.db(), ctx.arg(1));
        long removed = set == null ? 0 : Sets.remove(ctx.txn(), ctx.db(), ctx.arg(1), set, argsFrom(ctx, 2));
        if (removed > 0) {
            ctx.notifyKeyspaceEvent(SET, "srem", ctx.arg(1));
        }
        ctx.reply().integer(removed);
    }

    static void sismember(CommandContext ctx) {
        Metadata set = ctx.lookupRead(ctx.arg(1), DataType.SET);
        ctx.reply().integer(Sets.contains(ctx.txn(), set, ctx.arg(2)) ? 1 : 0);
    }

    /** SMISMEMBER key member [member ...]: an array of 0/1, a missing key holding nothing. */
    static void smismember(CommandContext ctx) {
        Metadata set = ctx.lookupRead(ctx.arg(1), DataType.SET);
        ctx.reply().arrayHeader(ctx.argc() - 2);
        for (int i = 2; i < ctx.argc(); i++) {
            ctx.reply().integer(Sets.contains(ctx.txn(), set, ctx.arg(i)) ? 1 : 0);
        }
    }

    static void smembers(CommandContext ctx) {
        Metadata set = ctx.lookupRead(ctx.arg(1), DataType.SET);
        replySet(ctx, set == null ? List.of() : Sets.members(ctx.txn(), set));
    }

    static void scard(CommandContext ctx) {
        Metadata set = ctx.lookupRead(ctx.arg(1), DataType.SET);
        ctx.reply().integer(set == null ? 0 : set.count());
    }

    /** SPOP key [count] */
    static void spop(CommandContext ctx) {
        if (ctx.argc() > 3) {
            throw Errors.syntax();
        }
        if (ctx.argc() == 3) {
            spopWithCount(ctx);
            return;
        }
        Metadata set = Sets.find(ctx.txn(), ctx.db(), ctx.arg(1));
        byte[] popped = set == null ? null : Sets.popOne(ctx.txn(), ctx.db(), ctx.arg(1), set, ctx.server().setPopHints());
        if (popped != null) {
            ctx.notifyKeyspaceEvent(SET, "spop", ctx.arg(1));
        }
        ctx.reply().bulk(popped);
    }

    /** The count is checked before the key; the reply is a set (RESP3), whole set when count >= SCARD. */
    private static void spopWithCount(CommandContext ctx) {
        Long count = Numbers.parseLong(ctx.arg(2));
        if (count == null || count < 0) {
            throw new CommandError(POSITIVE_COUNT);
        }
        Metadata set = Sets.find(ctx.txn(), ctx.db(), ctx.arg(1));
        if (set == null || count == 0) {
            replySet(ctx, List.of());
            return;
        }
        List<byte[]> popped = Sets.pop(ctx.txn(), ctx.db(), ctx.arg(1), set, count, maxIntset(ctx));
        ctx.notifyKeyspaceEvent(SET, "spop", ctx.arg(1));
        replySet(ctx, popped);
    }

    /** SRANDMEMBER key [count] */
    static void srandmember(CommandContext ctx) {
        if (ctx.argc() > 3) {
            throw Errors.syntax();
        }
        if (ctx.argc() == 3) {
            srandmemberWithCount(ctx);
            return;
        }
        Metadata set = ctx.lookupRead(ctx.arg(1), DataType.SET);
        ctx.reply().bulk(Sets.randomMember(ctx.txn(), set));
    }

    /**
     * A positive count asks for distinct members (at most SCARD), a negative one for exactly
     * |count| picks with repeats. The reply is a plain array even in RESP3, as in Redis 7.0.
     */
    private static void srandmemberWithCount(CommandContext ctx) {
        long count = ctx.longArg(2);
        if (count == Long.MIN_VALUE) {
            throw new CommandError(RANDOM_COUNT_RANGE);
        }
        Metadata set = ctx.lookupRead(ctx.arg(1), DataType.SET);
        if (set == null || count == 0) {
            ctx.reply().arrayHeader(0);
            return;
        }
        List<byte[]> picks;
        if (count > 0) {
            picks = Sets.randomDistinct(ctx.txn(), set, count);
        } else {
            if (-count > MAX_RANDOM_PICKS) {
                throw new CommandError(TOO_MANY_PICKS);
            }
            picks = Sets.randomWithRepeats(ctx.txn(), set, (int) -count);
        }
        replyArray(ctx, picks);
    }

    /**
     * SMOVE source destination member. Redis's order: a missing source is 0 before any type
     * check; then both keys must be sets; moving within one set only reports membership.
     */
    static void smove(CommandContext ctx) {
        byte[] sourceKey = ctx.arg(1);
        byte[] destinationKey = ctx.arg(2);
        byte[] member = ctx.arg(3);
        Metadata source = ctx.txn().meta(ctx.db(), sourceKey);
        Metadata destination = ctx.txn().meta(ctx.db(), destinationKey);
        if (source == null) {
            ctx.reply().integer(0);
            return;
        }
        Collections.requireType(source, DataType.SET);
        Collections.requireType(destination, DataType.SET);
        if (Arrays.equals(sourceKey, destinationKey)) {
            ctx.reply().integer(Sets.contains(ctx.txn(), source, member) ? 1 : 0);
            return;
        }
        if (Sets.remove(ctx.txn(), ctx.db(), sourceKey, source, List.of(member)) == 0) {
            ctx.reply().integer(0);
            return;
        }
        ctx.notifyKeyspaceEvent(SET, "srem", sourceKey);
        if (Sets.add(ctx.txn(), ctx.db(), destinationKey, List.of(member), maxIntset(ctx)) > 0) {
            ctx.notifyKeyspaceEvent(SET, "sadd", destinationKey);
        }
        ctx.reply().integer(1);
    }

    /** SINTERCARD numkeys key [key ...] [LIMIT limit] */
    static void sintercard(CommandContext ctx) {
        Long numKeys = Numbers.parseLong(ctx.arg(1));
        if (numKeys == null || numKeys < 1) {
            throw new CommandError(NUMKEYS);
        }
        if (numKeys > ctx.argc() - 2) {
            throw new CommandError(TOO_MANY_KEYS);
        }
        int firstOption = 2 + numKeys.intValue();
        long limit = 0;
        for (int i = firstOption; i < ctx.argc(); i++) {
            if (ctx.argIs(i, "limit") && i + 1 < ctx.argc()) {
                Long parsed = Numbers.parseLong(ctx.arg(++i));
                if (parsed == null || parsed < 0) {
                    throw new CommandError(NEGATIVE_LIMIT);
                }
                limit = parsed;
            } else {
                throw Errors.syntax();
            }
        }
        List<Metadata> sets = new ArrayList<>();
        for (int i = 2; i < firstOption; i++) {
            sets.add(ctx.lookupRead(ctx.arg(i), DataType.SET));
        }
        if (sets.contains(null)) {
            ctx.reply().integer(0);
            return;
        }
        ctx.reply().integer(Sets.intersect(ctx.txn(), sets, limit, member -> { }));
    }

    /** SSCAN key cursor [MATCH pattern] [COUNT count]: options are read only once the key is found. */
    static void sscan(CommandContext ctx) {
        long cursor = ScanCommands.parseCursor(ctx.arg(2));
        Metadata set = ctx.lookupRead(ctx.arg(1), DataType.SET);
        if (set == null) {
            replyScan(ctx, 0, List.of());
            return;
        }
        ScanOptions options = ScanOptions.parse(ctx, 3);
        Sets.ElementScanResult page = Sets.scan(ctx.txn(), set, cursor, options.count());
        List<byte[]> members = page.members();
        if (!options.matchesAll()) {
            members = members.stream().filter(options::matches).toList();
        }
        replyScan(ctx, page.cursor(), members);
    }

    /**
     * The sources of SINTER/SUNION/SDIFF from argument {@code first} on: null for a missing key,
     * WRONGTYPE at the first key of another type (every key is checked, missing ones or not).
     */
    private static List<Metadata> readSources(CommandContext ctx, int first) {
        List<Metadata> sets = new ArrayList<>();
        for (int i = first; i < ctx.argc(); i++) {
            sets.add(ctx.lookupRead(ctx.arg(i), DataType.SET));
        }
        return sets;
    }

    /** The sources of a *STORE command (arguments 2..), looked up to write as Redis does. */
    private static List<Metadata> writeSources(CommandContext ctx) {
        List<Metadata> sets = new ArrayList<>();
        for (int i = 2; i < ctx.argc(); i++) {
            sets.add(Sets.find(ctx.txn(), ctx.db(), ctx.arg(i)));
        }
        return sets;
    }

    /** Members of every set; empty when any key is missing. */
    private static List<byte[]> intersection(CommandContext ctx, List<Metadata> sets) {
        List<byte[]> members = new ArrayList<>();
        if (!sets.contains(null)) {
            Sets.intersect(ctx.txn(), sets, 0, members::add);
        }
        return members;
    }

    /** Replaces the destination (any type) with the result, deleting it when empty; replies the size. */
    private static void store(CommandContext ctx, List<byte[]> members) {
        byte[] destination = ctx.arg(1);
        boolean existed = ctx.txn().meta(ctx.db(), destination) != null;
        long stored = Sets.store(ctx.txn(), ctx.db(), destination, members, maxIntset(ctx));
        ctx.notifyStored(SET, destination, existed, stored);
        ctx.reply().integer(stored);
    }

    private static void replySet(CommandContext ctx, List<byte[]> members) {
        ctx.reply().setHeader(members.size());
        for (byte[] member : members) {
            ctx.reply().bulk(member);
        }
    }

    private static void replyArray(CommandContext ctx, List<byte[]> members) {
        ctx.reply().arrayHeader(members.size());
        for (byte[] member : members) {
            ctx.reply().bulk(member);
        }
    }

    private static void replyScan(CommandContext ctx, long cursor, List<byte[]> members) {
        ctx.reply().arrayHeader(2);
        ctx.reply().bulk(Long.toUnsignedString(cursor));
        replyArray(ctx, members);
    }

    private static List<byte[]> argsFrom(CommandContext ctx, int first) {
        return Arrays.asList(ctx.args()).subList(first, ctx.argc());
    }

    private static long maxIntset(CommandContext ctx) {
        return ctx.server().settings().getSetMaxIntsetEntries();
    }
}
