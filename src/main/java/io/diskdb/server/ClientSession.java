package io.diskdb.server;

import io.diskdb.blocking.Waiter;
import io.diskdb.protocol.ReplyWriter;
import io.diskdb.pubsub.PendingEvents;
import io.diskdb.pubsub.Subscriptions;
import io.diskdb.transaction.MultiState;
import io.diskdb.transaction.Watcher;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.unix.UnixChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The state of one client connection: selected database, protocol version, name, identity and
 * the replies waiting to be flushed. Only the connection's event loop touches it, except for
 * the read-only fields CLIENT LIST shows.
 */
public final class ClientSession {
    private static final Logger log = LoggerFactory.getLogger(ClientSession.class);
    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final Channel channel;
    private final long createdAtMillis = System.currentTimeMillis();
    private final ReplyWriter reply = new ReplyWriter(null);
    private volatile long lastInteractionMillis = createdAtMillis;
    private volatile int db;
    private volatile String name;
    private volatile String libName;
    private volatile String libVersion;
    private volatile boolean authenticated;
    private volatile String user = "default";
    private volatile String lastCommand = "NULL";
    private boolean closeAfterReply;
    // CLIENT REPLY: OFF drops every reply; SKIP drops the reply of the next command only.
    private volatile boolean repliesOff;
    private boolean skipNextReply;
    private boolean skipCurrentReply;
    private final MultiState multi = new MultiState();
    private final Watcher watcher = new Watcher();
    // Blocking commands (io.diskdb.blocking): while parked the connection runs nothing else of
    // this client; the connection handler is told when the wait ends, to send and go on.
    private volatile Waiter waiter; // volatile: the idle-client reaper reads it from another thread
    private Runnable afterUnpark = () -> { };
    // CLIENT PAUSE: the command held back until the pause ends (the connection queues the rest).
    private volatile byte[][] postponedCommand; // volatile: the idle-client reaper reads it
    private final Subscriptions subscriptions = new Subscriptions();
    private final PendingEvents pendingEvents = new PendingEvents();
    private final OutputBufferLimits outputLimits;
    // Written by whichever thread last pushed to this client: publishers run on any event loop.
    private volatile int replicaListeningPort;
    private volatile long softLimitReachedAt;
    private volatile boolean closingForOutputLimit;

    ClientSession(Channel channel, boolean authenticated, OutputBufferLimits outputLimits) {
        this.channel = channel;
        this.authenticated = authenticated;
        this.outputLimits = outputLimits;
    }

    public long id() {
        return id;
    }

    public Channel channel() {
        return channel;
    }

    /** The writer for this connection's replies, pointed at a fresh buffer when needed. */
    public ReplyWriter reply() {
        if (reply.buffer() == null) {
            reply.swapBuffer(channel.alloc().ioBuffer(256));
        }
        return reply;
    }

    /** Takes the replies written so far, to be sent; null when there are none. */
    ByteBuf takeReplies() {
        ByteBuf out = reply.buffer();
        if (out == null) {
            return null;
        }
        reply.swapBuffer(null);
        if (!out.isReadable()) {
            out.release();
            return null;
        }
        return out;
    }

    int pendingReplyBytes() {
        ByteBuf out = reply.buffer();
        return out == null ? 0 : out.readableBytes();
    }

    public int db() {
        return db;
    }

    public void select(int db) {
        this.db = db;
    }

    public int protocol() {
        return reply.protocol();
    }

    public void protocol(int version) {
        reply.protocol(version);
    }

    public String name() {
        return name;
    }

    public void name(String name) {
        this.name = name;
    }

    public String libName() {
        return libName;
    }

    public void libName(String libName) {
        this.libName = libName;
    }

    public String libVersion() {
        return libVersion;
    }

    public void libVersion(String libVersion) {
        this.libVersion = libVersion;
    }

    public boolean authenticated() {
        return authenticated;
    }

    public void authenticated(String user) {
        this.user = user;
        this.authenticated = true;
    }

