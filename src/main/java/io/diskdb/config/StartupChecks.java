package io.diskdb.config;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks run before the server opens anything, each failing with one clear line
 * instead of a stack trace from deep inside RocksDB or Netty. (A port already in use is
 * reported by the server when it binds.)
 */
public final class StartupChecks {
    private StartupChecks() {
    }

    /** Runs every check that needs only the settings. */
    public static void checkAll(Settings settings) {
        // port 0 turns the plain listener off, which only makes sense beside a TLS one
        if (settings.getPort() != 0 || settings.getTlsPort() == 0) {
            checkPort(settings.getPort());
        }
        checkDataDir(settings.dataDir());
    }

    public static void checkPort(int port) {
        if (port < 1 || port > 65535) {
            throw new ConfigException("port must be between 1 and 65535 (got " + port + ")");
        }
    }

    /**
     * Creates the data directory if missing and proves it is writable by creating and
     * deleting a file in it.
     *
     * @throws ConfigException e.g. {@code cannot write data directory '/x': Permission denied}
     */
    public static void checkDataDir(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ConfigException("cannot use data directory '" + dir + "': it is a file, not a directory");
        }
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new ConfigException("cannot create data directory '" + dir + "': '" + e.getFile()
                    + "' is a file");
        } catch (IOException e) {
            throw new ConfigException("cannot create data directory '" + dir + "': " + reason(e));
        }
        try {
            Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new ConfigException("cannot write data directory '" + dir + "': " + reason(e));
        }
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        String m = e.getMessage();
        // FileSystemException messages repeat the path first: "/x/y: Read-only file system".
        if (m != null && m.contains(": ")) {
            return m.substring(m.lastIndexOf(": ") + 2);
        }
        return ConfigFileWriter.describe(e);
    }
}
