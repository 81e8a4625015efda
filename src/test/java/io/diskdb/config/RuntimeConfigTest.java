package io.diskdb.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CONFIG GET/SET/REWRITE; expected error texts were taken from redis-server 7.0.15. */
class RuntimeConfigTest {
    private final Settings settings = new Settings();
    private final RuntimeConfig config = new RuntimeConfig(settings, null);

    private String errorOf(String... args) {
        return assertThrows(ConfigCommandException.class, () -> config.set(args)).getMessage();
    }

    /** CONFIG SET's error for a refused value, as Redis words it. */
    private static String refused(String parameter, String reason) {
        return "ERR CONFIG SET failed (possibly related to argument '" + parameter + "') - " + reason;
    }

    private static List<String> names(List<Map.Entry<String, String>> pairs) {
        List<String> out = new ArrayList<>();
        pairs.forEach(e -> out.add(e.getKey()));
        return out;
    }

    @Test
    void getExactNameIgnoringCase() {
        assertEquals(List.of(Map.entry("hz", "10")), config.get("hz"));
        assertEquals(List.of(Map.entry("hz", "10")), config.get("HZ"));
        assertEquals(List.of(), config.get("no-such-parameter"));
    }

    @Test
    void getReportsRedisDefaults() {
        Map<String, String> all = new java.util.HashMap<>();
        config.get("*").forEach(e -> all.put(e.getKey(), e.getValue()));
        assertEquals("", all.get("notify-keyspace-events"));
        assertEquals("512", all.get("hash-max-listpack-entries"));
        assertEquals("64", all.get("hash-max-listpack-value"));
        assertEquals("-2", all.get("list-max-listpack-size"));
        assertEquals("0", all.get("list-compress-depth"));
        assertEquals("512", all.get("set-max-intset-entries"));
        assertEquals("4096", all.get("stream-node-max-bytes"));
        assertEquals("100", all.get("stream-node-max-entries"));
        assertEquals("0", all.get("maxmemory"));
        assertEquals("noeviction", all.get("maxmemory-policy"));
        assertEquals("3600 1 300 100 60 10000", all.get("save"));
        assertEquals("yes", all.get("appendonly"));
        assertEquals("everysec", all.get("appendfsync"));
        assertEquals("10000", all.get("slowlog-log-slower-than"));
        assertEquals("128", all.get("slowlog-max-len"));
        assertEquals("5000", all.get("lua-time-limit"));
        assertEquals("5000", all.get("busy-reply-threshold"));
        assertEquals("normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60",
                all.get("client-output-buffer-limit"));
        assertEquals("no", all.get("lazyfree-lazy-eviction"));
        assertEquals("no", all.get("cluster-enabled"));
        assertEquals("yes", all.get("protected-mode"));
        assertEquals("notice", all.get("loglevel"));
        assertEquals("", all.get("logfile"));
        assertEquals("", all.get("requirepass"));
        assertEquals("", all.get("masterauth"));
        assertEquals("yes", all.get("replica-read-only"));
        assertEquals("300", all.get("tcp-keepalive"));
        assertEquals("511", all.get("tcp-backlog"));
        assertEquals("", all.get("unixsocket"));
        assertEquals("6380", all.get("port"));
        assertEquals(Path.of("data").toAbsolutePath().toString(), all.get("dir"), "absolute, as Redis reports it");
        assertEquals("268435456", all.get("cache-max-memory"));
        assertEquals("1000", all.get("sync-interval"));
    }

