package io.diskdb.replication;

import io.diskdb.config.MasterAddress;
import io.diskdb.config.Settings;
import io.diskdb.server.ClientSession;
import io.diskdb.storage.Engine;
import io.diskdb.storage.KeyLocks;
import io.diskdb.storage.Keyspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * This server's place in replication: master, or replica of a master (with its {@link MasterLink});
 * the replication ids; the replicas attached to it (as master or as a replica further down a
 * chain); and the clients waiting in WAIT for their acknowledgements.
 *
 * <p>Offsets are RocksDB sequence numbers: a replica applies its master's WAL records at the
 * same sequence numbers, so "applied up to sequence N" means the same data on every server.
 */
public final class Replication implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Replication.class);

    private final Keyspace keyspace;
    private final Settings settings;
    private final IntSupplier listeningPort;
    private final ReplicationStateFile stateFile;
    private final List<AttachedReplica> replicas = new CopyOnWriteArrayList<>();
    private final AckWaits waits = new AckWaits();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "repl-timer");
        t.setDaemon(true);
        return t;
    });
    private final FullSync fullSync;
    private final FullSyncProgress fullSyncProgress = new FullSyncProgress();
    private volatile ReplicationIds ids;
    private volatile MasterLink link;

    public Replication(Keyspace keyspace, Settings settings, IntSupplier listeningPort, FullSync fullSync) {
        this.keyspace = keyspace;
        this.fullSync = fullSync;
        this.settings = settings;
        this.listeningPort = listeningPort;
        this.stateFile = new ReplicationStateFile(settings.dataDir());
        this.ids = stateFile.load();
        stateFile.save(ids);
        keyspace.engine().addWalWrittenListener(this::wakeFeeders);
        timer.scheduleWithFixedDelay(this::checkWaits, 10, 10, TimeUnit.MILLISECONDS);
    }

    /** Follows the master configured with replicaof, if any (at start). */
    public void startFromSettings() {
        MasterAddress master = MasterAddress.parse(settings.getReplicaof());
        if (master != null) {
            replicaOf(master);
        }
    }

    public ReplicationIds ids() {
        return ids;
    }

    public boolean isReplica() {
        return link != null;
    }

    /**
     * The INFO replication fields, in Redis's order and words (replicas are "slaves" there):
     * what clients, exporters and sentinels read.
     */
    public void describe(java.util.function.BiConsumer<String, Object> field) {
        MasterLink current = link;
        long offset = offset();
        if (current == null) {
            field.accept("role", "master");
        } else {
            field.accept("role", "slave");
            field.accept("master_host", current.master().host());
            field.accept("master_port", current.master().port());
            field.accept("master_link_status", current.up() ? "up" : "down");
            field.accept("master_last_io_seconds_ago", current.lastIoSecondsAgo());
            boolean syncing = current.state() == LinkState.SYNC && fullSyncProgress.inProgress();
            field.accept("master_sync_in_progress", syncing ? 1 : 0);
            if (syncing) {
                fullSyncProgress.infoFields().forEach(field::accept);
            }
            field.accept("slave_read_repl_offset", offset);
            field.accept("slave_repl_offset", offset);
            if (!current.up()) {
                field.accept("master_link_down_since_seconds", current.downSeconds());
            }
            field.accept("slave_priority", 100);
            field.accept("slave_read_only", 1);
            field.accept("replica_announced", 1);
        }
        List<AttachedReplica> attached = replicas();
        field.accept("connected_slaves", attached.size());
        for (int i = 0; i < attached.size(); i++) {
            AttachedReplica r = attached.get(i);
            field.accept("slave" + i, "ip=" + r.ip() + ",port=" + r.listeningPort() + ",state=online,offset="
                    + r.ackedSequence() + ",lag=" + r.lagSeconds());
        }
        field.accept("master_failover_state", "no-failover");
        ReplicationIds current2 = ids;
        field.accept("master_replid", current2.replid());
        field.accept("master_replid2", current2.replid2());
        field.accept("master_repl_offset", offset);
        field.accept("second_repl_offset", current2.secondOffset());
        // Redis's backlog is DiskDB's WAL: what it holds from, its retention limit
        long oldest = WalTail.oldestSequence(keyspace.engine());
        field.accept("repl_backlog_active", keyspace.engine().walEnabled() ? 1 : 0);
        field.accept("repl_backlog_size", settings.getWalRetentionMb() << 20);
        field.accept("repl_backlog_first_byte_offset", oldest);
        field.accept("repl_backlog_histlen", Math.max(0, offset - oldest + 1));
    }

    /** Where a replica's link is (ROLE), or null on a master. */
    public LinkState linkState() {
        MasterLink current = link;
        return current == null ? null : current.state();
    }

    /** The master followed, or null on a master. */
    public MasterAddress master() {
        MasterLink current = link;
        return current == null ? null : current.master();
    }

    public List<AttachedReplica> replicas() {
        return List.copyOf(replicas);
    }

    /** The latest sequence of this server's data: master_repl_offset. */
    public long offset() {
        return keyspace.engine().latestSequence();
    }

    // ---- roles ----

    /**
     * REPLICAOF host port: from now on this server's data is the master's. Every command that
     * may still write finishes first (all key locks), no write is accepted afterwards, and the
     * replicas attached here are disconnected so that they follow the new history too.
     */
    public synchronized void replicaOf(MasterAddress master) {
        MasterLink previous = link;
        if (previous != null) {
            if (previous.master().equals(master)) {
                return;
            }
            previous.stop();
        }
        try (KeyLocks.Held all = keyspace.locks().lockAll()) {
            keyspace.replica(true);
        }
        disconnectReplicas();
        link = new MasterLink(master, linkHost());
        link.start();
        log.info("replica of {}:{}", master.host(), master.port());
    }

    /**
     * REPLICAOF NO ONE: stops following, keeps all the data and becomes a master with a new
     * replication id; the old one stays valid up to the current sequence, so the other replicas
     * of the old master can continue from this one (PSYNC2).
     */
    public synchronized void promote() {
        MasterLink previous = link;
        if (previous == null) {
            return;
        }
        previous.stop();
        link = null;
        try (KeyLocks.Held all = keyspace.locks().lockAll()) {
            keyspace.replica(false);
            ids = ids.promoted(offset() + 1);
            stateFile.save(ids);
        }
        disconnectReplicas();
        log.info("promoted to master: replication id {}, previous id {} valid up to sequence {}", ids.replid(),
                ids.replid2(), ids.secondOffset());
    }

    private void disconnectReplicas() {
        for (AttachedReplica replica : replicas) {
            replica.disconnect();
        }
    }

    /** Disconnects the attached replicas and waits until none reads the WAL any more. */
    private void stopReplicas() {
        for (AttachedReplica replica : replicas) {
            replica.disconnect();
            replica.awaitStopped();
        }
    }

    private static String emptyToNull(String text) {
        return text.isEmpty() ? null : text;
    }

    // ---- master side ----

    /**
     * PSYNC from a replica on {@code session}: continues it if its data is this history up to
     * {@code nextSequence}, else starts a full sync.
     *
     * @return the error to reply, or null when the session became a replica stream
     */
    public String psync(ClientSession session, int replicaListeningPort, String askedId, long nextSequence) {
        Engine engine = keyspace.engine();
        MasterLink current = link;
        if (current != null && !current.up()) {
            // its data may be replaced by a full sync any moment: nothing to stream from yet
            return "NOMASTERLINK Can't SYNC while not connected with my master";
        }
        if (!engine.walEnabled()) {
            return "ERR replication needs the WAL: this server runs with wal-enabled (appendonly) off";
        }
        PsyncDecision decision = PsyncDecision.decide(ids, askedId, nextSequence, engine.latestSequence(),
                sequence -> WalTail.holds(engine, sequence));
        if (!decision.partial()) {
            log.info("replica {} cannot continue: {}", session.remoteAddress(), decision.reason());
            try {
                return "+FULLRESYNC " + ids.replid() + " " + fullSync.createCheckpoint();
            } catch (RuntimeException e) {
                return "ERR full resync needed (" + decision.reason() + ") but no checkpoint could be made: "
                        + e.getMessage();
            }
        }
        AttachedReplica replica = new AttachedReplica(session, engine, replicaListeningPort, nextSequence,
                settings::getReplTimeout, this::checkWaits, replicas::remove);
        replicas.add(replica);
        // As a Redis master does with its replicas: nothing more is ever replied on this
        // connection, a reply would land in the middle of the stream.
        session.repliesOff();
        replica.start(ids.replid());
        return null;
    }

    /** REPLCONF ACK on a replica's connection. */
    public void acknowledged(ClientSession session, long sequence) {
        for (AttachedReplica replica : replicas) {
            if (replica.session() == session) {
                replica.acknowledge(sequence);
            }
        }
    }

    /** Replicas that have acknowledged {@code sequence}. */
    public int acknowledgedBy(long sequence) {
        int count = 0;
        for (AttachedReplica replica : replicas) {
            if (replica.ackedSequence() >= sequence) {
                count++;
            }
        }
        return count;
    }

    /** WAIT: parks {@code session} (already parked by the caller) until answered. */
    public void await(ClientSession session, long sequence, int replicaCount, long timeoutMillis) {
        long deadline = timeoutMillis == 0 ? 0 : System.currentTimeMillis() + timeoutMillis;
        waits.add(session, sequence, replicaCount, deadline);
        for (AttachedReplica replica : replicas) {
            replica.requestAck();
        }
        checkWaits();
    }

    private void checkWaits() {
        if (!waits.isEmpty()) {
            waits.check(this::acknowledgedBy, System.currentTimeMillis());
        }
    }

    private void wakeFeeders() {
        for (AttachedReplica replica : replicas) {
            replica.wake();
        }
    }

    // ---- replica side ----

    private MasterLink.Host linkHost() {
        return new MasterLink.Host() {
            @Override
            public Keyspace keyspace() {
                return keyspace;
            }

            @Override
            public ReplicationIds ids() {
                return ids;
            }

            @Override
            public void continuing(String masterReplid, long nextSequence) {
                ReplicationIds next = ids.following(masterReplid, nextSequence);
                if (next != ids) {
                    ids = next;
                    stateFile.save(next);
                }
            }

            @Override
            public void fullSync(String masterReplid, String checkpointId, MasterAddress master) throws IOException {
                // Replicas streaming from this one read the WAL of the data about to be replaced.
                stopReplicas();
                fullSync.run(master.host(), master.port(), emptyToNull(masterUser()), emptyToNull(masterPassword()),
                        checkpointId, fullSyncProgress);
                ids = new ReplicationIds(masterReplid, ReplicationIds.NONE, -1);
                stateFile.save(ids);
            }

            @Override
            public int listeningPort() {
                return listeningPort.getAsInt();
            }

            @Override
            public String masterUser() {
                return settings.getMasteruser();
            }

            @Override
            public String masterPassword() {
                return settings.getMasterauth();
            }

            @Override
            public int timeoutSeconds() {
                return settings.getReplTimeout();
            }
        };
    }

    @Override
    public void close() {
        timer.shutdownNow();
        MasterLink current = link;
        if (current != null) {
            current.stop();
        }
        List<AttachedReplica> attached = new ArrayList<>(replicas);
        for (AttachedReplica replica : attached) {
            replica.stop();
        }
    }
}
