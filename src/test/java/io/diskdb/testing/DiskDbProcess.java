package io.diskdb.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * DiskDB running as a separate JVM (io.diskdb.Main on the test's class path), so that a test
 * can kill it with SIGKILL and restart it on the same data directory.
 */
public final class DiskDbProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private DiskDbProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static DiskDbProcess start(Path dataDir, Path log) {
        return start(dataDir, log, new String[0]);
    }

    /** Started with more flags after --port and --dir, e.g. "--sync", "always". */
    public static DiskDbProcess start(Path dataDir, Path log, String... extraArgs) {
        return start("io.diskdb.Main", dataDir, log, extraArgs);
    }

    /**
     * Another main class of the test class path that takes --port and --dir (and {@code extraArgs})
     * and listens on that port, e.g. a server driven by a test harness.
     */
    public static DiskDbProcess start(String mainClass, Path dataDir, Path log, String... extraArgs) {
        int port = FreePort.find();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx256m", "-cp",
                System.getProperty("java.class.path"),
                mainClass, "--port", Integer.toString(port), "--dir", dataDir.toString()));
        command.addAll(List.of(extraArgs));
        try {
            // run where no diskdb.conf is found, so only the flags configure the server
            Process process = new ProcessBuilder(command)
                    .directory(dataDir.toAbsolutePath().getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            DiskDbProcess started = new DiskDbProcess(process, port);
            if (!FreePort.awaitListening(port, 30_000, process::isAlive)) {
                started.kill();
                throw new IllegalStateException("DiskDB did not start listening on " + port + "; see " + log);
            }
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** Sends a signal by name (STOP, CONT...) to the server process. */
    public void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("DiskDB process did not die");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

}
