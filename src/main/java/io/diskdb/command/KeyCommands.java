package io.diskdb.command;

import static io.diskdb.config.KeyspaceEvents.GENERIC;

import io.diskdb.config.Settings;
import io.diskdb.storage.Keyspace;
import io.diskdb.storage.Metadata;
import io.diskdb.storage.Transaction;
import io.diskdb.types.Keys;

import java.util.Arrays;
import java.util.OptionalLong;

/**
 * The key-space commands that work on whole keys whatever their type: DEL, EXISTS, TYPE,
 * RENAME, COPY, MOVE, TOUCH, OBJECT and the database-wide DBSIZE, FLUSHDB, FLUSHALL, SWAPDB.
 * Expiry commands live in {@link ExpireCommands}, keyspace walks in {@link ScanCommands}.
 */
public final class KeyCommands {
    private static final String SAME_OBJECT = "ERR source and destination objects are the same";
    private static final String POLICY_SWITCH_NOTE =
            " Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.";
    private static final String NO_LFU = "ERR An LFU maxmemory policy is not selected, access frequency not tracked."
            + POLICY_SWITCH_NOTE;
    private static final String LFU = "ERR An LFU maxmemory policy is selected, idle time not tracked."
            + POLICY_SWITCH_NOTE;
    /** Redis's LFU_INIT_VAL: the counter of a key not (yet) seen as frequently used. */
    private static final long LFU_INITIAL_COUNTER = 5;
    private static final String[] OBJECT_HELP = {
            "ENCODING <key>",
            "    Return the kind of internal representation used in order to store the value",
            "    associated with a <key>.",
            "FREQ <key>",
            "    Return the access frequency index of the <key>. The returned integer is",
            "    proportional to the logarithm of the recent access frequency of the key.",
            "IDLETIME <key>",
            "    Return the idle time of the <key>, that is the approximated number of",
            "    seconds elapsed since the last access to the key.",
            "REFCOUNT <key>",
            "    Return the number of references of the value associated with the specified",
            "    <key>.",
    };

    /** MOVE key db: the key's stripe in the selected database and in the target one. */
    static final LockPlan MOVE_LOCKS = (keyspace, session, command, args) ->
            withTargetStripe(LockPlan.KEYS_FROM_SPEC.stripes(keyspace, session, command, args),
                    keyspace, lockableDb(keyspace, args[2]), args[1]);

    /**
     * COPY src dst [DB n]: also the destination's stripe in database n. Every "DB n" pair is
     * locked (the last one wins in the handler, and a superset of locks is harmless).
     */
    static final LockPlan COPY_LOCKS = (keyspace, session, command, args) -> {
        int[] stripes = LockPlan.KEYS_FROM_SPEC.stripes(keyspace, session, command, args);
        for (int i = 3; i + 1 < args.length; i++) {
            if (Keywords.is(args[i], "db")) {
                stripes = withTargetStripe(stripes, keyspace, lockableDb(keyspace, args[i + 1]), args[2]);
            }
        }
        return stripes;
    };

    private KeyCommands() {
    }

    public static void register(CommandTable table) {
        table.register("del", KeyCommands::del);
        table.register("unlink", KeyCommands::del);
        table.register("exists", KeyCommands::exists);
        table.register("touch", KeyCommands::exists);
        table.register("type", KeyCommands::type);
        table.register("rename", ctx -> rename(ctx, false));
        table.register("renamenx", ctx -> rename(ctx, true));
        table.register("copy", KeyCommands::copy, COPY_LOCKS);
        table.register("move", KeyCommands::move, MOVE_LOCKS);
        table.register("dbsize", KeyCommands::dbsize);
        table.register("flushdb", KeyCommands::flushdb, LockPlan.EVERYTHING);
        table.register("flushall", KeyCommands::flushall, LockPlan.EVERYTHING);
        table.register("swapdb", KeyCommands::swapdb, LockPlan.EVERYTHING);
        table.register("object|encoding", KeyCommands::objectEncoding);
        table.register("object|refcount", KeyCommands::objectRefcount);
        table.register("object|idletime", KeyCommands::objectIdletime);
        table.register("object|freq", KeyCommands::objectFreq);
        table.register("object|help", KeyCommands::objectHelp);
        ExpireCommands.register(table);
        ScanCommands.register(table);
    }

    /** DEL and UNLINK: deleting is O(1) for every type, so UNLINK has nothing to defer. */
    static void del(CommandContext ctx) {
        long deleted = 0;
        for (int i = 1; i < ctx.argc(); i++) {
            if (ctx.txn().deleteKey(ctx.db(), ctx.arg(i))) {
                ctx.notifyKeyspaceEvent(GENERIC, "del", ctx.arg(i));
                deleted++;
            }
        }
        ctx.reply().integer(deleted);
    }

