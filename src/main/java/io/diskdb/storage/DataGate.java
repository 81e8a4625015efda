package io.diskdb.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Who may use the open RocksDB database. Everything that reads or writes it — each command, the
 * expiry cycle, snapshots, backups, compactions, WAL flushes, replication feeders — holds the gate
 * shared while it does; replacing the whole database under a running server (a replica's full
 * sync) holds it exclusively, so that RocksDB is never closed under anyone and nobody ever sees
 * half of the old data and half of the new.
 *
 * <p>Shared holds are reentrant (a command may run inside another's hold, e.g. EXEC). The exclusive
 * hold is taken by polling rather than queueing: a queued writer would make every new reader wait
 * behind it, and a long backup holding the gate would then stall every event loop. Callers first
 * keep new commands from starting (clients paused), so the gate frees up as soon as the commands
 * in flight finish.
 */
public final class DataGate {
    private static final Logger log = LoggerFactory.getLogger(DataGate.class);
    private static final long POLL_MILLIS = 2;
    private static final long WARN_AFTER_MILLIS = 5_000;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    /** Waits while the database is being replaced; pair with {@link #exitShared()} in a finally. */
    public void enterShared() {
        lock.readLock().lock();
    }

    /** Enters unless the database is being replaced right now. */
    public boolean tryEnterShared() {
        return lock.readLock().tryLock();
    }

    public void exitShared() {
        lock.readLock().unlock();
    }

    /**
     * Waits until nobody uses the database and keeps everyone out until {@link #exitExclusive()}.
     *
     * @throws IllegalStateException when the calling thread itself holds the gate shared (it would
     *                               wait for itself forever)
     */
    void enterExclusive() {
        if (lock.getReadHoldCount() > 0) {
            throw new IllegalStateException("the database cannot be replaced from a thread that is using it");
        }
        long started = System.currentTimeMillis();
        boolean warned = false;
        while (!lock.writeLock().tryLock()) {
            if (!warned && System.currentTimeMillis() - started > WARN_AFTER_MILLIS) {
                warned = true;
                log.warn("waiting for the database to be free to replace it (a backup, snapshot or compaction"
                        + " in progress finishes first)");
            }
            try {
                TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException("interrupted while waiting to replace the database", e);
            }
        }
    }

    void exitExclusive() {
        lock.writeLock().unlock();
    }
}
