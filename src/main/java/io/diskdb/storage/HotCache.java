package io.diskdb.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.diskdb.util.Bytes;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Decoded metadata (and inline string values) of hot keys in front of RocksDB, bounded in
 * bytes. Caffeine's W-TinyLFU admission keeps frequently used keys over one-off scans.
 *
 * <p>The cache also remembers when each entry was last read or written, which answers OBJECT
 * IDLETIME for hot keys at no extra bookkeeping: Caffeine tracks access times once an
 * access expiry is set, and the one set here is too long to ever fire.
 *
 * <p>The cache also remembers keys that do not exist ({@link #ABSENT}): a lookup of a missing
 * key would otherwise search the memtable and every level's filter each time, costing more than a
 * hit, and reads of missing keys are common (cache-aside lookups, existence checks, SET NX).
 *
 * <p>It also holds pages of hot lists' elements ({@link ListPages}): one budget and one admission
 * policy for everything kept in memory, so a hot list page and a hot key compete on how often
 * they are used rather than on a fixed split of the memory.
 *
 * <p>Entries are only written by a thread holding the key's stripe lock (see
 * {@link Transaction}), so a reader can never put a value older than a concurrent write.
 */
public final class HotCache {
    /**
     * Heap per entry besides the key bytes and {@link Metadata#weight()}: Caffeine's node, the
     * hash table slot, the key wrapper and the array headers. Calibrated by measuring the heap
     * after a full GC with 1,000,000 cached 16-byte keys holding 14-byte strings (JDK 17,
     * compressed oops): 234 bytes per entry (docs/benchmarks.md, memory per key), so that
     * cache.max_memory bounds the real heap the cache takes rather than two thirds of it.
     */
    private static final int ENTRY_OVERHEAD = 134;
    private static final Duration NEVER = Duration.ofDays(365L * 100);
    /** The entry of a key known not to exist; compared by identity, never decoded or written. */
    public static final Metadata ABSENT = Metadata.inlineString(new byte[0], 0);
    /** Keys are meta keys ({@link Bytes}, values {@link Metadata}) or {@link ListPages.PageKey} (values element arrays). */
    private final Cache<Object, Object> cache;
    private final long maxBytes;

    public HotCache(long maxBytes) {
        this.maxBytes = maxBytes;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(Math.max(0, maxBytes))
                .weigher(HotCache::weight)
                .expireAfterAccess(NEVER)
                .executor(Runnable::run)
                .recordStats()
                .build();
    }

    private static int weight(Object key, Object value) {
        if (value instanceof Metadata meta) {
            return ENTRY_OVERHEAD + ((Bytes) key).length() + meta.weight();
        }
        return ListPages.weight((byte[][]) value);
    }

    /** The key's metadata, {@link #ABSENT} if the key is known not to exist, null if not cached. */
    public Metadata get(Bytes metaKey) {
        return (Metadata) cache.getIfPresent(metaKey);
    }

    /** Caches what a lock holder knows of the key: its metadata, or null for a key that does not exist. */
    public void put(Bytes metaKey, Metadata meta) {
        cache.put(metaKey, meta == null ? ABSENT : meta);
    }

    /** Milliseconds since the entry was last read or written, if it is cached; does not count as an access. */
    public OptionalLong idleMillis(Bytes metaKey) {
        return cache.policy().expireAfterAccess()
                .map(expiry -> expiry.ageOf(metaKey, TimeUnit.MILLISECONDS))
                .orElse(OptionalLong.empty());
    }

    public void invalidate(Bytes metaKey) {
        cache.invalidate(metaKey);
    }

    /** Drops every key of one physical database (list pages are of versions nothing refers to any more). */
    public void invalidateDb(int physicalDb) {
        cache.asMap().keySet().removeIf(key -> key instanceof Bytes metaKey && KeyCodec.metaDb(metaKey.array()) == physicalDb);
    }

    byte[][] listPage(ListPages.PageKey page) {
        return (byte[][]) cache.getIfPresent(page);
    }

    void putListPage(ListPages.PageKey page, byte[][] elements) {
        cache.put(page, elements);
    }

    void invalidateListPage(ListPages.PageKey page) {
        cache.invalidate(page);
    }

    /** Drops the list pages matching {@code which}: a walk over every entry. */
    void invalidateListPages(Predicate<ListPages.PageKey> which) {
        cache.asMap().keySet().removeIf(key -> key instanceof ListPages.PageKey page && which.test(page));
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
