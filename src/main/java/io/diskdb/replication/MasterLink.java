package io.diskdb.replication;

import io.diskdb.cli.CliOptions;
import io.diskdb.cli.Connection;
import io.diskdb.cli.Reply;
import io.diskdb.config.MasterAddress;
import io.diskdb.storage.Keyspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A replica's link to its master, on a thread of its own: connect, log in (masteruser /
 * masterauth), announce the listening port, {@code PSYNC <replid> <next sequence>}, then apply
 * the streamed write batches in order and acknowledge them ({@code REPLCONF ACK}) once they are
 * durable here. Any failure drops the connection and tries again after a back-off that doubles
 * from {@value #FIRST_BACKOFF_MILLIS} ms up to {@value #MAX_BACKOFF_MILLIS} ms, reset once a
 * stream is running.
 */
final class MasterLink {
    private static final Logger log = LoggerFactory.getLogger(MasterLink.class);
    static final long FIRST_BACKOFF_MILLIS = 100;
    static final long MAX_BACKOFF_MILLIS = 5000;
    private static final long ACK_INTERVAL_MILLIS = 1000;
    /** Most bytes of received batches joined into one write. */
    private static final int JOIN_BYTES = 1 << 20;

    /** What the link needs from the server around it. */
    interface Host {
        Keyspace keyspace();

        ReplicationIds ids();

        /** The master answered +CONTINUE with its id: adopt it. */
        void continuing(String masterReplid, long nextSequence);

        /** The master wants a full sync: returns when the new data is live, or throws. */
        void fullSync(String masterReplid, String checkpointId, MasterAddress master) throws IOException;

        int listeningPort();

        String masterUser();

        String masterPassword();

        int timeoutSeconds();
    }

    private final MasterAddress master;
    private final Host host;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile Connection connection;
    private volatile LinkState state = LinkState.CONNECT;
    private volatile long lastIoMillis;
    private volatile long downSinceMillis;

    MasterLink(MasterAddress master, Host host) {
        this.master = master;
        this.host = host;
        this.thread = new Thread(this::run, "repl-link-" + master.host() + ":" + master.port());
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Stops the link and waits until no batch is being applied any more. */
    void stop() {
        stopped = true;
        Connection open = connection;
        if (open != null) {
            open.close(); // unblocks a read in progress
        }
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    MasterAddress master() {
        return master;
    }

    LinkState state() {
        return state;
    }

    boolean up() {
        return state == LinkState.CONNECTED;
    }

    /** Seconds since anything arrived from the master; -1 before anything did. */
    long lastIoSecondsAgo() {
        return lastIoMillis == 0 ? -1 : (System.currentTimeMillis() - lastIoMillis) / 1000;
    }

    /** Seconds the link has been down; 0 while up, -1 if it was never up (as Redis). */
    long downSeconds() {
        if (up()) {
            return 0;
        }
        return downSinceMillis == 0 ? -1 : (System.currentTimeMillis() - downSinceMillis) / 1000;
    }

    private void run() {
        long backoff = FIRST_BACKOFF_MILLIS;
        boolean fullSyncedLast = false;
        while (!stopped) {
            try {
                if (session()) {
                    if (!fullSyncedLast) {
                        fullSyncedLast = true;
                        continue; // a full sync finished: PSYNC again right away to continue from it
                    }
                    // Two full syncs in a row: the master's WAL retention is shorter than a full
                    // sync takes under its write load. Back off instead of looping at full speed.
                    log.warn("full sync from {}:{} again right after one: the master keeps less WAL than a full"
                            + " sync takes (replication.wal_retention_*); retrying in {} ms", master.host(),
                            master.port(), backoff);
                } else {
                    fullSyncedLast = false;
                }
            } catch (IOException | RuntimeException e) {
                if (stopped) {
                    break;
                }
                log.warn("replication link to {}:{} down: {}; retrying in {} ms", master.host(), master.port(),
                        e.getMessage(), backoff);
            } finally {
                closeConnection();
                if (state == LinkState.CONNECTED || state == LinkState.SYNC) {
                    downSinceMillis = System.currentTimeMillis();
                }
                state = LinkState.CONNECT;
            }
            if (!fullSyncedLast && lastIoMillis > 0 && System.currentTimeMillis() - lastIoMillis < backoff) {
                backoff = FIRST_BACKOFF_MILLIS; // the stream ran until just now: reconnect quickly
            }
            sleep(backoff);
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
        }
        state = LinkState.CONNECT;
    }

    /**
     * One connection: handshake, then the stream until it fails (exception).
     *
     * @return true after a completed full sync (reconnect at once to continue from it)
     */
    private boolean session() throws IOException {
        state = LinkState.CONNECTING;
        String user = host.masterUser().isEmpty() ? null : host.masterUser();
        String password = host.masterPassword().isEmpty() ? null : host.masterPassword();
        Connection c = Connection.open(CliOptions.plain(master.host(), master.port(), user, password));
        connection = c;
        if (stopped) {
            throw new IOException("stopped");
        }
        c.setReadTimeout(host.timeoutSeconds() * 1000);
        state = LinkState.HANDSHAKE;
        expectOk(c.call(args("REPLCONF", "listening-port", Integer.toString(host.listeningPort()))), "REPLCONF");
        long next = host.keyspace().engine().latestSequence() + 1;
        String askedId = next == 1 ? "?" : host.ids().replid();
        Reply reply = c.call(args("PSYNC", askedId, Long.toString(next)));
        if (reply instanceof Reply.Error error) {
            throw new IOException("master refused PSYNC: " + error.text());
        }
        if (!(reply instanceof Reply.Status status)) {
            throw new IOException("unexpected reply to PSYNC: " + reply);
        }
        String[] words = status.text().split(" ");
        if (words[0].equals("FULLRESYNC") && words.length == 3) {
            state = LinkState.SYNC;
            log.info("master {}:{} asks for a full sync (replication id {}, checkpoint {})", master.host(),
                    master.port(), words[1], words[2]);
            closeConnection();
            host.fullSync(words[1], words[2], master);
            return true;
        }
        if (!words[0].equals("CONTINUE") || words.length != 2 || !ReplicationIds.isWellFormed(words[1])) {
            throw new IOException("unexpected reply to PSYNC: +" + status.text());
        }
        host.continuing(words[1], next);
        state = LinkState.CONNECTED;
        lastIoMillis = System.currentTimeMillis();
        log.info("replicating from {}:{} (replication id {}) from sequence {}", master.host(), master.port(),
                words[1], next);
        stream(c);
        return false;
    }

    /**
     * Applies frames until the connection fails. Batches already received are joined and applied
     * together; whenever the input runs dry (and at least every second) the replica acknowledges.
     */
    private void stream(Connection c) throws IOException {
        FrameInput input = new FrameInput(c.input());
        DataInputStream in = new DataInputStream(input);
        Keyspace keyspace = host.keyspace();
        ContiguousBatches pending = new ContiguousBatches(JOIN_BYTES);
        long acked = -1;
        long ackedAt = 0;
        boolean ackWanted = true;
        while (!stopped) {
            StreamFrames.Frame frame = StreamFrames.read(in);
            lastIoMillis = System.currentTimeMillis();
            if (frame.type() == StreamFrames.PING) {
                ackWanted = true; // the master wants to hear from us (heartbeat, or WAIT)
            } else if (!pending.add(frame.sequence(), frame.data())) {
                apply(keyspace, pending);
                if (!pending.add(frame.sequence(), frame.data())) {
                    keyspace.applyReplicated(frame.sequence(), frame.data()); // fails if it does not follow on
                }
            }
            long now = System.currentTimeMillis();
            boolean dry = input.buffered() == 0 && in.available() == 0;
            if (dry || now - ackedAt >= ACK_INTERVAL_MILLIS) {
                apply(keyspace, pending);
                long applied = keyspace.engine().latestSequence();
                if (ackWanted || applied != acked) {
                    keyspace.engine().makeDurable(); // acknowledged means durable here as on the master
                    c.send(args("REPLCONF", "ACK", Long.toString(applied)));
                    acked = applied;
                    ackedAt = now;
                    ackWanted = false;
                }
            }
        }
    }

    private static void apply(Keyspace keyspace, ContiguousBatches pending) {
        if (!pending.isEmpty()) {
            keyspace.applyReplicated(pending.sequence(), pending.data());
            pending.clear();
        }
    }

    /** Buffered input that tells how much it holds, so that checking for more costs no system call. */
    private static final class FrameInput extends BufferedInputStream {
        FrameInput(InputStream in) {
            super(in, 256 * 1024);
        }

        int buffered() {
            return count - pos;
        }
    }

    private static void expectOk(Reply reply, String what) throws IOException {
        if (reply instanceof Reply.Error error) {
            throw new IOException(what + " refused by the master: " + error.text());
        }
    }

    private void closeConnection() {
        Connection open = connection;
        connection = null;
        if (open != null) {
            open.close();
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            // stop() interrupts: the loop checks stopped
        }
    }

    private static List<byte[]> args(String... words) {
        List<byte[]> list = new ArrayList<>(words.length);
        for (String word : words) {
            list.add(word.getBytes(StandardCharsets.UTF_8));
        }
        return list;
    }
}