    @Test
    void globPatternsReturnEachNameOnce() {
        List<String> got = names(config.get("hz", "h*", "HZ", "hash-max-*"));
        assertEquals(new HashSet<>(got).size(), got.size(), "duplicates in " + got);
        assertEquals(Set.of("hz", "hash-max-listpack-entries", "hash-max-ziplist-entries",
                "hash-max-listpack-value", "hash-max-ziplist-value"), new HashSet<>(got));

        List<String> all = names(config.get("*", "*"));
        assertEquals(ConfigParameters.allNames(), all);
        assertEquals(Set.of("zset-max-ziplist-entries", "zset-max-ziplist-value", "hash-max-ziplist-entries",
                "hash-max-ziplist-value", "list-max-ziplist-size"), new HashSet<>(names(config.get("*ziplist*"))));
        assertEquals(List.of("maxmemory", "maxmemory-policy"), names(config.get("maxmemory*")));
        assertEquals(List.of("hz"), names(config.get("H[Z]")));
        assertEquals(List.of("port"), names(config.get("p?rt")));
    }

    @Test
    void setSeveralAtOnce() throws Exception {
        config.set("hz", "20", "maxmemory", "1gb", "MAXMEMORY-POLICY", "ALLKEYS-LRU");
        assertEquals(20, settings.getHz());
        assertEquals(1L << 30, settings.getMaxmemory());
        assertEquals(List.of(Map.entry("maxmemory", "1073741824")), config.get("maxmemory"));
        assertEquals("allkeys-lru", settings.getMaxmemoryPolicy());
    }

    @Test
    void setErrorsMatchRedis() {
        assertEquals("ERR Unknown option or number of arguments for CONFIG SET - 'foo'", errorOf("foo", "bar"));
        assertEquals("ERR Unknown option or number of arguments for CONFIG SET - 'Foo'", errorOf("Foo", "1"));
        assertEquals("ERR wrong number of arguments for 'config|set' command", errorOf("hz"));
        assertEquals(refused("port", "can't set immutable config"), errorOf("port", "abc"));
        assertEquals(refused("databases", "can't set immutable config"), errorOf("databases", "3"));
        assertEquals(refused("bind", "can't set immutable config"), errorOf("bind", "0.0.0.0"));
        assertEquals(refused("hz", "argument couldn't be parsed into an integer"), errorOf("HZ", "abc"));
        assertEquals(refused("hz", "argument couldn't be parsed into an integer"), errorOf("hz", "05"));
        assertEquals(refused("hz", "argument couldn't be parsed into an integer"), errorOf("hz", "+5"));
        assertEquals(refused("hz", "duplicate parameter"), errorOf("hz", "1", "hz", "2"));
        assertEquals(refused("maxmemory", "argument must be a memory value"), errorOf("maxmemory", "abc"));
        assertEquals(refused("maxmemory", "argument must be a memory value"), errorOf("maxmemory", "1.5gb"));
        assertEquals(refused("maxmemory-policy", "argument(s) must be one of the following: volatile-lru, "
                + "volatile-lfu, volatile-random, volatile-ttl, allkeys-lru, allkeys-lfu, allkeys-random, noeviction"),
                errorOf("maxmemory-policy", "abc"));
        assertEquals(refused("appendfsync", "argument(s) must be one of the following: everysec, always, no"),
                errorOf("appendfsync", "abc"));
        assertEquals(refused("loglevel", "argument(s) must be one of the following: debug, verbose, notice, warning"),
                errorOf("loglevel", "abc"));
        assertEquals(refused("protected-mode", "argument must be 'yes' or 'no'"), errorOf("protected-mode", "maybe"));
        assertEquals(refused("hash-max-listpack-entries",
                "argument must be between 0 and 9223372036854775807 inclusive"),
                errorOf("hash-max-listpack-entries", "-5"));
        assertEquals(refused("hash-max-ziplist-entries", "argument couldn't be parsed into an integer"),
                errorOf("hash-max-ziplist-entries", "abc"));
        assertEquals(refused("timeout", "argument must be between 0 and 2147483647 inclusive"),
                errorOf("timeout", "-1"));
        assertEquals(refused("maxclients", "argument must be between 1 and 2147483647 inclusive"),
                errorOf("maxclients", "0"));
        assertEquals(refused("slowlog-log-slower-than",
                "argument must be between -1 and 9223372036854775807 inclusive"),
                errorOf("slowlog-log-slower-than", "-5"));
        assertEquals(refused("proto-max-bulk-len",
                "argument must be between 1048576 and 9223372036854775807 inclusive"),
                errorOf("proto-max-bulk-len", "10"));
        assertEquals(refused("notify-keyspace-events", "Invalid event class character. Use 'Ag$lshzxeKEtmdn'."),
                errorOf("notify-keyspace-events", "Eq"));
        assertEquals(refused("save", "Invalid save parameters"), errorOf("save", "100"));
        assertEquals(refused("save", "Invalid save parameters"), errorOf("save", " 100  1 "));
        assertEquals(refused("client-output-buffer-limit", "Wrong number of arguments in buffer limit configuration."),
                errorOf("client-output-buffer-limit", "normal 1 2"));
        assertEquals(refused("client-output-buffer-limit",
                "Invalid client class specified in buffer limit configuration."),
                errorOf("client-output-buffer-limit", "foo 1 2 3"));
        assertEquals(refused("client-output-buffer-limit",
                "Error in hard, soft or soft_seconds setting in buffer limit configuration."),
                errorOf("client-output-buffer-limit", "normal x 2 3"));
        assertEquals(refused("cluster-enabled", "can't set immutable config"), errorOf("cluster-enabled", "yes"));
    }

