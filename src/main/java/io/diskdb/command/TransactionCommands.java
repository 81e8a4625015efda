package io.diskdb.command;

import io.diskdb.acl.Permissions;
import io.diskdb.server.ClientSession;
import io.diskdb.server.DiskDbServer;
import io.diskdb.storage.Keyspace;
import io.diskdb.storage.Transaction;
import io.diskdb.transaction.MultiState;
import io.diskdb.transaction.QueuedCommand;
import io.diskdb.transaction.WatchRegistry;

import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * MULTI, EXEC, DISCARD, WATCH and UNWATCH with Redis 7.0's replies.
 *
 * <p>EXEC holds the stripes of every queued command's keys (and of the watched keys) at once,
 * runs the commands in order against one storage transaction, so each sees the writes of the
 * ones before it, and the dispatcher commits that transaction once: one RocksDB write batch,
 * which other clients and a crash see whole or not at all. A command failing at run time
 * replies its error in place and only its own staged writes are dropped (a savepoint per
 * command); the others still commit, as in Redis.
 */
public final class TransactionCommands {
    static final String EXECABORT = "EXECABORT Transaction discarded because of previous errors.";

    /** Commands that act at once between MULTI and EXEC instead of being queued (Redis's processCommand). */
    private static final Set<String> ACT_IMMEDIATELY = Set.of("exec", "discard", "multi", "watch", "quit", "reset");

    private TransactionCommands() {
    }

    public static void register(CommandTable table, DiskDbServer server) {
        Keyspace keyspace = server.keyspace();
        WatchRegistry watches = new WatchRegistry(keyspace);
        keyspace.addCommitListener(watches);
        keyspace.addWholeDatabaseListener(watches);
        table.register("multi", TransactionCommands::multi);
        table.register("exec", ctx -> exec(ctx, watches),
                (space, session, command, args) -> execStripes(space, session, watches));
        table.register("discard", ctx -> discard(ctx, watches));
        table.register("watch", new Watch(watches));
        table.register("unwatch", ctx -> {
            watches.unwatchAll(ctx.session().watcher());
            ctx.reply().ok();
        });
    }

    /** Whether a command runs at once even after MULTI; null (a refused command) does not. */
    static boolean actsImmediatelyInMulti(Command command) {
        return command != null && ACT_IMMEDIATELY.contains(command.spec().name());
    }

    private static void multi(CommandContext ctx) {
        MultiState multi = ctx.session().multi();
        if (multi.isOpen()) {
            throw new CommandError("ERR MULTI calls can not be nested");
        }
        multi.open();
        ctx.reply().ok();
    }

    private static void discard(CommandContext ctx, WatchRegistry watches) {
        if (!ctx.session().inMulti()) {
            throw new CommandError("ERR DISCARD without MULTI");
        }
        discardTransaction(ctx.session(), watches);
        ctx.reply().ok();
    }

    /** Ends the client's MULTI without running it and forgets its watched keys (DISCARD, RESET, a refused EXEC). */
    static void discardTransaction(ClientSession session, WatchRegistry watches) {
        session.multi().close();
        watches.unwatchAll(session.watcher());
    }

    /** The watch registry this family registered in {@code table}, for the others that end transactions. */
    static WatchRegistry watches(CommandTable table) {
        return ((Watch) table.lookup("watch").handler()).registry();
    }

    /** WATCH, as a handler that also gives the registry to the code that ends transactions, and to tests. */
    record Watch(WatchRegistry registry) implements CommandHandler {
        @Override
        public void execute(CommandContext ctx) {
            watch(ctx, registry);
        }
    }

    private static void watch(CommandContext ctx, WatchRegistry watches) {
        ClientSession session = ctx.session();
        if (session.inMulti()) {
            throw new CommandError("ERR WATCH inside MULTI is not allowed");
        }
        if (!session.watcher().isDirty()) { // already doomed: no point watching more, as Redis
            for (int i = 1; i < ctx.argc(); i++) {
                watches.watch(session.watcher(), session.channel(), ctx.db(), ctx.arg(i), ctx.txn().now());
            }
        }
        ctx.reply().ok();
    }

    private static void exec(CommandContext ctx, WatchRegistry watches) {
        ClientSession session = ctx.session();
        MultiState multi = session.multi();
        if (!multi.isOpen()) {
            throw new CommandError("ERR EXEC without MULTI");
        }
        List<QueuedCommand> queued = multi.queued();
        boolean refused = multi.execRefused();
        boolean watchBroken = watches.isBroken(session.watcher(), ctx.txn().now());
        multi.close();
        watches.unwatchAll(session.watcher()); // before the commit: its own writes do not touch its watches
        if (refused) {
            throw new CommandError(EXECABORT);
        }
        if (watchBroken) {
            ctx.reply().nullArray();
            return;
        }
        ctx.reply().arrayHeader(queued.size());
        multi.startExecuting(queued.size());
        try {
            for (QueuedCommand command : queued) {
                runQueued(ctx, command);
            }
        } finally {
            multi.finishExecuting();
        }
    }

    /**
     * Runs one queued command in EXEC's transaction; if it fails, only its own writes are dropped.
     * Its permissions are checked again first, as Redis 7.0 does: an ACL SETUSER since it was
     * queued (or an AUTH earlier in this transaction) may have taken them away.
     */
    private static void runQueued(CommandContext exec, QueuedCommand queued) {
        Command command = queued.command();
        ClientSession session = exec.session();
        Permissions.Denial denial = Permissions.check(exec.server().acl().user(session.user()), command.spec(),
                queued.args());
        if (denial != null) {
            AclLogging.refused(exec.server(), session, denial);
            exec.server().stats().errorReplies.increment();
            exec.reply().error(denial.errorAtExec());
            return;
        }
        Transaction txn = exec.txn();
        if (command.lockPlan() == LockPlan.EVERYTHING) {
            // Keyspace-wide commands (FLUSHDB, FLUSHALL, SWAPDB) change the stored keyspace directly,
            // not through the transaction, so what the earlier commands staged is committed first.
            // Every lock is held, so other clients still see the EXEC as one step; a crash between
            // the two writes is the one case that can split it.
            txn.commit();
            exec.server().keyspace().begin(); // resets this thread's transaction, the same object as txn
        }
        txn.setSavePoint();
        CommandContext ctx = new CommandContext(exec.server(), exec.session(), command, queued.args(), exec.reply(), txn);
        if (Dispatcher.runQueued(ctx)) {
            txn.releaseSavePoint();
        } else {
            txn.rollbackToSavePoint();
        }
    }

    /**
     * EXEC's locks: the union of every queued command's lock plan, plus the watched keys, taken
     * together in ascending order by the dispatcher; null (every stripe) if any command needs
     * everything, or after a SELECT, whose later commands' keys are in a database not yet known.
     */
    private static int[] execStripes(Keyspace keyspace, ClientSession session, WatchRegistry watches) {
        MultiState multi = session.multi();
        if (!multi.isOpen() || multi.execRefused()) {
            return new int[0];
        }
        IntStream.Builder stripes = IntStream.builder();
        for (QueuedCommand queued : multi.queued()) {
            Command command = queued.command();
            if (command.spec().name().equals("select")) {
                return null;
            }
            int[] own = command.lockPlan().stripes(keyspace, session, command, queued.args());
            if (own == null) {
                return null;
            }
            for (int stripe : own) {
                stripes.add(stripe);
            }
        }
        for (int stripe : watches.stripes(session.watcher())) {
            stripes.add(stripe);
        }
        return stripes.build().toArray();
    }
}
