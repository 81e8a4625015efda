package io.diskdb.command;

import io.diskdb.storage.Metadata;
import io.diskdb.types.Strings;

/** GET, SET and the other string commands. */
public final class StringCommands {
    private StringCommands() {
    }

    public static void register(CommandTable table) {
        table.register("get", StringCommands::get);
        table.register("set", StringCommands::set);
    }

    static void get(CommandContext ctx) {
        ctx.reply().bulk(Strings.get(ctx.txn(), ctx.db(), ctx.arg(1)));
    }

    /** SET key value [NX|XX] [GET] [EX s|PX ms|EXAT s|PXAT ms|KEEPTTL] */
    static void set(CommandContext ctx) {
        SetOptions options = SetOptions.parse(ctx, 3);
        byte[] key = ctx.arg(1);
        Metadata existing = options.get ? Strings.meta(ctx.txn(), ctx.db(), key) : ctx.txn().meta(ctx.db(), key);
        byte[] previous = options.get ? Strings.value(ctx.txn(), existing) : null;
        boolean write = (!options.nx || existing == null) && (!options.xx || existing != null);
        if (write) {
            long expireAt = options.keepTtl && existing != null ? existing.expireAt() : options.expireAt(ctx.txn().now());
            Strings.set(ctx.txn(), ctx.db(), key, ctx.arg(2), expireAt);
        }
        if (options.get) {
            ctx.reply().bulk(previous);
        } else if (write) {
            ctx.reply().ok();
        } else {
            ctx.reply().nullBulk();
        }
    }
}
