package io.diskdb.server;

import io.diskdb.storage.Backups;
import io.diskdb.storage.Engine;
import io.diskdb.storage.HotCache;
import io.diskdb.storage.Keyspace;
import io.diskdb.storage.Snapshots;
import org.rocksdb.RocksDB;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The text of INFO: Redis 7.0's sections with Redis's field names and formats (the subset that
 * means something for DiskDB), in Redis's order, plus a {@code diskdb} section about the hot
 * cache and RocksDB. Monitoring tools parse these lines by name, so names never change.
 */
public final class InfoSections {
    /** Redis's run_id: random per process, 40 hex characters. */
    private static final String RUN_ID = randomHex40();
    // Until the configuration module exposes them: Redis's defaults, which DiskDB behaves as.

    private final DiskDbServer server;
    private final AtomicLong usedMemoryPeak = new AtomicLong();
    private final List<Section> sections = List.of(
            new Section("server", "Server", this::server),
            new Section("clients", "Clients", this::clients),
            new Section("memory", "Memory", this::memory),
            new Section("persistence", "Persistence", this::persistence),
            new Section("stats", "Stats", this::stats),
            new Section("replication", "Replication", this::replication),
            new Section("cpu", "CPU", this::cpu),
            new Section("keyspace", "Keyspace", this::keyspace),
            new Section("diskdb", "DiskDB", this::diskdb));

    public InfoSections(DiskDbServer server) {
        this.server = server;
    }