    /** EXISTS and TOUCH: how many of the arguments exist, a key named twice counting twice. */
    static void exists(CommandContext ctx) {
        long found = 0;
        for (int i = 1; i < ctx.argc(); i++) {
            if (ctx.txn().meta(ctx.db(), ctx.arg(i)) != null) {
                found++;
            }
        }
        ctx.reply().integer(found);
    }

    static void type(CommandContext ctx) {
        Metadata meta = ctx.txn().meta(ctx.db(), ctx.arg(1));
        ctx.reply().simple(meta == null ? "none" : meta.type().redisName());
    }

    /** RENAME and RENAMENX: the value, TTL included, changes name in O(1). */
    static void rename(CommandContext ctx, boolean onlyIfNew) {
        Transaction txn = ctx.txn();
        byte[] source = ctx.arg(1);
        byte[] target = ctx.arg(2);
        if (txn.meta(ctx.db(), source) == null) {
            throw new CommandError(Errors.NO_SUCH_KEY);
        }
        boolean sameKey = Arrays.equals(source, target);
        if (sameKey || (onlyIfNew && txn.meta(ctx.db(), target) != null)) {
            replyRenamed(ctx, onlyIfNew, false);
            return;
        }
        Keys.move(txn, ctx.db(), source, ctx.db(), target);
        ctx.notifyKeyspaceEvent(GENERIC, "rename_from", source);
        ctx.notifyKeyspaceEvent(GENERIC, "rename_to", target);
        replyRenamed(ctx, onlyIfNew, true);
    }

    /** RENAME says OK (also for a key renamed to itself); RENAMENX says whether it renamed. */
    private static void replyRenamed(CommandContext ctx, boolean onlyIfNew, boolean renamed) {
        if (onlyIfNew) {
            ctx.reply().integer(renamed ? 1 : 0);
        } else {
            ctx.reply().ok();
        }
    }

    /** COPY source destination [DB destination-db] [REPLACE] */
    static void copy(CommandContext ctx) {
        int targetDb = ctx.db();
        boolean replace = false;
        for (int i = 3; i < ctx.argc(); i++) {
            if (ctx.argIs(i, "replace")) {
                replace = true;
            } else if (ctx.argIs(i, "db") && i + 1 < ctx.argc()) {
                targetDb = dbIndex(ctx, ctx.arg(++i));
            } else {
                throw Errors.syntax();
            }
        }
        byte[] source = ctx.arg(1);
        byte[] target = ctx.arg(2);
        if (targetDb == ctx.db() && Arrays.equals(source, target)) {
            throw new CommandError(SAME_OBJECT);
        }
        Transaction txn = ctx.txn();
        Metadata meta = txn.meta(ctx.db(), source);
        if (meta == null || (!replace && txn.meta(targetDb, target) != null)) {
            ctx.reply().integer(0);
            return;
        }
        Keys.copy(txn, meta, targetDb, target);
        ctx.notifyKeyspaceEvent(GENERIC, "copy_to", target, targetDb);
        ctx.reply().integer(1);
    }

    /** MOVE key db: only if the key exists here and not there. */
    static void move(CommandContext ctx) {
        int targetDb = dbIndex(ctx, ctx.arg(2));
        if (targetDb == ctx.db()) {
            throw new CommandError(SAME_OBJECT);
        }
        Transaction txn = ctx.txn();
        byte[] key = ctx.arg(1);
        if (txn.meta(ctx.db(), key) == null || txn.meta(targetDb, key) != null) {
            ctx.reply().integer(0);
            return;
        }
        Keys.move(txn, ctx.db(), key, targetDb, key);
        ctx.notifyKeyspaceEvent(GENERIC, "move_from", key);
        ctx.notifyKeyspaceEvent(GENERIC, "move_to", key, targetDb);
        ctx.reply().integer(1);
    }

    /** Exact, from the key counters: keys past their TTL count until expiry removes them, as in Redis. */
    static void dbsize(CommandContext ctx) {
        ctx.reply().integer(ctx.server().keyspace().keyCount(ctx.db()));
    }

    static void flushdb(CommandContext ctx) {
        parseFlushMode(ctx);
        flush(ctx.server().keyspace(), ctx.db());
        ctx.reply().ok();
    }

    static void flushall(CommandContext ctx) {
        parseFlushMode(ctx);
        Keyspace keyspace = ctx.server().keyspace();
        for (int db = 0; db < keyspace.databases(); db++) {
            flush(keyspace, db);
        }
        ctx.reply().ok();
    }

    /**
     * [ASYNC|SYNC] is accepted and means the same: a flush is a few range deletes, already
     * constant time on the request path; RocksDB reclaims the space in the background.
     */
    private static void parseFlushMode(CommandContext ctx) {
        if (ctx.argc() > 2 || (ctx.argc() == 2 && !ctx.argIs(1, "async") && !ctx.argIs(1, "sync"))) {
            throw Errors.syntax();
        }
    }

