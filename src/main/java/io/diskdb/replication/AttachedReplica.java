package io.diskdb.replication;

import io.diskdb.server.ClientSession;
import io.diskdb.storage.Engine;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * A replica connected to this master after {@code PSYNC ... +CONTINUE}: a thread of its own
 * tails the WAL from the replica's next sequence and writes the batches to its connection.
 *
 * <p>It writes only while the connection is writable (Netty's high-water mark): the WAL itself is
 * the buffer, so a slow or stalled replica costs the master at most one connection's output
 * buffer and never blocks a client. A replica that stops acknowledging for longer than
 * repl-timeout is disconnected; one that falls behind the WAL retention gets an error and
 * reconnects (and then syncs fully).
 */
public final class AttachedReplica {
    private static final Logger log = LoggerFactory.getLogger(AttachedReplica.class);
    private static final long PING_INTERVAL_MILLIS = 1000;
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long BLOCKED_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final int FLUSH_BYTES = 256 * 1024;

    private final ClientSession session;
    private final Channel channel;
    private final Engine engine;
    private final int listeningPort;
    private final IntSupplier timeoutSeconds;
    private final Runnable onAck;
    private final Consumer<AttachedReplica> onDetach;
    private final long startSequence;
    private final Thread feeder;
    private volatile long ackedSequence;
    private volatile long lastAckMillis = System.currentTimeMillis();
    private volatile boolean stopped;
    private volatile boolean pingWanted;
    private long reopens;

    AttachedReplica(ClientSession session, Engine engine, int listeningPort, long nextSequence,
                    IntSupplier timeoutSeconds, Runnable onAck, Consumer<AttachedReplica> onDetach) {
        this.session = session;
        this.channel = session.channel();
        this.engine = engine;
        this.listeningPort = listeningPort;
        this.timeoutSeconds = timeoutSeconds;
        this.onAck = onAck;
        this.onDetach = onDetach;
        this.startSequence = nextSequence;
        this.ackedSequence = nextSequence - 1;
        this.feeder = new Thread(this::feed, "repl-feed-" + session.remoteAddress());
        this.feeder.setDaemon(true);
    }

    /** Answers PSYNC (written straight to the connection, ahead of any frame) and starts streaming. */
    void start(String replid) {
        channel.writeAndFlush(Unpooled.copiedBuffer("+CONTINUE " + replid + "\r\n", StandardCharsets.US_ASCII));
        channel.closeFuture().addListener(f -> stop());
        feeder.start();
    }

    public ClientSession session() {
        return session;
    }

    /** The replica's address as it would be reached: its IP and the port it said it listens on. */
    public String ip() {
        String address = session.remoteAddress();
        int colon = address.lastIndexOf(':');
        return colon > 0 ? address.substring(0, colon) : address;
    }

    public int listeningPort() {
        return listeningPort;
    }

    /** The last sequence the replica said it has applied (and made durable). */
    public long ackedSequence() {
        return ackedSequence;
    }

    /** Whole seconds since the replica's last acknowledgement (INFO lag). */
    public long lagSeconds() {
        return (System.currentTimeMillis() - lastAckMillis) / 1000;
    }

    /** REPLCONF ACK from the replica. */
    void acknowledge(long sequence) {
        lastAckMillis = System.currentTimeMillis();
        if (sequence > ackedSequence) {
            ackedSequence = sequence;
            onAck.run();
        }
    }

    /** New WAL records may be there. */
    void wake() {
        LockSupport.unpark(feeder);
    }

    /** Asks for an acknowledgement now (WAIT is waiting). */
    void requestAck() {
        pingWanted = true;
        wake();
    }

    void stop() {
        if (!stopped) {
            stopped = true;
            LockSupport.unpark(feeder);
        }
    }

    /** Waits until the feeder thread has ended (after {@link #disconnect}). */
    void awaitStopped() {
        try {
            feeder.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Disconnects the replica (it will reconnect and PSYNC again). */
    void disconnect() {
        stop();
        channel.close();
    }

    private void feed() {
        log.info("replica {} (listening port {}) streaming from sequence {}", session.remoteAddress(),
                listeningPort, startSequence);
        long lastPing = 0;
        try (WalTail wal = new WalTail(engine, startSequence)) {
            while (!stopped && channel.isActive()) {
                // Frames are gathered into one buffer per write: a write from outside the event
                // loop is a task for it, one per frame would cost the master more than the frame.
                ByteBuf out = null;
                while (channel.isWritable() && !stopped) {
                    WalTail.Batch batch = wal.poll();
                    if (batch == null) {
                        break;
                    }
                    if (out == null) {
                        out = channel.alloc().buffer(Math.max(FLUSH_BYTES, batch.data().length + 13));
                    }
                    StreamFrames.writeBatch(out, batch.sequence(), batch.data());
                    if (out.readableBytes() >= FLUSH_BYTES) {
                        channel.writeAndFlush(out, channel.voidPromise());
                        out = null;
                    }
                }
                long now = System.currentTimeMillis();
                if ((pingWanted || now - lastPing >= PING_INTERVAL_MILLIS) && channel.isWritable()) {
                    pingWanted = false;
                    lastPing = now;
                    if (out == null) {
                        out = channel.alloc().buffer(16);
                    }
                    StreamFrames.writePing(out, engine.latestSequence());
                }
                if (out != null) {
                    channel.writeAndFlush(out, channel.voidPromise());
                }
                if (now - lastAckMillis > timeoutSeconds.getAsInt() * 1000L) {
                    log.warn("disconnecting replica {}: no acknowledgement for {} s (repl-timeout)",
                            session.remoteAddress(), timeoutSeconds.getAsInt());
                    break;
                }
                boolean waitingForRoom = !channel.isWritable();
                LockSupport.parkNanos(waitingForRoom || wal.behind() ? BLOCKED_PARK_NANOS : IDLE_PARK_NANOS);
            }
            reopens = wal.reopens();
        } catch (org.rocksdb.RocksDBException | RuntimeException e) {
            log.warn("disconnecting replica {}: {}", session.remoteAddress(), e.getMessage());
        } finally {
            stopped = true;
            channel.close();
            onDetach.accept(this);
            log.info("replica {} detached (WAL opened {} times)", session.remoteAddress(), reopens);
        }
    }
}
