package io.diskdb.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real redis-server (the compatibility reference) started as a child process on a free port,
 * without persistence. Tests compare DiskDB's replies with its replies byte for byte.
 */
public final class RealRedis implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private RealRedis(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static RealRedis start() {
        Path binary = findBinary();
        int port = FreePort.find();
        try {
            Path log = Files.createTempFile("real-redis", ".log");
            Process process = new ProcessBuilder(List.of(binary.toString(), "--port", Integer.toString(port),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            RealRedis redis = new RealRedis(process, port, log);
            if (!FreePort.awaitListening(port, 10_000, process::isAlive)) {
                redis.close();
                throw new IllegalStateException("redis-server did not start on port " + port + ": " + Files.readString(log));
            }
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path findBinary() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("redis-server is not on the PATH: the differential tests compare DiskDB "
                + "with a real Redis 7.0 (Debian: apt-get install redis-server)");
    }

    public int port() {
        return port;
    }

    /** A raw RESP connection to this Redis; the caller closes it. */
    public RawConnection raw() {
        return new RawConnection("127.0.0.1", port);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a leftover temporary log file is harmless
        }
    }
}
