package io.diskdb.command;

import io.diskdb.testing.RawConnection;
import io.diskdb.testing.SharedServer;
import io.diskdb.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InfoCommandTest {
    @RegisterExtension
    static final SharedServer server = new SharedServer();

    private static final List<String> ALL_SECTIONS = List.of(
            "Server", "Clients", "Memory", "Persistence", "Stats", "Replication", "CPU", "Keyspace", "DiskDB");

    @Test
    void everySectionInRedisOrderWithCrlfLines() {
        try (RawConnection raw = server.raw()) {
            for (String[] command : new String[][]{{"INFO"}, {"INFO", "default"}, {"INFO", "all"}, {"INFO", "EVERYTHING"}}) {
                String text = bulkBody(raw.call(command));
                assertEquals(ALL_SECTIONS, headers(text), String.join(" ", command));
                assertWellFormed(text);
            }
        }
    }

    @Test
    void selectedSectionsComeInRedisOrderAndUnknownOnesAreEmpty() {
        try (RawConnection raw = server.raw()) {
            assertEquals(List.of("CPU", "Keyspace"), headers(bulkBody(raw.call("INFO", "keyspace", "CPU", "nosuch"))));
            assertEquals(List.of("Server"), headers(bulkBody(raw.call("INFO", "server", "SERVER"))));
            assertEquals("$0\r\n\r\n", raw.call("INFO", "nosuch"));
        }
    }

    @Test
    void serverSectionIdentifiesTheServer() {
        try (RawConnection raw = server.raw()) {
            Map<String, String> first = fields(bulkBody(raw.call("INFO", "server")));
            Map<String, String> second = fields(bulkBody(raw.call("INFO", "server")));
            assertEquals("7.0.15", first.get("redis_version"));
            assertEquals("standalone", first.get("redis_mode"));
            assertEquals(String.valueOf(ProcessHandle.current().pid()), first.get("process_id"));
            assertEquals(String.valueOf(server.port()), first.get("tcp_port"));
            assertTrue(first.get("run_id").matches("[0-9a-f]{40}"), first.get("run_id"));
            assertEquals(first.get("run_id"), second.get("run_id"));
            assertEquals("0", first.get("io_threads_active"));
            assertTrue(first.get("os").startsWith(System.getProperty("os.name")));
            assertEquals(List.of("redis_version", "redis_mode", "os", "arch_bits", "process_id", "run_id", "tcp_port",
                    "server_time_usec", "uptime_in_seconds", "uptime_in_days", "hz", "executable", "config_file",
                    "io_threads_active"), new ArrayList<>(first.keySet()));
        }
    }

    @Test
    void countersMoveWithTraffic() {
        try (RawConnection raw = server.raw(); RawConnection other = server.raw(); RawConnection third = server.raw()) {
            other.call("PING");
            third.call("PING");
            Map<String, String> before = info(raw, "stats");
            raw.call("PING");
            raw.call("PING");
            Map<String, String> after = info(raw, "stats");
            // the two PINGs and the INFO that read "before"
            assertTrue(Long.parseLong(after.get("total_commands_processed"))
                    >= Long.parseLong(before.get("total_commands_processed")) + 3);
            assertTrue(Long.parseLong(after.get("total_net_input_bytes")) > Long.parseLong(before.get("total_net_input_bytes")));
            raw.call("NOSUCHCOMMAND");
            assertTrue(Long.parseLong(info(raw, "stats").get("total_error_replies"))
                    > Long.parseLong(after.get("total_error_replies")));
            // connections of earlier tests may still be closing on the server side
            awaitConnectedClients(raw, 3);
        }
    }

    @Test
    void keyspaceLineAfterWrites() {
        try (TestServer fresh = TestServer.start(); RawConnection raw = fresh.raw()) {
            assertEquals("$12\r\n# Keyspace\r\n\r\n", raw.call("INFO", "keyspace"));
            raw.call("SELECT", "3");
            raw.call("SET", "plain", "v");
            raw.call("SET", "temporary", "v", "EX", "1000");
            raw.call("SELECT", "0");
            raw.call("SET", "first", "v");
            assertEquals("$76\r\n# Keyspace\r\ndb0:keys=1,expires=0,avg_ttl=0\r\ndb3:keys=2,expires=1,avg_ttl=0\r\n\r\n",
                    raw.call("INFO", "keyspace"));
        }
    }

    @Test
    void persistenceReportsChangesAndTheLastSaveTime() {
        try (RawConnection raw = server.raw()) {
            raw.call("SELECT", "4");
            Map<String, String> before = info(raw, "persistence");
            raw.call("SET", "changed", "1");
            raw.call("SET", "changed", "2");
            Map<String, String> after = info(raw, "persistence");
            assertEquals(Long.parseLong(before.get("rdb_changes_since_last_save")) + 2,
                    Long.parseLong(after.get("rdb_changes_since_last_save")));
            assertEquals(":" + after.get("rdb_last_save_time") + "\r\n", raw.call("LASTSAVE"));
            assertEquals("1", after.get("aof_enabled"));
            assertEquals("ok", after.get("aof_last_write_status"));
        }
    }

    @Test
    void diskdbSectionCountsCacheHits() {
        try (RawConnection raw = server.raw()) {
            raw.call("SELECT", "5");
            raw.call("SET", "hot", "value");
            long hitsBefore = Long.parseLong(info(raw, "diskdb").get("cache_hits"));
            for (int i = 0; i < 5; i++) {
                assertEquals("$5\r\nvalue\r\n", raw.call("GET", "hot"));
            }
            Map<String, String> diskdb = info(raw, "diskdb");
            assertTrue(Long.parseLong(diskdb.get("cache_hits")) >= hitsBefore + 5, diskdb.toString());
            assertTrue(Long.parseLong(diskdb.get("cache_entries")) >= 1);
            assertTrue(Long.parseLong(diskdb.get("cache_used_bytes")) > 0);
            assertTrue(diskdb.get("cache_hit_rate").matches("[01]\\.\\d{4}"));
            assertEquals("everysec", diskdb.get("sync"));
            assertTrue(diskdb.get("rocksdb_version").matches("\\d+\\.\\d+\\.\\d+"));
            assertTrue(Long.parseLong(diskdb.get("rocksdb_wal_size")) > 0, "the writes are in the WAL");
            assertTrue(Long.parseLong(diskdb.get("rocksdb_memtable_size")) > 0);
            assertEquals(server.dataDir().toAbsolutePath().toString(), diskdb.get("data_dir"));
            for (String name : List.of("rocksdb_live_data_size", "rocksdb_total_sst_files_size", "rocksdb_pending_compaction_bytes")) {
                assertTrue(Long.parseLong(diskdb.get(name)) >= 0, name);
            }
        }
    }

    @Test
    void memoryAndCpuLookLikeRedis() {
        try (RawConnection raw = server.raw()) {
            Map<String, String> memory = info(raw, "memory");
            assertTrue(Long.parseLong(memory.get("used_memory")) > 0);
            assertTrue(memory.get("used_memory_human").matches("\\d+\\.\\d\\d[KMGTP]"), memory.get("used_memory_human"));
            assertTrue(Long.parseLong(memory.get("used_memory_peak")) >= Long.parseLong(memory.get("used_memory")));
            assertEquals("noeviction", memory.get("maxmemory_policy"));
            assertTrue(memory.get("mem_fragmentation_ratio").matches("\\d+\\.\\d\\d"));
            Map<String, String> cpu = info(raw, "cpu");
            assertTrue(cpu.get("used_cpu_user").matches("\\d+\\.\\d{6}"));
            assertTrue(cpu.get("used_cpu_sys").matches("\\d+\\.\\d{6}"));
            Map<String, String> replication = info(raw, "replication");
            assertEquals("master", replication.get("role"));
            assertTrue(replication.get("master_replid").matches("[0-9a-f]{40}"));
        }
    }

    @Test
    void resp3GetsAVerbatimString() {
        try (RawConnection raw = server.raw()) {
            raw.call("HELLO", "3");
            String reply = raw.call("INFO", "keyspace", "nosuch");
            assertTrue(reply.startsWith("="), reply);
            assertTrue(reply.contains("\r\ntxt:# Keyspace\r\n"), reply);
        }
    }

    private static void awaitConnectedClients(RawConnection raw, int expected) {
        long deadline = System.currentTimeMillis() + 5000;
        String seen;
        do {
            seen = info(raw, "clients").get("connected_clients");
        } while (!seen.equals(String.valueOf(expected)) && System.currentTimeMillis() < deadline);
        assertEquals(String.valueOf(expected), seen);
    }

    static Map<String, String> info(RawConnection raw, String section) {
        return fields(bulkBody(raw.call("INFO", section)));
    }

    /** The body of a RESP2 bulk string reply. */
    static String bulkBody(String reply) {
        assertTrue(reply.startsWith("$"), reply);
        int start = reply.indexOf("\r\n") + 2;
        int length = Integer.parseInt(reply.substring(1, start - 2));
        assertEquals(reply.length(), start + length + 2, "one bulk string");
        return reply.substring(start, start + length);
    }

    private static List<String> headers(String text) {
        List<String> headers = new ArrayList<>();
        for (String line : text.split("\r\n")) {
            if (line.startsWith("# ")) {
                headers.add(line.substring(2));
            }
        }
        return headers;
    }

    private static Map<String, String> fields(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : text.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                fields.put(line.substring(0, colon), line.substring(colon + 1));
            }
        }
        return fields;
    }

    /** "# Title" lines, "name:value" lines, one empty line between sections, every line ending in CRLF. */
    private static void assertWellFormed(String text) {
        assertTrue(text.endsWith("\r\n"));
        assertFalse(text.replace("\r\n", "").contains("\n"), "bare LF");
        assertFalse(text.replace("\r\n", "").contains("\r"), "bare CR");
        String[] sections = text.split("\r\n\r\n");
        for (String section : sections) {
            String[] lines = section.split("\r\n");
            assertTrue(lines[0].matches("# [A-Za-z]+"), lines[0]);
            for (int i = 1; i < lines.length; i++) {
                assertNotNull(lines[i]);
                assertTrue(lines[i].matches("[a-z0-9_]+:[^\\s]*( [^\\s]+)*"), lines[i]);
            }
        }
    }
}
