package io.diskdb.server;

import io.diskdb.acl.AclFile;
import io.diskdb.acl.AclLog;
import io.diskdb.acl.AclRegistry;
import io.diskdb.acl.AclUser;
import io.diskdb.acl.CommandIndex;
import io.diskdb.blocking.BlockingRegistry;
import io.diskdb.command.CommandCatalog;
import io.diskdb.command.CommandFamilies;
import io.diskdb.command.CommandSpec;
import io.diskdb.command.CommandTable;
import io.diskdb.command.Dispatcher;
import io.diskdb.config.RuntimeConfig;
import io.diskdb.config.Settings;
import io.diskdb.config.SyncPolicy;
import io.diskdb.storage.Durability;
import io.diskdb.protocol.ProtocolLimits;
import io.diskdb.protocol.RespDecoder;
import io.diskdb.pubsub.KeyspaceNotifier;
import io.diskdb.pubsub.PubSub;
import io.diskdb.replication.FullSync;
import io.diskdb.replication.Replication;
import io.diskdb.replication.ReplicationCheckpoints;
import io.diskdb.storage.ExpiryCycle;
import io.diskdb.storage.Backups;
import io.diskdb.storage.Keyspace;
import io.diskdb.storage.ManualCompaction;
import io.diskdb.storage.Snapshots;
import io.diskdb.storage.StorageOptions;
import io.diskdb.storage.WalRetention;
import io.diskdb.storage.WholeDatabaseListener;
import io.diskdb.types.JsonTreeCache;
import io.diskdb.types.SetPopHints;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One DiskDB server: the keyspace, the command table and the Netty listener. Started by
 * {@link io.diskdb.Main} and, in tests, in-process on a free port.
 */
