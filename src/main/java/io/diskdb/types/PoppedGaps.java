package io.diskdb.types;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Ranges of member positions that SPOP found empty in a set, so that its later random seeks
 * jump over them instead of stepping through the tombstones of the members it popped. RocksDB
 * keeps each popped member as a tombstone until compaction, and a seek walks every tombstone
 * between its target and the next live member: without these ranges, draining a set costs
 * more per SPOP the more it has popped (a quadratic drain).
 *
 * <p>The ranges are a hint, trusted only while SPOP alone changes the set: they carry the
 * member count they describe, and a set whose count differs (SADD, SREM, SMOVE... changed it)
 * starts afresh. A hint that is wrong all the same (a member added and another removed in
 * between, two members sharing a position) can only keep a member from being picked while
 * others remain, never make SPOP miss the set: a walk that finds nothing falls back to a
 * plain walk (see {@link Sets#popOne}). Each server keeps its sets' gaps in its {@link SetPopHints}.
 */
final class PoppedGaps {
    /** Positions are 32 bits: a range ending here reaches the end of the set. */
    static final long END = 1L << 32;
    /** Beyond this many separate ranges a set stops collecting them (bounded memory). */
    private static final int MAX_RANGES = 1 << 16;
    /** start -> end (exclusive); disjoint and never touching, so one lookup finds a position's range. */
    private final TreeMap<Long, Long> ranges = new TreeMap<>();
    private long count;

    PoppedGaps(long count) {
        this.count = count;
    }

    synchronized boolean describes(long members) {
        return count == members;
    }

    /** The first position at or after {@code position} outside every known gap ({@link #END} if none). */
    synchronized long skip(long position) {
        Map.Entry<Long, Long> range = ranges.floorEntry(position);
        return range != null && range.getValue() > position ? range.getValue() : position;
    }

    /** Records that positions {@code [from, to)} hold no member. */
    synchronized void add(long from, long to) {
        if (from >= to) {
            return;
        }
        Map.Entry<Long, Long> before = ranges.floorEntry(from);
        if (before != null && before.getValue() >= from) {
            from = before.getKey();
            to = Math.max(to, before.getValue());
        }
        Iterator<Map.Entry<Long, Long>> after = ranges.tailMap(from, true).entrySet().iterator();
        while (after.hasNext()) {
            Map.Entry<Long, Long> next = after.next();
            if (next.getKey() > to) {
                break;
            }
            to = Math.max(to, next.getValue());
            after.remove();
        }
        if (ranges.size() < MAX_RANGES) {
            ranges.put(from, to);
        }
    }

    /** Forgets every range (they proved wrong). */
    synchronized void clear() {
        ranges.clear();
    }

    /** The set now has {@code members} members, all changes since being recorded here. */
    synchronized void popped(long members) {
        count = members;
    }
}
