package io.diskdb.types;

import io.diskdb.storage.ColumnFamily;
import io.diskdb.storage.DataType;
import io.diskdb.storage.KeyCodec;
import io.diskdb.storage.Metadata;
import io.diskdb.storage.Transaction;
import io.diskdb.util.Bytes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Sorted sets over storage (layout in {@link SortedSetKeys} and docs/storage-format.md): point
 * reads, range queries by rank, score and member, pops, random picks, scans and whole-set
 * replacement. Writes of single members go through {@link SortedSetWriter}. No RESP in here.
 *
 * <p>Range queries on members (BYLEX) follow Redis's small-set (listpack) algorithm exactly,
 * which also defines their result when members have different scores; when all scores are
 * equal (the documented use) they seek instead of walking.
 */
public final class SortedSets {
    /** Sets this small are read whole for random picks rather than probed. */
    private static final long READ_WHOLE_FOR_RANDOM = 256;

    private SortedSets() {
    }

    /** The sorted set at {@code key}, null if absent; WRONGTYPE for another type. */
    public static Metadata find(Transaction txn, int db, byte[] key) {
        return io.diskdb.types.Collections.find(txn, db, key, DataType.ZSET);
    }

    /** The member's score, null if it is not in the set: one point read. */
    public static Double score(Transaction txn, Metadata meta, byte[] member) {
        byte[] value = txn.get(ColumnFamily.ZSETS, KeyCodec.elementKey(meta.version(),
                SortedSetKeys.member(member)));
        return value == null ? null : ScoreCodec.get(value, 0);
    }

    /** Every element in Redis order. */
    public static List<ScoredMember> all(Transaction txn, Metadata meta) {
        return byRank(txn, meta, 0, meta.count() - 1, false);
    }

    /**
     * Elements {@code from..to} (inclusive, 0 ≤ from ≤ to &lt; count) counted in the requested
     * direction, walking from whichever end of the index is nearer.
     */
    public static List<ScoredMember> byRank(Transaction txn, Metadata meta, long from, long to, boolean reverse) {
        long size = to - from + 1;
        long fromOtherEnd = meta.count() - 1 - to;
        boolean walkBackwards = fromOtherEnd < from;
        List<ScoredMember> out = new ArrayList<>((int) Math.min(size, 1024));
        try (ScoreOrderCursor cursor = new ScoreOrderCursor(txn, meta, reverse ^ walkBackwards).first()) {
            cursor.skip(walkBackwards ? fromOtherEnd : from);
            for (long i = 0; i < size && cursor.valid(); i++, cursor.advance()) {
                out.add(cursor.entry());
            }
        }
        if (walkBackwards) {
            Collections.reverse(out);
        }
        return out;
    }

    /**
     * Visits the elements in {@code range}, in score order or reversed, after skipping
     * {@code offset} of them, at most {@code limit} (negative: all); a negative offset selects
     * nothing, as in Redis. Returns how many were visited.
     */
    public static long byScore(Transaction txn, Metadata meta, ScoreRange range, boolean reverse, long offset, long limit,
                               Consumer<ScoredMember> visitor) {
        if (range.isEmpty() || offset < 0) {
            return 0;
        }
        try (ScoreOrderCursor cursor = new ScoreOrderCursor(txn, meta, reverse)) {
            cursor.seekScore(reverse ? range.max() : range.min());
            while (cursor.valid() && !(reverse ? range.lteMax(cursor.entry().score()) : range.gteMin(cursor.entry().score()))) {
                cursor.advance(); // only entries equal to an exclusive end
            }
            if (!cursor.valid() || !range.contains(cursor.entry().score()) || !cursor.skip(offset)) {
                return 0;
            }
            long visited = 0;
            for (; cursor.valid() && visited != limit; cursor.advance()) {
                ScoredMember entry = cursor.entry();
                if (!(reverse ? range.gteMin(entry.score()) : range.lteMax(entry.score()))) {
                    break;
                }
                visitor.accept(entry);
                visited++;
            }
            return visited;
        }
    }

    /**
     * Visits the elements in the member range as Redis does for a small set: nothing unless
     * the last element is at or above min and the first at or below max; then from the first
     * element (in the walking direction) inside the near end, skip {@code offset}, and take
     * while inside the far end.
     */
    public static long byLex(Transaction txn, Metadata meta, LexRange range, boolean reverse, long offset, long limit,
                             Consumer<ScoredMember> visitor) {
        if (range.isEmpty() || offset < 0 || meta.count() == 0) {
            return 0;
        }
        ScoredMember lowest = edge(txn, meta, false);
        ScoredMember highest = edge(txn, meta, true);
        if (!range.gteMin(highest.member()) || !range.lteMax(lowest.member())) {
            return 0;
        }
        try (ScoreOrderCursor cursor = new ScoreOrderCursor(txn, meta, reverse)) {
            LexRange.Bound near = reverse ? range.max() : range.min();
            if (lowest.score() == highest.score() && near.infinity() == 0) {
                cursor.seek(lowest.score(), near.member()); // one score: the index is in member order
            } else {
                cursor.first();
            }
            while (cursor.valid() && !(reverse ? range.lteMax(cursor.entry().member()) : range.gteMin(cursor.entry().member()))) {
                cursor.advance();
            }
            if (!cursor.valid()) {
                return 0;
            }
            byte[] firstMember = cursor.entry().member();
            if (!(reverse ? range.gteMin(firstMember) : range.lteMax(firstMember)) || !cursor.skip(offset)) {
                return 0;
            }
            long visited = 0;
            for (; cursor.valid() && visited != limit; cursor.advance()) {
                ScoredMember entry = cursor.entry();
                if (!(reverse ? range.gteMin(entry.member()) : range.lteMax(entry.member()))) {
                    break;
                }
                visitor.accept(entry);
                visited++;
            }
            return visited;
        }
    }