    @Test
    void setIsAllOrNothing() {
        String before = config.get("*").toString();
        assertThrows(ConfigCommandException.class, () -> config.set("hz", "50", "maxmemory", "lots"));
        assertThrows(ConfigCommandException.class, () -> config.set("hz", "50", "databases", "2"));
        assertThrows(ConfigCommandException.class, () -> config.set("hz", "50", "nope", "2"));
        assertEquals(before, config.get("*").toString());
        assertEquals(10, settings.getHz());
    }

    @Test
    void aliasesShareOneValue() throws Exception {
        config.set("hash-max-ziplist-entries", "300");
        assertEquals(300, settings.getHashMaxListpackEntries());
        assertEquals("300", config.get("hash-max-listpack-entries").get(0).getValue());
        config.set("appendfsync", "ALWAYS");
        assertEquals(SyncPolicy.ALWAYS, settings.getSync());
        assertEquals(List.of(Map.entry("sync", "always")), config.get("sync"));
        config.set("sync", "no");
        assertEquals(List.of(Map.entry("appendfsync", "no")), config.get("appendfsync"));
        config.set("appendonly", "no");
        assertEquals(false, settings.isWalEnabled());
        config.set("slave-read-only", "no");
        assertEquals("no", config.get("replica-read-only").get(0).getValue());
        // A name and its alias in one command are the same parameter twice.
        assertTrue(errorOf("sync", "always", "appendfsync", "no").endsWith("duplicate parameter"));
    }

    @Test
    void valuesAreNormalisedLikeRedis() throws Exception {
        config.set("notify-keyspace-events", "KEA");
        assertEquals("AKE", config.get("notify-keyspace-events").get(0).getValue());
        config.set("notify-keyspace-events", "gn$E");
        assertEquals("g$nE", config.get("notify-keyspace-events").get(0).getValue());
        config.set("client-output-buffer-limit", "normal 1mb 2mb 3");
        assertEquals("normal 1048576 2097152 3 slave 268435456 67108864 60 pubsub 33554432 8388608 60",
                config.get("client-output-buffer-limit").get(0).getValue());
        config.set("client-output-buffer-limit", "replica 1 2 3");
        assertEquals("normal 1048576 2097152 3 slave 1 2 3 pubsub 33554432 8388608 60",
                config.get("client-output-buffer-limit").get(0).getValue());
        config.set("hz", "999999");
        assertEquals(500, settings.getHz());
        config.set("hz", "0");
        assertEquals(1, settings.getHz());
        assertTrue(errorOf("hz", "-1").endsWith("argument must be between 0 and 2147483647 inclusive"));
        config.set("maxmemory", "1K");
        assertEquals(1000, settings.getMaxmemory());
        config.set("loglevel", "WARNING");
        assertEquals("warning", config.get("loglevel").get(0).getValue());
        assertEquals("warn", settings.getLogLevel());
        config.set("loglevel", "debug");
        config.set("requirepass", "pw");
        assertTrue(settings.hasPassword());
        config.set("requirepass", "");
        assertEquals(null, settings.getRequirepass());
        config.set("save", "");
        assertEquals("", settings.getSave());
    }

