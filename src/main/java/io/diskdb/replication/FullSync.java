package io.diskdb.replication;

import io.diskdb.cli.Connection;
import io.diskdb.server.DiskDbServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Full synchronisation of a replica from its master: the one entry point the replication link uses.
 *
 * <h2>Master</h2>
 * {@link #createCheckpoint()} (e.g. when PSYNC cannot continue) returns the id of a checkpoint of
 * the data as it is now, to send to the replica (e.g. {@code +FULLRESYNC <replid> <id>}). The
 * checkpoint is made in the background; it is deleted when the replica releases it, or after
 * {@code repl-fullsync-checkpoint-timeout} without use. Its sequence number (in the manifest) is
 * the last write it holds: the master must keep its WAL from the next one on (WAL retention).
 *
 * <h2>Replica</h2>
 * {@link #run} fetches that checkpoint from the master over {@code repl-fullsync-parallelism}
 * connections (reusing files the replica already has), verifies it, swaps it in for the live data
 * (clients held, crash-safe), releases it on the master and returns the sequence number of the new
 * data: the replica then continues with {@code PSYNC <replid> <sequence + 1>}. It blocks the calling
 * thread (the replication link's) until the new data is live or the sync failed; it may take long
 * for a large dataset. Progress is in the {@link FullSyncProgress} given (for INFO) and in the log.
 *
 * <pre>{@code
 * FullSync fullSync = new FullSync(server);
 * // master, answering PSYNC:
 * String id = fullSync.createCheckpoint();
 * // replica, after +FULLRESYNC replid id:
 * long sequence = fullSync.run(host, port, masterUser, masterAuth, id, progress);
 * // -> PSYNC replid (sequence + 1)
 * }</pre>
 *
 * <p>One full sync runs at a time per {@code FullSync} object (they share the staging directory):
 * make one per server.
 *
 * <p>On failure (IOException) the replica's data is unchanged — unless the log says the database
 * could not be opened after the swap — and the checkpoint is released on the master if it can be
 * reached; the link retries with a new PSYNC. Files fetched so far stay in
 * {@code <dir>/replication/incoming} and are reused by the next attempt when they match.
 */
public final class FullSync {
    private static final Logger log = LoggerFactory.getLogger(FullSync.class);
    static final String INCOMING = "incoming";

    private final DiskDbServer server;

    public FullSync(DiskDbServer server) {
        this.server = server;
    }

    /**
     * Master: starts a checkpoint of the data as it is now and returns its id at once.
     *
     * @throws IllegalStateException when too many full syncs are in progress (retry later)
     */
    public String createCheckpoint() {
        return server.replicationCheckpoints().create();
    }

    /**
     * Replica: fetches checkpoint {@code checkpointId} from the master, makes it the live data, and
     * returns its RocksDB sequence number.
     *
     * @param user     master user to AUTH as (null: AUTH with the password alone, or no AUTH)
     * @param password master password (null: no AUTH)
     */
    public synchronized long run(String host, int port, String user, String password, String checkpointId,
                                 FullSyncProgress progress) throws IOException {
        MasterConnections master = MasterConnections.to(host, port, user, password);
        Path dataDir = server.settings().dataDir();
        Path staging = dataDir.resolve(ReplicationCheckpoints.DIRECTORY).resolve(INCOMING);
        progress.start();
        long started = System.currentTimeMillis();
        try {
            CheckpointFetcher fetcher = new CheckpointFetcher(master, server.settings().getReplFullsyncParallelism(),
                    dataDir, progress);
            CheckpointManifest manifest = fetcher.fetch(checkpointId, staging);
            long staged = CheckpointSequence.of(staging);
            if (staged != manifest.sequence()) {
                throw new IOException("checkpoint " + checkpointId + " opens at sequence " + staged
                        + ", the master said " + manifest.sequence());
            }
            progress.phase(FullSyncProgress.Phase.SWAPPING);
            long sequence = server.replaceData(staging);
            if (sequence != manifest.sequence()) {
                log.warn("full sync: the new data opened at sequence {}, the checkpoint's is {}", sequence,
                        manifest.sequence());
            }
            progress.phase(FullSyncProgress.Phase.DONE);
            log.info("full sync from {}:{} done in {} ms: {}; the data is now the master's at sequence {}", host, port,
                    System.currentTimeMillis() - started, progress.describe(), sequence);
            return sequence;
        } catch (IOException | RuntimeException e) {
            progress.phase(FullSyncProgress.Phase.FAILED);
            log.error("full sync from {}:{} failed: {}", host, port, e.getMessage());
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        } finally {
            release(master, checkpointId);
        }
    }

    /** Best effort: if the master cannot be told, it expires the checkpoint itself. */
    private static void release(MasterConnections master, String checkpointId) {
        try (Connection connection = master.open()) {
            connection.call(CheckpointFetcher.args("REPLCHECKPOINT", "RELEASE", checkpointId));
        } catch (IOException | RuntimeException e) {
            log.debug("could not release checkpoint {} on the master: {}", checkpointId, e.getMessage());
        }
    }
}
