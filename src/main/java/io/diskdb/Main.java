package io.diskdb;

import io.diskdb.config.CommandLine;
import io.diskdb.config.ConfigException;
import io.diskdb.config.LaunchOptions;
import io.diskdb.config.Logging;
import io.diskdb.config.RestoreRequest;
import io.diskdb.config.RuntimeConfig;
import io.diskdb.config.StartupChecks;
import io.diskdb.server.DiskDbServer;
import io.netty.util.ResourceLeakDetector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.io.IOException;

/**
 * Starts DiskDB from the command line. Configuration and start-up errors print one line naming
 * the problem and exit 1; SIGTERM, SIGINT and SHUTDOWN stop the server cleanly and exit 0.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        disableLeakSamplingUnlessAsked();
        LaunchOptions options;
        RestoreRequest restore;
        try {
            restore = RestoreRequest.extract(args);
            options = CommandLine.parse(restore.remainingArgs());
        } catch (ConfigException e) {
            fail(e.getMessage());
            return;
        }
        if (options.helpRequested()) {
            System.out.print(CommandLine.helpText());
            return;
        }
        if (options.versionRequested()) {
            System.out.println(CommandLine.version());
            return;
        }
        DiskDbServer server;
        try {
            Logging.apply(options.settings());
            StartupChecks.checkAll(options.settings());
            restore.apply(options.settings().dataDir());
            server = new DiskDbServer(new RuntimeConfig(options.settings(), options.configFile()));
            server.start();
        } catch (ConfigException | IOException e) {
            fail(e.getMessage());
            return;
        }
        // Handling the signals ourselves (rather than in a shutdown hook) lets the process
        // finish closing RocksDB and exit 0, as a clean stop should report.
        Signal.handle(new Signal("TERM"), signal -> stopInBackground(server));
        Signal.handle(new Signal("INT"), signal -> stopInBackground(server));
        try {
            server.awaitTermination();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.exit(0);
    }

    /**
     * Netty's default leak detection records a stack trace for one buffer in 128, a few percent
     * of a busy server's time; the test suite keeps it on to find leaks, a server in production
     * runs without it unless {@code -Dio.netty.leakDetection.level} asks for it.
     */
    private static void disableLeakSamplingUnlessAsked() {
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
    }

    private static void stopInBackground(DiskDbServer server) {
        Thread stopper = new Thread(server::close, "shutdown");
        stopper.start();
    }

    private static void fail(String message) {
        Logger log = LoggerFactory.getLogger(Main.class);
        log.debug("start-up failed: {}", message);
        System.err.println("diskdb: " + message);
        System.exit(1);
    }
}
