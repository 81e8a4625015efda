package io.diskdb.server;

import io.diskdb.storage.KeyChange;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counters INFO stats reports; CONFIG RESETSTAT zeroes them (not the gauges). */
public final class ServerStats {
    public final LongAdder commandsProcessed = new LongAdder();
    public final LongAdder connectionsReceived = new LongAdder();
    public final LongAdder rejectedConnections = new LongAdder();
    public final LongAdder keyspaceHits = new LongAdder();
    public final LongAdder keyspaceMisses = new LongAdder();
    public final LongAdder expiredKeys = new LongAdder();
    public final LongAdder netInputBytes = new LongAdder();
    public final LongAdder netOutputBytes = new LongAdder();
    public final LongAdder errorReplies = new LongAdder();

    /** Gauge: clients parked by a blocking command right now (INFO blocked_clients). */
    public final AtomicLong blockedClients = new AtomicLong();
    /** Key changes since the last save, which is the server start until snapshots exist. */
    public final LongAdder changesSinceSave = new LongAdder();

    private final InstantaneousRate opsPerSecond = new InstantaneousRate();

    public void reset() {
        commandsProcessed.reset();
        connectionsReceived.reset();
        rejectedConnections.reset();
        keyspaceHits.reset();
        keyspaceMisses.reset();
        expiredKeys.reset();
        netInputBytes.reset();
        netOutputBytes.reset();
        errorReplies.reset();
    }

    /** Commit listener: every changed key is a change since the last save; TTL deletions also count as expired. */
    public void recordCommitted(List<KeyChange> changes) {
        changesSinceSave.add(changes.size());
        for (KeyChange change : changes) {
            if (change.expired()) {
                expiredKeys.increment();
            }
        }
    }

    /** Commands per second over the last couple of seconds, as instantaneous_ops_per_sec. */
    public long instantaneousOpsPerSecond() {
        return opsPerSecond.rate(commandsProcessed.sum());
    }

    /** Rate over a sliding window of samples taken when asked (INFO is the only reader). */
    private static final class InstantaneousRate {
        private long lastTotal;
        private long lastTime = System.nanoTime();
        private long lastRate;

        synchronized long rate(long total) {
            long now = System.nanoTime();
            long elapsed = now - lastTime;
            if (elapsed >= 100_000_000L) {
                lastRate = (total - lastTotal) * 1_000_000_000L / elapsed;
                lastTotal = total;
                lastTime = now;
            }
            return lastRate;
        }
    }
}
