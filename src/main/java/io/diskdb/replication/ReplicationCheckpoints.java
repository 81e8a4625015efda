package io.diskdb.replication;

import io.diskdb.storage.ColumnFamily;
import io.diskdb.storage.DatabaseFileSwap;
import io.diskdb.storage.Engine;
import io.diskdb.storage.Snapshots;
import org.rocksdb.Checkpoint;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.FlushOptions;
import org.rocksdb.RocksDBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * Master side of a full sync: RocksDB checkpoints made for replicas to fetch, under
 * {@code <data dir>/replication/checkpoints/<id>}, each with a manifest (file names, sizes, CRC32C,
 * sequence number), byte ranges of its files served on request, released by the replica when it is
 * done or expired when nobody has used it for a while (a replica that died mid-fetch).
 *
 * <p>{@link #create()} only registers the checkpoint and returns its id: the memtables are flushed
 * (so the checkpoint needs next to no WAL), the checkpoint is made (hard links: cheap in time and
 * disk) and its files are checksummed on a background thread, so no event loop waits for any of it;
 * the manifest is available once that is done ({@link NotReadyException} until then).
 *
 * <p>Only a few checkpoints exist at once ({@value #MAX_CHECKPOINTS}): each pins the table files
 * it links, which compaction would otherwise delete. Names asked for are looked up in the
 * manifest, never resolved as paths, so nothing outside a checkpoint can ever be read.
 */
public final class ReplicationCheckpoints implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReplicationCheckpoints.class);
    public static final String DIRECTORY = "replication";
    static final String CHECKPOINTS = "checkpoints";
    public static final int MAX_CHECKPOINTS = 4;
    /** The largest byte range one FETCH returns. */
    public static final int MAX_FETCH_BYTES = 8 << 20;
    private static final long SWEEP_EVERY_MILLIS = 1_000;

    private final Engine engine;
    private final Path root;
    private final LongSupplier idleTimeoutMillis;
    private final FileChecksums checksums = new FileChecksums();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "replication-checkpoints");
        t.setDaemon(true);
        return t;
    });

    /** A checkpoint that is not ready to be fetched yet (still being made): retry shortly. */
    public static final class NotReadyException extends Exception {
        NotReadyException(String id) {
            super("replication checkpoint '" + id + "' is still being made");
        }
    }

    private static final class Entry {
        final String id;
        final Path dir;
        final long createdMillis = System.currentTimeMillis();
        volatile long lastUsedMillis = createdMillis;
        volatile CheckpointManifest manifest;
        volatile Map<String, CheckpointFile> files;
        volatile String failure;

        Entry(String id, Path dir) {
            this.id = id;
            this.dir = dir;
        }
    }

    /**
     * @param idleTimeoutMillis a checkpoint nobody has asked anything of for this long is released
     *                          (read each time: configuration can change it)
     */
    public ReplicationCheckpoints(Engine engine, LongSupplier idleTimeoutMillis) {
        this.engine = engine;
        this.root = engine.options().dir().resolve(DIRECTORY).resolve(CHECKPOINTS);
        this.idleTimeoutMillis = idleTimeoutMillis;
        deleteLeftovers();
        worker.scheduleWithFixedDelay(this::releaseIdle, SWEEP_EVERY_MILLIS, SWEEP_EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Checkpoints of an earlier run: their ids died with it, nobody can fetch them. */
    private void deleteLeftovers() {
        if (Files.isDirectory(root)) {
            try {
                Snapshots.deleteTree(root);
            } catch (IOException e) {
                log.warn("could not delete old replication checkpoints in {}: {}", root, e.getMessage());
            }
        }
    }

    /**
     * Starts making a checkpoint of the data as it is now; returns its id at once.
     *
     * @throws IllegalStateException when {@value #MAX_CHECKPOINTS} checkpoints already exist
     */
    public synchronized String create() {
        if (entries.size() >= MAX_CHECKPOINTS) {
            throw new IllegalStateException("too many replication checkpoints at once (" + MAX_CHECKPOINTS
                    + "); retry when a full sync in progress ends");
        }
        String id = HexFormat.of().formatHex(randomBytes());
        Entry entry = new Entry(id, root.resolve(id));
        entries.put(id, entry);
        worker.execute(() -> prepare(entry));
        return id;
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return bytes;
    }

    /** On the worker: flush, checkpoint, checksum. */
    private void prepare(Entry entry) {
        long started = System.currentTimeMillis();
        try {
            Files.createDirectories(root);
            engine.gate().enterShared();
            try (FlushOptions flush = new FlushOptions().setWaitForFlush(true);
                 Checkpoint checkpoint = Checkpoint.create(engine.db())) {
                List<ColumnFamilyHandle> all = new ArrayList<>();
                for (ColumnFamily family : ColumnFamily.values()) {
                    all.add(engine.handle(family));
                }
                // flushed first, the checkpoint is table files plus an almost empty WAL
                engine.db().flush(flush, all);
                checkpoint.createCheckpoint(entry.dir.toString());
            } finally {
                engine.gate().exitShared();
            }
            List<CheckpointFile> files = new ArrayList<>();
            for (Path file : databaseFiles(entry.dir)) {
                files.add(new CheckpointFile(file.getFileName().toString(), Files.size(file), checksums.crc32c(file)));
            }
            long sequence = CheckpointSequence.of(entry.dir);
            CheckpointManifest manifest = new CheckpointManifest(entry.id, sequence, List.copyOf(files));
            entry.files = manifest.byName();
            entry.manifest = manifest;
            entry.lastUsedMillis = System.currentTimeMillis();
            log.info("replication checkpoint {} ready in {} ms: {} files, {} MB, sequence {}", entry.id,
                    System.currentTimeMillis() - started, files.size(), manifest.totalBytes() >> 20, sequence);
        } catch (IOException | RocksDBException | RuntimeException e) {
            entry.failure = String.valueOf(e.getMessage());
            log.error("replication checkpoint {} failed: {}", entry.id, e.getMessage());
        }
        synchronized (this) {
            if (!entries.containsKey(entry.id)) {
                delete(entry); // released while it was being made
            }
        }
    }

    /** The database files of a checkpoint (not RocksDB's info LOG, which opening it read-only writes). */
    private static List<Path> databaseFiles(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isRegularFile)
                    .filter(f -> DatabaseFileSwap.isDatabaseFile(f.getFileName().toString()))
                    .sorted()
                    .toList();
        }
    }

    /**
     * The manifest of a checkpoint that is ready.
     *
     * @throws IllegalArgumentException unknown (never made, released, expired) or failed checkpoint
     * @throws NotReadyException        still being made
     */
    public CheckpointManifest manifest(String id) throws NotReadyException {
        return ready(id).manifest;
    }

    /**
     * Up to {@code count} bytes of a checkpoint's file from {@code offset} (fewer at its end; none
     * when {@code offset} is its size).
     *
     * @throws IllegalArgumentException unknown checkpoint or file, offset or count out of range
     * @throws NotReadyException        still being made
     */
    public byte[] read(String id, String name, long offset, long count) throws NotReadyException, IOException {
        if (count < 1 || count > MAX_FETCH_BYTES) {
            throw new IllegalArgumentException("count must be between 1 and " + MAX_FETCH_BYTES);
        }
        Entry entry = ready(id);
        CheckpointFile file = entry.files.get(name);
        if (file == null) {
            throw new IllegalArgumentException("replication checkpoint '" + id + "' has no file '" + shorten(name) + "'");
        }
        if (offset < 0 || offset > file.size()) {
            throw new IllegalArgumentException("offset must be between 0 and the file's size (" + file.size() + ")");
        }
        int length = (int) Math.min(count, file.size() - offset);
        ByteBuffer buffer = ByteBuffer.allocate(length);
        try (FileChannel channel = FileChannel.open(entry.dir.resolve(file.name()), StandardOpenOption.READ)) {
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, offset + buffer.position()) < 0) {
                    throw new IOException("file '" + file.name() + "' of checkpoint '" + id + "' is shorter than its manifest says");
                }
            }
        }
        return buffer.array();
    }

    /** Deletes a checkpoint; false if there is none by that id. */
    public boolean release(String id) {
        Entry entry;
        synchronized (this) {
            entry = entries.remove(id);
        }
        if (entry == null) {
            return false;
        }
        // on the worker, after its preparation if that is still running
        worker.execute(() -> delete(entry));
        return true;
    }

    /** Checkpoints that exist now (being made or ready). */
    public synchronized int count() {
        return entries.size();
    }

    private Entry ready(String id) throws NotReadyException {
        Entry entry;
        synchronized (this) {
            entry = entries.get(id);
        }
        if (entry == null) {
            throw new IllegalArgumentException("no replication checkpoint '" + shorten(id)
                    + "' (never made, released, or expired after "
                    + idleTimeoutMillis.getAsLong() / 1000 + " s unused)");
        }
        entry.lastUsedMillis = System.currentTimeMillis();
        if (entry.failure != null) {
            throw new IllegalArgumentException("replication checkpoint '" + id + "' failed: " + entry.failure);
        }
        if (entry.manifest == null) {
            throw new NotReadyException(id);
        }
        return entry;
    }

    private void releaseIdle() {
        long now = System.currentTimeMillis();
        long timeout = idleTimeoutMillis.getAsLong();
        List<String> idle = new ArrayList<>();
        synchronized (this) {
            for (Entry entry : entries.values()) {
                if (entry.manifest != null || entry.failure != null) {
                    if (now - entry.lastUsedMillis > timeout) {
                        idle.add(entry.id);
                    }
                }
            }
        }
        for (String id : idle) {
            log.info("replication checkpoint {} unused for {} s: released", id, timeout / 1000);
            release(id);
        }
    }

    private void delete(Entry entry) {
        try {
            if (Files.exists(entry.dir)) {
                Snapshots.deleteTree(entry.dir);
            }
        } catch (IOException e) {
            log.warn("could not delete replication checkpoint {}: {}", entry.dir, e.getMessage());
        }
    }

    private static String shorten(String text) {
        return text.length() > 128 ? text.substring(0, 128) + "..." : text;
    }

    /** Stops the worker (waiting for a checkpoint being made) and deletes every checkpoint. */
    @Override
    public void close() {
        worker.shutdown();
        try {
            worker.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            entries.values().forEach(this::delete);
            entries.clear();
        }
    }
}
