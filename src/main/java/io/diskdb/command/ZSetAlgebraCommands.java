package io.diskdb.command;

import io.diskdb.storage.DataType;
import io.diskdb.storage.Metadata;
import io.diskdb.types.ScoredMember;
import io.diskdb.types.ScoredSource;
import io.diskdb.types.SortedSetAlgebra;
import io.diskdb.types.SortedSetAlgebra.Aggregate;
import io.diskdb.types.SortedSetAlgebra.Weighted;

import java.util.ArrayList;
import java.util.List;

/**
 * ZUNION, ZINTER, ZDIFF, their STORE forms and ZINTERCARD, parsed as Redis's
 * zunionInterDiffGenericCommand parses them: numkeys, then the source keys (looked up and
 * type-checked before any option), then WEIGHTS/AGGREGATE/WITHSCORES/LIMIT as each command
 * allows. Sources may be sorted sets or plain sets (members scoring 1).
 */
final class ZSetAlgebraCommands {
    private static final String WEIGHT_NOT_FLOAT = "ERR weight value is not a float";
    private static final String LIMIT_NEGATIVE = "ERR LIMIT can't be negative";

    private enum Operation { UNION, INTER, DIFF }

    private ZSetAlgebraCommands() {
    }

    static void register(CommandTable table) {
        table.register("zunion", ctx -> run(ctx, Operation.UNION, false, false));
        table.register("zinter", ctx -> run(ctx, Operation.INTER, false, false));
        table.register("zdiff", ctx -> run(ctx, Operation.DIFF, false, false));
        table.register("zunionstore", ctx -> run(ctx, Operation.UNION, true, false));
        table.register("zinterstore", ctx -> run(ctx, Operation.INTER, true, false));
        table.register("zdiffstore", ctx -> run(ctx, Operation.DIFF, true, false));
        table.register("zintercard", ctx -> run(ctx, Operation.INTER, false, true));
    }

    private static void run(CommandContext ctx, Operation operation, boolean store, boolean cardinalityOnly) {
        int numKeysAt = store ? 2 : 1;
        long numKeys = ctx.longArg(numKeysAt);
        if (numKeys < 1) {
            throw new CommandError("ERR at least 1 input key is needed for '" + ctx.spec().name() + "' command");
        }
        if (numKeys > ctx.argc() - numKeysAt - 1) {
            throw Errors.syntax();
        }
        int sourceCount = (int) numKeys;
        List<ScoredSource> sources = new ArrayList<>(sourceCount);
        for (int i = 0; i < sourceCount; i++) {
            byte[] key = ctx.arg(numKeysAt + 1 + i);
            Metadata meta = store ? ctx.txn().meta(ctx.db(), key) : ctx.lookupRead(key);
            if (meta != null && meta.type() != DataType.ZSET && meta.type() != DataType.SET) {
                throw Errors.wrongType();
            }
            sources.add(ScoredSource.of(ctx.txn(), meta));
        }
        double[] weights = new double[sourceCount];
        java.util.Arrays.fill(weights, 1.0);
        Aggregate aggregate = Aggregate.SUM;
        boolean withScores = false;
        long limit = 0;
        boolean algebraOptions = operation != Operation.DIFF && !cardinalityOnly;
        for (int i = numKeysAt + 1 + sourceCount; i < ctx.argc(); ) {
            int remaining = ctx.argc() - i;
            if (algebraOptions && remaining >= sourceCount + 1 && ctx.argIs(i, "weights")) {
                i++;
                for (int w = 0; w < sourceCount; w++, i++) {
                    Double weight = Numbers.parseDouble(ctx.arg(i));
                    if (weight == null) {
                        throw new CommandError(WEIGHT_NOT_FLOAT);
                    }
                    weights[w] = weight;
                }
            } else if (algebraOptions && remaining >= 2 && ctx.argIs(i, "aggregate")) {
                if (ctx.argIs(i + 1, "sum")) {
                    aggregate = Aggregate.SUM;
                } else if (ctx.argIs(i + 1, "min")) {
                    aggregate = Aggregate.MIN;
                } else if (ctx.argIs(i + 1, "max")) {
                    aggregate = Aggregate.MAX;
                } else {
                    throw Errors.syntax();
                }
                i += 2;
            } else if (!store && !cardinalityOnly && ctx.argIs(i, "withscores")) {
                withScores = true;
                i++;
            } else if (cardinalityOnly && remaining >= 2 && ctx.argIs(i, "limit")) {
                Long parsed = Numbers.parseLong(ctx.arg(i + 1));
                if (parsed == null || parsed < 0) {
                    throw new CommandError(LIMIT_NEGATIVE);
                }
                limit = parsed;
                i += 2;
            } else {
                throw Errors.syntax();
            }
        }
        if (cardinalityOnly) {
            ctx.reply().integer(SortedSetAlgebra.interCard(sources, limit));
            return;
        }
        List<ScoredMember> result = switch (operation) {
            case UNION -> SortedSetAlgebra.union(weighted(sources, weights), aggregate);
            case INTER -> SortedSetAlgebra.inter(weighted(sources, weights), aggregate);
            case DIFF -> SortedSetAlgebra.diff(sources);
        };
        if (store) {
            SortedSetCommands.store(ctx, result);
        } else {
            ZSetReplies.elements(ctx.reply(), result, withScores);
        }
    }

    private static List<Weighted> weighted(List<ScoredSource> sources, double[] weights) {
        List<Weighted> out = new ArrayList<>(sources.size());
        for (int i = 0; i < sources.size(); i++) {
            out.add(new Weighted(sources.get(i), weights[i]));
        }
        return out;
    }
}
