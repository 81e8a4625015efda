package io.diskdb.config;

import static io.diskdb.config.ConfigParameter.define;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.HashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ObjIntConsumer;
import java.util.function.ToIntFunction;

/**
 * The one table of configuration parameters. The config file loader, the command line,
 * CONFIG GET/SET/REWRITE and the generated diskdb.conf all read it, so a parameter
 * added here is known everywhere. Order matters: it is the order of diskdb.conf and
 * of CONFIG GET replies.
 */
public final class ConfigParameters {
    private static final long INT_MAX = Integer.MAX_VALUE;
    private static final long LONG_MAX = Long.MAX_VALUE;

    private static final List<ConfigParameter> TABLE = List.of(
            // ---- server ----
            define("bind", ValueTypes.string(false), Settings::getBind, Settings::setBind)
                    .immutable().yaml("server.bind")
                    .help("Address to listen on; 0.0.0.0 for all interfaces (set requirepass first).").build(),
            intParam("port", 0, 65535, Settings::getPort, Settings::setPort)
                    .immutable().yaml("server.port").help("TCP port for RESP clients; 0 = none (with tls-port set).")
                    .build(),
            intParam("databases", 1, INT_MAX, Settings::getDatabases, Settings::setDatabases)
                    .immutable().yaml("server.databases").help("Number of logical databases (SELECT 0..n-1).").build(),
            intParam("maxclients", 1, INT_MAX, Settings::getMaxclients, Settings::setMaxclients)
                    .yaml("server.maxclients").help("Connections beyond this are refused.").build(),
            intParam("timeout", 0, INT_MAX, Settings::getTimeout, Settings::setTimeout)
                    .yaml("server.timeout").help("Close clients idle for this many seconds; 0 = never.").build(),
            intParam("io-threads", 0, 1024, Settings::getIoThreads, Settings::setIoThreads)
                    .immutable().yaml("server.io_threads").help("Network threads; 0 = one per CPU core.").build(),

            // ---- persistence ----
            define("dir", ValueTypes.DIRECTORY, Settings::getDir, Settings::setDir)
                    .immutable().yaml("persistence.dir")
                    .help("Data directory, relative to the directory DiskDB is started from.").build(),
            define("wal-enabled", ValueTypes.BOOL, Settings::isWalEnabled, Settings::setWalEnabled)
                    .aliases("appendonly").yaml("persistence.wal_enabled")
                    .help("Write-ahead log. Off: faster writes, but a crash loses everything not yet flushed.")
                    .build(),
            define("sync", ValueTypes.SYNC, Settings::getSync, Settings::setSync)
                    .aliases("appendfsync").yaml("persistence.sync")
                    .help("When the WAL is fsynced, and what each choice can lose:",
                            "  always   - fsync before every reply: nothing acknowledged is lost, even on power loss.",
                            "  everysec - WAL written before the reply, fsynced every sync_interval: a process",
                            "             crash loses nothing acknowledged (the OS has it); power loss or an OS",
                            "             crash loses up to ~1s.",
                            "  no       - WAL written, fsync left to the OS: a process crash loses nothing written",
                            "             to the OS; power loss loses whatever the OS had not flushed yet.")
                    .build(),
            define("sync-interval", ValueTypes.duration(1), Settings::getSyncIntervalMs,
                    Settings::setSyncIntervalMs)
                    .yaml("persistence.sync_interval")
                    .help("How often everysec fsyncs: 1000ms, 1s, 5m; a plain number is ms.").build(),
            define("compression", ValueTypes.COMPRESSION, Settings::getCompression, Settings::setCompression)
                    .immutable().yaml("persistence.compression")
                    .help("Block compression of data files: none, snappy, lz4 or zstd.").build(),
            define("max-log-size", ValueTypes.memory(1), Settings::getMaxLogSize, Settings::setMaxLogSize)
                    .immutable().yaml("persistence.max_log_size")
                    .help("WAL size that triggers a flush to data files (512kb, 100mb, 1gb; plain = bytes).")
                    .build(),
            define("wal-recovery", ValueTypes.oneOf("point_in_time", "tolerate_corrupted_tail_records",
                    "absolute_consistency", "skip_any_corrupted_records"), Settings::getWalRecovery,
                    Settings::setWalRecovery)
                    .immutable().yaml("persistence.wal_recovery")
                    .help("What start-up does with a damaged WAL record (a torn write after power loss):",
                            "  point_in_time                   - recover every write before it, drop the rest.",
                            "  tolerate_corrupted_tail_records - drop an incomplete last record; refuse other damage.",
                            "  absolute_consistency            - refuse to start on any damage.",
                            "  skip_any_corrupted_records      - skip damaged records, keep going (may break",
                            "                                    multi-key atomicity; last resort).")
                    .build(),
            define("write-buffer-size", ValueTypes.memory(1024 * 1024), Settings::getWriteBufferSize,
                    Settings::setWriteBufferSize)
                    .immutable().yaml("persistence.write_buffer_size")
                    .help("Memory per column family for recent writes before they are flushed to a data file.")
                    .build(),
            define("block-cache-size", ValueTypes.memory(1024 * 1024), Settings::getBlockCacheSize,
                    Settings::setBlockCacheSize)
                    .immutable().yaml("persistence.block_cache_size")
                    .help("RocksDB's cache of data-file blocks (besides the hot cache of decoded keys).")
                    .build(),
            intParam("max-background-jobs", 1, 256, Settings::getMaxBackgroundJobs, Settings::setMaxBackgroundJobs)
                    .immutable().yaml("persistence.max_background_jobs")
                    .help("RocksDB flush and compaction threads; 2 suits a 2-core machine.").build(),

            // ---- snapshots ----
            define("snapshot-interval", ValueTypes.duration(0), Settings::getSnapshotIntervalMs,
                    Settings::setSnapshotIntervalMs)
                    .immutable().yaml("snapshots.interval")
                    .help("Take a snapshot (as BGSAVE does) this often: 30m, 6h; 0 = only on SAVE/BGSAVE.",
                            "Snapshots are RocksDB checkpoints in <dir>/snapshots/<UTC time>; start from one",
                            "with: diskdb --restore <dir>/snapshots/<UTC time>").build(),
            intParam("snapshot-keep", 0, INT_MAX, Settings::getSnapshotKeep, Settings::setSnapshotKeep)
                    .immutable().yaml("snapshots.keep")
                    .help("Snapshots kept: after each new one the oldest beyond this are deleted; 0 = keep all.")
                    .build(),

            // ---- replication ----
            define("replicaof", ValueTypes.REPLICAOF, Settings::getReplicaof, Settings::setReplicaof)
                    .aliases("slaveof").immutable().yaml("replication.replicaof")
                    .help("Follow this master from the start: \"host port\" or \"host:port\"; empty = be a master.",
                            "At run time: REPLICAOF host port / REPLICAOF NO ONE.").build(),
            define("masteruser", ValueTypes.string(false), Settings::getMasteruser, Settings::setMasteruser)
                    .yaml("replication.masteruser")
                    .help("ACL user a replica logs in to its master as; empty = AUTH with masterauth alone.").build(),
            define("masterauth", ValueTypes.string(false), Settings::getMasterauth, Settings::setMasterauth)
                    .yaml("replication.masterauth").help("Password a replica logs in to its master with.").build(),
            boolParam("replica-read-only", Settings::isReplicaReadOnly, Settings::setReplicaReadOnly)
                    .aliases("slave-read-only").yaml("replication.replica_read_only")
                    .help("A replica refuses writes (READONLY). Only yes is supported: a replica's data",
                            "must stay its master's, write for write (see docs/replication.md).").build(),
            intParam("repl-timeout", 1, INT_MAX, Settings::getReplTimeout, Settings::setReplTimeout)
                    .yaml("replication.repl_timeout")
                    .help("Seconds without a word from the other side before a master or replica drops the link.")
                    .build(),
            longParam("wal-retention-seconds", 0, LONG_MAX, Settings::getWalRetentionSeconds,
                    Settings::setWalRetentionSeconds)
                    .immutable().yaml("replication.wal_retention_seconds")
                    .help("How long flushed WAL is kept so a replica that reconnects resumes from it",
                            "(partial resync) instead of a full sync; 0 = no age limit.").build(),
            longParam("wal-retention-mb", 0, LONG_MAX, Settings::getWalRetentionMb, Settings::setWalRetentionMb)
                    .immutable().yaml("replication.wal_retention_mb")
                    .help("Most flushed WAL kept for replicas, in MB, oldest dropped first; 0 = no size limit.",
                            "Both 0: no WAL is kept beyond recovery, a replica that falls behind syncs fully.")
                    .build(),
            intParam("repl-fullsync-parallelism", 1, 64, Settings::getReplFullsyncParallelism,
                    Settings::setReplFullsyncParallelism)
                    .yaml("replication.fullsync_parallelism")
                    .help("Connections a replica fetches the master's checkpoint files over in a full sync.")
                    .build(),
            define("repl-fullsync-checkpoint-timeout", ValueTypes.duration(1000),
                    Settings::getReplFullsyncCheckpointTimeoutMs, Settings::setReplFullsyncCheckpointTimeoutMs)
                    .yaml("replication.fullsync_checkpoint_timeout")
                    .help("A master deletes a checkpoint made for a full sync when no replica has fetched",
                            "from it for this long (a replica that died mid-sync): 60s, 5m.").build(),

            // ---- cache ----
            define("cache-max-memory", ValueTypes.memory(0), Settings::getCacheMaxMemory,
                    Settings::setCacheMaxMemory)
                    .yaml("cache.max_memory").help("Memory for the hot cache in front of the disk (key metadata, small strings, pages of hot lists); 0 = no cache.")
                    .build(),

            // ---- logging ----
            define("loglevel", ValueTypes.LOG_LEVEL, Settings::getLogLevel, Settings::setLogLevel)
                    .yaml("logging.level")
                    .help("trace, debug, info, warn or error (Redis's verbose, notice, warning also work).")
                    .build(),

            // ---- security ----
            define("requirepass", ValueTypes.string(true), Settings::getRequirepass, Settings::setRequirepass)
                    .yaml("security.requirepass").help("Password clients must AUTH with; unset = no password.")
                    .build(),
            define("aclfile", ValueTypes.string(false), Settings::getAclfile, Settings::setAclfile)
                    .immutable().yaml("security.aclfile")
                    .help("ACL users file (Redis's syntax); empty = users.acl in the data directory.").build(),
            longParam("acllog-max-len", 0, LONG_MAX, Settings::getAcllogMaxLen, Settings::setAcllogMaxLen)
                    .yaml("security.acllog_max_len")
                    .help("Entries ACL LOG keeps (failed logins, refused commands); the oldest go first.").build(),

            // ---- tls ----
            intParam("tls-port", 0, 65535, Settings::getTlsPort, Settings::setTlsPort)
                    .immutable().yaml("tls.port").help("TLS port for RESP clients; 0 = no TLS listener.").build(),
            define("tls-cert-file", ValueTypes.string(false), Settings::getTlsCertFile, Settings::setTlsCertFile)
                    .immutable().yaml("tls.cert_file").help("Server certificate (chain), PEM.").build(),
            define("tls-key-file", ValueTypes.string(false), Settings::getTlsKeyFile, Settings::setTlsKeyFile)
                    .immutable().yaml("tls.key_file")
                    .help("Server private key, PEM, unencrypted: PKCS#8 (BEGIN PRIVATE KEY) or PKCS#1 RSA.").build(),
            define("tls-ca-cert-file", ValueTypes.string(false), Settings::getTlsCaCertFile,
                    Settings::setTlsCaCertFile)
                    .immutable().yaml("tls.ca_cert_file").help("CA certificates client certificates must chain to.")
                    .build(),
            define("tls-auth-clients", ValueTypes.oneOf("yes", "no", "optional"), Settings::getTlsAuthClients,
                    Settings::setTlsAuthClients)
                    .immutable().yaml("tls.auth_clients")
                    .help("Client certificates: yes = required, optional = checked if sent, no = not asked for.")
                    .build(),
            define("tls-protocols", ValueTypes.string(false), Settings::getTlsProtocols, Settings::setTlsProtocols)
                    .immutable().yaml("tls.protocols").help("e.g. \"TLSv1.2 TLSv1.3\"; empty = the JDK's defaults.")
                    .build(),
            define("tls-ciphersuites", ValueTypes.string(false), Settings::getTlsCiphersuites,
                    Settings::setTlsCiphersuites)
                    .immutable().yaml("tls.ciphersuites").help("TLS 1.3 suites, ':'-separated; empty = defaults.")
                    .build(),
            define("tls-ciphers", ValueTypes.string(false), Settings::getTlsCiphers, Settings::setTlsCiphers)
                    .immutable().yaml("tls.ciphers").help("TLS 1.2 ciphers, ':'-separated; empty = defaults.")
                    .build(),

            // ---- limits ----
            define("proto-max-bulk-len", ValueTypes.memory(1024 * 1024), Settings::getProtoMaxBulkLen,
                    Settings::setProtoMaxBulkLen)
                    .yaml("limits.proto_max_bulk_len").help("Largest single string a client may send.").build(),

            // ---- Redis-standard parameters, stored and reported back (redis: section) ----
            define("notify-keyspace-events", ValueTypes.NOTIFY_EVENTS, Settings::getNotifyKeyspaceEvents,
                    Settings::setNotifyKeyspaceEvents).build(),
            longParam("hash-max-listpack-entries", 0, LONG_MAX, Settings::getHashMaxListpackEntries,
                    Settings::setHashMaxListpackEntries).aliases("hash-max-ziplist-entries").build(),
            longParam("hash-max-listpack-value", 0, LONG_MAX, Settings::getHashMaxListpackValue,
                    Settings::setHashMaxListpackValue).aliases("hash-max-ziplist-value").build(),
            intParam("list-max-listpack-size", Integer.MIN_VALUE, INT_MAX, Settings::getListMaxListpackSize,
                    Settings::setListMaxListpackSize).aliases("list-max-ziplist-size").build(),
            intParam("list-compress-depth", 0, INT_MAX, Settings::getListCompressDepth,
                    Settings::setListCompressDepth).build(),
            longParam("set-max-intset-entries", 0, LONG_MAX, Settings::getSetMaxIntsetEntries,
                    Settings::setSetMaxIntsetEntries).build(),
            longParam("set-max-listpack-entries", 0, LONG_MAX, Settings::getSetMaxListpackEntries,
                    Settings::setSetMaxListpackEntries).build(),
            longParam("set-max-listpack-value", 0, LONG_MAX, Settings::getSetMaxListpackValue,
                    Settings::setSetMaxListpackValue).build(),
            longParam("zset-max-listpack-entries", 0, LONG_MAX, Settings::getZsetMaxListpackEntries,
                    Settings::setZsetMaxListpackEntries).aliases("zset-max-ziplist-entries").build(),
            longParam("zset-max-listpack-value", 0, LONG_MAX, Settings::getZsetMaxListpackValue,
                    Settings::setZsetMaxListpackValue).aliases("zset-max-ziplist-value").build(),
            define("stream-node-max-bytes", ValueTypes.memory(0), Settings::getStreamNodeMaxBytes,
                    Settings::setStreamNodeMaxBytes).build(),
            longParam("stream-node-max-entries", 0, LONG_MAX, Settings::getStreamNodeMaxEntries,
                    Settings::setStreamNodeMaxEntries).build(),
            define("maxmemory", ValueTypes.memory(0), Settings::getMaxmemory, Settings::setMaxmemory).build(),
            define("maxmemory-policy", ValueTypes.oneOf("volatile-lru", "volatile-lfu", "volatile-random",
                    "volatile-ttl", "allkeys-lru", "allkeys-lfu", "allkeys-random", "noeviction"),
                    Settings::getMaxmemoryPolicy, Settings::setMaxmemoryPolicy).build(),
            define("save", ValueTypes.SAVE, Settings::getSave, Settings::setSave).build(),
            longParam("slowlog-log-slower-than", -1, LONG_MAX, Settings::getSlowlogLogSlowerThan,
                    Settings::setSlowlogLogSlowerThan).build(),
            longParam("slowlog-max-len", 0, LONG_MAX, Settings::getSlowlogMaxLen,
                    Settings::setSlowlogMaxLen).build(),
            longParam("busy-reply-threshold", 0, LONG_MAX, Settings::getBusyReplyThreshold,
                    Settings::setBusyReplyThreshold).aliases("lua-time-limit").build(),
            define("client-output-buffer-limit", ValueTypes.CLIENT_OUTPUT_BUFFER_LIMIT,
                    Settings::getClientOutputBufferLimit,
                    (s, v) -> s.setClientOutputBufferLimit(
                            ClientOutputBufferLimits.merge(s.getClientOutputBufferLimit(), v))).build(),
            define("hz", ValueTypes.clamped(1, 500), s -> (long) s.getHz(), (s, v) -> s.setHz(v.intValue()))
                    .build(),
            boolParam("lazyfree-lazy-eviction", Settings::isLazyfreeLazyEviction,
                    Settings::setLazyfreeLazyEviction).build(),
            boolParam("lazyfree-lazy-expire", Settings::isLazyfreeLazyExpire,
                    Settings::setLazyfreeLazyExpire).build(),
            boolParam("lazyfree-lazy-server-del", Settings::isLazyfreeLazyServerDel,
                    Settings::setLazyfreeLazyServerDel).build(),
            boolParam("lazyfree-lazy-user-del", Settings::isLazyfreeLazyUserDel,
                    Settings::setLazyfreeLazyUserDel).build(),
            boolParam("lazyfree-lazy-user-flush", Settings::isLazyfreeLazyUserFlush,
                    Settings::setLazyfreeLazyUserFlush).build(),
            boolParam("cluster-enabled", Settings::isClusterEnabled, Settings::setClusterEnabled)
                    .immutable().build(),
            boolParam("protected-mode", Settings::isProtectedMode, Settings::setProtectedMode).build(),
            define("logfile", ValueTypes.string(false), Settings::getLogfile, Settings::setLogfile)
                    .immutable().build(),
            intParam("tcp-keepalive", 0, INT_MAX, Settings::getTcpKeepalive, Settings::setTcpKeepalive).build(),
            intParam("tcp-backlog", 0, INT_MAX, Settings::getTcpBacklog, Settings::setTcpBacklog)
                    .immutable().build(),
            define("unixsocket", ValueTypes.string(false), Settings::getUnixsocket, Settings::setUnixsocket)
                    .immutable().build());

