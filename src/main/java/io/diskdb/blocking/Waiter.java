package io.diskdb.blocking;

import io.diskdb.command.Command;
import io.diskdb.server.ClientSession;
import io.diskdb.util.Bytes;

import java.util.List;
import java.util.concurrent.ScheduledFuture;

/**
 * One parked client: the command to run again when one of its keys becomes ready, the keys and
 * when each of them is ready for it, and its timeout. Its flags are guarded by the registry's lock; the
 * command only ever runs on the client's own event loop.
 */
public final class Waiter {
    final ClientSession session;
    final Command command;
    final byte[][] args;
    final int db;
    final List<Bytes> keys;
    final Readiness readiness;
    ScheduledFuture<?> timer;
    /** A retry is queued on the client's event loop. */
    boolean retryScheduled;
    /** Set by a retry that found nothing to serve: the client stays parked, in its place. */
    boolean stillWaiting;
    /** Served, timed out or disconnected: no longer in the registry. */
    boolean done;

    Waiter(ClientSession session, Command command, byte[][] args, int db, List<Bytes> keys, Readiness readiness) {
        this.session = session;
        this.command = command;
        this.args = args;
        this.db = db;
        this.keys = keys;
        this.readiness = readiness;
    }

    /**
     * A client parked by something other than keys (WAIT, until replicas acknowledge): it holds
     * the client's later requests back like any parked client; its owner answers and unparks it.
     */
    public static Waiter withoutKeys(ClientSession session, Command command, byte[][] args) {
        return new Waiter(session, command, args, session.db(), List.of(), null);
    }

    public ClientSession session() {
        return session;
    }

    public List<Bytes> keys() {
        return keys;
    }
}
