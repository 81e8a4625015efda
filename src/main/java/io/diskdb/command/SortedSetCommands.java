package io.diskdb.command;

import static io.diskdb.config.KeyspaceEvents.ZSET;

import io.diskdb.storage.DataType;
import io.diskdb.storage.Metadata;
import io.diskdb.types.LexRange;
import io.diskdb.types.ScoreRange;
import io.diskdb.types.ScoredMember;
import io.diskdb.types.SortedSetWriter;
import io.diskdb.types.SortedSets;

import java.util.ArrayList;
import java.util.List;

/**
 * The sorted-set commands on single members and counts (ZADD, ZSCORE, ZREM, ZCOUNT, ZRANK,
 * ZREMRANGEBY*, ZSCAN...), replying and failing as Redis 7.0 does, in its order of checks.
 * Ranges, pops and random picks, and the set algebra live in {@link ZRangeCommands},
 * {@link ZPopCommands} and {@link ZSetAlgebraCommands}; this class registers them all.
 *
 * <p>Read commands look keys up with {@link CommandContext#lookupRead} (keyspace hits/misses),
 * write commands without, as Redis's lookupKeyRead/lookupKeyWrite do.
 */
public final class SortedSetCommands {
    static final String NAN_SCORE = "ERR resulting score is not a number (NaN)";
    private static final String XX_AND_NX = "ERR XX and NX options at the same time are not compatible";
    private static final String GT_LT_NX = "ERR GT, LT, and/or NX options at the same time are not compatible";
    private static final String INCR_SINGLE_PAIR = "ERR INCR option supports a single increment-element pair";

    private SortedSetCommands() {
    }

    public static void register(CommandTable table) {
        table.register("zadd", ctx -> add(ctx, false));
        table.register("zincrby", ctx -> add(ctx, true));
        table.register("zscore", SortedSetCommands::zscore);
        table.register("zmscore", SortedSetCommands::zmscore);
        table.register("zcard", SortedSetCommands::zcard);
        table.register("zcount", SortedSetCommands::zcount);
        table.register("zlexcount", SortedSetCommands::zlexcount);
        table.register("zrank", ctx -> rank(ctx, false));
        table.register("zrevrank", ctx -> rank(ctx, true));
        table.register("zrem", SortedSetCommands::zrem);
        table.register("zremrangebyrank", SortedSetCommands::zremrangebyrank);
        table.register("zremrangebyscore", SortedSetCommands::zremrangebyscore);
        table.register("zremrangebylex", SortedSetCommands::zremrangebylex);
        table.register("zscan", SortedSetCommands::zscan);
        ZRangeCommands.register(table);
        ZPopCommands.register(table);
        ZSetAlgebraCommands.register(table);
    }