    private static final Map<String, ConfigParameter> BY_NAME = new HashMap<>();
    private static final Map<String, ConfigParameter> BY_YAML_PATH = new HashMap<>();

    static {
        for (ConfigParameter p : TABLE) {
            register(BY_NAME, p.name(), p);
            for (String alias : p.aliases()) {
                register(BY_NAME, alias, p);
            }
            register(BY_YAML_PATH, p.yamlPath(), p);
        }
    }

    private ConfigParameters() {
    }

    /** Every parameter, in table order. */
    public static List<ConfigParameter> all() {
        return TABLE;
    }

    /** The parameter with this name or alias (any case), or null. */
    public static ConfigParameter find(String name) {
        return BY_NAME.get(name.toLowerCase(Locale.ROOT));
    }

    /** The parameter written at this YAML path (e.g. "server.port"), or null. */
    public static ConfigParameter findByYamlPath(String path) {
        return BY_YAML_PATH.get(path);
    }

    /** Every name and alias, for CONFIG GET pattern matching, in table order. */
    public static List<String> allNames() {
        List<String> names = new ArrayList<>();
        for (ConfigParameter p : TABLE) {
            names.add(p.name());
            names.addAll(p.aliases());
        }
        return names;
    }

    private static void register(Map<String, ConfigParameter> map, String key, ConfigParameter p) {
        if (map.put(key, p) != null) {
            throw new IllegalStateException("config parameter table: '" + key + "' defined twice");
        }
    }

    private static ConfigParameter.Builder<Long> intParam(String name, long min, long max,
            ToIntFunction<Settings> getter, ObjIntConsumer<Settings> setter) {
        return define(name, ValueTypes.integer(min, max), s -> (long) getter.applyAsInt(s),
                (s, v) -> setter.accept(s, v.intValue()));
    }

    private static ConfigParameter.Builder<Long> longParam(String name, long min, long max,
            Function<Settings, Long> getter, BiConsumer<Settings, Long> setter) {
        return define(name, ValueTypes.integer(min, max), getter, setter);
    }

    private static ConfigParameter.Builder<Boolean> boolParam(String name, Function<Settings, Boolean> getter,
            BiConsumer<Settings, Boolean> setter) {
        return define(name, ValueTypes.BOOL, getter, setter);
    }
}
