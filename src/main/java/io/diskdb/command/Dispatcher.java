package io.diskdb.command;

import io.diskdb.acl.Permissions;
import io.diskdb.server.ClientSession;
import io.diskdb.server.DiskDbServer;
import io.diskdb.server.ServerStats;
import io.diskdb.protocol.ReplyWriter;
import io.diskdb.pubsub.PendingEvents;
import io.diskdb.storage.DataGate;
import io.diskdb.storage.KeyLocks;
import io.diskdb.storage.Keyspace;
import io.diskdb.storage.StorageException;
import io.diskdb.storage.Transaction;
import io.diskdb.transaction.MultiState;
import io.diskdb.transaction.WatchRegistry;
import io.netty.buffer.ByteBuf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/**
 * Runs one command for one client: finds it in the command table, checks arity,
 * authentication and the user's ACL permissions as Redis does (in Redis's order, with Redis's words), takes the key locks the
 * command table asks for, runs the handler inside a transaction and commits it.
 *
 * <p>A handler that fails leaves nothing behind: its partial reply is cut from the output
 * buffer and its staged writes are dropped, so a client sees one error and the data is as
 * before.
 *
 * <p>Between MULTI and EXEC a resolved command is queued instead of run (see
 * {@link TransactionCommands}); a command refused by {@link #resolve} then also dooms the EXEC.
 */
public final class Dispatcher {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final DiskDbServer server;
    private final CommandTable table;
    private final Keyspace keyspace;
    private final WatchRegistry watches;

    public Dispatcher(DiskDbServer server, CommandTable table, Keyspace keyspace) {
        this.server = server;
        this.table = table;
        this.keyspace = keyspace;
        this.watches = TransactionCommands.watches(table);
    }

    public void dispatch(ClientSession session, byte[][] args) {
        ReplyWriter reply = session.reply();
        Command command = resolve(session, args, reply);
        if (command != null && server.pause().postpones(command, session.multi())) {
            session.postpone(args); // CLIENT PAUSE: run again when it ends (before MULTI queuing, as Redis)
            return;
        }
        if (session.inMulti() && !TransactionCommands.actsImmediatelyInMulti(command)) {
            queue(session.multi(), command, args, reply);
            return;
        }
        if (command == null) {
            return;
        }
        execute(session, command, args, reply);
    }

    /** Queues a command sent after MULTI; a refused one (null: resolve has replied why) makes EXEC abort. */
    private void queue(MultiState multi, Command command, byte[][] args, ReplyWriter reply) {
        if (command == null) {
            multi.refuseExec();
        } else if (command.spec().hasFlag("no_multi")) {
            multi.refuseExec();
            reject(reply, "ERR Command not allowed inside a transaction");
        } else {
            multi.queue(command, args);
            reply.simple("QUEUED");
        }
    }

    /** The command to run, or null after replying with the reason there is none. */
    private Command resolve(ClientSession session, byte[][] args, ReplyWriter reply) {
        session.lastCommand(null);
        String name = Keywords.lower(args[0]);
        Command command = table.lookup(name);
        if (command == null) {
            reject(reply, unknownCommand(args));
            return null;
        }
        if (!command.spec().subcommands().isEmpty() && args.length >= 2) {
            Command sub = table.lookup(name + "|" + Keywords.lower(args[1]));
            if (sub == null) {
                reject(reply, "ERR unknown subcommand '" + truncate(args[1]) + "'. Try "
                        + new String(args[0], StandardCharsets.UTF_8).toUpperCase() + " HELP.");
                return null;
            }
            command = sub;
        }
        session.lastCommand(command.spec().name()); // CLIENT LIST cmd=, as Redis sets it before the arity check
        if (!command.spec().arityMatches(args.length)) {
            refuse(session, command, reply, Errors.wrongArity(command.spec().name()).getMessage());
            return null;
        }
        if (!session.authenticated() && !command.spec().hasFlag("no_auth")) {
            refuse(session, command, reply, Errors.NOAUTH);
            return null;
        }
        Permissions.Denial denial = Permissions.check(server.acl().user(session.user()), command.spec(), args);
        if (denial != null) {
            AclLogging.refused(server, session, denial);
            refuse(session, command, reply, denial.error());
            return null;
        }
        if (command.spec().hasFlag("write") && server.replication().isReplica()) {
            reject(reply, ReplicationCommands.READONLY);
            return null;
        }
        if (session.inResp2SubscribedMode() && !PubSubCommands.allowedWhileSubscribed(command)) {
            refuse(session, command, reply, "ERR Can't execute '" + command.spec().name() + "': only (P|S)SUBSCRIBE / "
                    + "(P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context");
            return null;
        }
        return command;
    }

