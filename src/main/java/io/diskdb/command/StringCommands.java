package io.diskdb.command;

import static io.diskdb.config.KeyspaceEvents.GENERIC;
import static io.diskdb.config.KeyspaceEvents.STRING;

import io.diskdb.protocol.ReplyWriter;
import io.diskdb.storage.DataType;
import io.diskdb.storage.Metadata;
import io.diskdb.types.StringLcs;
import io.diskdb.types.Strings;

/**
 * The string commands, replying and failing exactly as Redis 7.0 does, in Redis's order of
 * checks (which error a client sees when several apply).
 *
 * <p>Commands that read a key the way Redis's lookupKeyRead does (GET, MGET, GETRANGE...) count
 * a keyspace hit or miss; commands that look up to write (INCR, APPEND, SETNX...) do not.
 */
public final class StringCommands {
    private static final String DECREMENT_OVERFLOW = "ERR decrement would overflow";
    private static final String LCS_NOT_STRINGS = "ERR The specified keys must contain string values";
    private static final String LCS_LEN_AND_IDX = "ERR If you want both the length and indexes, please just use IDX.";
    private static final String LCS_TOO_BIG = "ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len";
    private static final byte[] EMPTY = new byte[0];

    private StringCommands() {
    }

    public static void register(CommandTable table) {
        table.register("get", StringCommands::get);
        table.register("set", StringCommands::set);
        table.register("setnx", StringCommands::setnx);
        table.register("setex", ctx -> setWithExpiry(ctx, true));
        table.register("psetex", ctx -> setWithExpiry(ctx, false));
        table.register("getset", StringCommands::getset);
        table.register("getdel", StringCommands::getdel);
        table.register("getex", StringCommands::getex);
        table.register("mget", StringCommands::mget);
        table.register("mset", StringCommands::mset);
        table.register("msetnx", StringCommands::msetnx);
        table.register("incr", ctx -> incrBy(ctx, 1));
        table.register("decr", ctx -> incrBy(ctx, -1));
        table.register("incrby", ctx -> incrBy(ctx, ctx.longArg(2)));
        table.register("decrby", StringCommands::decrby);
        table.register("incrbyfloat", StringCommands::incrbyfloat);
        table.register("append", StringCommands::append);
        table.register("strlen", StringCommands::strlen);
        table.register("getrange", StringCommands::getrange);
        table.register("substr", StringCommands::getrange);
        table.register("setrange", StringCommands::setrange);
        table.register("lcs", StringCommands::lcs);
    }

    /** A lookup for reading, counted in the keyspace hits/misses as Redis's lookupKeyRead does. */
    /** A string read with lookupRead: null if absent, WRONGTYPE for other types. */
    private static Metadata readString(CommandContext ctx, byte[] key) {
        return Strings.requireString(ctx.lookupRead(key));
    }

    static void get(CommandContext ctx) {
        ctx.reply().bulk(Strings.value(ctx.txn(), readString(ctx, ctx.arg(1))));
    }

    /** SET key value [NX|XX] [GET] [EX s|PX ms|EXAT s|PXAT ms|KEEPTTL] */
    static void set(CommandContext ctx) {
        SetOptions options = SetOptions.forSet(ctx, 3);
        long expireAt = options.expireAt(ctx);
        byte[] key = ctx.arg(1);
        Metadata existing = options.get ? readString(ctx, key) : ctx.txn().meta(ctx.db(), key);
        byte[] previous = options.get ? Strings.value(ctx.txn(), existing) : null;
        boolean write = (!options.nx || existing == null) && (!options.xx || existing != null);
        if (write) {
            long keptOrNew = options.keepTtl && existing != null ? existing.expireAt() : expireAt;
            Strings.set(ctx.txn(), ctx.db(), key, ctx.arg(2), keptOrNew);
            ctx.notifyKeyspaceEvent(STRING, "set", key);
            if (expireAt != 0) {
                ctx.notifyKeyspaceEvent(GENERIC, "expire", key);
            }
        }
        if (options.get) {
            ctx.reply().bulk(previous);
        } else if (write) {
            ctx.reply().ok();
        } else {
            ctx.reply().nullBulk();
        }
    }

    static void setnx(CommandContext ctx) {
        byte[] key = ctx.arg(1);
        boolean absent = ctx.txn().meta(ctx.db(), key) == null;
        if (absent) {
            Strings.set(ctx.txn(), ctx.db(), key, ctx.arg(2), 0);
            ctx.notifyKeyspaceEvent(STRING, "set", key);
        }
        ctx.reply().integer(absent ? 1 : 0);
    }

    /** SETEX key seconds value / PSETEX key milliseconds value */
    static void setWithExpiry(CommandContext ctx, boolean seconds) {
        long expireAt = SetOptions.relativeExpiry(seconds, 2).expireAt(ctx);
        Strings.set(ctx.txn(), ctx.db(), ctx.arg(1), ctx.arg(3), expireAt);
        ctx.notifyKeyspaceEvent(STRING, "set", ctx.arg(1));
        ctx.notifyKeyspaceEvent(GENERIC, "expire", ctx.arg(1));
        ctx.reply().ok();
    }

