package io.diskdb.storage;

import io.diskdb.util.Bytes;
import org.rocksdb.RocksIterator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The elements of hot lists, kept in the {@link HotCache} by page: 64 consecutive positions of one
 * list version, an element or null (no record) per position. Reading a range from RocksDB costs
 * an iterator step per element through JNI, several times what Redis spends on the element;
 * repeated LRANGEs of the same lists (timelines, recent items, work queues looked at) are then
 * served from memory. A page holds exactly the records of its positions as committed, so it is
 * also good for point reads (LINDEX, the element a pop returns).
 *
 * <p>Pages are kept current rather than dropped: a commit writes each changed element into the
 * cached page of its position (see {@link StagedListWrites}), so a queue's head page survives its
 * pops and a timeline's its pushes. Range deletes drop the pages they cover. A deleted or replaced
 * list needs nothing: its version is never used again, and its pages age out.
 *
 * <p>Coherence rests on the key locks, as for the rest of the cache: a page is filled or
 * changed only by a command holding the list's key lock. A replica applies its master's records
 * without knowing which list key they belong to, so the pages are off while this database
 * follows a master and start empty when it stops.
 */
public final class ListPages {
    static final int SHIFT = 6;
    static final int SIZE = 1 << SHIFT;
    /** Smaller ranges with a page missing are read directly: filling 64 positions for 10 costs more than it saves once. */
    private static final int FILL_MIN_ELEMENTS = 32;
    /** Larger ranges stream from RocksDB: one long read should not push hot entries out of the cache. */
    private static final int MAX_PAGED_ELEMENTS = 1024;
    /** Heap of a cached page besides its elements: key, Caffeine node, the array of 64 references. */
    private static final int PAGE_OVERHEAD = 120 + 16 + 4 * SIZE;
    /** Heap of one element besides its bytes: the array header and alignment. */
    private static final int ELEMENT_OVERHEAD = 24;

    /** One page: positions {@code number << SHIFT} .. {@code + SIZE - 1} of the list stored under {@code version}. */
    record PageKey(long version, long number) {
    }

    /** Marks, while applying writes, a page that is not cached (and stays so). */
    private static final byte[][] NOT_CACHED = new byte[0][];

    private final HotCache cache;
    private final Engine engine;
    private volatile boolean enabled;

    ListPages(HotCache cache, Engine engine) {
        this.cache = cache;
        this.engine = engine;
        this.enabled = cache.maxBytes() > 0;
    }

    /** Turns the pages off (this database became a replica) or on (it stopped being one), empty either way. */
    void enable(boolean on) {
        enabled = false;
        cache.invalidateListPages(page -> true);
        enabled = on && cache.maxBytes() > 0;
    }

    static int weight(byte[][] page) {
        int weight = PAGE_OVERHEAD;
        for (byte[] element : page) {
            if (element != null) {
                weight += ELEMENT_OVERHEAD + element.length;
            }
        }
        return weight;
    }

    private static PageKey pageOf(long version, long position) {
        return new PageKey(version, position >>> SHIFT);
    }

    /** The element at {@code position} if its page is cached, else null. */
    byte[] cachedElement(long version, long position) {
        if (!enabled) {
            return null;
        }
        byte[][] page = cache.listPage(pageOf(version, position));
        return page == null ? null : page[(int) (position & (SIZE - 1))];
    }

    /**
     * The elements at positions {@code from..to} (inclusive, within {@code head..tail-1}) of the
     * list whose records are all committed, from cached pages, filling the missing ones; null when
     * the range is better read directly (small with pages missing, or large) or a record is not
     * where the positions say.
     */
    List<byte[]> range(long version, long head, long tail, long from, long to) {
        long count = to - from + 1;
        if (!enabled || count > MAX_PAGED_ELEMENTS) {
            return null;
        }
        long firstPage = from >>> SHIFT;
        byte[][][] pages = new byte[(int) ((to >>> SHIFT) - firstPage + 1)][][];
        boolean missing = false;
        for (int i = 0; i < pages.length; i++) {
            pages[i] = cache.listPage(new PageKey(version, firstPage + i));
            missing |= pages[i] == null;
        }
        if (missing && (count < FILL_MIN_ELEMENTS || !fill(version, head, tail, firstPage, pages))) {
            return null;
        }
        List<byte[]> out = new ArrayList<>((int) count);
        for (long position = from; position != to + 1; position++) {
            byte[] element = pages[(int) ((position >>> SHIFT) - firstPage)][(int) (position & (SIZE - 1))];
            if (element == null) {
                return null;
            }
            out.add(element);
        }
        return out;
    }

