package io.diskdb.replication;

import io.diskdb.cli.Connection;
import io.diskdb.cli.Reply;
import io.diskdb.storage.DatabaseFileSwap;
import io.diskdb.storage.Snapshots;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Replica side of a full sync: fetches a master's replication checkpoint into a staging directory.
 * Files the replica already has are reused ({@link LocalFileReuse}); the others are cut into chunks
 * that N connections fetch in parallel ({@code REPLCHECKPOINT FETCH}, a few requests in flight on
 * each), written in place at their offsets. Every file is then checked against the manifest's size
 * and CRC32C. Progress goes to {@link FullSyncProgress} and, every few seconds, to the log.
 */
final class CheckpointFetcher {
    private static final Logger log = LoggerFactory.getLogger(CheckpointFetcher.class);
    static final int CHUNK_BYTES = 1 << 20;
    /** Requests sent ahead on one connection, so that no connection idles for a round trip. */
    private static final int PIPELINE = 4;
    private static final long MANIFEST_WAIT_MILLIS = 10 * 60_000;
    private static final long LOG_EVERY_SECONDS = 5;

    private final MasterConnections master;
    private final int parallelism;
    private final LocalFileReuse reuse;
    private final FullSyncProgress progress;

    private record Chunk(CheckpointFile file, long offset, int length) {
    }

    CheckpointFetcher(MasterConnections master, int parallelism, Path dataDir, FullSyncProgress progress) {
        this.master = master;
        this.parallelism = Math.max(1, parallelism);
        this.reuse = new LocalFileReuse(dataDir);
        this.progress = progress;
    }

