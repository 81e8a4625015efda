package io.diskdb.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {

    private static Settings load(String yaml) {
        Settings s = new Settings();
        SettingsLoader.applyText(yaml, "diskdb.conf", s);
        return s;
    }

    private static String error(String yaml) {
        return assertThrows(ConfigException.class, () -> load(yaml)).getMessage();
    }

    @Test
    void defaults() {
        Settings s = new Settings();
        assertEquals("127.0.0.1", s.getBind());
        assertEquals(6380, s.getPort());
        assertEquals(16, s.getDatabases());
        assertEquals(10000, s.getMaxclients());
        assertEquals(0, s.getTimeout());
        assertEquals(0, s.getIoThreads());
        assertEquals("./data", s.getDir());
        assertTrue(s.isWalEnabled());
        assertEquals(SyncPolicy.EVERYSEC, s.getSync());
        assertEquals(1000, s.getSyncIntervalMs());
        assertEquals(Compression.LZ4, s.getCompression());
        assertEquals(100L << 20, s.getMaxLogSize());
        assertEquals(256L << 20, s.getCacheMaxMemory());
        assertEquals("info", s.getLogLevel());
        assertNull(s.getRequirepass());
        assertEquals(512L << 20, s.getProtoMaxBulkLen());
        assertEquals(512, s.getHashMaxListpackEntries());
        assertEquals(-2, s.getListMaxListpackSize());
        assertEquals("3600 1 300 100 60 10000", s.getSave());
        assertEquals(10, s.getHz());
    }

    @Test
    void everySectionKey() {
        Settings s = load("""
                server:
                  bind: 0.0.0.0
                  port: 7000
                  databases: 4
                  maxclients: 50
                  timeout: 300
                  io_threads: 3
                persistence:
                  dir: /var/lib/diskdb
                  wal_enabled: false
                  sync: ALWAYS
                  sync_interval: 250ms
                  compression: zstd
                  max_log_size: 64MB
                cache:
                  max_memory: 1gb
                logging:
                  level: warning
                security:
                  requirepass: s3cret
                limits:
                  proto_max_bulk_len: 2mb
                """);
        assertEquals("0.0.0.0", s.getBind());
        assertEquals(7000, s.getPort());
        assertEquals(4, s.getDatabases());
        assertEquals(50, s.getMaxclients());
        assertEquals(300, s.getTimeout());
        assertEquals(3, s.getIoThreads());
        assertEquals("/var/lib/diskdb", s.getDir());
        assertFalse(s.isWalEnabled());
        assertEquals(SyncPolicy.ALWAYS, s.getSync());
        assertEquals(250, s.getSyncIntervalMs());
        assertEquals(Compression.ZSTD, s.getCompression());
        assertEquals(64L << 20, s.getMaxLogSize());
        assertEquals(1L << 30, s.getCacheMaxMemory());
        assertEquals("warn", s.getLogLevel());
        assertEquals("s3cret", s.getRequirepass());
        assertEquals(2L << 20, s.getProtoMaxBulkLen());
    }

    @Test
    void redisSectionTakesRedisNamesAndAliases() {
        Settings s = load("""
                redis:
                  maxmemory-policy: allkeys-lru
                  notify-keyspace-events: "KEA"
                  hash-max-ziplist-entries: 256
                  lua-time-limit: 100
                  save: ""
                  protected-mode: no
                  client-output-buffer-limit: "pubsub 64mb 16mb 90"
                  appendfsync: always
                """);
        assertEquals("allkeys-lru", s.getMaxmemoryPolicy());
        assertEquals(KeyspaceEvents.ALL | KeyspaceEvents.KEYSPACE | KeyspaceEvents.KEYEVENT,
                s.getNotifyKeyspaceEvents());
        assertEquals(256, s.getHashMaxListpackEntries());
        assertEquals(100, s.getBusyReplyThreshold());
        assertEquals("", s.getSave());
        assertFalse(s.isProtectedMode());
        assertEquals("normal 0 0 0 slave 268435456 67108864 60 pubsub 67108864 16777216 90",
                s.getClientOutputBufferLimit());
        assertEquals(SyncPolicy.ALWAYS, s.getSync());
    }

    @Test
    void scalarsKeepTheirTextAsWritten() {
        assertEquals("0123", load("security:\n  requirepass: 0123\n").getRequirepass());
        assertEquals(".inf", load("security:\n  requirepass: .inf\n").getRequirepass());
        assertEquals("1e3", load("security:\n  requirepass: 1e3\n").getRequirepass());
        assertEquals("yes", load("security:\n  requirepass: yes\n").getRequirepass());
        assertEquals("diskdb.conf: persistence.wal_enabled must be yes or no (got 'off')",
                error("persistence:\n  wal_enabled: off\n"));
        assertEquals("diskdb.conf: server.port must be an integer (got '0x1F')", error("server:\n  port: 0x1F\n"));
        assertEquals(6380, load("security:\n  requirepass: ~\n").getPort());
        assertNull(load("security:\n  requirepass: ~\n").getRequirepass());
        assertNull(load("security:\n  requirepass:\n").getRequirepass());
        assertEquals(6380, load("server:\n  port:\n").getPort());
    }

    @Test
    void emptyFileAndEmptySectionsKeepDefaults() {
        assertEquals(6380, load("").getPort());
        assertEquals(6380, load("# only comments\n").getPort());
        assertEquals(6380, load("server:\n  # port: 1\npersistence:\n").getPort());
    }

    @Test
    void unknownKeyNamesFileAndKey() {
        assertEquals("diskdb.conf: unknown key 'server.prot' (did you mean 'server.port'?)",
                error("server:\n  prot: 1\n"));
        assertEquals("diskdb.conf: unknown key 'server.flavour'", error("server:\n  flavour: 1\n"));
        assertEquals("diskdb.conf: unknown key 'redis.no-such-thing'", error("redis:\n  no-such-thing: 1\n"));
        assertTrue(error("sever:\n  port: 1\n").startsWith("diskdb.conf: unknown section 'sever'"));
    }

    @Test
    void badValuesNameTheKeyAndTheValue() {
        assertEquals("diskdb.conf: persistence.sync must be one of always, everysec, no (got 'sometimes')",
                error("persistence:\n  sync: sometimes\n"));
        assertEquals("diskdb.conf: server.port must be an integer (got 'abc')", error("server:\n  port: abc\n"));
        assertEquals("diskdb.conf: server.port must be between 0 and 65535 (got '70000')",
                error("server:\n  port: 70000\n"));
        assertEquals("diskdb.conf: cache.max_memory must be a size such as 512kb, 100mb, 1gb or a number of bytes"
                + " (got '12 parsecs')", error("cache:\n  max_memory: 12 parsecs\n"));
        assertEquals("diskdb.conf: persistence.sync_interval must be a duration such as 1000ms, 1s or 5m"
                + " (a plain number is ms) (got 'soon')", error("persistence:\n  sync_interval: soon\n"));
        assertEquals("diskdb.conf: persistence.wal_enabled must be yes or no (got 'maybe')",
                error("persistence:\n  wal_enabled: maybe\n"));
        assertEquals("diskdb.conf: persistence.compression must be one of none, snappy, lz4, zstd (got 'gzip')",
                error("persistence:\n  compression: gzip\n"));
        assertTrue(error("logging:\n  level: loud\n").startsWith("diskdb.conf: logging.level must be one of trace"));
        assertEquals("diskdb.conf: redis.hz must be an integer (got 'fast')", error("redis:\n  hz: fast\n"));
    }

    @Test
    void structuralProblems() {
        assertEquals("diskdb.conf: server.port must be a single value, not a list or section",
                error("server:\n  port: [1, 2]\n"));
        assertEquals("diskdb.conf: 'server' must be a section of 'key: value' lines", error("server: 5\n"));
        assertEquals("diskdb.conf: expected sections such as 'server:' at the top level", error("- a\n- b\n"));
        assertTrue(error("server:\n  port: 1\n  port: 2\n").startsWith("diskdb.conf: invalid YAML at line 3"));
        assertEquals("diskdb.conf: invalid YAML at line 2: while scanning a quoted scalar, found unexpected end of stream",
                error("server:\n  port: \"1\n"));
    }

    @Test
    void sizesAndDurations() {
        assertEquals(100L << 20, Units.parseSize("100MB"));
        assertEquals(256L << 20, Units.parseSize("256mb"));
        assertEquals(1L << 30, Units.parseSize("1gb"));
        assertEquals(512L << 10, Units.parseSize("512kb"));
        assertEquals(1024, Units.parseSize("1024"));
        assertEquals(1000, Units.parseSize("1k"));
        assertEquals(5, Units.parseSize("5b"));
        assertEquals(-1, Units.parseSize("1.5gb"));
        assertEquals(-1, Units.parseSize("-1"));
        assertEquals(-1, Units.parseSize("mb"));
        assertEquals(-1, Units.parseSize("99999999999999999999"));
        assertEquals(1000, Units.parseDuration("1000ms"));
        assertEquals(1000, Units.parseDuration("1s"));
        assertEquals(300_000, Units.parseDuration("5m"));
        assertEquals(7_200_000, Units.parseDuration("2h"));
        assertEquals(42, Units.parseDuration("42"));
        assertEquals(-1, Units.parseDuration("5 fortnights"));
        assertEquals("256mb", Units.formatSize(256L << 20));
        assertEquals("1gb", Units.formatSize(1L << 30));
        assertEquals("1000", Units.formatSize(1000));
        assertEquals("0", Units.formatSize(0));
        assertEquals("1s", Units.formatDuration(1000));
        assertEquals("250ms", Units.formatDuration(250));
    }

    @Test
    void missingFileIsOneLine(@TempDir Path dir) {
        ConfigException e = assertThrows(ConfigException.class, () -> SettingsLoader.load(dir.resolve("nope.conf")));
        assertEquals("cannot read config file '" + dir.resolve("nope.conf") + "': No such file or directory",
                e.getMessage());
    }

    @Test
    void loadFromFileUsesItsNameInErrors(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("my.conf");
        Files.writeString(f, "server:\n  port: 6390\n");
        assertEquals(6390, SettingsLoader.load(f).getPort());
        Files.writeString(f, "server:\n  port: x\n");
        assertTrue(assertThrows(ConfigException.class, () -> SettingsLoader.load(f)).getMessage()
                .startsWith(f + ": server.port"));
    }

    @Test
    void shippedConfigIsTheDocumentedDefaults() throws Exception {
        Path shipped = Path.of("diskdb.conf");
        assertEquals(ConfigFileWriter.render(new Settings()), Files.readString(shipped),
                "diskdb.conf is out of date: regenerate it from ConfigFileWriter.render(new Settings())");
        Settings s = SettingsLoader.load(shipped);
        for (ConfigParameter p : ConfigParameters.all()) {
            assertEquals(p.get(new Settings()), p.get(s), p.name());
        }
    }
}
