package io.diskdb.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The live settings of one server. Every field is volatile so that a CONFIG SET on one
 * connection is seen by all event loops without locking; setters do no validation
 * (that is {@link ConfigParameters}' job, shared by the config file, the command line
 * and CONFIG SET). A new instance holds the defaults.
 *
 * <p>Besides DiskDB's own settings it stores the Redis-standard parameters that clients
 * and tools read or set (listpack sizes, notify-keyspace-events, slowlog ...), with Redis 7
 * defaults, so CONFIG GET answers what a Redis would.
 */
public final class Settings {

    static final long KB = 1024;
    static final long MB = 1024 * KB;
    static final long GB = 1024 * MB;

    // ---- server ----
    private volatile String bind = "127.0.0.1";
    private volatile int port = 6380;
    private volatile int databases = 16;
    private volatile int maxclients = 10000;
    private volatile int timeout = 0;
    private volatile int ioThreads = 0;

    // ---- persistence ----
    private volatile String dir = "./data";
    private volatile boolean walEnabled = true;
    private volatile SyncPolicy sync = SyncPolicy.EVERYSEC;
    private volatile long syncIntervalMs = 1000;
    private volatile Compression compression = Compression.LZ4;
    private volatile long maxLogSize = 100L * MB;
    private volatile String walRecovery = "point_in_time";
    private volatile long writeBufferSize = 64L * MB;
    private volatile long blockCacheSize = 128L * MB;
    private volatile int maxBackgroundJobs = 2;

    // ---- snapshots ----
    private volatile long snapshotIntervalMs = 0;
    private volatile int snapshotKeep = 5;

    // ---- replication ----
    private volatile String replicaof = "";
    private volatile String masteruser = "";
    private volatile int replTimeout = 60;
    private volatile long walRetentionSeconds = 3600;
    private volatile long walRetentionMb = 1024;
    private volatile int replFullsyncParallelism = 4;
    private volatile long replFullsyncCheckpointTimeoutMs = 60_000;

    // ---- cache ----
    private volatile long cacheMaxMemory = 256L * MB;

    // ---- logging ----
    private volatile String logLevel = "info";

    // ---- security ----
    private volatile String requirepass = null;
    private volatile String aclfile = "";

    // ---- tls ----
    private volatile int tlsPort = 0;
    private volatile String tlsCertFile = "";
    private volatile String tlsKeyFile = "";
    private volatile String tlsCaCertFile = "";
    private volatile String tlsAuthClients = "yes";
    private volatile String tlsProtocols = "";
    private volatile String tlsCiphersuites = "";
    private volatile String tlsCiphers = "";

    // ---- limits ----
    private volatile long protoMaxBulkLen = 512L * MB;

    // ---- redis ----
    private volatile int notifyKeyspaceEvents = 0;
    private volatile long hashMaxListpackEntries = 512;
    private volatile long hashMaxListpackValue = 64;
    private volatile int listMaxListpackSize = -2;
    private volatile int listCompressDepth = 0;
    private volatile long setMaxIntsetEntries = 512;
    private volatile long setMaxListpackEntries = 128;
    private volatile long setMaxListpackValue = 64;
    private volatile long zsetMaxListpackEntries = 128;
    private volatile long zsetMaxListpackValue = 64;
    private volatile long streamNodeMaxBytes = 4096;
    private volatile long streamNodeMaxEntries = 100;
    private volatile long maxmemory = 0;
    private volatile String maxmemoryPolicy = "noeviction";
    private volatile String save = "3600 1 300 100 60 10000";
    private volatile long slowlogLogSlowerThan = 10000;
    private volatile long slowlogMaxLen = 128;
    private volatile long acllogMaxLen = 128;
    private volatile long busyReplyThreshold = 5000;
    private volatile String clientOutputBufferLimit = "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60";
    private volatile int hz = 10;
    private volatile boolean lazyfreeLazyEviction = false;
    private volatile boolean lazyfreeLazyExpire = false;
    private volatile boolean lazyfreeLazyServerDel = false;
    private volatile boolean lazyfreeLazyUserDel = false;
    private volatile boolean lazyfreeLazyUserFlush = false;
    private volatile boolean clusterEnabled = false;
    private volatile boolean protectedMode = true;
    private volatile String logfile = "";
    private volatile String masterauth = "";
    private volatile boolean replicaReadOnly = true;
    private volatile int tcpKeepalive = 300;
    private volatile int tcpBacklog = 511;
    private volatile String unixsocket = "";

