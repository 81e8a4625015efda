package io.diskdb.command;

import io.diskdb.storage.DataType;
import io.diskdb.storage.Keyspace;
import io.diskdb.types.Keys;
import io.diskdb.util.Glob;

import java.util.List;

/**
 * SCAN, KEYS and RANDOMKEY: walks over the keyspace order without key locks (each meta record
 * read is consistent on its own; a walk is not a snapshot, exactly as in Redis).
 */
final class ScanCommands {
    private ScanCommands() {
    }

    static void register(CommandTable table) {
        table.register("scan", ScanCommands::scan);
        table.register("keys", ScanCommands::keys);
        table.register("randomkey", ScanCommands::randomkey);
    }

    /** SCAN cursor [MATCH pattern] [COUNT count] [TYPE type] */
    static void scan(CommandContext ctx) {
        long cursor = parseCursor(ctx.arg(1));
        ScanOptions options = ScanOptions.parseWithType(ctx, 2);
        Keys.KeyFilter filter = options.matchesAll() ? Keys.KeyFilter.ALL : (key, meta) -> options.matches(key);
        if (options.type() != null) {
            // an unknown type name matches nothing (Redis 7.0 does not reject it)
            DataType type = DataType.fromRedisName(options.type());
            Keys.KeyFilter byName = filter;
            filter = (key, meta) -> meta.type() == type && byName.accepts(key, meta);
        }
        Keys.ScanPage page = Keys.scan(keyspace(ctx), ctx.db(), cursor, options.count(), ctx.txn().now(), filter);
        ctx.reply().arrayHeader(2);
        ctx.reply().bulk(Long.toUnsignedString(page.cursor()));
        replyKeys(ctx, page.keys());
    }

    /** KEYS pattern */
    static void keys(CommandContext ctx) {
        byte[] pattern = ctx.arg(1);
        Keys.KeyFilter filter = ScanOptions.isMatchAll(pattern) ? Keys.KeyFilter.ALL : matching(pattern);
        replyKeys(ctx, Keys.all(keyspace(ctx), ctx.db(), ctx.txn().now(), filter));
    }

    static void randomkey(CommandContext ctx) {
        ctx.reply().bulk(Keys.random(keyspace(ctx), ctx.db(), ctx.txn().now()));
    }

    /**
     * Redis reads the cursor with strtoul: an optional sign and decimal digits, no leading
     * space, at most 2^64-1 ("-1" wraps to the largest cursor, "" is 0). Cursors past DiskDB's
     * 32-bit keyspace end the scan.
     */
    static long parseCursor(byte[] arg) {
        int i = 0;
        boolean negative = false;
        if (arg.length > 0 && (arg[0] == '+' || arg[0] == '-')) {
            negative = arg[0] == '-';
            i = 1;
            if (arg.length == 1) {
                throw invalidCursor();
            }
        }
        long value = 0;
        for (; i < arg.length; i++) {
            int digit = arg[i] - '0';
            if (digit < 0 || digit > 9) {
                throw invalidCursor();
            }
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - digit, 10)) > 0) {
                throw invalidCursor(); // strtoul's ERANGE
            }
            value = value * 10 + digit;
        }
        if (negative) {
            value = -value;
        }
        return Long.compareUnsigned(value, Keys.CURSOR_LIMIT) >= 0 ? Keys.CURSOR_LIMIT : value;
    }

    private static CommandError invalidCursor() {
        return new CommandError("ERR invalid cursor");
    }

    private static Keys.KeyFilter matching(byte[] pattern) {
        return (key, meta) -> Glob.matches(pattern, key, false);
    }

    private static void replyKeys(CommandContext ctx, List<byte[]> keys) {
        ctx.reply().arrayHeader(keys.size());
        for (byte[] key : keys) {
            ctx.reply().bulk(key);
        }
    }

    private static Keyspace keyspace(CommandContext ctx) {
        return ctx.server().keyspace();
    }
}
