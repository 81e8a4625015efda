package io.diskdb.storage;

/**
 * How much write-ahead log RocksDB keeps (in its archive directory) after the data it holds has
 * been flushed to data files. Replicas resume from it by sequence number: a replica that comes
 * back while the WAL from its position is still kept catches up without a full sync.
 * RocksDB deletes an archived file once it is older than {@code seconds}, or, oldest first, while
 * the archive is larger than {@code megabytes}; 0 switches that limit off, both 0 keep nothing.
 */
public record WalRetention(long seconds, long megabytes) {
    public static final WalRetention DEFAULT = new WalRetention(3600, 1024);
}
