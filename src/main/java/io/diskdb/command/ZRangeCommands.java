package io.diskdb.command;

import io.diskdb.storage.DataType;
import io.diskdb.storage.Metadata;
import io.diskdb.types.Collections;
import io.diskdb.types.LexRange;
import io.diskdb.types.ScoreRange;
import io.diskdb.types.ScoredMember;
import io.diskdb.types.SortedSets;

import java.util.List;

/**
 * ZRANGE in all its forms — ZRANGE [BYSCORE|BYLEX] [REV] [LIMIT] [WITHSCORES], ZRANGESTORE and
 * the older ZREVRANGE, Z[REV]RANGEBYSCORE, Z[REV]RANGEBYLEX — through one parser, as Redis's
 * zrangeGenericCommand does: the older commands fix the range type and direction, so naming
 * them again (ZRANGEBYSCORE ... REV) is a syntax error.
 */
final class ZRangeCommands {
    private static final String LIMIT_NEEDS_SCORE_OR_LEX =
            "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX";
    private static final String WITHSCORES_WITH_LEX = "ERR syntax error, WITHSCORES not supported in combination with BYLEX";

    private enum By { RANK, SCORE, LEX }

    private ZRangeCommands() {
    }

    static void register(CommandTable table) {
        table.register("zrange", ctx -> range(ctx, 1, false, null, null));
        table.register("zrangestore", ctx -> range(ctx, 2, true, null, null));
        table.register("zrevrange", ctx -> range(ctx, 1, false, By.RANK, true));
        table.register("zrangebyscore", ctx -> range(ctx, 1, false, By.SCORE, false));
        table.register("zrevrangebyscore", ctx -> range(ctx, 1, false, By.SCORE, true));
        table.register("zrangebylex", ctx -> range(ctx, 1, false, By.LEX, false));
        table.register("zrevrangebylex", ctx -> range(ctx, 1, false, By.LEX, true));
    }

    /**
     * @param keyIndex the source key's argument (2 for ZRANGESTORE, whose destination is 1)
     * @param fixedBy  the range type the command implies, null to take BYSCORE/BYLEX
     * @param fixedReverse the direction the command implies, null to take REV
     */
    private static void range(CommandContext ctx, int keyIndex, boolean store, By fixedBy, Boolean fixedReverse) {
        By by = fixedBy;
        Boolean reverse = fixedReverse;
        boolean withScores = false;
        long offset = 0;
        long limit = -1;
        for (int i = keyIndex + 3; i < ctx.argc(); i++) {
            int left = ctx.argc() - i - 1;
            if (!store && ctx.argIs(i, "withscores")) {
                withScores = true;
            } else if (ctx.argIs(i, "limit") && left >= 2) {
                offset = ctx.longArg(i + 1);
                limit = ctx.longArg(i + 2);
                i += 2;
            } else if (fixedReverse == null && reverse == null && ctx.argIs(i, "rev")) {
                reverse = true;
            } else if (fixedBy == null && by == null && ctx.argIs(i, "bylex")) {
                by = By.LEX;
            } else if (fixedBy == null && by == null && ctx.argIs(i, "byscore")) {
                by = By.SCORE;
            } else {
                throw Errors.syntax();
            }
        }
        boolean rev = reverse != null && reverse;
        if (by == null) {
            by = By.RANK;
        }
        // -1 is also the "no limit" default, so Redis accepts LIMIT x -1 with a rank range
        if (limit != -1 && by == By.RANK) {
            throw new CommandError(LIMIT_NEEDS_SCORE_OR_LEX);
        }
        if (withScores && by == By.LEX) {
            throw new CommandError(WITHSCORES_WITH_LEX);
        }
        // score and member ranges are given as max, min when reversed
        byte[] min = ctx.arg(rev && by != By.RANK ? keyIndex + 2 : keyIndex + 1);
        byte[] max = ctx.arg(rev && by != By.RANK ? keyIndex + 1 : keyIndex + 2);
        long start = 0, end = 0;
        ScoreRange scores = null;
        LexRange members = null;
        switch (by) {
            case RANK -> {
                start = ctx.longArg(keyIndex + 1);
                end = ctx.longArg(keyIndex + 2);
            }
            case SCORE -> scores = ZRangeBounds.score(min, max);
            case LEX -> members = ZRangeBounds.lex(min, max);
        }
        Metadata meta = Collections.requireType(ctx.lookupRead(ctx.arg(keyIndex)), DataType.ZSET);
        List<ScoredMember> result;
        if (meta == null) {
            result = List.of();
        } else if (by == By.RANK) {
            long[] ranks = Ranks.clamp(start, end, meta.count());
            result = ranks == null ? List.of() : SortedSets.byRank(ctx.txn(), meta, ranks[0], ranks[1], rev);
        } else {
            final ScoreRange scoreRange = scores;
            final LexRange lexRange = members;
            final long skip = offset, take = limit;
            result = SortedSetCommands.collect(visitor -> {
                if (scoreRange != null) {
                    SortedSets.byScore(ctx.txn(), meta, scoreRange, rev, skip, take, visitor);
                } else {
                    SortedSets.byLex(ctx.txn(), meta, lexRange, rev, skip, take, visitor);
                }
            });
        }
        if (store) {
            SortedSetCommands.store(ctx, result);
        } else {
            ZSetReplies.elements(ctx.reply(), result, withScores);
        }
    }
}