public final class DiskDbServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DiskDbServer.class);
    public static final String REDIS_VERSION = "7.0.15";

    private final RuntimeConfig config;
    private final Settings settings;
    private final ServerStats stats = new ServerStats();
    private final ClientRegistry clients = new ClientRegistry();
    private final ClientPause pause = new ClientPause();
    private final long startedAtMillis = System.currentTimeMillis();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private Keyspace keyspace;
    private Snapshots snapshots;
    private Backups backups;
    private ManualCompaction compaction;
    private ReplicationCheckpoints replicationCheckpoints;
    private CommandTable commands;
    private AclRegistry acl;
    private final AclLog aclLog;
    private ExpiryCycle expiryCycle;
    private BlockingRegistry blocking;
    private final PubSub pubsub = new PubSub(stats);
    private final JsonTreeCache jsonTrees = JsonTreeCache.sizedForHeap();
    private final SetPopHints setPopHints = new SetPopHints();
    private KeyspaceNotifier keyspaceNotifier;
    private Replication replication;
    private EventLoopGroup group;
    private ReplyBarrier replyBarrier;
    private Dispatcher dispatcher;
    private OutputBufferLimits outputLimits;
    private Channel listener;
    private Channel tlsListener;
    private volatile boolean stopping;

    public DiskDbServer(RuntimeConfig config) {
        this.config = config;
        this.settings = config.settings();
        this.aclLog = new AclLog(settings::getAcllogMaxLen);
    }

    /** What the storage engine takes from the settings. */
    static StorageOptions storageOptions(Settings settings) {
        return new StorageOptions(settings.dataDir(), settings.isWalEnabled(), durability(settings.getSync()),
                settings.getSyncIntervalMs(), settings.getCompression().word(), settings.getMaxLogSize(),
                settings.getCacheMaxMemory(), settings.getWalRecovery(), settings.getWriteBufferSize(),
                settings.getBlockCacheSize(), settings.getMaxBackgroundJobs(),
                new WalRetention(settings.getWalRetentionSeconds(), settings.getWalRetentionMb()));
    }

    private static Durability durability(SyncPolicy sync) {
        return switch (sync) {
            case ALWAYS -> Durability.ALWAYS;
            case EVERYSEC -> Durability.EVERYSEC;
            case NO -> Durability.NO;
        };
    }

    /** Opens the database and starts listening; fails with a one-line reason. */
    public void start() throws IOException {
        SslContext tls = settings.getTlsPort() != 0 ? TlsContextFactory.create(settings) : null;
        listen(tls);
        try {
            openData();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        // Only now are connections accepted: clients that connected while the data was opening
        // waited in the listen backlog and are served from here, none is refused or reset.
        if (listener != null) {
            listener.config().setAutoRead(true);
        }
        if (tlsListener != null) {
            tlsListener.config().setAutoRead(true);
        }
        IdleClientReaper.schedule(group, clients, settings);
        log.info("DiskDB ready to accept connections on {} port {}{} ({} transport)", settings.getBind(),
                listener != null ? port() : "(none)", tlsListener != null ? ", TLS port " + tlsPort() : "",
                Epoll.isAvailable() ? "epoll" : "nio");
    }

    /**
     * Binds the listeners first, so that a port in use is reported before any data directory is
     * touched, but with accepting paused (AUTO_READ off) until the data is open.
     */
    private void listen(SslContext tls) throws IOException {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        group = new MultiThreadIoEventLoopGroup(settings.effectiveIoThreads(), io);
        Class<? extends ServerSocketChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        ProtocolLimits limits = ProtocolLimits.withMaxBulk(settings::getProtoMaxBulkLen);
        InputCounter inputCounter = new InputCounter(stats);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 511)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024));
        int binding = settings.getPort();
        try {
            if (listensPlain()) {
                listener = bind(bootstrap.clone().childHandler(clientInitializer(null, limits, inputCounter)),
                        settings.getPort());
            }
            if (tls != null) {
                binding = settings.getTlsPort();
                tlsListener = bind(bootstrap.clone().childHandler(clientInitializer(tls, limits, inputCounter)),
                        settings.getTlsPort());
            }
        } catch (Exception e) {
            close();
            throw cannotListen(e, binding);
        }
    }

    /** Opens the database and everything that works on it; the listeners are already bound. */
    private void openData() throws IOException {
        Map<String, CommandSpec> catalog = CommandCatalog.load();
        acl = openAcl(catalog);
        keyspace = new Keyspace(storageOptions(settings), settings.getDatabases());
        keyspace.addCommitListener(stats::recordCommitted);
        snapshots = new Snapshots(keyspace.engine(), settings.getSnapshotIntervalMs(), settings.getSnapshotKeep(),
                () -> stats.changesSinceSave.add(-stats.changesSinceSave.sum()));
        backups = new Backups(keyspace.engine());
        compaction = new ManualCompaction(keyspace.engine());
        replicationCheckpoints = new ReplicationCheckpoints(keyspace.engine(),
                settings::getReplFullsyncCheckpointTimeoutMs);
        // sync/appendfsync and wal-enabled/appendonly change how later writes are made
        config.addListener((name, value) -> keyspace.engine().configureWrites(
                durability(settings.getSync()), settings.isWalEnabled()));
        keyspaceNotifier = new KeyspaceNotifier(settings, pubsub);
        keyspace.addCommitListener(keyspaceNotifier);
        commands = new CommandTable(catalog);
        CommandFamilies.registerAll(commands, this);
        expiryCycle = new ExpiryCycle(keyspace);
        dispatcher = new Dispatcher(this, commands, keyspace);
        blocking = new BlockingRegistry(keyspace, stats, dispatcher::retry);
        keyspace.addCommitListener(blocking);
        keyspace.addWholeDatabaseListener(blocking);
        keyspace.addWholeDatabaseListener(new WholeDatabaseListener() {
            @Override
            public void afterDataReplaced() {
                // versions of the new data may equal versions of the old: drop what they keyed
                jsonTrees.clear();
                setPopHints.clear();
            }
        });
        replyBarrier = new ReplyBarrier(keyspace.engine());
        replication = new Replication(keyspace, settings, this::port, new FullSync(this));
        outputLimits = new OutputBufferLimits(settings);
        // A replica (replicaof) is one before anything could write: the expiry cycle, a client.
        replication.startFromSettings();
        expiryCycle.start();
    }

    /**
     * The plain listener is off only when asked for with port 0 beside a TLS port (as Redis);
     * port 0 alone (tests) binds a free port.
     */
    private boolean listensPlain() {
        return settings.getPort() != 0 || settings.getTlsPort() == 0;
    }

    private Channel bind(ServerBootstrap bootstrap, int port) throws InterruptedException {
        return bootstrap.bind(new InetSocketAddress(settings.getBind(), port)).sync().channel();
    }

    /** One connection's pipeline: [TLS] -> input counter -> RESP decoder -> connection handler. */
    private ChannelInitializer<SocketChannel> clientInitializer(SslContext tls, ProtocolLimits limits,
                                                                InputCounter inputCounter) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ClientSession session = new ClientSession(ch, newClientsAuthenticated(), outputLimits);
                if (tls != null) {
                    ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                }
                ch.pipeline().addLast(inputCounter);
                ch.pipeline().addLast(new RespDecoder(limits, () -> !session.authenticated()));
                ch.pipeline().addLast(new ConnectionHandler(DiskDbServer.this, dispatcher, session, replyBarrier));
            }
        };
    }

    private IOException cannotListen(Exception cause, int port) {
        String reason = String.valueOf(cause.getMessage());
        if (cause instanceof BindException || reason.contains("in use")) {
            reason = reason.contains("in use") ? "port already in use" : reason;
        }
        return new IOException("cannot listen on " + settings.getBind() + ":" + port + ": " + reason, cause);
    }

    /**
     * Replaces all the data with the database staged in {@code staged} (inside the data directory)
     * while the server runs — a replica's full sync. Every client's next command is held back
     * (connections stay open) until the new data is live; the commands running finish first; no
     * command sees a mix of old and new. See {@link Keyspace#replaceData}.
     *
     * @return the latest RocksDB sequence number of the new data
     */
    public long replaceData(java.nio.file.Path staged) throws IOException {
        awaitLongBackgroundJobs();
        pause.hold();
        try {
            return keyspace.replaceData(staged);
        } finally {
            pause.releaseHold();
        }
    }

    /**
     * A backup, snapshot or manual compaction keeps the data gate for as long as it runs: waiting
     * for them before holding the clients keeps the clients' stop short. One that starts in between
     * is still waited for, with the clients held.
     */
    private void awaitLongBackgroundJobs() throws IOException {
        boolean logged = false;
        while (backups.inProgress() || compaction.inProgress() || snapshots.inProgress()) {
            if (!logged) {
                log.info("waiting for the backup, snapshot or compaction in progress before swapping in the new data");
                logged = true;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting to swap in the new data", e);
            }
        }
    }

    /**
     * The users, loaded from the ACL file before anything else opens (a bad file stops the
     * start with one line, as in Redis); requirepass then sets the default user's password,
     * at startup and on CONFIG SET.
     */
    private AclRegistry openAcl(Map<String, CommandSpec> catalog) throws IOException {
        AclRegistry users = new AclRegistry(new CommandIndex(catalog), new AclFile(settings.aclFilePath()));
        try {
            users.open(settings.getRequirepass());
        } catch (AclFile.AclFileException e) {
            throw new IOException("cannot load the ACL file: " + e.getMessage().trim());
        }
        config.addListener("requirepass", (name, value) -> users.applyRequirepass(settings.getRequirepass()));
        users.addListener(this::closeClientsOfDeletedUser);
        users.addListener(new RevokedChannelSubscribers(clients, pubsub));
        return users;
    }

    /** As Redis: clients logged in as a user that is deleted are disconnected. */
    private void closeClientsOfDeletedUser(String name, AclUser now) {
        if (now != null) {
            return;
        }
        for (ClientSession client : List.copyOf(clients.all())) {
            if (client.user().equals(name)) {
                clients.kill(client);
            }
        }
    }

    /** A new connection is logged in as "default" when that user is on and has no password (Redis). */
    public boolean newClientsAuthenticated() {
        AclUser user = acl.defaultUser();
        return user.enabled() && user.nopass();
    }

    /** Whether AUTH with one argument makes sense: the default user has a password. */
    public boolean requiresPassword() {
        return !acl.defaultUser().nopass();
    }

    /** The ACL users. */
    public AclRegistry acl() {
        return acl;
    }

    /** Failed logins and refused commands, for ACL LOG. */
    public AclLog aclLog() {
        return aclLog;
    }

    /** The plain port actually bound (differs from the setting when that is 0); 0 without a plain listener. */
    public int port() {
        return listener == null ? 0 : ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** The TLS port, 0 without a TLS listener. */
    public int tlsPort() {
        return tlsListener == null ? 0 : ((InetSocketAddress) tlsListener.localAddress()).getPort();
    }

    public Settings settings() {
        return settings;
    }

    public Keyspace keyspace() {
        return keyspace;
    }

    /** Parsed JSON documents by version, so that reads and small updates skip parsing. */
    public JsonTreeCache jsonTrees() {
        return jsonTrees;
    }

    /** What SPOP learned of the empty ranges of the sets it drains. */
    public SetPopHints setPopHints() {
        return setPopHints;
    }

    public CommandTable commands() {
        return commands;
    }

    /** Clients parked by blocking commands (BLPOP...), woken by commits. */
    public BlockingRegistry blocking() {
        return blocking;
    }

    /** CLIENT PAUSE state and the clients it holds back. */
    public ClientPause pause() {
        return pause;
    }

    /** Channels, patterns and shard channels with their subscribers; message delivery. */
    public PubSub pubsub() {
        return pubsub;
    }

    /** Master or replica, the attached replicas, WAIT. */
    public Replication replication() {
        return replication;
    }

    /** Publishes keyspace notifications (notify-keyspace-events). */
    public KeyspaceNotifier keyspaceNotifier() {
        return keyspaceNotifier;
    }

    public ClientRegistry clients() {
        return clients;
    }

    public ServerStats stats() {
        return stats;
    }

    public long startedAtMillis() {
        return startedAtMillis;
    }

    /**
     * LASTSAVE and INFO rdb_last_save_time: the last successful snapshot (SAVE, BGSAVE or the
     * schedule); before the first one, the moment this server opened its data, as Redis reports
     * its load time.
     */
    public long lastSaveMillis() {
        return snapshots.lastSuccessMillis(() -> startedAtMillis);
    }

    public Snapshots snapshots() {
        return snapshots;
    }

    public Backups backups() {
        return backups;
    }

    public ManualCompaction compaction() {
        return compaction;
    }

    /** Checkpoints made for replicas' full syncs (master side). */
    public ReplicationCheckpoints replicationCheckpoints() {
        return replicationCheckpoints;
    }

    public RuntimeConfig config() {
        return config;
    }

    public int maxClients() {
        return settings.getMaxclients();
    }

    public boolean isStopping() {
        return stopping;
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitTermination() throws InterruptedException {
        terminated.await();
    }

    /**
     * Stops cleanly: no new connections, every connection closed after the command it is
     * running, then the WAL synced and RocksDB closed.
     */
    @Override
    public synchronized void close() {
        if (stopping) {
            return;
        }
        stopping = true;
        log.info("shutting down");
        for (Channel open : new Channel[] {listener, tlsListener}) {
            if (open != null) {
                open.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
            }
        }
        for (ClientSession client : clients.all()) {
            client.channel().close();
        }
        if (group != null) {
            // Bounded: the data must be closed cleanly even if an event loop failed to stop.
            if (!group.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS)) {
                log.warn("event loops did not stop within 10 s; closing the database anyway");
            }
        }
        if (replication != null) {
            replication.close();
        }
        if (expiryCycle != null) {
            expiryCycle.close();
        }
        if (snapshots != null) {
            snapshots.close();
        }
        if (backups != null) {
            backups.close();
        }
        if (compaction != null) {
            compaction.close();
        }
        if (replicationCheckpoints != null) {
            replicationCheckpoints.close();
        }
        if (keyspace != null) {
            keyspace.close();
        }
        log.info("DiskDB stopped");
        terminated.countDown();
    }
}
