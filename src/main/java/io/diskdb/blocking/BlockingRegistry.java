package io.diskdb.blocking;

import io.diskdb.command.Command;
import io.diskdb.server.ClientSession;
import io.diskdb.server.ServerStats;
import io.diskdb.storage.CommitListener;
import io.diskdb.storage.KeyChange;
import io.diskdb.storage.Keyspace;
import io.diskdb.storage.Metadata;
import io.diskdb.storage.WholeDatabaseListener;
import io.diskdb.util.Bytes;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The clients parked by blocking commands (BLPOP, BLMOVE, BLMPOP...), by the keys they wait on.
 * No thread ever waits: a parked client simply gets no reply until a commit makes one of its
 * keys ready, its timeout passes, or it disconnects.
 *
 * <p>Wake-up: as a {@link CommitListener} the registry sees every committed change. Each waiter
 * carries a {@link Readiness}: for a changed key, the registry picks the longest-waiting waiter
 * whose readiness accepts the key's new state and schedules a retry of its command on that
 * client's own event loop, through the normal dispatcher path (locks, transaction). A retry
 * that finds nothing leaves the client parked in its place, and the waiters queued behind it
 * get their turn. Waiters of one key are woken one at a time: when a retry is over, the key is
 * checked again and the next ready waiter is woken. That keeps the order FIFO, as in Redis,
 * even though waiters live on different event loops. When the whole data is replaced (a replica's
 * full sync) every waited key is signalled as it is in the new data.
 */
public final class BlockingRegistry implements CommitListener, WholeDatabaseListener {
    /** Runs a parked command again on its client's event loop (the dispatcher's retry). */
    @FunctionalInterface
    public interface Retrier {
        void retry(ClientSession session, Command command, byte[][] args);
    }

    private record WaitKey(int db, Bytes key) {
    }

    /** The waiters of one key, oldest first, and the one whose retry is under way. */
    private static final class KeyWaiters {
        final ArrayDeque<Waiter> queue = new ArrayDeque<>();
        Waiter waking;
        /** The key changed again while a retry was under way: check it once that retry ends. */
        boolean changedWhileWaking;
    }

    private final Keyspace keyspace;
    private final ServerStats stats;
    private final Retrier retrier;
    private final Map<WaitKey, KeyWaiters> byKey = new HashMap<>();
    /** Lets commits skip the lock entirely while nobody waits (the common case). */
    private final AtomicInteger parked = new AtomicInteger();

    public BlockingRegistry(Keyspace keyspace, ServerStats stats, Retrier retrier) {
        this.keyspace = keyspace;
        this.stats = stats;
        this.retrier = retrier;
    }

    /** Clients parked right now. */
    public int parkedClients() {
        return parked.get();
    }

