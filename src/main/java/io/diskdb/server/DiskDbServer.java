package io.diskdb.server;

import io.diskdb.command.CommandCatalog;
import io.diskdb.command.CommandFamilies;
import io.diskdb.command.CommandTable;
import io.diskdb.command.Dispatcher;
import io.diskdb.config.Settings;
import io.diskdb.protocol.ProtocolLimits;
import io.diskdb.protocol.RespDecoder;
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
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One DiskDB server: the keyspace, the command table and the Netty listener. Started by
 * {@link io.diskdb.Main} and, in tests, in-process on a free port.
 */
public final class DiskDbServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DiskDbServer.class);
    public static final String REDIS_VERSION = "7.0.15";

    private final Settings settings;
    private final StorageOptions storageOptions;
    private final Path configFile;
    private final ServerStats stats = new ServerStats();
    private final ClientRegistry clients = new ClientRegistry();
    private final long startedAtMillis = System.currentTimeMillis();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private Keyspace keyspace;
    private CommandTable commands;
    private ExpiryCycle expiryCycle;
    private EventLoopGroup group;
    private Channel listener;
    private volatile boolean stopping;

    public DiskDbServer(Settings settings, StorageOptions storageOptions, Path configFile) {
        this.settings = settings;
        this.storageOptions = storageOptions;
        this.configFile = configFile;
    }

    /** Opens the database and starts listening; fails with a one-line reason. */
    public void start() throws IOException {
        keyspace = new Keyspace(storageOptions, settings.databases);
        keyspace.addCommitListener(stats::recordCommitted);
        commands = new CommandTable(CommandCatalog.load());
        CommandFamilies.registerAll(commands, this);
        expiryCycle = new ExpiryCycle(keyspace);
        expiryCycle.start();
        Dispatcher dispatcher = new Dispatcher(this, commands, keyspace);
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        int threads = Runtime.getRuntime().availableProcessors();
        group = new MultiThreadIoEventLoopGroup(threads, io);
        Class<? extends ServerSocketChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        ProtocolLimits limits = ProtocolLimits.withMaxBulk(() -> settings.protoMaxBulkLen);
        InputCounter inputCounter = new InputCounter(stats);
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
                        ClientSession session = new ClientSession(ch, !requiresPassword());
                        ch.pipeline().addLast(inputCounter);
                        ch.pipeline().addLast(new RespDecoder(limits, () -> !session.authenticated()));
                        ch.pipeline().addLast(new ConnectionHandler(DiskDbServer.this, dispatcher, session));
                    }
                });
        try {
            listener = bootstrap.bind(new InetSocketAddress(settings.bind, settings.port)).sync().channel();
        } catch (Exception e) {
            close();
            if (e instanceof BindException) {
                throw new IOException("cannot listen on " + settings.bind + ":" + settings.port + ": "
                        + (e.getMessage().contains("in use") ? "port already in use" : e.getMessage()), e);
            }
            throw new IOException("cannot listen on " + settings.bind + ":" + settings.port + ": " + e.getMessage(), e);
        }
        log.info("DiskDB ready to accept connections on {}:{} ({} transport)", settings.bind, port(), epoll ? "epoll" : "nio");
    }

    public boolean requiresPassword() {
        String pass = settings.requirepass;
        return pass != null && !pass.isEmpty();
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

    public Path configFile() {
        return configFile;
    }

    public int maxClients() {
        return settings.maxclients;
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
            listener.close().syncUninterruptibly();
        }
        for (ClientSession client : clients.all()) {
            client.channel().close();
        }
        if (group != null) {
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
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
