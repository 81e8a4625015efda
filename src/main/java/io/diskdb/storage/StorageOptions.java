package io.diskdb.storage;

import java.nio.file.Path;

/**
 * What the storage engine needs from the configuration.
 *
 * @param compression one of none, snappy, lz4, zstd
 * @param maxWalBytes WAL size that triggers flushing the memtables it holds
 * @param walRecovery what opening does with a damaged WAL: tolerate_corrupted_tail_records,
 *                    absolute_consistency, point_in_time or skip_any_corrupted_records
 * @param writeBufferBytes memtable size per column family before it is flushed to an SST file
 * @param blockCacheBytes RocksDB's block cache, shared by every column family
 * @param maxBackgroundJobs RocksDB's flush and compaction threads
 * @param walRetention how long and how much WAL is kept after it is no longer needed for
 *                     recovery, so that replicas can resume from it
 */
public record StorageOptions(Path dir, boolean walEnabled, Durability durability, long syncIntervalMillis,
                             String compression, long maxWalBytes, long cacheBytes, String walRecovery,
                             long writeBufferBytes, long blockCacheBytes, int maxBackgroundJobs,
                             WalRetention walRetention) {
    public static StorageOptions defaults(Path dir) {
        return new StorageOptions(dir, true, Durability.EVERYSEC, 1000, "lz4", 100L << 20, 256L << 20,
                "point_in_time", 64L << 20, 128L << 20, 2, WalRetention.DEFAULT);
    }

    public StorageOptions withWalRecovery(String mode) {
        return new StorageOptions(dir, walEnabled, durability, syncIntervalMillis, compression, maxWalBytes, cacheBytes,
                mode, writeBufferBytes, blockCacheBytes, maxBackgroundJobs, walRetention);
    }
}
