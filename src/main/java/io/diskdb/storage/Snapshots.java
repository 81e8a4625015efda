package io.diskdb.storage;

import org.rocksdb.Checkpoint;
import org.rocksdb.RocksDBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * SAVE and BGSAVE: consistent RocksDB checkpoints under {@code <data dir>/snapshots/<UTC time>}.
 * A checkpoint hard-links the immutable SST files (cheap, and only possible on the same file
 * system, hence inside the data directory: RocksDB ignores sub-directories it did not create) and
 * copies the MANIFEST and any WAL it needs, so each snapshot is a complete database that
 * {@code --restore} can start from. Every command commits one atomic batch, so a snapshot never
 * holds half a command or half a MULTI/EXEC.
 *
 * <p>One snapshot is made at a time, on a background thread for BGSAVE and the schedule; after each
 * one the oldest are deleted so that at most {@code keep} remain.
 */
public final class Snapshots implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Snapshots.class);
    public static final String DIRECTORY = "snapshots";
    /** Snapshot names sort by time: 20240131-235959-123. */
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
    private static final String NAME_PATTERN = "[0-9]{8}-[0-9]{6}-[0-9]{3}(-[0-9]+)?";

    private final Engine engine;
    private final Runnable beforeCheckpoint;
    private final Path root;
    private final int keep;
    private final ScheduledExecutorService worker;
    private volatile boolean inProgress;
    private volatile boolean scheduledAfterCurrent;
    private volatile long lastSuccessMillis;
    private volatile boolean lastSucceeded = true;
    private volatile long lastDurationMillis = -1;
    private volatile long currentStartMillis;
    private volatile Path lastDirectory;

    /**
     * @param intervalMillis a background snapshot this often; 0 = only on SAVE/BGSAVE
     * @param keep           snapshots kept after each new one; 0 = keep all
     * @param beforeCheckpoint run as each snapshot starts (INFO's changes-since-last-save counter)
     */
    public Snapshots(Engine engine, long intervalMillis, int keep, Runnable beforeCheckpoint) {
        this.engine = engine;
        this.beforeCheckpoint = beforeCheckpoint;
        this.root = engine.options().dir().resolve(DIRECTORY);
        this.keep = keep;
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "snapshots");
            t.setDaemon(true);
            return t;
        });
        List<Path> existing = list(root);
        if (!existing.isEmpty()) {
            lastDirectory = existing.get(existing.size() - 1);
            lastSuccessMillis = modifiedMillis(lastDirectory);
        }
        if (intervalMillis > 0) {
            worker.scheduleWithFixedDelay(this::scheduledSnapshot, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
            log.info("snapshots every {} s into {}, keeping {}", intervalMillis / 1000.0, root,
                    keep == 0 ? "all" : Integer.toString(keep));
        }
    }

    /** The snapshots in a snapshot root, oldest first (only DiskDB-named ones; never half-made ones). */
    public static List<Path> list(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(p -> p.getFileName().toString().matches(NAME_PATTERN) && Files.isDirectory(p))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * SAVE: makes a snapshot now, on the calling thread.
     *
     * @throws IllegalStateException when a snapshot is already being made
     * @throws StorageException      when the checkpoint fails
     */
    public Path save() {
        claim();
        return run();
    }

    /**
     * BGSAVE: starts a snapshot on the background thread.
     *
     * @param schedule BGSAVE SCHEDULE: when one is running, make another after it instead of failing
     * @return true if started, false if scheduled after the running one
     * @throws IllegalStateException when one is running and {@code schedule} is false
     */
    public synchronized boolean saveInBackground(boolean schedule) {
        if (inProgress) {
            if (!schedule) {
                throw new IllegalStateException("a snapshot is already in progress");
            }
            scheduledAfterCurrent = true;
            return false;
        }
        claim();
        worker.execute(this::runLogged);
        return true;
    }

    private synchronized void claim() {
        if (inProgress) {
            throw new IllegalStateException("a snapshot is already in progress");
        }
        inProgress = true;
        currentStartMillis = System.currentTimeMillis();
    }

    private void scheduledSnapshot() {
        try {
            saveInBackground(false);
        } catch (IllegalStateException busy) {
            // a BGSAVE is running: it serves as this interval's snapshot
        }
    }

    private void runLogged() {
        try {
            run();
        } catch (RuntimeException e) {
            // already recorded and logged by run(); INFO shows rdb_last_bgsave_status:err
        }
    }

    private Path run() {
        long started = currentStartMillis;
        Path target = null;
        try {
            Files.createDirectories(root);
            target = uniqueTarget(started);
            beforeCheckpoint.run();
            engine.gate().enterShared(); // RocksDB must not be closed or replaced under the checkpoint
            try (Checkpoint checkpoint = Checkpoint.create(engine.db())) {
                checkpoint.createCheckpoint(target.toString());
            } finally {
                engine.gate().exitShared();
            }
            long finished = System.currentTimeMillis();
            lastDirectory = target;
            lastSuccessMillis = finished;
            lastSucceeded = true;
            lastDurationMillis = finished - started;
            log.info("snapshot saved in {} ({} ms)", target, finished - started);
            applyRetention();
            return target;
        } catch (IOException | RocksDBException e) {
            lastSucceeded = false;
            lastDurationMillis = System.currentTimeMillis() - started;
            log.error("snapshot into {} failed: {}", target == null ? root : target, e.getMessage());
            throw new StorageException("snapshot failed: " + e.getMessage(), e);
        } finally {
            finish();
        }
    }

    private synchronized void finish() {
        inProgress = false;
        if (scheduledAfterCurrent) {
            scheduledAfterCurrent = false;
            claim();
            try {
                worker.execute(this::runLogged);
            } catch (RejectedExecutionException closing) {
                inProgress = false;
            }
        }
    }

    /** Named by the start time; a second snapshot in the same millisecond gets a suffix. */
    private Path uniqueTarget(long millis) {
        String name = NAME.format(Instant.ofEpochMilli(millis));
        Path target = root.resolve(name);
        for (int n = 2; Files.exists(target) || Files.exists(root.resolve(target.getFileName() + ".tmp")); n++) {
            target = root.resolve(name + "-" + n);
        }
        return target;
    }

    private void applyRetention() {
        if (keep <= 0) {
            return;
        }
        List<Path> all = list(root);
        for (Path old : all.subList(0, Math.max(0, all.size() - keep))) {
            try {
                deleteTree(old);
                log.info("snapshot {} deleted (keeping the newest {})", old.getFileName(), keep);
            } catch (IOException e) {
                log.warn("could not delete old snapshot {}: {}", old, e.getMessage());
            }
        }
    }

    /** Deletes a directory and everything in it. */
    public static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static long modifiedMillis(Path path) {
        try {
            return Files.getLastModifiedTime(path).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /** The last successful snapshot's time, or {@code fallback} when there never was one. */
    public long lastSuccessMillis(LongSupplier fallback) {
        long last = lastSuccessMillis;
        return last > 0 ? last : fallback.getAsLong();
    }

    public boolean inProgress() {
        return inProgress;
    }

    public boolean lastSucceeded() {
        return lastSucceeded;
    }

    /** Seconds the last snapshot took; -1 when none was made by this process. */
    public long lastDurationSeconds() {
        long ms = lastDurationMillis;
        return ms < 0 ? -1 : ms / 1000;
    }

    /** Seconds the running snapshot has taken so far; -1 when none is running. */
    public long currentDurationSeconds() {
        return inProgress ? (System.currentTimeMillis() - currentStartMillis) / 1000 : -1;
    }

    /** The newest snapshot's directory, or null. */
    public Path lastDirectory() {
        return lastDirectory;
    }

    public Path root() {
        return root;
    }

    /** Waits for a running snapshot to finish (shutdown must not close RocksDB under it). */
    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
