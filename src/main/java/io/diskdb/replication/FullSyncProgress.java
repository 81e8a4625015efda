package io.diskdb.replication;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How far a replica's full sync has got, updated by the fetch threads and read by INFO and the
 * progress log. One object per replica, reused by each full sync ({@link #start} resets it).
 */
public final class FullSyncProgress {
    /** What the full sync is doing. */
    public enum Phase { IDLE, WAITING_FOR_CHECKPOINT, FETCHING, VERIFYING, SWAPPING, DONE, FAILED }

    private volatile Phase phase = Phase.IDLE;
    private volatile long startedMillis;
    private volatile long totalBytes;
    private volatile int totalFiles;
    private final AtomicLong fetchedBytes = new AtomicLong();
    private final AtomicLong reusedBytes = new AtomicLong();
    private final AtomicLong doneFiles = new AtomicLong();
    private final AtomicLong lastIoMillis = new AtomicLong();

    void start() {
        startedMillis = System.currentTimeMillis();
        lastIoMillis.set(startedMillis);
        totalBytes = 0;
        totalFiles = 0;
        fetchedBytes.set(0);
        reusedBytes.set(0);
        doneFiles.set(0);
        phase = Phase.WAITING_FOR_CHECKPOINT;
    }

    void phase(Phase next) {
        phase = next;
    }

    void sized(long bytes, int files) {
        totalBytes = bytes;
        totalFiles = files;
    }

    void fetched(long bytes) {
        fetchedBytes.addAndGet(bytes);
        lastIoMillis.set(System.currentTimeMillis());
    }

    void reused(long bytes) {
        reusedBytes.addAndGet(bytes);
        doneFiles.incrementAndGet();
    }

    void fileDone() {
        doneFiles.incrementAndGet();
    }

    public Phase phase() {
        return phase;
    }

    /** True from the start of a full sync until its data is live or it failed. */
    public boolean inProgress() {
        Phase now = phase;
        return now != Phase.IDLE && now != Phase.DONE && now != Phase.FAILED;
    }

    public long totalBytes() {
        return totalBytes;
    }

    /** Bytes received from the master so far. */
    public long fetchedBytes() {
        return fetchedBytes.get();
    }

    /** Bytes of files the replica already had (hard-linked, not fetched). */
    public long reusedBytes() {
        return reusedBytes.get();
    }

    public int totalFiles() {
        return totalFiles;
    }

    public long doneFiles() {
        return doneFiles.get();
    }

    public long startedMillis() {
        return startedMillis;
    }

    /** Percent of the checkpoint's bytes in place (fetched or reused). */
    public double percent() {
        long total = totalBytes;
        return total == 0 ? 0 : 100.0 * (fetchedBytes.get() + reusedBytes.get()) / total;
    }

    /**
     * The INFO replication fields of a full sync in progress, Redis's names first
     * (master_sync_total_bytes, master_sync_read_bytes, master_sync_left_bytes, master_sync_perc,
     * master_sync_last_io_seconds_ago), then DiskDB's (reused bytes, files, phase).
     */
    public Map<String, String> infoFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        long done = fetchedBytes.get() + reusedBytes.get();
        fields.put("master_sync_total_bytes", Long.toString(totalBytes));
        fields.put("master_sync_read_bytes", Long.toString(fetchedBytes.get()));
        fields.put("master_sync_left_bytes", Long.toString(Math.max(0, totalBytes - done)));
        fields.put("master_sync_perc", String.format(java.util.Locale.ROOT, "%.2f", percent()));
        fields.put("master_sync_last_io_seconds_ago",
                Long.toString((System.currentTimeMillis() - lastIoMillis.get()) / 1000));
        fields.put("master_sync_reused_bytes", Long.toString(reusedBytes.get()));
        fields.put("master_sync_files", Long.toString(totalFiles));
        fields.put("master_sync_files_done", Long.toString(doneFiles.get()));
        fields.put("master_sync_phase", phase.name().toLowerCase(java.util.Locale.ROOT));
        return fields;
    }

    /** One line for the log. */
    String describe() {
        long done = fetchedBytes.get() + reusedBytes.get();
        double seconds = Math.max(0.001, (System.currentTimeMillis() - startedMillis) / 1000.0);
        return String.format(java.util.Locale.ROOT, "%d/%d MB (%.1f%%), %d/%d files, %d MB fetched at %.1f MB/s,"
                        + " %d MB reused", done >> 20, totalBytes >> 20, percent(), doneFiles.get(), totalFiles,
                fetchedBytes.get() >> 20, (fetchedBytes.get() / 1048576.0) / seconds, reusedBytes.get() >> 20);
    }
}