    private static void flush(Keyspace keyspace, int db) {
        keyspace.flush(db, key -> { });
    }

    static void swapdb(CommandContext ctx) {
        int first = dbIndex(ctx, ctx.arg(1), "ERR invalid first DB index");
        int second = dbIndex(ctx, ctx.arg(2), "ERR invalid second DB index");
        ctx.server().keyspace().swapDatabases(first, second);
        ctx.reply().ok();
    }

    static void objectEncoding(CommandContext ctx) {
        Metadata meta = ctx.txn().meta(ctx.db(), ctx.arg(2));
        if (meta == null) {
            ctx.reply().nullBulk();
        } else {
            Settings settings = ctx.server().settings();
            ctx.reply().bulk(Keys.encoding(meta, new Keys.ListpackLimits(
                    settings.getHashMaxListpackEntries(), settings.getZsetMaxListpackEntries())));
        }
    }

    static void objectRefcount(CommandContext ctx) {
        Metadata meta = ctx.txn().meta(ctx.db(), ctx.arg(2));
        if (meta == null) {
            ctx.reply().nullBulk();
        } else {
            Settings settings = ctx.server().settings();
            boolean evictsByUse = settings.getMaxmemory() != 0 && (lfuPolicy(settings) || lruPolicy(settings));
            ctx.reply().integer(Keys.refcount(meta, !evictsByUse));
        }
    }

    /**
     * Seconds since a command last read or wrote the key, as the hot cache remembers it. A key
     * not in the cache (evicted, or unused since start) reports 0: its last access is unknown.
     * Read before the lookup below, which itself counts as an access.
     */
    static void objectIdletime(CommandContext ctx) {
        OptionalLong idle = ctx.server().keyspace().idleMillis(ctx.db(), ctx.arg(2));
        if (ctx.txn().meta(ctx.db(), ctx.arg(2)) == null) {
            ctx.reply().nullBulk();
            return;
        }
        if (lfuPolicy(ctx.server().settings())) {
            throw new CommandError(LFU);
        }
        ctx.reply().integer(idle.orElse(0) / 1000);
    }

    /**
     * Redis refuses FREQ unless maxmemory-policy is an LFU one. DiskDB keeps no per-key access
     * counter (it never evicts keys, only cache entries), so under an LFU policy every key
     * reports the counter Redis gives a key it has not seen used often.
     */
    static void objectFreq(CommandContext ctx) {
        if (ctx.txn().meta(ctx.db(), ctx.arg(2)) == null) {
            ctx.reply().nullBulk();
            return;
        }
        if (!lfuPolicy(ctx.server().settings())) {
            throw new CommandError(NO_LFU);
        }
        ctx.reply().integer(LFU_INITIAL_COUNTER);
    }

    private static boolean lfuPolicy(Settings settings) {
        return settings.getMaxmemoryPolicy().endsWith("-lfu");
    }

    private static boolean lruPolicy(Settings settings) {
        return settings.getMaxmemoryPolicy().endsWith("-lru");
    }

    static void objectHelp(CommandContext ctx) {
        HelpReply.write(ctx.reply(), "object", OBJECT_HELP);
    }

    private static int dbIndex(CommandContext ctx, byte[] arg) {
        return dbIndex(ctx, arg, Errors.NOT_INTEGER);
    }

    /** Redis's getIntFromObjectOrReply followed by the database range check. */
    private static int dbIndex(CommandContext ctx, byte[] arg, String notIntegerError) {
        Long value = Numbers.parseLong(arg);
        if (value == null) {
            throw new CommandError(notIntegerError);
        }
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new CommandError(notIntegerError.equals(Errors.NOT_INTEGER)
                    ? "ERR value is out of range, value must between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE
                    : notIntegerError);
        }
        if (value < 0 || value >= ctx.server().keyspace().databases()) {
            throw new CommandError(Errors.DB_OUT_OF_RANGE);
        }
        return value.intValue();
    }

    /** A database argument worth locking in: a valid index; anything else fails before any access. */
    private static int lockableDb(Keyspace keyspace, byte[] arg) {
        Long value = Numbers.parseLong(arg);
        return value == null || value < 0 || value >= keyspace.databases() ? -1 : value.intValue();
    }

    private static int[] withTargetStripe(int[] stripes, Keyspace keyspace, int targetDb, byte[] key) {
        if (targetDb < 0) {
            return stripes;
        }
        int[] all = Arrays.copyOf(stripes, stripes.length + 1);
        all[stripes.length] = keyspace.stripe(targetDb, key);
        return all;
    }
}