    /** Copy of all values; listeners are not part of Settings, so nothing else to copy. */
    public Settings copy() {
        Settings c = new Settings();
        for (ConfigParameter p : ConfigParameters.all()) {
            p.copy(this, c);
        }
        return c;
    }

    /** The data directory as a path, relative to the working directory unless absolute. */
    public Path dataDir() {
        return Path.of(dir);
    }

    /** True if clients must AUTH first. */
    public boolean hasPassword() {
        String p = requirepass;
        return p != null && !p.isEmpty();
    }

    /** Io threads to start: the configured number, or the number of cores when 0. */
    public int effectiveIoThreads() {
        int n = ioThreads;
        return n > 0 ? n : Runtime.getRuntime().availableProcessors();
    }

    /** Address the server listens on. */
    public String getBind() {
        return bind;
    }

    public void setBind(String bind) {
        this.bind = Objects.requireNonNull(bind, "bind");
    }

    /** TCP port. */
    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    /** Number of logical databases (SELECT 0..n-1). */
    public int getDatabases() {
        return databases;
    }

    public void setDatabases(int databases) {
        this.databases = databases;
    }

    /** Maximum number of connected clients. */
    public int getMaxclients() {
        return maxclients;
    }

    public void setMaxclients(int maxclients) {
        this.maxclients = maxclients;
    }

    /** Idle client timeout in seconds; 0 = never. */
    public int getTimeout() {
        return timeout;
    }

    public void setTimeout(int timeout) {
        this.timeout = timeout;
    }

    /** Netty event-loop threads; 0 = number of cores. */
    public int getIoThreads() {
        return ioThreads;
    }

    public void setIoThreads(int ioThreads) {
        this.ioThreads = ioThreads;
    }

    /** Data directory, relative to the working directory. */
    public String getDir() {
        return dir;
    }

