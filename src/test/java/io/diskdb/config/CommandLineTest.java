package io.diskdb.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {
    @TempDir
    Path dir;

    private String error(String... args) {
        return assertThrows(ConfigException.class, () -> CommandLine.parse(dir, args)).getMessage();
    }

    @Test
    void noArgumentsNoFileMeansDefaults() {
        LaunchOptions o = CommandLine.parse(dir);
        assertNull(o.configFile());
        assertEquals(6380, o.settings().getPort());
    }

    @Test
    void diskdbConfInWorkingDirIsPickedUp() throws Exception {
        Files.writeString(dir.resolve("diskdb.conf"), "server:\n  port: 7100\n");
        LaunchOptions o = CommandLine.parse(dir);
        assertEquals(dir.resolve("diskdb.conf"), o.configFile());
        assertEquals(7100, o.settings().getPort());
    }

    @Test
    void flagsOverrideTheFile() throws Exception {
        Files.writeString(dir.resolve("other.yaml"), "server:\n  port: 7100\n  bind: 10.0.0.1\n");
        LaunchOptions o = CommandLine.parse(dir, "--port", "7200", "--config", "other.yaml", "--dir=/tmp/x",
                "--sync", "always", "--requirepass=pw", "--loglevel", "debug", "--bind", "0.0.0.0");
        assertEquals(dir.resolve("other.yaml"), o.configFile());
        Settings s = o.settings();
        assertEquals(7200, s.getPort());
        assertEquals("0.0.0.0", s.getBind());
        assertEquals("/tmp/x", s.getDir());
        assertEquals(SyncPolicy.ALWAYS, s.getSync());
        assertEquals("pw", s.getRequirepass());
        assertEquals("debug", s.getLogLevel());
    }

    @Test
    void anyConfigParameterIsAFlag() {
        Settings s = CommandLine.parse(dir, "--maxmemory-policy", "allkeys-lru", "--hash-max-ziplist-entries=5",
                "--appendfsync", "no").settings();
        assertEquals("allkeys-lru", s.getMaxmemoryPolicy());
        assertEquals(5, s.getHashMaxListpackEntries());
        assertEquals(SyncPolicy.NO, s.getSync());
    }

    @Test
    void equalsFormAllowsEmptyAndEqualsInValue() {
        assertEquals("a=b", CommandLine.parse(dir, "--requirepass=a=b").settings().getRequirepass());
        assertNull(CommandLine.parse(dir, "--requirepass=").settings().getRequirepass());
    }

    @Test
    void helpAndVersionWinEvenWithABrokenConfig() throws Exception {
        Files.writeString(dir.resolve("diskdb.conf"), "server:\n  prot: 1\n");
        assertTrue(CommandLine.parse(dir, "--port", "1", "--help").helpRequested());
        assertTrue(CommandLine.parse(dir, "--version").versionRequested());
        assertTrue(CommandLine.version().startsWith("DiskDB "));
        for (String flag : new String[] {"--config", "--port", "--bind", "--dir", "--sync", "--requirepass",
                "--loglevel", "--help", "--version"}) {
            assertTrue(CommandLine.helpText().contains(flag), flag);
        }
    }

    @Test
    void errors() {
        assertEquals("unknown option '--foo' (see --help)", error("--foo"));
        assertEquals("unknown option '--foo' (see --help)", error("--foo=1"));
        assertEquals("unexpected argument 'stray' (see --help)", error("stray"));
        assertEquals("option '--port' needs a value (see --help)", error("--port"));
        assertEquals("--port must be an integer (got 'http')", error("--port", "http"));
        assertEquals("--port must be between 0 and 65535 (got '70000')", error("--port=70000"));
        assertEquals("--sync must be one of always, everysec, no (got 'sometimes')", error("--sync", "sometimes"));
        assertEquals("config file 'missing.conf' not found", error("--config", "missing.conf"));
    }

    @Test
    void fileErrorsComeThrough() throws Exception {
        Files.writeString(dir.resolve("diskdb.conf"), "server:\n  prot: 1\n");
        assertTrue(error().endsWith("diskdb.conf: unknown key 'server.prot' (did you mean 'server.port'?)"));
    }
}