    /** The lowest or highest element of a non-empty set. */
    private static ScoredMember edge(Transaction txn, Metadata meta, boolean highest) {
        try (ScoreOrderCursor cursor = new ScoreOrderCursor(txn, meta, highest).first()) {
            return cursor.entry();
        }
    }

    /**
     * The member's 0-based rank in score order (or reversed), null if absent. Counts the
     * elements before it: O(rank), where Redis's skiplist is O(log N).
     */
    public static Long rank(Transaction txn, Metadata meta, byte[] member, boolean reverse) {
        Double score = score(txn, meta, member);
        if (score == null) {
            return null;
        }
        byte[] target = SortedSetKeys.index(score, member);
        long before = 0;
        try (ScoreOrderCursor cursor = new ScoreOrderCursor(txn, meta, false).first()) {
            for (; cursor.valid() && Arrays.compareUnsigned(cursor.subKey(), target) < 0; cursor.advance()) {
                before++;
            }
        }
        return reverse ? meta.count() - 1 - before : before;
    }

    /** One ZSCAN reply: the cursor to continue from (0 when done) and the elements visited. */
    public record ScanPage(long cursor, List<ScoredMember> entries) {
    }

    /**
     * Visits about {@code count} member records from member position {@code cursor}: a stateless
     * cursor with SCAN's guarantees (see {@link ElementScan}).
     */
    public static ScanPage scan(Transaction txn, Metadata meta, long cursor, long count) {
        ElementScan.Page page = SortedSetKeys.MEMBERS.page(txn, ColumnFamily.ZSETS, meta.version(), cursor, count);
        List<ScoredMember> found = new ArrayList<>(page.elements().size());
        for (ElementScan.Element element : page.elements()) {
            found.add(new ScoredMember(element.name(), ScoreCodec.get(element.value(), 0)));
        }
        return new ScanPage(page.cursor(), found);
    }

    /**
     * {@code count} random elements: distinct ones (the whole set, in order, when count reaches
     * its size) or, when {@code distinct} is false, independent picks that may repeat.
     */
    public static List<ScoredMember> random(Transaction txn, Metadata meta, long count, boolean distinct) {
        long size = meta.count();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (distinct && count >= size) {
            return all(txn, meta);
        }
        if (size <= READ_WHOLE_FOR_RANDOM || (distinct && count * 2 > size)) {
            List<ScoredMember> members = all(txn, meta);
            List<ScoredMember> out = new ArrayList<>((int) Math.min(count, 1 << 16));
            if (distinct) {
                Collections.shuffle(members, random);
                return new ArrayList<>(members.subList(0, (int) count));
            }
            for (long i = 0; i < count; i++) {
                out.add(members.get(random.nextInt(members.size())));
            }
            return out;
        }
        // large set, few picks: probe random member positions
        Map<Bytes, ScoredMember> picked = new LinkedHashMap<>();
        List<ScoredMember> out = new ArrayList<>();
        try (ElementCursor it = new ElementCursor(txn, ColumnFamily.ZSETS, meta.version())) {
            while (distinct ? picked.size() < count : out.size() < count) {
                ScoredMember member = memberAtOrAfter(it, random.nextLong(Keys.CURSOR_LIMIT));
                if (distinct) {
                    picked.putIfAbsent(new Bytes(member.member()), member);
                } else {
                    out.add(member);
                }
            }
        }
        return distinct ? new ArrayList<>(picked.values()) : out;
    }

    /** The member record at or after a position, wrapping around to the first one. */
    private static ScoredMember memberAtOrAfter(ElementCursor it, long position) {
        it.seek(SortedSetKeys.memberSeek(position));
        if (!it.valid() || !SortedSetKeys.isMember(it.subKey())) {
            it.seek(SortedSetKeys.memberSeek(0));
        }
        return new ScoredMember(SortedSetKeys.memberOf(it.subKey()), ScoreCodec.get(it.value(), 0));
    }

    /**
     * Removes and returns up to {@code count} of the lowest (or highest) elements of the sorted
     * set at {@code key}, lowest (highest) first; the key goes when emptied. Empty if the key is
     * absent; WRONGTYPE if it is not a sorted set. Shared by ZPOPMIN/ZPOPMAX, ZMPOP and their
     * blocking forms.
     */
    public static List<ScoredMember> pop(Transaction txn, int db, byte[] key, boolean highest, long count) {
        Metadata meta = find(txn, db, key);
        if (meta == null || count <= 0) {
            return List.of();
        }
        List<ScoredMember> popped = byRank(txn, meta, 0, Math.min(count, meta.count()) - 1, highest);
        SortedSetWriter writer = SortedSetWriter.of(txn, db, key, meta);
        for (ScoredMember entry : popped) {
            writer.remove(entry);
        }
        writer.save();
        return popped;
    }

    /**
     * Makes {@code key} a new sorted set of {@code entries} (distinct members), whatever it held
     * before and without its TTL, as the *STORE commands do; deletes it if there are none.
     */
    public static void replace(Transaction txn, int db, byte[] key, List<ScoredMember> entries) {
        if (entries.isEmpty()) {
            txn.deleteKey(db, key);
            return;
        }
        Metadata meta = Metadata.collection(DataType.ZSET, txn.newVersion(), 0, 0, null);
        SortedSetWriter writer = SortedSetWriter.of(txn, db, key, meta);
        for (ScoredMember entry : entries) {
            writer.insertNew(entry.member(), entry.score());
        }
        writer.save();
    }
}