    /**
     * Replies why a known command may not run. An EXEC refused inside MULTI (wrong arity, NOPERM)
     * also discards the transaction, as Redis's execCommandAbort: otherwise the client would
     * still be in MULTI with nothing telling it so.
     */
    private void refuse(ClientSession session, Command command, ReplyWriter reply, String message) {
        if (session.inMulti() && command.spec().name().equals("exec")) {
            TransactionCommands.discardTransaction(session, watches);
            String reason = message.startsWith("ERR ") ? message.substring(4) : message;
            reject(reply, "EXECABORT Transaction discarded because of: " + reason);
        } else {
            reject(reply, message);
        }
    }

    /** Runs a resolved command under its key locks, in a transaction of its own. */
    public void execute(ClientSession session, Command command, byte[][] args, ReplyWriter reply) {
        server.stats().commandsProcessed.increment();
        runLocked(session, command, args, reply);
    }

    /**
     * Runs a command a blocking command parked again, when one of its keys may be ready
     * (io.diskdb.blocking): as {@link #execute}, but it is the same command, not a new one.
     */
    public void retry(ClientSession session, Command command, byte[][] args) {
        runLocked(session, command, args, session.reply());
    }

    private void runLocked(ClientSession session, Command command, byte[][] args, ReplyWriter reply) {
        int[] stripes = command.lockPlan().stripes(keyspace, session, command, args);
        KeyLocks locks = keyspace.locks();
        DataGate gate = keyspace.engine().gate();
        gate.enterShared(); // the data is never replaced (full sync) while a command runs
        try (KeyLocks.Held held = stripes == null ? locks.lockAll() : locks.lock(stripes)) {
            Transaction txn = keyspace.begin();
            run(new CommandContext(server, session, command, args, reply, txn));
        } finally {
            gate.exitShared();
        }
    }

    private void run(CommandContext ctx) {
        PendingEvents events = ctx.session().pendingEvents();
        events.clear();
        boolean committed = runGuarded(ctx, () -> {
            ctx.command().handler().execute(ctx);
            ctx.txn().commit();
        });
        if (committed && !events.isEmpty()) {
            server.keyspaceNotifier().publish(events, ctx.txn()); // still under the key locks: per-key order holds
        }
        events.clear();
    }

    /**
     * Runs one command EXEC queued, in EXEC's transaction and under EXEC's locks, without
     * committing. Returns false if it failed: its partial reply is then replaced by its error
     * and the caller drops what it staged.
     */
    static boolean runQueued(CommandContext ctx) {
        ctx.server().stats().commandsProcessed.increment();
        PendingEvents events = ctx.session().pendingEvents();
        int mark = events.mark();
        boolean ok = runGuarded(ctx, () -> ctx.command().handler().execute(ctx));
        if (!ok) {
            events.truncate(mark); // its writes are dropped, so are its events
        }
        return ok;
    }

    /** Runs {@code body}; on failure cuts the command's partial reply and replies with the error. */
    private static boolean runGuarded(CommandContext ctx, Runnable body) {
        ReplyWriter reply = ctx.reply();
        ByteBuf out = reply.buffer();
        int mark = out.writerIndex();
        ServerStats stats = ctx.server().stats();
        try {
            body.run();
            return true;
        } catch (CommandError e) {
            out.writerIndex(mark);
            reject(stats, reply, e.getMessage());
        } catch (StorageException e) {
            out.writerIndex(mark);
            log.error("storage error in '{}': {}", ctx.spec().name(), e.getMessage(), e);
            reject(stats, reply, "ERR " + e.getMessage());
        } catch (RuntimeException e) {
            out.writerIndex(mark);
            log.error("internal error in '{}'", ctx.spec().name(), e);
            reject(stats, reply, "ERR internal error: " + e);
        }
        return false;
    }

    private void reject(ReplyWriter reply, String message) {
        reject(server.stats(), reply, message);
    }

    private static void reject(ServerStats stats, ReplyWriter reply, String message) {
        stats.errorReplies.increment();
        reply.error(message);
    }

    /** Redis: "unknown command 'x', with args beginning with: 'a' 'b' " (128 bytes of args at most). */
    private static String unknownCommand(byte[][] args) {
        StringBuilder shown = new StringBuilder();
        for (int i = 1; i < args.length && shown.length() < 128; i++) {
            String arg = new String(args[i], StandardCharsets.UTF_8);
            int room = 128 - shown.length();
            shown.append('\'').append(arg, 0, Math.min(arg.length(), room)).append("' ");
        }
        return "ERR unknown command '" + truncate(args[0]) + "', with args beginning with: " + shown;
    }

    private static String truncate(byte[] arg) {
        String text = new String(arg, StandardCharsets.UTF_8);
        return text.length() > 128 ? text.substring(0, 128) : text;
    }
}