    public void setDir(String dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    /** Write-ahead log on; off means a crash loses recent writes. */
    public boolean isWalEnabled() {
        return walEnabled;
    }

    public void setWalEnabled(boolean walEnabled) {
        this.walEnabled = walEnabled;
    }

    /** When the WAL is fsynced. */
    public SyncPolicy getSync() {
        return sync;
    }

    public void setSync(SyncPolicy sync) {
        this.sync = Objects.requireNonNull(sync, "sync");
    }

    /** How often the WAL is fsynced under everysec, in ms. */
    public long getSyncIntervalMs() {
        return syncIntervalMs;
    }

    public void setSyncIntervalMs(long syncIntervalMs) {
        this.syncIntervalMs = syncIntervalMs;
    }

    /** Block compression for new SST files. */
    public Compression getCompression() {
        return compression;
    }

    public void setCompression(Compression compression) {
        this.compression = Objects.requireNonNull(compression, "compression");
    }

    /** Size in bytes at which the WAL is rolled over. */
    public long getMaxLogSize() {
        return maxLogSize;
    }

    public void setMaxLogSize(long maxLogSize) {
        this.maxLogSize = maxLogSize;
    }

    /** What start-up does with a damaged WAL (RocksDB's WALRecoveryMode, in snake case). */
    public String getWalRecovery() {
        return walRecovery;
    }

    public void setWalRecovery(String walRecovery) {
        this.walRecovery = Objects.requireNonNull(walRecovery, "walRecovery");
    }

    /** RocksDB memtable size per column family, in bytes. */
    public long getWriteBufferSize() {
        return writeBufferSize;
    }

    public void setWriteBufferSize(long writeBufferSize) {
        this.writeBufferSize = writeBufferSize;
    }

    /** RocksDB block cache, in bytes. */
    public long getBlockCacheSize() {
        return blockCacheSize;
    }

    public void setBlockCacheSize(long blockCacheSize) {
        this.blockCacheSize = blockCacheSize;
    }

    /** RocksDB flush and compaction threads. */
    public int getMaxBackgroundJobs() {
        return maxBackgroundJobs;
    }

    public void setMaxBackgroundJobs(int maxBackgroundJobs) {
        this.maxBackgroundJobs = maxBackgroundJobs;
    }

    /** Time between scheduled snapshots in ms; 0 = only on SAVE/BGSAVE. */
    public long getSnapshotIntervalMs() {
        return snapshotIntervalMs;
    }

    public void setSnapshotIntervalMs(long snapshotIntervalMs) {
        this.snapshotIntervalMs = snapshotIntervalMs;
    }

    /** Snapshots kept after each new one; 0 = all. */
    public int getSnapshotKeep() {
        return snapshotKeep;
    }

    public void setSnapshotKeep(int snapshotKeep) {
        this.snapshotKeep = snapshotKeep;
    }

    /** Connections a replica fetches a master's checkpoint over in a full sync. */
    public int getReplFullsyncParallelism() {
        return replFullsyncParallelism;
    }

    public void setReplFullsyncParallelism(int replFullsyncParallelism) {
        this.replFullsyncParallelism = replFullsyncParallelism;
    }

    /** A master releases a replication checkpoint no replica has used for this long (ms). */
    public long getReplFullsyncCheckpointTimeoutMs() {
        return replFullsyncCheckpointTimeoutMs;
    }

    public void setReplFullsyncCheckpointTimeoutMs(long replFullsyncCheckpointTimeoutMs) {
        this.replFullsyncCheckpointTimeoutMs = replFullsyncCheckpointTimeoutMs;
    }

    /** Bytes the hot cache may hold. */
    public long getCacheMaxMemory() {
        return cacheMaxMemory;
    }

    public void setCacheMaxMemory(long cacheMaxMemory) {
        this.cacheMaxMemory = cacheMaxMemory;
    }

    /** Root log level: trace, debug, info, warn or error. */
    public String getLogLevel() {
        return logLevel;
    }

    public void setLogLevel(String logLevel) {
        this.logLevel = Objects.requireNonNull(logLevel, "logLevel");
    }

    /** Password for AUTH; null = no password. */
    public String getRequirepass() {
        return requirepass;
    }

    public void setRequirepass(String requirepass) {
        this.requirepass = requirepass;
    }

    /** The ACL file as configured; empty = users.acl in the data directory (see {@link #aclFilePath()}). */
    public String getAclfile() {
        return aclfile;
    }

    public void setAclfile(String aclfile) {
        this.aclfile = Objects.requireNonNull(aclfile, "aclfile");
    }

    /** Where ACL users are kept: the aclfile setting, or {@code <dir>/users.acl}. */
    public Path aclFilePath() {
        String configured = aclfile;
        return configured.isEmpty() ? dataDir().resolve("users.acl") : Path.of(configured);
    }

    /** TLS listener port; 0 = no TLS listener. */
    public int getTlsPort() {
        return tlsPort;
    }

    public void setTlsPort(int tlsPort) {
        this.tlsPort = tlsPort;
    }

    /** Server certificate chain, PEM. */
    public String getTlsCertFile() {
        return tlsCertFile;
    }

    public void setTlsCertFile(String tlsCertFile) {
        this.tlsCertFile = Objects.requireNonNull(tlsCertFile, "tlsCertFile");
    }

    /** Server private key, PEM (PKCS#8 "PRIVATE KEY" or PKCS#1 "RSA PRIVATE KEY"), unencrypted. */
    public String getTlsKeyFile() {
        return tlsKeyFile;
    }

    public void setTlsKeyFile(String tlsKeyFile) {
        this.tlsKeyFile = Objects.requireNonNull(tlsKeyFile, "tlsKeyFile");
    }

    /** CA certificates that client certificates must chain to, PEM. */
    public String getTlsCaCertFile() {
        return tlsCaCertFile;
    }

    public void setTlsCaCertFile(String tlsCaCertFile) {
        this.tlsCaCertFile = Objects.requireNonNull(tlsCaCertFile, "tlsCaCertFile");
    }

    /** Client certificates: "yes" (required, Redis's default), "optional" or "no". */
    public String getTlsAuthClients() {
        return tlsAuthClients;
    }

    public void setTlsAuthClients(String tlsAuthClients) {
        this.tlsAuthClients = Objects.requireNonNull(tlsAuthClients, "tlsAuthClients");
    }

    /** Space-separated protocols ("TLSv1.2 TLSv1.3"); empty = the JDK's defaults. */
    public String getTlsProtocols() {
        return tlsProtocols;
    }

    public void setTlsProtocols(String tlsProtocols) {
        this.tlsProtocols = Objects.requireNonNull(tlsProtocols, "tlsProtocols");
    }

    /** TLS 1.3 cipher suites, ':'-separated (Redis's tls-ciphersuites); empty = defaults. */
    public String getTlsCiphersuites() {
        return tlsCiphersuites;
    }

    public void setTlsCiphersuites(String tlsCiphersuites) {
        this.tlsCiphersuites = Objects.requireNonNull(tlsCiphersuites, "tlsCiphersuites");
    }

    /** TLS 1.2 ciphers, ':'-separated (Redis's tls-ciphers); empty = defaults. */
    public String getTlsCiphers() {
        return tlsCiphers;
    }

    public void setTlsCiphers(String tlsCiphers) {
        this.tlsCiphers = Objects.requireNonNull(tlsCiphers, "tlsCiphers");
    }

    /** Largest bulk string a client may send, in bytes. */
    public long getProtoMaxBulkLen() {
        return protoMaxBulkLen;
    }

    public void setProtoMaxBulkLen(long protoMaxBulkLen) {
        this.protoMaxBulkLen = protoMaxBulkLen;
    }

    /** Keyspace notification classes as {@link KeyspaceEvents} bits; 0 = off. */
    public int getNotifyKeyspaceEvents() {
        return notifyKeyspaceEvents;
    }

    public void setNotifyKeyspaceEvents(int notifyKeyspaceEvents) {
        this.notifyKeyspaceEvents = notifyKeyspaceEvents;
    }

    public long getHashMaxListpackEntries() {
        return hashMaxListpackEntries;
    }

    public void setHashMaxListpackEntries(long hashMaxListpackEntries) {
        this.hashMaxListpackEntries = hashMaxListpackEntries;
    }

    public long getHashMaxListpackValue() {
        return hashMaxListpackValue;
    }

    public void setHashMaxListpackValue(long hashMaxListpackValue) {
        this.hashMaxListpackValue = hashMaxListpackValue;
    }

    public int getListMaxListpackSize() {
        return listMaxListpackSize;
    }

    public void setListMaxListpackSize(int listMaxListpackSize) {
        this.listMaxListpackSize = listMaxListpackSize;
    }

    public int getListCompressDepth() {
        return listCompressDepth;
    }

    public void setListCompressDepth(int listCompressDepth) {
        this.listCompressDepth = listCompressDepth;
    }

    public long getSetMaxIntsetEntries() {
        return setMaxIntsetEntries;
    }

    public void setSetMaxIntsetEntries(long setMaxIntsetEntries) {
        this.setMaxIntsetEntries = setMaxIntsetEntries;
    }

    public long getSetMaxListpackEntries() {
        return setMaxListpackEntries;
    }

    public void setSetMaxListpackEntries(long setMaxListpackEntries) {
        this.setMaxListpackEntries = setMaxListpackEntries;
    }

    public long getSetMaxListpackValue() {
        return setMaxListpackValue;
    }

    public void setSetMaxListpackValue(long setMaxListpackValue) {
        this.setMaxListpackValue = setMaxListpackValue;
    }

    public long getZsetMaxListpackEntries() {
        return zsetMaxListpackEntries;
    }

    public void setZsetMaxListpackEntries(long zsetMaxListpackEntries) {
        this.zsetMaxListpackEntries = zsetMaxListpackEntries;
    }

    public long getZsetMaxListpackValue() {
        return zsetMaxListpackValue;
    }

    public void setZsetMaxListpackValue(long zsetMaxListpackValue) {
        this.zsetMaxListpackValue = zsetMaxListpackValue;
    }

    public long getStreamNodeMaxBytes() {
        return streamNodeMaxBytes;
    }

    public void setStreamNodeMaxBytes(long streamNodeMaxBytes) {
        this.streamNodeMaxBytes = streamNodeMaxBytes;
    }

    public long getStreamNodeMaxEntries() {
        return streamNodeMaxEntries;
    }

    public void setStreamNodeMaxEntries(long streamNodeMaxEntries) {
        this.streamNodeMaxEntries = streamNodeMaxEntries;
    }

    /** Redis maxmemory in bytes; 0 = no limit. */
    public long getMaxmemory() {
        return maxmemory;
    }

    public void setMaxmemory(long maxmemory) {
        this.maxmemory = maxmemory;
    }

    public String getMaxmemoryPolicy() {
        return maxmemoryPolicy;
    }

    public void setMaxmemoryPolicy(String maxmemoryPolicy) {
        this.maxmemoryPolicy = Objects.requireNonNull(maxmemoryPolicy, "maxmemoryPolicy");
    }

    /** Snapshot points as "seconds changes ...", normalised. */
    public String getSave() {
        return save;
    }

    public void setSave(String save) {
        this.save = Objects.requireNonNull(save, "save");
    }

    /** Microseconds; -1 disables the slow log, 0 logs everything. */
    public long getSlowlogLogSlowerThan() {
        return slowlogLogSlowerThan;
    }

    public void setSlowlogLogSlowerThan(long slowlogLogSlowerThan) {
        this.slowlogLogSlowerThan = slowlogLogSlowerThan;
    }

    public long getSlowlogMaxLen() {
        return slowlogMaxLen;
    }

    public void setSlowlogMaxLen(long slowlogMaxLen) {
        this.slowlogMaxLen = slowlogMaxLen;
    }

    public long getAcllogMaxLen() {
        return acllogMaxLen;
    }

    public void setAcllogMaxLen(long acllogMaxLen) {
        this.acllogMaxLen = acllogMaxLen;
    }

    /** Milliseconds a script may run before BUSY replies (alias lua-time-limit). */
    public long getBusyReplyThreshold() {
        return busyReplyThreshold;
    }

    public void setBusyReplyThreshold(long busyReplyThreshold) {
        this.busyReplyThreshold = busyReplyThreshold;
    }

    /** Normalised: class hard soft seconds, for normal, slave and pubsub. */
    public String getClientOutputBufferLimit() {
        return clientOutputBufferLimit;
    }

    public void setClientOutputBufferLimit(String clientOutputBufferLimit) {
        this.clientOutputBufferLimit = Objects.requireNonNull(clientOutputBufferLimit, "clientOutputBufferLimit");
    }

    /** Background task frequency, 1..500. */
    public int getHz() {
        return hz;
    }

    public void setHz(int hz) {
        this.hz = hz;
    }

    public boolean isLazyfreeLazyEviction() {
        return lazyfreeLazyEviction;
    }

    public void setLazyfreeLazyEviction(boolean lazyfreeLazyEviction) {
        this.lazyfreeLazyEviction = lazyfreeLazyEviction;
    }

    public boolean isLazyfreeLazyExpire() {
        return lazyfreeLazyExpire;
    }

    public void setLazyfreeLazyExpire(boolean lazyfreeLazyExpire) {
        this.lazyfreeLazyExpire = lazyfreeLazyExpire;
    }

    public boolean isLazyfreeLazyServerDel() {
        return lazyfreeLazyServerDel;
    }

    public void setLazyfreeLazyServerDel(boolean lazyfreeLazyServerDel) {
        this.lazyfreeLazyServerDel = lazyfreeLazyServerDel;
    }

    public boolean isLazyfreeLazyUserDel() {
        return lazyfreeLazyUserDel;
    }

    public void setLazyfreeLazyUserDel(boolean lazyfreeLazyUserDel) {
        this.lazyfreeLazyUserDel = lazyfreeLazyUserDel;
    }

    public boolean isLazyfreeLazyUserFlush() {
        return lazyfreeLazyUserFlush;
    }

    public void setLazyfreeLazyUserFlush(boolean lazyfreeLazyUserFlush) {
        this.lazyfreeLazyUserFlush = lazyfreeLazyUserFlush;
    }

    public boolean isClusterEnabled() {
        return clusterEnabled;
    }

    public void setClusterEnabled(boolean clusterEnabled) {
        this.clusterEnabled = clusterEnabled;
    }

    public boolean isProtectedMode() {
        return protectedMode;
    }

    public void setProtectedMode(boolean protectedMode) {
        this.protectedMode = protectedMode;
    }

    public String getLogfile() {
        return logfile;
    }

    public void setLogfile(String logfile) {
        this.logfile = Objects.requireNonNull(logfile, "logfile");
    }

    /** "host port" (or "host:port") of the master to follow at start; empty = none. */
    public String getReplicaof() {
        return replicaof;
    }

    public void setReplicaof(String replicaof) {
        this.replicaof = Objects.requireNonNull(replicaof, "replicaof");
    }

    /** ACL user the replica authenticates as with masterauth; empty = AUTH with the password alone. */
    public String getMasteruser() {
        return masteruser;
    }

    public void setMasteruser(String masteruser) {
        this.masteruser = Objects.requireNonNull(masteruser, "masteruser");
    }

    /** Seconds without traffic after which a master-replica link is considered dead. */
    public int getReplTimeout() {
        return replTimeout;
    }

    public void setReplTimeout(int replTimeout) {
        this.replTimeout = replTimeout;
    }

    /** Seconds flushed WAL is kept for replicas to resume from; 0 = no age limit. */
    public long getWalRetentionSeconds() {
        return walRetentionSeconds;
    }

    public void setWalRetentionSeconds(long walRetentionSeconds) {
        this.walRetentionSeconds = walRetentionSeconds;
    }

    /** Megabytes of flushed WAL kept for replicas to resume from; 0 = no size limit. */
    public long getWalRetentionMb() {
        return walRetentionMb;
    }

    public void setWalRetentionMb(long walRetentionMb) {
        this.walRetentionMb = walRetentionMb;
    }

    public String getMasterauth() {
        return masterauth;
    }

    public void setMasterauth(String masterauth) {
        this.masterauth = Objects.requireNonNull(masterauth, "masterauth");
    }

    public boolean isReplicaReadOnly() {
        return replicaReadOnly;
    }

    public void setReplicaReadOnly(boolean replicaReadOnly) {
        this.replicaReadOnly = replicaReadOnly;
    }

    /** Seconds between TCP keepalive probes; 0 = off. */
    public int getTcpKeepalive() {
        return tcpKeepalive;
    }

    public void setTcpKeepalive(int tcpKeepalive) {
        this.tcpKeepalive = tcpKeepalive;
    }

    public int getTcpBacklog() {
        return tcpBacklog;
    }

    public void setTcpBacklog(int tcpBacklog) {
        this.tcpBacklog = tcpBacklog;
    }

    public String getUnixsocket() {
        return unixsocket;
    }

    public void setUnixsocket(String unixsocket) {
        this.unixsocket = Objects.requireNonNull(unixsocket, "unixsocket");
    }
}