    /** Reads and caches the missing pages; false if the records are not where head and tail say. */
    private boolean fill(long version, long head, long tail, long firstPage, byte[][][] pages) {
        try (RocksIterator it = engine.db().newIterator(engine.handle(ColumnFamily.LISTS), engine.readOptions())) {
            for (int i = 0; i < pages.length; i++) {
                if (pages[i] == null) {
                    long number = firstPage + i;
                    pages[i] = read(it, version, head, tail, number);
                    if (pages[i] == null) {
                        return false;
                    }
                    cache.putListPage(new PageKey(version, number), pages[i]);
                }
            }
        }
        return true;
    }

    /** One page from RocksDB: the list's live positions in it are consecutive records. */
    private static byte[][] read(RocksIterator it, long version, long head, long tail, long number) {
        long pageStart = number << SHIFT;
        long from = Long.compareUnsigned(head, pageStart) > 0 ? head : pageStart;
        long end = Long.compareUnsigned(tail, pageStart + SIZE) < 0 ? tail : pageStart + SIZE;
        byte[][] page = new byte[SIZE][];
        if (Long.compareUnsigned(from, end) >= 0) {
            return page;
        }
        it.seek(KeyCodec.listElementKey(version, from));
        for (long position = from; ; position++) {
            if (!it.isValid()) {
                return null;
            }
            page[(int) (position - pageStart)] = it.value();
            if (position + 1 == end) {
                break;
            }
            it.next();
        }
        // the values were read without their keys (a JNI crossing each); the last key proves them
        return Arrays.equals(it.key(), KeyCodec.listElementKey(version, end - 1)) ? page : null;
    }

    /**
     * Committed writes of list element records (key to value, null = deleted): each cached page
     * they fall in takes the new values, or is dropped when {@code valuesUncertain}.
     */
    void written(Map<Bytes, byte[]> records, boolean valuesUncertain) {
        Map<PageKey, byte[][]> changed = new HashMap<>();
        for (Map.Entry<Bytes, byte[]> record : records.entrySet()) {
            byte[] key = record.getKey().array();
            long position = KeyCodec.getLong(key, 8);
            PageKey pageKey = pageOf(KeyCodec.getLong(key, 0), position);
            if (valuesUncertain) {
                cache.invalidateListPage(pageKey);
                continue;
            }
            // a new array per page, not a change in place: the cache weighs an entry when it is put
            byte[][] page = changed.computeIfAbsent(pageKey, k -> {
                byte[][] cached = cache.listPage(k);
                return cached == null ? NOT_CACHED : cached.clone();
            });
            if (page != NOT_CACHED) {
                page[(int) (position & (SIZE - 1))] = record.getValue();
            }
        }
        changed.forEach((pageKey, page) -> {
            if (page != NOT_CACHED) {
                cache.putListPage(pageKey, page);
            }
        });
    }

    /** A committed range delete of list element keys {@code [from, to)} of one version: its pages are dropped. */
    void rangeDeleted(byte[] from, byte[] to) {
        long version = KeyCodec.getLong(from, 0);
        long firstPage = KeyCodec.getLong(from, 8) >>> SHIFT;
        long lastPage = (KeyCodec.getLong(to, 8) - 1) >>> SHIFT;
        long pages = lastPage - firstPage + 1;
        if (pages > cache.entries()) {
            cache.invalidateListPages(page -> page.version() == version);
            return;
        }
        for (long number = firstPage; number <= lastPage; number++) {
            cache.invalidateListPage(new PageKey(version, number));
        }
    }
}