    public String user() {
        return user;
    }

    public long createdAtMillis() {
        return createdAtMillis;
    }

    public long lastInteractionMillis() {
        return lastInteractionMillis;
    }

    /**
     * A command arrived: records the interaction time and applies a pending CLIENT REPLY SKIP to
     * it. Returns the output position {@link #commandDone} cuts back to if its reply is dropped.
     */
    int commandReceived(long now) {
        lastInteractionMillis = now;
        skipCurrentReply = skipNextReply;
        skipNextReply = false;
        return reply().buffer().writerIndex();
    }

    /** The command is done: drops what it replied if CLIENT REPLY says so. */
    void commandDone(int replyStart) {
        ByteBuf out = reply.buffer();
        if ((repliesOff || skipCurrentReply) && out != null && out.writerIndex() >= replyStart) {
            out.writerIndex(replyStart);
        }
        skipCurrentReply = false;
    }

    /** CLIENT REPLY ON: this command's reply and all later ones are sent. */
    public void repliesOn() {
        repliesOff = false;
        skipCurrentReply = false;
        skipNextReply = false;
    }

    /** CLIENT REPLY OFF: no reply is sent until CLIENT REPLY ON (whose +OK is). */
    public void repliesOff() {
        repliesOff = true;
    }

    /** CLIENT REPLY SKIP: the next command's reply is dropped; ignored while replies are off, as Redis. */
    public void skipNextReply() {
        if (!repliesOff) {
            skipNextReply = true;
        }
    }

    /** Whether a blocking command has parked this client (its reply is not written yet). */
    public boolean blocked() {
        return waiter != null;
    }

    /** The parked command, or null. */
    public Waiter waiter() {
        return waiter;
    }

    /** Called by the blocking registry when it parks this client. */
    public void park(Waiter parkedBy) {
        waiter = parkedBy;
    }

    /** Called by the blocking registry when the wait is over and its reply (if any) is written. */
    public void unpark() {
        waiter = null;
        afterUnpark.run();
    }

    /** Called by the dispatcher when CLIENT PAUSE holds this command back; it is run again afterwards. */
    public void postpone(byte[][] args) {
        postponedCommand = args;
    }

    /** Whether a CLIENT PAUSE holds a command of this client back. */
    public boolean postponed() {
        return postponedCommand != null;
    }

    /** The held-back command, now to be run again; null if none. */
    byte[][] takePostponed() {
        byte[][] args = postponedCommand;
        postponedCommand = null;
        return args;
    }

    /** What the connection does when the client is unparked: send the reply, run queued commands. */
    void afterUnpark(Runnable action) {
        afterUnpark = action;
    }

    /**
     * True while EXEC runs this client's queued commands. Blocking commands (BLPOP...) check it
     * and behave as their non-blocking forms, as in Redis: a transaction never waits. (The
     * MULTI/EXEC work backs this with its own transaction state; this plain flag stands in.)
     */
    /** The full name of the command being run or last run ("client|list"), or "NULL" if it was unknown. */
    public String lastCommand() {
        return lastCommand;
    }

    /** Set by the dispatcher once it has resolved a command; null for an unknown one. */
    public void lastCommand(String fullName) {
        lastCommand = fullName == null ? "NULL" : fullName;
    }

    /** This client's MULTI: open or not, queued commands. */
    /** The port a replica on this connection said it listens on (REPLCONF listening-port); 0 = not said. */
    public int replicaListeningPort() {
        return replicaListeningPort;
    }

    public void replicaListeningPort(int port) {
        replicaListeningPort = port;
    }

    public MultiState multi() {
        return multi;
    }

    /** This client's WATCHed keys. */
    public Watcher watcher() {
        return watcher;
    }

    /** Between MULTI and EXEC/DISCARD: commands are queued, not run. */
    public boolean inMulti() {
        return multi.isOpen();
    }