    static void getset(CommandContext ctx) {
        byte[] key = ctx.arg(1);
        byte[] previous = Strings.value(ctx.txn(), readString(ctx, key));
        Strings.set(ctx.txn(), ctx.db(), key, ctx.arg(2), 0);
        ctx.notifyKeyspaceEvent(STRING, "set", key);
        ctx.reply().bulk(previous);
    }

    static void getdel(CommandContext ctx) {
        byte[] key = ctx.arg(1);
        byte[] value = Strings.value(ctx.txn(), readString(ctx, key));
        if (value != null) {
            Strings.delete(ctx.txn(), ctx.db(), key);
            ctx.notifyKeyspaceEvent(GENERIC, "del", key);
        }
        ctx.reply().bulk(value);
    }

    /** GETEX key [EX s|PX ms|EXAT s|PXAT ms|PERSIST]; without options the TTL is untouched. */
    static void getex(CommandContext ctx) {
        SetOptions options = SetOptions.forGetex(ctx, 2);
        byte[] key = ctx.arg(1);
        Metadata meta = readString(ctx, key);
        if (meta == null) {
            ctx.reply().nullBulk();
            return;
        }
        long expireAt = options.expireAt(ctx);
        byte[] value = Strings.value(ctx.txn(), meta);
        if (options.isAbsolute() && expireAt <= ctx.txn().now()) {
            Strings.delete(ctx.txn(), ctx.db(), key);
            ctx.notifyKeyspaceEvent(GENERIC, "del", key);
        } else if (options.hasExpiry()) {
            ctx.txn().putMeta(ctx.db(), key, meta.withExpireAt(expireAt));
            ctx.notifyKeyspaceEvent(GENERIC, "expire", key);
        } else if (options.persist && meta.hasExpiry()) {
            ctx.txn().putMeta(ctx.db(), key, meta.withExpireAt(0));
            ctx.notifyKeyspaceEvent(GENERIC, "persist", key);
        }
        ctx.reply().bulk(value);
    }

    /** MGET replies nil for missing keys and for keys of other types alike. */
    static void mget(CommandContext ctx) {
        ReplyWriter reply = ctx.reply();
        reply.arrayHeader(ctx.argc() - 1);
        for (int i = 1; i < ctx.argc(); i++) {
            Metadata meta = ctx.lookupRead(ctx.arg(i));
            reply.bulk(meta == null || meta.type() != DataType.STRING ? null : Strings.value(ctx.txn(), meta));
        }
    }

    static void mset(CommandContext ctx) {
        setPairs(ctx);
        ctx.reply().ok();
    }

    /** Sets nothing (and replies 0) if any of the keys exists. */
    static void msetnx(CommandContext ctx) {
        requirePairs(ctx);
        for (int i = 1; i < ctx.argc(); i += 2) {
            if (ctx.txn().meta(ctx.db(), ctx.arg(i)) != null) {
                ctx.reply().integer(0);
                return;
            }
        }
        setPairs(ctx);
        ctx.reply().integer(1);
    }

    private static void requirePairs(CommandContext ctx) {
        if (ctx.argc() % 2 == 0) {
            throw Errors.wrongArity(ctx.spec().name());
        }
    }

    /** Later pairs win over earlier ones with the same key, as in Redis. */
    private static void setPairs(CommandContext ctx) {
        requirePairs(ctx);
        for (int i = 1; i < ctx.argc(); i += 2) {
            Strings.set(ctx.txn(), ctx.db(), ctx.arg(i), ctx.arg(i + 1), 0);
            ctx.notifyKeyspaceEvent(STRING, "set", ctx.arg(i));
        }
    }

    static void incrBy(CommandContext ctx, long delta) {
        long value = Strings.incrBy(ctx.txn(), ctx.db(), ctx.arg(1), delta);
        ctx.notifyKeyspaceEvent(STRING, "incrby", ctx.arg(1));
        ctx.reply().integer(value);
    }

    /** Negating Long.MIN_VALUE overflows, which Redis reports before looking at the key. */
    static void decrby(CommandContext ctx) {
        long decrement = ctx.longArg(2);
        if (decrement == Long.MIN_VALUE) {
            throw new CommandError(DECREMENT_OVERFLOW);
        }
        incrBy(ctx, -decrement);
    }

    static void incrbyfloat(CommandContext ctx) {
        byte[] value = Strings.incrByFloat(ctx.txn(), ctx.db(), ctx.arg(1), ctx.arg(2));
        ctx.notifyKeyspaceEvent(STRING, "incrbyfloat", ctx.arg(1));
        ctx.reply().bulk(value);
    }

    /** APPEND creates the key when missing, even with an empty value. */
    static void append(CommandContext ctx) {
        byte[] key = ctx.arg(1);
        byte[] tail = ctx.arg(2);
        Metadata existing = Strings.meta(ctx.txn(), ctx.db(), key);
        if (existing != null) {
            checkStringLength(ctx, Strings.length(existing), tail.length);
        }
        long length = Strings.append(ctx.txn(), ctx.db(), key, existing, tail);
        ctx.notifyKeyspaceEvent(STRING, "append", key);
        ctx.reply().integer(length);
    }

