package io.diskdb.storage;

import io.diskdb.util.Bytes;
import org.rocksdb.RocksIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Active expiry: ten times a second, walks the expiry index (ordered by time) from its start
 * up to now and deletes the keys found there, so expired keys leave the disk even if nobody
 * reads them again. Each key is re-checked under its lock through a normal transaction, which
 * keeps the index, counters, cache and notifications right exactly as lazy expiry does.
 */
public final class ExpiryCycle implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ExpiryCycle.class);
    private static final int BATCH = 512;
    private static final long TIME_BUDGET_NANOS = 25_000_000L;

    private final Keyspace keyspace;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "expiry-cycle");
        t.setDaemon(true);
        return t;
    });

    public ExpiryCycle(Keyspace keyspace) {
        this.keyspace = keyspace;
    }

    public void start() {
        executor.scheduleWithFixedDelay(this::runSafely, 100, 100, TimeUnit.MILLISECONDS);
    }

    private void runSafely() {
        DataGate gate = keyspace.engine().gate();
        if (!gate.tryEnterShared()) {
            return; // the data is being replaced: the next cycle will do
        }
        try {
            long deadline = System.nanoTime() + TIME_BUDGET_NANOS;
            while (runOnce() == BATCH && System.nanoTime() < deadline) {
                // more due keys are waiting: keep going within this cycle's time budget
            }
        } catch (RuntimeException e) {
            log.error("active expiry cycle failed", e);
        } finally {
            gate.exitShared();
        }
    }

    /** Expires up to one batch of due keys; returns how many index entries it handled. */
    public int runOnce() {
        if (keyspace.isReplica()) {
            return 0; // a replica deletes nothing itself: the master's expiry deletes replicate
        }
        long now = System.currentTimeMillis();
        List<byte[]> due = new ArrayList<>();
        Engine engine = keyspace.engine();
        try (RocksIterator it = engine.db().newIterator(engine.handle(ColumnFamily.EXPIRE), engine.readOptions())) {
            for (it.seekToFirst(); it.isValid() && due.size() < BATCH; it.next()) {
                byte[] entry = it.key();
                if (KeyCodec.expireAt(entry) > now) {
                    break;
                }
                due.add(entry);
            }
        }
        for (byte[] entry : due) {
            expire(entry);
        }
        return due.size();
    }

    private void expire(byte[] indexEntry) {
        byte[] metaKey = KeyCodec.expireMetaKey(indexEntry);
        int logicalDb = keyspace.logical(KeyCodec.metaDb(metaKey));
        try (KeyLocks.Held held = keyspace.locks().lock(new int[]{KeyLocks.stripe(metaKey)})) {
            Metadata stored = keyspace.loadMeta(new Bytes(metaKey));
            if (logicalDb < 0 || stored == null || stored.expireAt() != KeyCodec.expireAt(indexEntry)) {
                // An index entry without its key would be visited forever: drop it.
                keyspace.engine().deleteDirect(ColumnFamily.EXPIRE, indexEntry);
                return;
            }
            Transaction txn = keyspace.begin();
            txn.meta(logicalDb, KeyCodec.userKey(metaKey)); // a due key is deleted by this commit
            txn.commit();
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
