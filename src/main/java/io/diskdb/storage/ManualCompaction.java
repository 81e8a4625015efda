package io.diskdb.storage;

import org.rocksdb.RocksDBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * COMPACT: a full compaction of every column family on a background thread, so the event loop
 * that received the command keeps serving its other clients while it runs (it can take minutes
 * on a large database). RocksDB compacts on its own as data arrives; this is for reclaiming disk
 * right after a large delete.
 */
public final class ManualCompaction implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ManualCompaction.class);

    private final Engine engine;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "compact");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean inProgress;
    private volatile boolean lastSucceeded = true;

    public ManualCompaction(Engine engine) {
        this.engine = engine;
    }

    /** @throws IllegalStateException when a manual compaction is already running */
    public synchronized void start() {
        if (inProgress) {
            throw new IllegalStateException("a compaction is already in progress");
        }
        inProgress = true;
        worker.execute(this::run);
    }

    private void run() {
        long started = System.currentTimeMillis();
        engine.gate().enterShared(); // RocksDB must not be closed or replaced under the compaction
        long before = engine.totalSstBytes();
        try {
            engine.compactAll();
            lastSucceeded = true;
            log.info("compaction done in {} ms: data files {} MB -> {} MB", System.currentTimeMillis() - started,
                    before >> 20, engine.totalSstBytes() >> 20);
        } catch (RocksDBException | RuntimeException e) {
            lastSucceeded = false;
            log.error("compaction failed: {}", e.getMessage());
        } finally {
            engine.gate().exitShared();
            inProgress = false;
        }
    }

    public boolean inProgress() {
        return inProgress;
    }

    public boolean lastSucceeded() {
        return lastSucceeded;
    }

    /** Waits for a running compaction: RocksDB must not close under it. */
    @Override
    public void close() {
        worker.shutdown();
        try {
            worker.awaitTermination(30, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
