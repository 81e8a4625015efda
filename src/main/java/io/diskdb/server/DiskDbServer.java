package io.diskdb.server;

import io.diskdb.blocking.BlockingRegistry;
import io.diskdb.command.CommandCatalog;
import io.diskdb.command.CommandFamilies;
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
import io.diskdb.storage.ExpiryCycle;
import io.diskdb.storage.Keyspace;
import io.diskdb.storage.StorageOptions;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
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
    private final long startedAtMillis = System.currentTimeMillis();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private Keyspace keyspace;
    private CommandTable commands;
    private ExpiryCycle expiryCycle;
    private BlockingRegistry blocking;
    private final PubSub pubsub = new PubSub(stats);
    private KeyspaceNotifier keyspaceNotifier;
    private EventLoopGroup group;
    private Channel listener;
    private volatile boolean stopping;

    public DiskDbServer(RuntimeConfig config) {
        this.config = config;
        this.settings = config.settings();
    }

    /** What the storage engine takes from the settings. */
    static StorageOptions storageOptions(Settings settings) {
        return new StorageOptions(settings.dataDir(), settings.isWalEnabled(), durability(settings.getSync()),
                settings.getSyncIntervalMs(), settings.getCompression().word(), settings.getMaxLogSize(),
                settings.getCacheMaxMemory());
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
        checkPortFree();
        keyspace = new Keyspace(storageOptions(settings), settings.getDatabases());
        keyspace.addCommitListener(stats::recordCommitted);
        // sync/appendfsync and wal-enabled/appendonly change how later writes are made
        config.addListener((name, value) -> keyspace.engine().configureWrites(
                durability(settings.getSync()), settings.isWalEnabled()));
        keyspaceNotifier = new KeyspaceNotifier(settings, pubsub);
        keyspace.addCommitListener(keyspaceNotifier);
        commands = new CommandTable(CommandCatalog.load());
        CommandFamilies.registerAll(commands, this);
        expiryCycle = new ExpiryCycle(keyspace);
        expiryCycle.start();
        Dispatcher dispatcher = new Dispatcher(this, commands, keyspace);
        blocking = new BlockingRegistry(keyspace, stats, dispatcher::retry);
        keyspace.addCommitListener(blocking);
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        int threads = settings.effectiveIoThreads();
        group = new MultiThreadIoEventLoopGroup(threads, io);
        Class<? extends ServerSocketChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        ProtocolLimits limits = ProtocolLimits.withMaxBulk(settings::getProtoMaxBulkLen);
        InputCounter inputCounter = new InputCounter(stats);
        OutputBufferLimits outputLimits = new OutputBufferLimits(settings);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 511)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ClientSession session = new ClientSession(ch, !requiresPassword(), outputLimits);
                        ch.pipeline().addLast(inputCounter);
                        ch.pipeline().addLast(new RespDecoder(limits, () -> !session.authenticated()));
                        ch.pipeline().addLast(new ConnectionHandler(DiskDbServer.this, dispatcher, session));
                    }
                });
        try {
            listener = bootstrap.bind(new InetSocketAddress(settings.getBind(), settings.getPort())).sync().channel();
        } catch (Exception e) {
            close();
            throw cannotListen(e);
        }
        IdleClientReaper.schedule(group, clients, settings);
        log.info("DiskDB ready to accept connections on {}:{} ({} transport)", settings.getBind(), port(), epoll ? "epoll" : "nio");
    }

    /**
     * Fails fast, before the database is opened, when the port is taken: a second server
     * started by mistake on the same port should say so, not touch any data directory.
     */
    private void checkPortFree() throws IOException {
        if (settings.getPort() == 0) {
            return;
        }
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(settings.getBind(), settings.getPort()));
        } catch (IOException e) {
            throw cannotListen(e);
        }
    }

    private IOException cannotListen(Exception cause) {
        String reason = String.valueOf(cause.getMessage());
        if (cause instanceof BindException || reason.contains("in use")) {
            reason = reason.contains("in use") ? "port already in use" : reason;
        }
        return new IOException("cannot listen on " + settings.getBind() + ":" + settings.getPort() + ": " + reason, cause);
    }

    public boolean requiresPassword() {
        return settings.hasPassword();
    }

    /** The port actually bound (differs from the setting when that is 0). */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    public Settings settings() {
        return settings;
    }

    public Keyspace keyspace() {
        return keyspace;
    }

    public CommandTable commands() {
        return commands;
    }

    /** Clients parked by blocking commands (BLPOP...), woken by commits. */
    public BlockingRegistry blocking() {
        return blocking;
    }

    /** Channels, patterns and shard channels with their subscribers; message delivery. */
    public PubSub pubsub() {
        return pubsub;
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
     * LASTSAVE and INFO rdb_last_save_time: every write is already durable in RocksDB and there
     * are no snapshots yet, so the last "save" is the moment this server opened its data.
     */
    public long lastSaveMillis() {
        return startedAtMillis;
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
        if (listener != null) {
            listener.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
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
        if (expiryCycle != null) {
            expiryCycle.close();
        }
        if (keyspace != null) {
            keyspace.close();
        }
        log.info("DiskDB stopped");
        terminated.countDown();
    }
}
