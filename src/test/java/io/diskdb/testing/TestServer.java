package io.diskdb.testing;

import io.diskdb.config.RuntimeConfig;
import io.diskdb.config.Settings;
import io.diskdb.server.DiskDbServer;
import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A DiskDB server running in the test's JVM on a free port with its own temporary data
 * directory. {@link #restart()} closes it cleanly and opens the same directory again.
 */
public final class TestServer implements AutoCloseable {
    private final Path dir;
    private final Consumer<Settings> customizer;
    private DiskDbServer server;

    private TestServer(Path dir, Consumer<Settings> customizer) {
        this.dir = dir;
        this.customizer = customizer;
    }

    public static TestServer start() {
        return start(settings -> { });
    }

    public static TestServer start(Consumer<Settings> customizer) {
        try {
            TestServer test = new TestServer(Files.createTempDirectory("diskdb-test"), customizer);
            test.open();
            return test;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void open() throws IOException {
        Settings settings = new Settings();
        settings.setPort(0);
        settings.setDir(dir.resolve("data").toString());
        settings.setCacheMaxMemory(32L << 20);
        customizer.accept(settings);
        server = new DiskDbServer(new RuntimeConfig(settings, null));
        server.start();
    }

    public int port() {
        return server.port();
    }

    public DiskDbServer server() {
        return server;
    }

    public Path dataDir() {
        return dir.resolve("data");
    }

    /** A new Jedis connection to this server; the caller closes it. */
    public Jedis jedis() {
        return new Jedis("127.0.0.1", port(), 10_000);
    }

    /** A raw RESP connection to this server; the caller closes it. */
    public RawConnection raw() {
        return new RawConnection("127.0.0.1", port());
    }

    /** Stops the server cleanly and starts it again on the same data directory (same port not guaranteed). */
    public void restart() {
        server.close();
        try {
            open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
        deleteRecursively(dir);
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