    @Test
    void listenersHearAboutTheirParameter() throws Exception {
        List<String> heard = new ArrayList<>();
        List<String> everything = new ArrayList<>();
        config.addListener("sync", (name, value) -> heard.add(name + "=" + value));
        config.addListener("appendfsync", (name, value) -> heard.add("alias:" + value));
        config.addListener((name, value) -> everything.add(name));
        config.addListener("hz", (name, value) -> {
            throw new IllegalStateException("a broken component");
        });
        config.set("appendfsync", "always", "hz", "15");
        assertEquals(List.of("sync=always", "alias:always"), heard);
        assertEquals(List.of("sync", "hz"), everything);
        assertEquals(15, settings.getHz());

        assertThrows(ConfigCommandException.class, () -> config.set("sync", "bogus"));
        assertEquals(2, heard.size(), "no listener call for a refused value");
        assertThrows(IllegalArgumentException.class, () -> config.addListener("nope", (n, v) -> { }));
    }

    @Test
    void copyIsIndependent() throws Exception {
        config.set("hz", "42", "client-output-buffer-limit", "pubsub 1 2 3", "requirepass", "x");
        Settings copy = settings.copy();
        for (ConfigParameter p : ConfigParameters.all()) {
            assertEquals(p.get(settings), p.get(copy), p.name());
        }
        copy.setHz(7);
        assertEquals(42, settings.getHz());
    }

    @Test
    void rewriteWithoutFileFails() {
        assertEquals("ERR The server is running without a config file",
                assertThrows(ConfigCommandException.class, config::rewrite).getMessage());
    }

    @Test
    void rewriteRoundTrip(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("diskdb.conf");
        Files.writeString(file, "server:\n  port: 7001\npersistence:\n  dir: ./db\n");
        Settings loaded = SettingsLoader.load(file);
        RuntimeConfig rc = new RuntimeConfig(loaded, file);
        rc.set("sync", "always", "hz", "33", "maxmemory-policy", "allkeys-lfu", "cache-max-memory", "64mb",
                "notify-keyspace-events", "Ex", "requirepass", "p@ss \"word\"", "save", "",
                "client-output-buffer-limit", "pubsub 1 2 3", "sync-interval", "250", "loglevel", "warning");
        rc.rewrite();
        String text = Files.readString(file);
        assertTrue(text.contains("\nserver:\n"), text);
        assertTrue(text.contains("  port: 7001\n"), text);
        assertTrue(text.contains("  # bind: \"127.0.0.1\"\n"), text);
        assertTrue(text.contains("  sync: always\n"), text);
        assertTrue(text.contains("  hz: 33\n"), text);

        Settings reread = SettingsLoader.load(file);
        for (ConfigParameter p : ConfigParameters.all()) {
            assertEquals(p.get(loaded), p.get(reread), p.name());
        }
        assertEquals("warn", reread.getLogLevel());
        assertEquals(7001, reread.getPort());
        assertEquals("./db", reread.getDir(), "a relative data directory stays relative");
        assertEquals("p@ss \"word\"", reread.getRequirepass());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void rewriteReportsIoErrors(@TempDir Path dir) {
        RuntimeConfig rc = new RuntimeConfig(new Settings(), dir.resolve("missing-dir").resolve("x.conf"));
        assertTrue(assertThrows(ConfigCommandException.class, rc::rewrite).getMessage()
                .startsWith("ERR Rewriting config file: "));
    }
}