    /**
     * Parks the client running {@code command} on {@code keys} until {@code readiness} accepts
     * one of them; {@code timeoutMillis} 0 waits forever. Called by a handler (under its key
     * locks, so no commit to these keys can slip in between its check and this registration).
     */
    void park(ClientSession session, Command command, byte[][] args, int db, List<Bytes> keys,
              Readiness readiness, long timeoutMillis) {
        Waiter waiter = new Waiter(session, command, args, db, keys, readiness);
        synchronized (this) {
            for (Bytes key : keys) {
                byKey.computeIfAbsent(new WaitKey(db, key), k -> new KeyWaiters()).queue.addLast(waiter);
            }
            parked.incrementAndGet();
        }
        stats.blockedClients.incrementAndGet();
        session.park(waiter);
        if (timeoutMillis > 0) {
            waiter.timer = session.channel().eventLoop().schedule(() -> timedOut(waiter), timeoutMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** A retry found nothing to serve: the client keeps waiting, in its place. */
    void stayParked(Waiter waiter) {
        waiter.stillWaiting = true;
    }

    /** The client disconnected (or was killed) while parked: forget it, no reply. */
    public void cancel(ClientSession session) {
        Waiter waiter = session.waiter();
        if (waiter != null && unregister(waiter)) {
            session.unpark();
        }
    }

    @Override
    public void committed(List<KeyChange> changes) {
        if (parked.get() == 0) {
            return;
        }
        synchronized (this) {
            for (KeyChange change : changes) {
                // deletions too: a consumer-group reader is answered when its stream goes away
                signal(new WaitKey(change.db(), new Bytes(change.key())), change.after(), null);
            }
        }
    }

    /**
     * The key changed to {@code meta} (null = gone): wakes the oldest waiter it is ready for,
     * one at a time. {@code behind} non-null starts the search after that waiter (it was just
     * tried and stays parked), so the waiters queued behind it get their turn.
     */
    private void signal(WaitKey key, Metadata meta, Waiter behind) {
        KeyWaiters waiters = byKey.get(key);
        if (waiters == null) {
            return;
        }
        if (waiters.waking != null) {
            waiters.changedWhileWaking = true;
            return;
        }
        boolean searching = behind == null;
        for (Waiter waiter : waiters.queue) {
            if (!searching) {
                searching = waiter == behind;
                continue;
            }
            if (waiter.readiness.ready(key.key(), meta)) {
                waiters.waking = waiter;
                scheduleRetry(waiter);
                return;
            }
        }
    }

    private void scheduleRetry(Waiter waiter) {
        if (!waiter.retryScheduled) {
            waiter.retryScheduled = true;
            waiter.session.channel().eventLoop().execute(() -> retry(waiter));
        }
    }

    /** On the waiter's event loop: runs its command again; it either serves the client or parks it again. */
    private void retry(Waiter waiter) {
        synchronized (this) {
            if (waiter.done) {
                return; // timed out or disconnected in the meantime
            }
            waiter.retryScheduled = false;
            waiter.stillWaiting = false;
        }
        retrier.retry(waiter.session, waiter.command, waiter.args);
        if (waiter.stillWaiting) {
            synchronized (this) {
                for (Bytes key : waiter.keys) {
                    KeyWaiters waiters = byKey.get(new WaitKey(waiter.db, key));
                    if (waiters != null && waiters.waking == waiter) {
                        waiters.waking = null;
                        // A change during the retry may have made anyone ready: start over.
                        // Otherwise the waiters behind this one may still be served by the
                        // change that woke it (readiness is a hint, not a promise).
                        boolean changed = waiters.changedWhileWaking;
                        waiters.changedWhileWaking = false;
                        recheck(new WaitKey(waiter.db, key), changed ? null : waiter);
                    }
                }
            }
        } else if (unregister(waiter)) {
            // served (or failed, e.g. BLMOVE to a key of the wrong type): its reply is written
            waiter.session.unpark();
        }
    }

    private void timedOut(Waiter waiter) {
        if (unregister(waiter)) {
            // Redis 7.0 answers every timed-out list, zset or stream wait with a null array
            waiter.session.reply().nullArray();
            waiter.session.unpark();
        }
    }

    /**
     * Removes the waiter from every key and settles the keys it was being woken for; false if
     * it was already gone. Its keys are checked again: elements it did not take (it was served
     * from another key, timed out or left) belong to the next waiter.
     */
    private boolean unregister(Waiter waiter) {
        synchronized (this) {
            if (waiter.done) {
                return false;
            }
            waiter.done = true;
            parked.decrementAndGet();
            for (Bytes key : waiter.keys) {
                WaitKey waitKey = new WaitKey(waiter.db, key);
                KeyWaiters waiters = byKey.get(waitKey);
                if (waiters == null) {
                    continue;
                }
                waiters.queue.remove(waiter);
                if (waiters.waking == waiter) {
                    waiters.waking = null;
                    waiters.changedWhileWaking = false;
                }
                if (waiters.queue.isEmpty()) {
                    byKey.remove(waitKey);
                } else {
                    recheck(waitKey, null);
                }
            }
        }
        if (waiter.timer != null) {
            waiter.timer.cancel(false);
        }
        stats.blockedClients.decrementAndGet();
        return true;
    }

    /**
     * The whole data was replaced (full sync): any waited key may be ready now. Every key is
     * signalled as it is in the new data, from another thread once the replacement is over: this
     * is called with the data gate held exclusively, and an event loop may be waiting for the gate
     * while it holds this registry's monitor (a timeout's recheck).
     */
    @Override
    public void afterDataReplaced() {
        if (parked.get() == 0) {
            return;
        }
        java.util.concurrent.CompletableFuture.runAsync(() -> {
            synchronized (this) {
                for (WaitKey key : List.copyOf(byKey.keySet())) {
                    recheck(key, null);
                }
            }
        });
    }

    /** Signals the key again as it is now (a hint: the retry decides under the locks). */
    private void recheck(WaitKey key, Waiter behind) {
        Metadata meta = keyspace.peek(key.db(), key.key().array());
        if (meta != null && meta.isExpired(System.currentTimeMillis())) {
            meta = null;
        }
        signal(key, meta, behind);
    }
}