    /** Fetches checkpoint {@code id} into {@code staging} (created; unrelated content removed); returns its manifest. */
    CheckpointManifest fetch(String id, Path staging) throws IOException {
        CheckpointManifest manifest;
        try (Connection connection = master.open()) {
            manifest = awaitManifest(connection, id);
        }
        checkNames(manifest);
        prepareStaging(staging, manifest);
        progress.sized(manifest.totalBytes(), manifest.files().size());
        List<CheckpointFile> missing = new ArrayList<>();
        for (CheckpointFile file : manifest.files()) {
            if (reuse.stage(file, staging)) {
                progress.reused(file.size());
            } else {
                missing.add(file);
            }
        }
        log.info("full sync: checkpoint {} of {} files, {} MB (sequence {}); {} MB already here, fetching {} files"
                        + " over up to {} connections", id, manifest.files().size(), manifest.totalBytes() >> 20,
                manifest.sequence(), progress.reusedBytes() >> 20, missing.size(), parallelism);
        progress.phase(FullSyncProgress.Phase.FETCHING);
        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "full-sync-progress"));
        ScheduledFuture<?> logging = reporter.scheduleAtFixedRate(() -> log.info("full sync: {}", progress.describe()),
                LOG_EVERY_SECONDS, LOG_EVERY_SECONDS, TimeUnit.SECONDS);
        try {
            fetchAll(id, missing, staging);
        } finally {
            logging.cancel(false);
            reporter.shutdownNow();
        }
        progress.phase(FullSyncProgress.Phase.VERIFYING);
        for (CheckpointFile file : missing) {
            Path staged = staging.resolve(file.name());
            if (!LocalFileReuse.matches(staged, file)) {
                Files.delete(staged);
                throw new IOException("file " + file.name() + " of checkpoint " + id
                        + " does not match its size and CRC32C after the transfer");
            }
        }
        log.info("full sync: checkpoint {} fetched and verified: {}", id, progress.describe());
        return manifest;
    }

    /** Waits while the master is still making the checkpoint (TRYAGAIN). */
    private CheckpointManifest awaitManifest(Connection connection, String id) throws IOException {
        long deadline = System.currentTimeMillis() + MANIFEST_WAIT_MILLIS;
        long pause = 10;
        while (true) {
            Reply reply = connection.call(args("REPLCHECKPOINT", "MANIFEST", id));
            if (!(reply instanceof Reply.Error error && error.text().startsWith("TRYAGAIN"))) {
                return CheckpointManifest.parse(reply);
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IOException("the master did not finish checkpoint " + id + " within "
                        + MANIFEST_WAIT_MILLIS / 1000 + " s");
            }
            sleep(pause);
            pause = Math.min(200, pause * 2);
        }
    }

    /**
     * Only plain RocksDB file names, each once: a master cannot make the replica write anywhere but
     * in the staging directory, nor install anything that is not a database file.
     */
    private static void checkNames(CheckpointManifest manifest) throws IOException {
        Set<String> seen = new HashSet<>();
        boolean current = false;
        for (CheckpointFile file : manifest.files()) {
            if (!DatabaseFileSwap.isDatabaseFile(file.name()) || !seen.add(file.name()) || file.size() < 0) {
                throw new IOException("the master's manifest names an unexpected file '" + file.name() + "'");
            }
            current |= file.name().equals("CURRENT");
        }
        if (!current) {
            throw new IOException("the master's manifest has no CURRENT file");
        }
    }

    /** Keeps files of an earlier attempt that the manifest names (they may be reused), removes the rest. */
    private static void prepareStaging(Path staging, CheckpointManifest manifest) throws IOException {
        Files.createDirectories(staging);
        Set<String> wanted = manifest.byName().keySet();
        try (Stream<Path> entries = Files.list(staging)) {
            for (Path entry : entries.toList()) {
                if (Files.isDirectory(entry)) {
                    Snapshots.deleteTree(entry);
                } else if (!wanted.contains(entry.getFileName().toString())) {
                    Files.delete(entry);
                }
            }
        }
    }

    private void fetchAll(String id, List<CheckpointFile> files, Path staging) throws IOException {
        Queue<Chunk> chunks = new ConcurrentLinkedQueue<>();
        Map<String, FileChannel> channels = new HashMap<>();
        Map<String, AtomicInteger> chunksLeft = new HashMap<>();
        try {
            for (CheckpointFile file : files) {
                channels.put(file.name(), FileChannel.open(staging.resolve(file.name()), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING));
                int count = 0;
                for (long offset = 0; offset < file.size(); offset += CHUNK_BYTES) {
                    chunks.add(new Chunk(file, offset, (int) Math.min(CHUNK_BYTES, file.size() - offset)));
                    count++;
                }
                chunksLeft.put(file.name(), new AtomicInteger(count));
                if (count == 0) {
                    progress.fileDone();
                }
            }
            int workers = Math.min(parallelism, chunks.size());
            if (workers == 0) {
                return;
            }
            AtomicReference<Exception> failure = new AtomicReference<>();
            ExecutorService pool = Executors.newFixedThreadPool(workers, r -> daemon(r, "full-sync-fetch"));
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                running.add(pool.submit(() -> {
                    try {
                        fetchChunks(id, chunks, channels, chunksLeft, failure);
                    } catch (IOException | RuntimeException e) {
                        failure.compareAndSet(null, e);
                    }
                    return null;
                }));
            }
            pool.shutdown();
            for (Future<?> worker : running) {
                try {
                    worker.get();
                } catch (InterruptedException e) {
                    pool.shutdownNow();
                    Thread.currentThread().interrupt();
                    throw new IOException("full sync interrupted", e);
                } catch (java.util.concurrent.ExecutionException e) {
                    failure.compareAndSet(null, new IOException(e.getCause()));
                }
            }
            Exception failed = failure.get();
            if (failed != null) {
                throw failed instanceof IOException io ? io
                        : new IOException("fetching checkpoint " + id + " failed: " + failed, failed);
            }
        } finally {
            for (FileChannel channel : channels.values()) {
                channel.close();
            }
        }
    }

    /** One connection's loop: keeps up to {@value #PIPELINE} FETCH requests in flight until no chunk is left. */
    private void fetchChunks(String id, Queue<Chunk> chunks, Map<String, FileChannel> channels,
                             Map<String, AtomicInteger> chunksLeft, AtomicReference<Exception> failure)
            throws IOException {
        try (Connection connection = master.open()) {
            ArrayDeque<Chunk> inFlight = new ArrayDeque<>();
            while (true) {
                while (inFlight.size() < PIPELINE && failure.get() == null) {
                    Chunk next = chunks.poll();
                    if (next == null) {
                        break;
                    }
                    connection.send(args("REPLCHECKPOINT", "FETCH", id, next.file().name(),
                            Long.toString(next.offset()), Integer.toString(next.length())));
                    inFlight.add(next);
                }
                Chunk chunk = inFlight.poll();
                if (chunk == null) {
                    return;
                }
                store(chunk, connection.read(), channels.get(chunk.file().name()));
                if (chunksLeft.get(chunk.file().name()).decrementAndGet() == 0) {
                    channels.get(chunk.file().name()).force(true);
                    progress.fileDone();
                }
            }
        }
    }

    private void store(Chunk chunk, Reply reply, FileChannel channel) throws IOException {
        if (reply instanceof Reply.Error error) {
            throw new IOException("the master refused to send " + chunk.file().name() + ": " + error.text());
        }
        if (!(reply instanceof Reply.Bulk bulk) || bulk.value().length != chunk.length()) {
            throw new IOException("the master sent a wrong chunk of " + chunk.file().name() + " at " + chunk.offset());
        }
        ByteBuffer bytes = ByteBuffer.wrap(bulk.value());
        while (bytes.hasRemaining()) {
            channel.write(bytes, chunk.offset() + bytes.position());
        }
        progress.fetched(chunk.length());
    }

    static List<byte[]> args(String... words) {
        List<byte[]> bytes = new ArrayList<>(words.length);
        for (String word : words) {
            bytes.add(word.getBytes(StandardCharsets.UTF_8));
        }
        return bytes;
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("full sync interrupted", e);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