    /**
     * True while EXEC runs this client's queued commands. Blocking commands (BLPOP...) check it
     * and behave as their non-blocking forms, as in Redis: a transaction never waits.
     */
    public boolean executingTransaction() {
        return multi.executing();
    }

    /**
     * Queuing after MULTI or running the queue in EXEC: Redis's CLIENT_MULTI, which stays set
     * until EXEC ends (CLIENT LIST's x flag, the ACL log's "multi" context).
     */
    public boolean inTransaction() {
        return inMulti() || executingTransaction();
    }

    /** What this client is subscribed to (pub/sub). */
    public Subscriptions subscriptions() {
        return subscriptions;
    }

    /** RESP2 subscribed mode: only (un)subscribe commands, PING, QUIT and RESET are allowed. */
    public boolean inResp2SubscribedMode() {
        return protocol() == 2 && subscriptions.any();
    }

    /** Keyspace events this client's running command reported, published once it commits. */
    public PendingEvents pendingEvents() {
        return pendingEvents;
    }

    /** Clears the name and authentication as RESET does: a password-protected server asks for AUTH again. */
    public void resetIdentity(boolean requiresPassword) {
        name = null;
        user = "default";
        authenticated = !requiresPassword;
    }

    /**
     * Sends a pub/sub message (any thread may call it; it owns {@code frame}). When this
     * client's own command is running on this thread and has replies waiting, the message goes
     * after them (a RESP3 client that publishes to itself, as Redis orders it); otherwise it is
     * written to the channel, which queues it on the client's event loop in call order.
     */
    public void push(ByteBuf frame) {
        if (closingForOutputLimit || !channel.isActive()) {
            frame.release();
            return;
        }
        if (channel.eventLoop().inEventLoop() && pendingReplyBytes() > 0) {
            reply.buffer().writeBytes(frame);
            frame.release();
            return;
        }
        channel.writeAndFlush(frame, channel.voidPromise());
        enforceOutputLimit();
    }

    /**
     * Redis's checkClientOutputBufferLimits after a write: closes the connection when the output
     * queued for it (written but not yet taken by the socket) passes the hard limit of its
     * class, or the soft limit for longer than the class's seconds. A subscriber that stops
     * reading is thus cut off instead of growing the server's memory without bound.
     */
    void enforceOutputLimit() {
        OutputBufferLimits.Limit limit = outputLimits.of(subscriptions.any() ? "pubsub" : "normal");
        ChannelOutboundBuffer outbound = channel.unsafe().outboundBuffer();
        if (limit.none() || closingForOutputLimit || outbound == null) {
            return;
        }
        long queued = outbound.totalPendingWriteBytes();
        boolean overHard = limit.hard() > 0 && queued >= limit.hard();
        boolean overSoft = false;
        if (limit.soft() > 0 && queued >= limit.soft()) {
            long now = System.currentTimeMillis();
            long since = softLimitReachedAt;
            if (since == 0) {
                softLimitReachedAt = now;
            } else {
                overSoft = now - since > limit.softSeconds() * 1000;
            }
        } else {
            softLimitReachedAt = 0;
        }
        if (overHard || overSoft) {
            closingForOutputLimit = true;
            log.warn("Client id={} addr={} name={} scheduled to be closed ASAP for overcoming of output buffer limits.",
                    id, remoteAddress(), name == null ? "" : name);
            channel.close();
        }
    }

    /** QUIT: the connection closes once the replies written so far are sent. */
    public void closeAfterReply() {
        closeAfterReply = true;
    }

    boolean closing() {
        return closeAfterReply;
    }

    /** The socket's file descriptor as CLIENT LIST shows it; -1 where the transport hides it (NIO). */
    public int fd() {
        return channel instanceof UnixChannel unix ? unix.fd().intValue() : -1;
    }

    public String remoteAddress() {
        return address(channel.remoteAddress());
    }

    public String localAddress() {
        return address(channel.localAddress());
    }

    private static String address(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            String host = inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
            return host + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}
