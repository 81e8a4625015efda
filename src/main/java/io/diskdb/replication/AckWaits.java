package io.diskdb.replication;

import io.diskdb.server.ClientSession;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * Clients parked by WAIT: each waits until enough replicas have acknowledged its sequence, or
 * its deadline. Answered on the client's own event loop with the number of replicas that had
 * acknowledged by then, as Redis answers.
 */
final class AckWaits {
    private record Wait(ClientSession session, long sequence, int replicas, long deadlineMillis) {
    }

    private final List<Wait> waits = new ArrayList<>();

    synchronized void add(ClientSession session, long sequence, int replicas, long deadlineMillis) {
        waits.add(new Wait(session, sequence, replicas, deadlineMillis));
    }

    synchronized boolean isEmpty() {
        return waits.isEmpty();
    }

    /**
     * Answers every wait that is satisfied or past its deadline.
     *
     * @param ackedAtLeast replicas that have acknowledged a given sequence
     */
    void check(LongUnaryOperator ackedAtLeast, long nowMillis) {
        List<Wait> done = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        synchronized (this) {
            for (var it = waits.iterator(); it.hasNext(); ) {
                Wait wait = it.next();
                long acked = ackedAtLeast.applyAsLong(wait.sequence());
                boolean timedOut = wait.deadlineMillis() > 0 && nowMillis >= wait.deadlineMillis();
                if (acked >= wait.replicas() || timedOut || !wait.session().channel().isActive()) {
                    it.remove();
                    done.add(wait);
                    counts.add(acked);
                }
            }
        }
        for (int i = 0; i < done.size(); i++) {
            answer(done.get(i).session(), counts.get(i));
        }
    }

    private static void answer(ClientSession session, long replicas) {
        session.channel().eventLoop().execute(() -> {
            if (session.blocked()) {
                session.reply().integer(replicas);
                session.unpark();
            }
        });
    }
}