    /**
     * ZADD key [NX|XX] [GT|LT] [CH] [INCR] score member [score member ...], and ZINCRBY key
     * increment member, which Redis runs as ZADD with INCR (options included: "ZINCRBY z nx a"
     * is a syntax error, not a missing increment).
     */
    static void add(CommandContext ctx, boolean incrCommand) {
        boolean nx = false, xx = false, gt = false, lt = false, ch = false, incr = incrCommand;
        int at = 2;
        for (; at < ctx.argc(); at++) {
            if (ctx.argIs(at, "nx")) {
                nx = true;
            } else if (ctx.argIs(at, "xx")) {
                xx = true;
            } else if (ctx.argIs(at, "ch")) {
                ch = true;
            } else if (ctx.argIs(at, "incr")) {
                incr = true;
            } else if (ctx.argIs(at, "gt")) {
                gt = true;
            } else if (ctx.argIs(at, "lt")) {
                lt = true;
            } else {
                break;
            }
        }
        int pairArgs = ctx.argc() - at;
        if (pairArgs == 0 || pairArgs % 2 != 0) {
            throw Errors.syntax();
        }
        int pairs = pairArgs / 2;
        if (nx && xx) {
            throw new CommandError(XX_AND_NX);
        }
        if ((gt && nx) || (lt && nx) || (gt && lt)) {
            throw new CommandError(GT_LT_NX);
        }
        if (incr && pairs > 1) {
            throw new CommandError(INCR_SINGLE_PAIR);
        }
        double[] scores = new double[pairs];
        for (int i = 0; i < pairs; i++) {
            scores[i] = ctx.doubleArg(at + 2 * i);
        }
        byte[] key = ctx.arg(1);
        Metadata existing = SortedSets.find(ctx.txn(), ctx.db(), key);
        long added = 0, updated = 0;
        boolean processed = false;
        double lastScore = 0;
        if (existing != null || !xx) {
            SortedSetWriter writer = SortedSetWriter.open(ctx.txn(), ctx.db(), key);
            for (int i = 0; i < pairs; i++) {
                byte[] member = ctx.arg(at + 2 * i + 1);
                double score = scores[i];
                Double current = writer.score(member);
                if (current == null) {
                    if (xx) {
                        continue;
                    }
                    writer.put(member, null, score);
                    added++;
                } else {
                    if (nx) {
                        continue;
                    }
                    if (incr) {
                        score += current;
                        if (Double.isNaN(score)) {
                            throw new CommandError(NAN_SCORE);
                        }
                    }
                    if ((lt && score >= current) || (gt && score <= current)) {
                        continue;
                    }
                    if (score != current) {
                        writer.put(member, current, score);
                        updated++;
                    }
                }
                processed = true;
                lastScore = score;
            }
            writer.save();
        }
        if (added + updated > 0) {
            ctx.notifyKeyspaceEvent(ZSET, incr ? "zincr" : "zadd", key);
        }
        if (incr) {
            if (processed) {
                ctx.reply().doubleValue(lastScore);
            } else {
                ctx.reply().nullBulk();
            }
        } else {
            ctx.reply().integer(ch ? added + updated : added);
        }
    }

    private static Metadata read(CommandContext ctx) {
        return ctx.lookupRead(ctx.arg(1), DataType.ZSET);
    }

    static void zscore(CommandContext ctx) {
        Metadata meta = read(ctx);
        Double score = meta == null ? null : SortedSets.score(ctx.txn(), meta, ctx.arg(2));
        replyScore(ctx, score);
    }

    static void zmscore(CommandContext ctx) {
        Metadata meta = read(ctx);
        ctx.reply().arrayHeader(ctx.argc() - 2);
        for (int i = 2; i < ctx.argc(); i++) {
            replyScore(ctx, meta == null ? null : SortedSets.score(ctx.txn(), meta, ctx.arg(i)));
        }
    }

    private static void replyScore(CommandContext ctx, Double score) {
        if (score == null) {
            ctx.reply().nullBulk();
        } else {
            ctx.reply().doubleValue(score);
        }
    }

    static void zcard(CommandContext ctx) {
        Metadata meta = read(ctx);
        ctx.reply().integer(meta == null ? 0 : meta.count());
    }

    static void zcount(CommandContext ctx) {
        ScoreRange range = ZRangeBounds.score(ctx.arg(2), ctx.arg(3));
        Metadata meta = read(ctx);
        ctx.reply().integer(meta == null ? 0 : SortedSets.byScore(ctx.txn(), meta, range, false, 0, -1, e -> { }));
    }

    static void zlexcount(CommandContext ctx) {
        LexRange range = ZRangeBounds.lex(ctx.arg(2), ctx.arg(3));
        Metadata meta = read(ctx);
        ctx.reply().integer(meta == null ? 0 : SortedSets.byLex(ctx.txn(), meta, range, false, 0, -1, e -> { }));
    }

    static void rank(CommandContext ctx, boolean reverse) {
        Metadata meta = read(ctx);
        Long rank = meta == null ? null : SortedSets.rank(ctx.txn(), meta, ctx.arg(2), reverse);
        if (rank == null) {
            ctx.reply().nullBulk();
        } else {
            ctx.reply().integer(rank);
        }
    }

    static void zrem(CommandContext ctx) {
        Metadata meta = SortedSets.find(ctx.txn(), ctx.db(), ctx.arg(1));
        long removed = 0;
        if (meta != null) {
            SortedSetWriter writer = SortedSetWriter.open(ctx.txn(), ctx.db(), ctx.arg(1));
            for (int i = 2; i < ctx.argc(); i++) {
                if (writer.remove(ctx.arg(i))) {
                    removed++;
                }
            }
            writer.save();
        }
        if (removed > 0) {
            ctx.notifyKeyspaceEvent(ZSET, "zrem", ctx.arg(1));
        }
        ctx.reply().integer(removed);
    }

