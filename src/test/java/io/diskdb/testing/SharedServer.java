package io.diskdb.testing;

import io.diskdb.config.Settings;
import io.diskdb.server.DiskDbServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.Jedis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One {@link TestServer} for all the tests of a class:
 * {@code @RegisterExtension static final SharedServer server = new SharedServer();}
 * starts it before the class's first test and, after its last, closes every connection it
 * handed out and then the server. {@code @Nested} classes inherit the extension and share the
 * enclosing class's server.
 */
public final class SharedServer implements BeforeAllCallback, AfterAllCallback {
    private final Consumer<Settings> customizer;
    private final List<AutoCloseable> connections = new ArrayList<>();
    private TestServer server;
    private Class<?> owner;
    private RawConnection raw;

    public SharedServer() {
        this(settings -> { });
    }

    /** A server whose settings {@code customizer} adjusts before it starts. */
    public SharedServer(Consumer<Settings> customizer) {
        this.customizer = customizer;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (server == null) { // a @Nested class's callback runs too: it shares the enclosing server
            owner = context.getRequiredTestClass();
            server = TestServer.start(customizer);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (context.getRequiredTestClass() != owner) {
            return;
        }
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

    /** Sends a command on the class's {@link #connection()} and returns the reply's bytes as text. */
    public String call(String... args) {
        return connection().call(args);
    }

    /** The class's default raw connection, opened on first use and shared by its tests. */
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
            throw new IllegalStateException("the server starts before the class's tests, not before its fields");
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
