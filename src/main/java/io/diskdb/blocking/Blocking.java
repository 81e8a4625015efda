package io.diskdb.blocking;

import io.diskdb.command.CommandContext;
import io.diskdb.protocol.ReplyWriter;
import io.diskdb.server.ClientSession;
import io.diskdb.storage.DataType;
import io.diskdb.storage.Metadata;
import io.diskdb.types.Collections;
import io.diskdb.util.Bytes;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a blocking command handler uses. The handler is written once and runs the same way the
 * first time and on every retry:
 *
 * <pre>
 * long timeout = BlockTimeout.parseMillis(ctx.arg(last));       // validate first
 * for each key: meta = Blocking.lookup(ctx, key, TYPE) ... if it has elements: serve, reply, return
 * Blocking.block(ctx, keys, TYPE, timeout, ReplyWriter::nullArray);  // nothing to serve
 * </pre>
 *
 * {@code block} parks the client (no reply now), or on a retry leaves it parked in its place,
 * or inside MULTI/EXEC replies the given nil at once, as Redis does for a client that may not
 * block. A handler that returns without calling {@code block} on a retry has served the client
 * (or replied an error): the registry unparks it and the connection resumes its pipeline.
 */
public final class Blocking {
    private Blocking() {
    }

    /** Whether this run is a retry of a parked command rather than a new one. */
    public static boolean isRetry(CommandContext ctx) {
        return ctx.session().blocked();
    }

    /**
     * Finds the key for a blocking read: WRONGTYPE on the first run, as Redis checks every key
     * when the command arrives; on a retry a key of another type is just not ready (Redis serves
     * a parked client only from keys that hold its type, and keeps it waiting otherwise).
     */
    public static Metadata lookup(CommandContext ctx, byte[] key, DataType type) {
        Metadata meta = ctx.txn().meta(ctx.db(), key);
        if (meta != null && meta.type() != type && isRetry(ctx)) {
            return null;
        }
        return Collections.requireType(meta, type);
    }

    /**
     * Nothing to serve: parks the client on {@code keys} until one holds elements of
     * {@code type} or {@code timeoutMillis} pass (0 = forever); inside a transaction replies
     * {@code nilNow} instead.
     */
    public static void block(CommandContext ctx, List<byte[]> keys, DataType type, long timeoutMillis,
                             Consumer<ReplyWriter> nilNow) {
        block(ctx, keys, Readiness.holdsElements(type), timeoutMillis, nilNow, ctx.args());
    }

    /**
     * Nothing to serve: parks the client on {@code keys} until a commit leaves one of them
     * {@code readiness} says may serve it, or {@code timeoutMillis} pass (0 = forever); inside a
     * transaction replies {@code nilNow} instead. Retries run {@code retryArgs}: a command whose
     * arguments mean something relative to the moment it parked (XREAD's {@code $}) passes
     * them resolved, so that a retry waits for what the first run waited for.
     */
    public static void block(CommandContext ctx, List<byte[]> keys, Readiness readiness, long timeoutMillis,
                             Consumer<ReplyWriter> nilNow, byte[][] retryArgs) {
        ClientSession session = ctx.session();
        if (session.executingTransaction()) {
            nilNow.accept(ctx.reply());
            return;
        }
        BlockingRegistry registry = ctx.server().blocking();
        if (session.blocked()) {
            registry.stayParked(session.waiter());
            return;
        }
        List<Bytes> distinct = new ArrayList<>(keys.size());
        for (byte[] key : keys) {
            Bytes k = new Bytes(key);
            if (!distinct.contains(k)) {
                distinct.add(k);
            }
        }
        registry.park(session, ctx.command(), retryArgs, ctx.db(), distinct, readiness, timeoutMillis);
    }
}