    static void zremrangebyrank(CommandContext ctx) {
        long start = ctx.longArg(2);
        long end = ctx.longArg(3);
        removeRange(ctx, meta -> {
            long[] ranks = Ranks.clamp(start, end, meta.count());
            return ranks == null ? List.of() : SortedSets.byRank(ctx.txn(), meta, ranks[0], ranks[1], false);
        });
    }

    static void zremrangebyscore(CommandContext ctx) {
        ScoreRange range = ZRangeBounds.score(ctx.arg(2), ctx.arg(3));
        removeRange(ctx, meta -> collect(visitor -> SortedSets.byScore(ctx.txn(), meta, range, false, 0, -1, visitor)));
    }

    static void zremrangebylex(CommandContext ctx) {
        LexRange range = ZRangeBounds.lex(ctx.arg(2), ctx.arg(3));
        removeRange(ctx, meta -> collect(visitor -> SortedSets.byLex(ctx.txn(), meta, range, false, 0, -1, visitor)));
    }

    /** Collects what a range walk visits. */
    static List<ScoredMember> collect(java.util.function.Consumer<java.util.function.Consumer<ScoredMember>> walk) {
        List<ScoredMember> out = new ArrayList<>();
        walk.accept(out::add);
        return out;
    }

    /** Removes the elements {@code selection} picks (after the range was validated); replies the count. */
    private static void removeRange(CommandContext ctx, java.util.function.Function<Metadata, List<ScoredMember>> selection) {
        Metadata meta = SortedSets.find(ctx.txn(), ctx.db(), ctx.arg(1));
        if (meta == null) {
            ctx.reply().integer(0);
            return;
        }
        List<ScoredMember> doomed = selection.apply(meta); // collected before writing: cursors may miss own writes
        SortedSetWriter writer = SortedSetWriter.open(ctx.txn(), ctx.db(), ctx.arg(1));
        for (ScoredMember entry : doomed) {
            writer.remove(entry);
        }
        writer.save();
        if (!doomed.isEmpty()) {
            ctx.notifyKeyspaceEvent(ZSET, ctx.spec().name(), ctx.arg(1)); // zremrangebyrank, ...byscore, ...bylex
        }
        ctx.reply().integer(doomed.size());
    }

    /** ZUNIONSTORE, ZINTERSTORE, ZDIFFSTORE, ZRANGESTORE: the result replaces the destination (argument 1). */
    static void store(CommandContext ctx, List<ScoredMember> result) {
        boolean existed = ctx.txn().meta(ctx.db(), ctx.arg(1)) != null;
        SortedSets.replace(ctx.txn(), ctx.db(), ctx.arg(1), result);
        ctx.notifyStored(ZSET, ctx.arg(1), existed, result.size());
        ctx.reply().integer(result.size());
    }

    /**
     * ZSCAN key cursor [MATCH pattern] [COUNT count]. As in Redis, the cursor is checked first,
     * then the key, then the options (a missing key replies an empty page whatever follows).
     */
    static void zscan(CommandContext ctx) {
        long cursor = ScanCommands.parseCursor(ctx.arg(2));
        Metadata meta = read(ctx);
        if (meta == null) {
            ctx.reply().arrayHeader(2);
            ctx.reply().bulk("0");
            ctx.reply().arrayHeader(0);
            return;
        }
        ScanOptions options = ScanOptions.parse(ctx, 3);
        SortedSets.ScanPage page = SortedSets.scan(ctx.txn(), meta, cursor, options.count());
        List<ScoredMember> matching = new ArrayList<>(page.entries().size());
        for (ScoredMember entry : page.entries()) {
            if (options.matches(entry.member())) {
                matching.add(entry);
            }
        }
        ctx.reply().arrayHeader(2);
        ctx.reply().bulk(Long.toUnsignedString(page.cursor()));
        ctx.reply().arrayHeader(matching.size() * 2);
        for (ScoredMember entry : matching) {
            ctx.reply().bulk(entry.member());
            // scan replies carry scores as strings even in RESP3, as Redis does
            ctx.reply().bulk(io.diskdb.protocol.Doubles.format(entry.score()));
        }
    }
}
