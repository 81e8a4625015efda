package io.diskdb.command;

import io.diskdb.storage.Metadata;
import io.diskdb.types.MemoryEstimate;

/** MEMORY USAGE: what a key costs in storage (see {@link MemoryEstimate}). */
public final class MemoryCommands {
    private MemoryCommands() {
    }

    public static void register(CommandTable table) {
        table.register("memory|usage", MemoryCommands::usage);
    }

    /** MEMORY USAGE key [SAMPLES count] */
    static void usage(CommandContext ctx) {
        long samples = MemoryEstimate.DEFAULT_SAMPLES;
        for (int i = 3; i < ctx.argc(); i++) {
            if (ctx.argIs(i, "samples") && i + 1 < ctx.argc()) {
                samples = ctx.longArg(++i);
                if (samples < 0) {
                    throw Errors.syntax();
                }
            } else {
                throw Errors.syntax();
            }
        }
        byte[] key = ctx.arg(2);
        Metadata meta = ctx.txn().meta(ctx.db(), key);
        if (meta == null) {
            ctx.reply().nullBulk();
            return;
        }
        ctx.reply().integer(MemoryEstimate.bytes(ctx.txn(), key, meta, samples));
    }
}
