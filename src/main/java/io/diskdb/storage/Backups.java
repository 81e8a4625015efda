package io.diskdb.storage;

import org.rocksdb.BackupEngine;
import org.rocksdb.BackupEngineOptions;
import org.rocksdb.BackupInfo;
import org.rocksdb.Env;
import org.rocksdb.RocksDBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * BACKUP: online, incremental backups with RocksDB's BackupEngine into a directory of the
 * operator's choosing (another disk, a mount): SST files already in the backup directory from an
 * earlier backup are shared, not copied again. Runs on a background thread while the server keeps
 * serving; for a large database the log reports how much has been copied every few seconds.
 * {@code diskdb --restore-backup DIR} starts from the newest backup.
 */
public final class Backups implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Backups.class);
    private static final long PROGRESS_EVERY_SECONDS = 5;

    private final Engine engine;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> daemon(r, "backup"));
    private final ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(
            r -> daemon(r, "backup-progress"));
    private volatile boolean inProgress;
    private volatile boolean lastSucceeded = true;
    private volatile String lastError = "";
    private volatile long lastFinishedMillis;
    private volatile Path lastDirectory;

    public Backups(Engine engine) {
        this.engine = engine;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Starts a backup into {@code dir} (created if missing).
     *
     * @throws IllegalStateException when a backup is already running
     * @throws IllegalArgumentException when {@code dir} is inside the data directory
     */
    public synchronized void start(Path dir) {
        if (inProgress) {
            throw new IllegalStateException("a backup is already in progress");
        }
        Path target = dir.toAbsolutePath().normalize();
        if (target.startsWith(engine.options().dir().toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("the backup directory must be outside the data directory");
        }
        inProgress = true;
        worker.execute(() -> run(target));
    }

    /** RocksDB must not be closed or replaced (full sync) while the backup reads it. */
    private void run(Path dir) {
        engine.gate().enterShared();
        try {
            backUp(dir);
        } finally {
            engine.gate().exitShared();
        }
    }

    private void backUp(Path dir) {
        long started = System.currentTimeMillis();
        long liveBytes = engine.totalSstBytes();
        ScheduledFuture<?> reporter = null;
        try {
            Files.createDirectories(dir); // BackupEngineOptions refuses a directory that does not exist
        } catch (IOException e) {
            fail(dir, e);
            return;
        }
        try (BackupEngineOptions options = new BackupEngineOptions(dir.toString()).setShareTableFiles(true)) {
            long before = sizeOf(dir);
            log.info("backup to {} started (about {} MB of data files; files already backed up there are shared)",
                    dir, liveBytes >> 20);
            reporter = progress.scheduleAtFixedRate(() -> log.info("backup to {}: {} MB copied so far",
                    dir, Math.max(0, sizeOf(dir) - before) >> 20), PROGRESS_EVERY_SECONDS, PROGRESS_EVERY_SECONDS,
                    TimeUnit.SECONDS);
            try (BackupEngine backups = BackupEngine.open(Env.getDefault(), options)) {
                // flush first, so the backup holds everything without replaying a WAL
                backups.createNewBackup(engine.db(), true);
                List<BackupInfo> all = backups.getBackupInfo();
                BackupInfo newest = all.get(all.size() - 1);
                log.info("backup {} to {} done in {} ms: {} files, {} MB ({} MB newly copied), {} backups there",
                        newest.backupId(), dir, System.currentTimeMillis() - started, newest.numberFiles(),
                        newest.size() >> 20, Math.max(0, sizeOf(dir) - before) >> 20, all.size());
            }
            lastSucceeded = true;
            lastError = "";
            lastDirectory = dir;
        } catch (RocksDBException | RuntimeException e) {
            fail(dir, e);
        } finally {
            if (reporter != null) {
                reporter.cancel(false);
            }
            lastFinishedMillis = System.currentTimeMillis();
            inProgress = false;
        }
    }

    private void fail(Path dir, Exception e) {
        lastSucceeded = false;
        lastError = String.valueOf(e.getMessage());
        lastFinishedMillis = System.currentTimeMillis();
        inProgress = false;
        log.error("backup to {} failed: {}", dir, e.getMessage());
    }

    private static long sizeOf(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    public boolean inProgress() {
        return inProgress;
    }

    public boolean lastSucceeded() {
        return lastSucceeded;
    }

    /** Why the last backup failed; empty after a success. */
    public String lastError() {
        return lastError;
    }

    /** When the last backup finished (ms), 0 if none did in this process. */
    public long lastFinishedMillis() {
        return lastFinishedMillis;
    }

    /** Where the last successful backup went, or null. */
    public Path lastDirectory() {
        return lastDirectory;
    }

    /** Waits for a running backup: RocksDB must not close under it. */
    @Override
    public void close() {
        worker.shutdown();
        progress.shutdownNow();
        try {
            worker.awaitTermination(30, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
