package io.diskdb.server;

import io.diskdb.command.Command;
import io.diskdb.transaction.MultiState;
import io.diskdb.transaction.QueuedCommand;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * CLIENT PAUSE / UNPAUSE. While a pause lasts, a command it covers is not run: the client is
 * postponed (parked, no thread waits) with that command, and the connection queues whatever the
 * client sends next, as for a blocked client. When the pause ends (timeout or UNPAUSE) every
 * postponed client runs its command again on its own event loop, through the dispatcher.
 *
 * <p>WRITE pauses commands flagged "write" plus those that may replicate (EVAL, EVALSHA, FCALL,
 * PUBLISH, SPUBLISH, PFCOUNT) and an EXEC with such a command queued; ALL pauses every command,
 * CLIENT UNPAUSE included, as in Redis. A newer pause extends the end and can only widen the mode.
 *
 * <p>The server itself can also {@link #hold()} every command (a replica swapping in a full sync's
 * data), independently of CLIENT PAUSE: UNPAUSE does not end a hold, and a hold's end does not end a
 * pause.
 */
public final class ClientPause {
    public enum Mode { NONE, WRITE, ALL }

    private static final Set<String> MAY_REPLICATE = Set.of("eval", "evalsha", "fcall", "publish", "spublish",
            "pfcount");

    private volatile Mode mode = Mode.NONE;
    private volatile long endMillis;
    private ScheduledFuture<?> timer;
    private final Map<ClientSession, Runnable> postponed = new ConcurrentHashMap<>();
    private final AtomicInteger holds = new AtomicInteger();

    public Mode mode() {
        return isActive() ? mode : Mode.NONE;
    }

    private boolean isActive() {
        return mode != Mode.NONE && System.currentTimeMillis() < endMillis;
    }

    /** Pauses until {@code untilMillis}; the end is timed on {@code scheduler}. */
    public synchronized void pause(Mode requested, long untilMillis, EventExecutor scheduler) {
        if (!isActive()) {
            mode = Mode.NONE;
            endMillis = 0;
        }
        if (requested.ordinal() > mode.ordinal()) {
            mode = requested;
        }
        if (untilMillis > endMillis) {
            endMillis = untilMillis;
            if (timer != null) {
                timer.cancel(false);
            }
            long delay = Math.max(0, untilMillis - System.currentTimeMillis());
            timer = scheduler.schedule(this::unpause, delay, TimeUnit.MILLISECONDS);
        }
    }

    /** Ends the pause and lets every postponed client go on. */
    public void unpause() {
        synchronized (this) {
            mode = Mode.NONE;
            endMillis = 0;
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }
        releasePostponedUnlessHeld();
    }

    /** Holds back every command of every client until {@link #releaseHold()}; commands already running finish. */
    public void hold() {
        holds.incrementAndGet();
    }

    public void releaseHold() {
        holds.decrementAndGet();
        releasePostponedUnlessHeld();
    }

    private void releasePostponedUnlessHeld() {
        if (holds.get() > 0 || isActive()) {
            return;
        }
        for (ClientSession session : List.copyOf(postponed.keySet())) {
            release(session);
        }
    }

    /** Whether the pause holds this command back (replicas would be exempt; DiskDB has none yet). */
    public boolean postpones(Command command, MultiState multi) {
        if (holds.get() > 0) {
            return true;
        }
        Mode current = mode();
        if (current == Mode.NONE) {
            return false;
        }
        return current == Mode.ALL || mayReplicate(command) || (command.spec().name().equals("exec")
                && multi.queued().stream().map(QueuedCommand::command).anyMatch(ClientPause::mayReplicate));
    }

    private static boolean mayReplicate(Command command) {
        return command.spec().isWrite() || MAY_REPLICATE.contains(command.spec().name());
    }

    /** The client's command was held back: {@code resume} runs on its event loop when the pause ends. */
    void postpone(ClientSession session, Runnable resume) {
        postponed.put(session, resume);
        if (!isActive() && holds.get() == 0) {
            release(session); // the pause or hold ended in the meantime
        }
    }

    /** The client disconnected while postponed. */
    void forget(ClientSession session) {
        postponed.remove(session);
    }

    /** Postponed clients, for INFO and tests. */
    public int postponedClients() {
        return postponed.size();
    }

    private void release(ClientSession session) {
        Runnable resume = postponed.remove(session);
        if (resume != null) {
            session.channel().eventLoop().execute(resume);
        }
    }
}
