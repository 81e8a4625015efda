package io.diskdb.testing;

import io.diskdb.config.Settings;
import io.diskdb.server.DiskDbServer;
import redis.clients.jedis.Jedis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A {@link TestServer} with the connections handed out to tests, which {@link #shutDown()}
 * closes before the server. {@link SharedServer} keeps one for a whole class,
 * {@link ServerPerTest} one for each test; they differ only in when they open and shut it.
 */
public abstract class ServerFixture {
    private final Consumer<Settings> customizer;
    private final List<AutoCloseable> connections = new ArrayList<>();
    private TestServer server;
    private RawConnection raw;

    ServerFixture(Consumer<Settings> customizer) {
        this.customizer = customizer;
    }

    final boolean isOpen() {
        return server != null;
    }

    final void open() {
        server = TestServer.start(customizer);
    }

    final void shutDown() throws Exception {
        try {
            for (AutoCloseable connection : connections) {
                connection.close();
            }
        } finally {
            connections.clear();
            raw = null;
            server.close();
            server = null;
        }
    }

    /** Sends a command on the {@link #connection()} and returns the reply's bytes as text. */
    public String call(String... args) {
        return connection().call(args);
    }

    /** Sends a command on the {@link #connection()} and fails unless the reply is {@code expected}, byte for byte. */
    public void assertReply(String expected, String... command) {
        assertEquals(expected, call(command), String.join(" ", command));
    }

    /** The default raw connection, opened on first use and shared until the server shuts. */
    public RawConnection connection() {
        if (raw == null) {
            raw = raw();
        }
        return raw;
    }

    /** A new raw connection (another client); closed with the server if the test does not. */
    public RawConnection raw() {
        return track(testServer().raw());
    }

    /** A new connection already authenticated as {@code user}; fails the test if AUTH is refused. */
    public RawConnection loggedIn(String user, String password) {
        RawConnection connection = raw();
        String reply = connection.call("AUTH", user, password);
        if (!reply.equals(Resp.OK)) {
            throw new AssertionError("AUTH " + user + " was refused: " + reply);
        }
        return connection;
    }

    /** A new Jedis connection; closed with the server if the test does not. */
    public Jedis jedis() {
        return track(testServer().jedis());
    }

    /**
     * Stops the server cleanly and starts it again on the same data directory; the default
     * connection, cut by the restart, is opened again on next use.
     */
    public void restart() {
        testServer().restart();
        if (raw != null) {
            raw.close();
            raw = null;
        }
    }

    public TestServer testServer() {
        if (server == null) {
            throw new IllegalStateException("the server starts before the tests, not before the class's fields");
        }
        return server;
    }

    /** The running DiskDB server, to look past the protocol. */
    public DiskDbServer server() {
        return testServer().server();
    }

    public int port() {
        return testServer().port();
    }

    public Path dataDir() {
        return testServer().dataDir();
    }

    private <T extends AutoCloseable> T track(T connection) {
        connections.add(connection);
        return connection;
    }
}
