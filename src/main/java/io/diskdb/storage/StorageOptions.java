package io.diskdb.storage;

import java.nio.file.Path;

/**
 * What the storage engine needs from the configuration.
 *
 * @param compression one of none, snappy, lz4, zstd
 * @param maxWalBytes WAL size that triggers flushing the memtables it holds
 * @param walRecovery what opening does with a damaged WAL: tolerate_corrupted_tail_records,
 *                    absolute_consistency, point_in_time or skip_any_corrupted_records
 */
public record StorageOptions(Path dir, boolean walEnabled, Durability durability, long syncIntervalMillis,
                             String compression, long maxWalBytes, long cacheBytes, String walRecovery) {
    public static StorageOptions defaults(Path dir) {
        return new StorageOptions(dir, true, Durability.EVERYSEC, 1000, "lz4", 100L << 20, 256L << 20,
                "point_in_time");
    }

    public StorageOptions withWalRecovery(String mode) {
        return new StorageOptions(dir, walEnabled, durability, syncIntervalMillis, compression, maxWalBytes, cacheBytes,
                mode);
    }
}