    /**
     * The INFO reply text for the requested section names (any case). No names, "default", "all"
     * and "everything" select every section DiskDB has; unknown names select nothing, so a
     * request of only unknown names is answered with empty text, as Redis does.
     */
    public String render(List<String> requested) {
        Set<String> wanted = new HashSet<>();
        for (String name : requested.isEmpty() ? List.of("default") : requested) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("default") || lower.equals("all") || lower.equals("everything")) {
                sections.forEach(section -> wanted.add(section.name()));
            } else {
                wanted.add(lower);
            }
        }
        StringBuilder text = new StringBuilder(2048);
        for (Section section : sections) {
            if (wanted.contains(section.name())) {
                if (!text.isEmpty()) {
                    text.append("\r\n");
                }
                text.append("# ").append(section.title()).append("\r\n");
                section.fields().accept(new Fields(text));
            }
        }
        return text.toString();
    }

    private void server(Fields f) {
        long now = System.currentTimeMillis();
        long uptimeSeconds = (now - server.startedAtMillis()) / 1000;
        f.add("redis_version", DiskDbServer.REDIS_VERSION);
        f.add("redis_mode", "standalone");
        f.add("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + machine());
        f.add("arch_bits", System.getProperty("sun.arch.data.model", "64"));
        f.add("process_id", ProcessHandle.current().pid());
        f.add("run_id", RUN_ID);
        f.add("tcp_port", server.port());
        f.add("server_time_usec", ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()));
        f.add("uptime_in_seconds", uptimeSeconds);
        f.add("uptime_in_days", uptimeSeconds / 86400);
        f.add("hz", server.settings().getHz());
        f.add("executable", ProcessHandle.current().info().command().orElse(""));
        f.add("config_file", server.config().configFile() == null ? "" : server.config().configFile().toAbsolutePath());
        f.add("io_threads_active", 0);
    }

    /** uname's machine name: the JVM says amd64 where Redis (and uname) say x86_64. */
    private static String machine() {
        String arch = System.getProperty("os.arch");
        return arch.equals("amd64") ? "x86_64" : arch;
    }

    private void clients(Fields f) {
        f.add("connected_clients", server.clients().count());
        f.add("maxclients", server.maxClients());
        f.add("client_recent_max_input_buffer", 0);
        f.add("client_recent_max_output_buffer", 0);
        f.add("blocked_clients", server.stats().blockedClients.get());
        f.add("tracking_clients", 0);
    }

    private void memory(Fields f) {
        Runtime runtime = Runtime.getRuntime();
        long used = runtime.totalMemory() - runtime.freeMemory();
        long peak = usedMemoryPeak.accumulateAndGet(used, Math::max);
        long rss = residentSetBytes();
        f.add("used_memory", used);
        f.add("used_memory_human", human(used));
        f.add("used_memory_rss", rss);
        f.add("used_memory_rss_human", human(rss));
        f.add("used_memory_peak", peak);
        f.add("used_memory_peak_human", human(peak));
        f.add("maxmemory", server.settings().getMaxmemory());
        f.add("maxmemory_human", human(server.settings().getMaxmemory()));
        f.add("maxmemory_policy", server.settings().getMaxmemoryPolicy());
        f.add("mem_fragmentation_ratio", String.format(Locale.ROOT, "%.2f", used == 0 ? 0.0 : (double) rss / used));
    }

    /**
     * The process's resident set (heap, RocksDB's native memory and all), from VmRSS in
     * /proc/self/status: unlike statm it is in kB, so no page size has to be guessed. 0 where
     * /proc does not exist.
     */
    private static long residentSetBytes() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024)
                    .findFirst().orElse(0L);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private void persistence(Fields f) {
        f.add("loading", 0);
        Snapshots snapshots = server.snapshots();
        f.add("rdb_changes_since_last_save", server.stats().changesSinceSave.sum());
        f.add("rdb_bgsave_in_progress", snapshots.inProgress() ? 1 : 0);
        f.add("rdb_last_save_time", server.lastSaveMillis() / 1000);
        f.add("rdb_last_bgsave_status", snapshots.lastSucceeded() ? "ok" : "err");
        f.add("rdb_last_bgsave_time_sec", snapshots.lastDurationSeconds());
        f.add("rdb_current_bgsave_time_sec", snapshots.currentDurationSeconds());
        // The RocksDB write-ahead log plays the part of the AOF: every write is logged before its reply.
        f.add("aof_enabled", server.keyspace().engine().options().walEnabled() ? 1 : 0);
        f.add("aof_rewrite_in_progress", 0);
        f.add("aof_last_write_status", "ok");
        // DiskDB's own: where the newest snapshot is, for --restore
        f.add("last_snapshot_dir", snapshots.lastDirectory() == null ? "" : snapshots.lastDirectory().toAbsolutePath());
        Backups backups = server.backups();
        f.add("backup_in_progress", backups.inProgress() ? 1 : 0);
        f.add("last_backup_status", backups.lastSucceeded() ? "ok" : "err");
        f.add("last_backup_error", backups.lastError().replace('\r', ' ').replace('\n', ' '));
        f.add("last_backup_time", backups.lastFinishedMillis() / 1000);
        f.add("last_backup_dir", backups.lastDirectory() == null ? "" : backups.lastDirectory());
    }

    private void stats(Fields f) {
        ServerStats stats = server.stats();
        f.add("total_connections_received", stats.connectionsReceived.sum());
        f.add("total_commands_processed", stats.commandsProcessed.sum());
        f.add("instantaneous_ops_per_sec", stats.instantaneousOpsPerSecond());
        f.add("total_net_input_bytes", stats.netInputBytes.sum());
        f.add("total_net_output_bytes", stats.netOutputBytes.sum());
        f.add("rejected_connections", stats.rejectedConnections.sum());
        f.add("expired_keys", stats.expiredKeys.sum());
        f.add("evicted_keys", 0);
        f.add("keyspace_hits", stats.keyspaceHits.sum());
        f.add("keyspace_misses", stats.keyspaceMisses.sum());
        f.add("total_error_replies", stats.errorReplies.sum());
    }

    private void replication(Fields f) {
        server.replication().describe(f::add);
    }

    /**
     * CPU seconds of the whole process (RocksDB's native threads included): user time summed over
     * the JVM's threads, and the rest of the process CPU time counted as system time.
     */
    private void cpu(Fields f) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long userNanos = 0;
        long threadNanos = 0;
        for (long id : threads.getAllThreadIds()) {
            userNanos += Math.max(0, threads.getThreadUserTime(id));
            threadNanos += Math.max(0, threads.getThreadCpuTime(id));
        }
        long processNanos = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
        long totalNanos = processNanos >= 0 ? Math.max(processNanos, userNanos) : threadNanos;
        f.add("used_cpu_sys", seconds(totalNanos - userNanos));
        f.add("used_cpu_user", seconds(userNanos));
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.6f", nanos / 1e9);
    }

    private void keyspace(Fields f) {
        Keyspace keyspace = server.keyspace();
        for (int db = 0; db < keyspace.databases(); db++) {
            long keys = keyspace.keyCount(db);
            if (keys > 0) {
                f.add("db" + db, "keys=" + keys + ",expires=" + keyspace.expiringKeyCount(db) + ",avg_ttl=0");
            }
        }
    }

    private void diskdb(Fields f) {
        HotCache cache = server.keyspace().cache();
        long hits = cache.stats().hitCount();
        long misses = cache.stats().missCount();
        Engine engine = server.keyspace().engine();
        f.add("cache_hits", hits);
        f.add("cache_misses", misses);
        f.add("cache_hit_rate", String.format(Locale.ROOT, "%.4f", hits + misses == 0 ? 0.0 : (double) hits / (hits + misses)));
        f.add("cache_entries", cache.entries());
        f.add("cache_used_bytes", cache.weightedBytes());
        f.add("cache_max_bytes", cache.maxBytes());
        f.add("rocksdb_version", RocksDB.rocksdbVersion());
        f.add("sync", engine.durability().name().toLowerCase(Locale.ROOT));
        f.add("wal_enabled", engine.options().walEnabled() ? 1 : 0);
        f.add("rocksdb_live_data_size", propertySum(engine, "rocksdb.estimate-live-data-size"));
        f.add("rocksdb_total_sst_files_size", propertySum(engine, "rocksdb.total-sst-files-size"));
        f.add("rocksdb_wal_size", walBytes(engine.options().dir()));
        f.add("rocksdb_memtable_size", propertySum(engine, "rocksdb.cur-size-all-mem-tables"));
        f.add("rocksdb_pending_compaction_bytes", propertySum(engine, "rocksdb.estimate-pending-compaction-bytes"));
        f.add("manual_compaction_in_progress", server.compaction().inProgress() ? 1 : 0);
        f.add("last_manual_compaction_status", server.compaction().lastSucceeded() ? "ok" : "err");
        f.add("data_dir", engine.options().dir().toAbsolutePath());
    }

    private static long propertySum(Engine engine, String property) {
        return engine.propertySum(property);
    }

    /** The WAL files are the data directory's *.log files (RocksDB's own log is named LOG). */
    private static long walBytes(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".log"))
                    .mapToLong(InfoSections::sizeOrZero).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    /** A WAL file can be deleted between listing and measuring it: it then holds nothing. */
    private static long sizeOrZero(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Redis's bytesToHuman: 1023B, 1.50K, 2.00M, ... */
    static String human(long bytes) {
        String[] units = {"K", "M", "G", "T", "P"};
        if (bytes < 1024) {
            return bytes + "B";
        }
        double value = bytes;
        for (String unit : units) {
            value /= 1024;
            if (value < 1024 || unit.equals("P")) {
                return String.format(Locale.ROOT, "%.2f%s", value, unit);
            }
        }
        throw new AssertionError("unreachable");
    }

    private static String randomHex40() {
        byte[] bytes = new byte[20];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private record Section(String name, String title, Consumer<Fields> fields) {
    }

    /** Appends "name:value" lines, CRLF-terminated as Redis writes them. */
    private static final class Fields {
        private final StringBuilder text;

        Fields(StringBuilder text) {
            this.text = text;
        }

        void add(String name, Object value) {
            text.append(name).append(':').append(value).append("\r\n");
        }
    }
}
