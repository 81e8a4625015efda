package io.diskdb.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.diskdb.util.Bytes;

/**
 * Decoded metadata (and inline string values) of hot keys in front of RocksDB, bounded in
 * bytes. Caffeine's W-TinyLFU admission keeps frequently used keys over one-off scans.
 *
 * <p>Entries are only written by a thread holding the key's stripe lock (see
 * {@link Transaction}), so a reader can never put a value older than a concurrent write.
 */
public final class HotCache {
    private static final int ENTRY_OVERHEAD = 48;
    private final Cache<Bytes, Metadata> cache;
    private final long maxBytes;

    public HotCache(long maxBytes) {
        this.maxBytes = maxBytes;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(Math.max(0, maxBytes))
                .weigher((Bytes key, Metadata meta) -> ENTRY_OVERHEAD + key.length() + meta.weight())
                .executor(Runnable::run)
                .recordStats()
                .build();
    }

    public Metadata get(Bytes metaKey) {
        return cache.getIfPresent(metaKey);
    }

    public void put(Bytes metaKey, Metadata meta) {
        cache.put(metaKey, meta);
    }

    public void invalidate(Bytes metaKey) {
        cache.invalidate(metaKey);
    }

    /** Drops every entry of one physical database. */
    public void invalidateDb(int physicalDb) {
        cache.asMap().keySet().removeIf(key -> KeyCodec.metaDb(key.array()) == physicalDb);
    }

    public void invalidateAll() {
        cache.invalidateAll();
    }

    public CacheStats stats() {
        return cache.stats();
    }

    public long weightedBytes() {
        return cache.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    }

    public long entries() {
        return cache.estimatedSize();
    }

    public long maxBytes() {
        return maxBytes;
    }
}
