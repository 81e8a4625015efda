package io.diskdb.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupChecksTest {
    @TempDir
    Path dir;

    @Test
    void createsMissingDataDir() {
        Path data = dir.resolve("a/b/data");
        StartupChecks.checkDataDir(data);
        assertTrue(Files.isDirectory(data));
        StartupChecks.checkDataDir(data); // and accepts an existing one
    }

    @Test
    void refusesAFile() throws Exception {
        Path file = Files.createFile(dir.resolve("data"));
        assertEquals("cannot use data directory '" + file + "': it is a file, not a directory",
                assertThrows(ConfigException.class, () -> StartupChecks.checkDataDir(file)).getMessage());
    }

    @Test
    void refusesAReadOnlyDir() throws Exception {
        assumeTrue(!"root".equals(System.getProperty("user.name")), "root can write anywhere");
        Path ro = Files.createDirectory(dir.resolve("ro"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assertEquals("cannot write data directory '" + ro + "': Permission denied",
                    assertThrows(ConfigException.class, () -> StartupChecks.checkDataDir(ro)).getMessage());
            assertEquals("cannot create data directory '" + ro.resolve("sub") + "': Permission denied",
                    assertThrows(ConfigException.class,
                            () -> StartupChecks.checkDataDir(ro.resolve("sub"))).getMessage());
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** Runs as root too (root ignores permission bits): nobody can create directories in /proc. */
    @Test
    void refusesADirThatCannotBeCreatedEvenByRoot() {
        Path impossible = Path.of("/proc/diskdb-startup-check/data");
        String message = assertThrows(ConfigException.class, () -> StartupChecks.checkDataDir(impossible)).getMessage();
        assertTrue(message.startsWith("cannot create data directory '" + impossible + "': "), message);
        assertFalse(message.contains("\n"), "one line");
    }

    @Test
    void portRange() {
        StartupChecks.checkPort(6380);
        assertEquals("port must be between 1 and 65535 (got 0)",
                assertThrows(ConfigException.class, () -> StartupChecks.checkPort(0)).getMessage());
    }
}