    static void strlen(CommandContext ctx) {
        ctx.reply().integer(Strings.length(readString(ctx, ctx.arg(1))));
    }

    /** GETRANGE / SUBSTR key start end: the offsets are checked before the key. */
    static void getrange(CommandContext ctx) {
        long start = ctx.longArg(2);
        long end = ctx.longArg(3);
        Metadata meta = readString(ctx, ctx.arg(1));
        ctx.reply().bulk(meta == null ? EMPTY : Strings.range(ctx.txn(), meta, start, end));
    }

    /**
     * SETRANGE key offset value. An empty value changes nothing: it does not create a missing
     * key and it is not checked against the size limit.
     */
    static void setrange(CommandContext ctx) {
        long offset = ctx.longArg(2);
        if (offset < 0) {
            throw Errors.offsetOutOfRange();
        }
        byte[] key = ctx.arg(1);
        byte[] patch = ctx.arg(3);
        Metadata existing = Strings.meta(ctx.txn(), ctx.db(), key);
        if (patch.length == 0) {
            ctx.reply().integer(Strings.length(existing));
            return;
        }
        checkStringLength(ctx, offset, patch.length);
        long length = Strings.setRange(ctx.txn(), ctx.db(), key, existing, offset, patch);
        ctx.notifyKeyspaceEvent(STRING, "setrange", key);
        ctx.reply().integer(length);
    }

    /**
     * Redis's checkStringLength: the result may not exceed proto-max-bulk-len. A Java array also
     * cannot exceed 2 GB, should the limit be configured above that.
     */
    private static void checkStringLength(CommandContext ctx, long size, long append) {
        long total = size + append;
        long limit = Math.min(ctx.server().settings().getProtoMaxBulkLen(), Integer.MAX_VALUE - 8);
        if (total > limit || total < size) {
            throw Errors.stringTooLong();
        }
    }

    /** LCS key1 key2 [LEN] [IDX] [MINMATCHLEN len] [WITHMATCHLEN] */
    static void lcs(CommandContext ctx) {
        Metadata metaA = ctx.lookupRead(ctx.arg(1));
        Metadata metaB = ctx.lookupRead(ctx.arg(2));
        if (!isStringOrAbsent(metaA) || !isStringOrAbsent(metaB)) {
            throw new CommandError(LCS_NOT_STRINGS);
        }
        boolean len = false;
        boolean idx = false;
        boolean withMatchLen = false;
        long minMatchLen = 0;
        for (int i = 3; i < ctx.argc(); i++) {
            if (ctx.argIs(i, "idx")) {
                idx = true;
            } else if (ctx.argIs(i, "len")) {
                len = true;
            } else if (ctx.argIs(i, "withmatchlen")) {
                withMatchLen = true;
            } else if (ctx.argIs(i, "minmatchlen") && i + 1 < ctx.argc()) {
                minMatchLen = Math.max(0, ctx.longArg(++i));
            } else {
                throw Errors.syntax();
            }
        }
        if (len && idx) {
            throw new CommandError(LCS_LEN_AND_IDX);
        }
        byte[] a = metaA == null ? EMPTY : Strings.value(ctx.txn(), metaA);
        byte[] b = metaB == null ? EMPTY : Strings.value(ctx.txn(), metaB);
        // Redis refuses when its table of 32-bit lengths would exceed proto-max-bulk-len.
        if (StringLcs.tableCells(a.length, b.length) * 4 > ctx.server().settings().getProtoMaxBulkLen()) {
            throw new CommandError(LCS_TOO_BIG);
        }
        if (len) {
            ctx.reply().integer(StringLcs.length(a, b));
            return;
        }
        StringLcs.Result result = StringLcs.compute(a, b);
        if (!idx) {
            ctx.reply().bulk(result.sequence());
            return;
        }
        replyMatches(ctx.reply(), result, minMatchLen, withMatchLen);
    }

    private static boolean isStringOrAbsent(Metadata meta) {
        return meta == null || meta.type() == DataType.STRING;
    }

    /** {matches: [[[a0,a1],[b0,b1](,len)], ...], len: n}, runs shorter than the minimum left out. */
    private static void replyMatches(ReplyWriter reply, StringLcs.Result result, long minMatchLen, boolean withMatchLen) {
        var shown = result.matches().stream()
                .filter(match -> minMatchLen == 0 || match.length() >= minMatchLen)
                .toList();
        reply.mapHeader(2);
        reply.bulk("matches");
        reply.arrayHeader(shown.size());
        for (StringLcs.Match match : shown) {
            reply.arrayHeader(withMatchLen ? 3 : 2);
            reply.arrayHeader(2);
            reply.integer(match.aStart());
            reply.integer(match.aEnd());
            reply.arrayHeader(2);
            reply.integer(match.bStart());
            reply.integer(match.bEnd());
            if (withMatchLen) {
                reply.integer(match.length());
            }
        }
        reply.bulk("len");
        reply.integer(result.length());
    }
}
