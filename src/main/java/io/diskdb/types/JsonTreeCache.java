package io.diskdb.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;


/**
 * Parsed JSON documents of one server, keyed by the version their text was stored under.
 *
 * <p>Every change to a document is written under a NEW version, so an entry can never be stale:
 * a tree cached for an old version is simply never asked for again and ages out. A writer takes
 * the tree out of the cache before changing it in place, so a command that fails half-way
 * leaves no changed tree behind under the old version. Bounded by an estimate of heap use.
 */
public final class JsonTreeCache {
    /** Heap held by a parsed tree, per byte of its compact text (Jackson nodes are objects). */
    private static final int HEAP_PER_TEXT_BYTE = 4;

    private final Cache<Long, Entry> trees;

    private record Entry(JsonNode root, int weight) {
    }

    private JsonTreeCache(long maxWeight) {
        trees = Caffeine.newBuilder()
                .maximumWeight(maxWeight)
                .weigher((Long version, Entry entry) -> entry.weight())
                .build();
    }

    /**
     * A cache bounded to an eighth of the heap, at most 256 MB. Each server owns one: versions are
     * only unique within one database, so servers in one JVM (tests) must not share.
     */
    public static JsonTreeCache sizedForHeap() {
        return new JsonTreeCache(Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 8));
    }

    /**
     * Forgets every tree: after the whole data was replaced (full sync), versions of the new data
     * may equal versions of old documents.
     */
    public void clear() {
        trees.invalidateAll();
    }

    /** A tree to read (never change): cached, or null. */
    JsonNode peek(long version) {
        Entry entry = trees.getIfPresent(version);
        return entry == null ? null : entry.root();
    }

    /** A tree to change in place: removed from the cache, or null. */
    JsonNode take(long version) {
        Entry entry = trees.asMap().remove(version);
        return entry == null ? null : entry.root();
    }

    void put(long version, JsonNode root, long textLength) {
        long weight = Math.min(Integer.MAX_VALUE, textLength * HEAP_PER_TEXT_BYTE + 64);
        trees.put(version, new Entry(root, (int) weight));
    }
}
