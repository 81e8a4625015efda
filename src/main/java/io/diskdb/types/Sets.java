package io.diskdb.types;

import io.diskdb.command.Numbers;
import io.diskdb.storage.ColumnFamily;
import io.diskdb.storage.DataType;
import io.diskdb.storage.KeyCodec;
import io.diskdb.storage.Metadata;
import io.diskdb.storage.Transaction;
import io.diskdb.util.Bytes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Sets over storage. Each member is one record in the {@code sets} family,
 * {@code [version][position u32][member] -> empty}, position = KeyHash.elementPosition(member);
 * the metadata holds the member count (SCARD) and, in its one extra byte, the encoding Redis
 * 7.0 would have given the set (OBJECT ENCODING, and the order Redis replies in). No RESP here.
 *
 * <p>Redis keeps a set as an intset while every member is an integer (string2ll) and it has at
 * most set-max-intset-entries members, and never converts back: a set is created as an intset
 * when its first member is an integer, and becomes a hashtable for good when a non-integer
 * member is added or it grows past the limit. An intset iterates in ascending numeric order,
 * which clients see in SMEMBERS, SSCAN, SUNION...; DiskDB replies in that order too when Redis
 * would have an intset, and in hash order otherwise (where Redis's order is its hash order).
 */
public final class Sets {
    private static final byte INTSET = 0;
    private static final byte HASHTABLE = 1;
    private static final byte[] EMPTY = new byte[0];
    private static final ColumnFamily FAMILY = ColumnFamily.SETS;
    private static final Comparator<byte[]> NUMERIC = Comparator.comparingLong(member -> Numbers.parseLong(member));

    private Sets() {
    }

    /** The set at {@code key}, null if missing; WRONGTYPE for another type. */
    public static Metadata find(Transaction txn, int db, byte[] key) {
        return Collections.find(txn, db, key, DataType.SET);
    }

    public static boolean contains(Transaction txn, Metadata set, byte[] member) {
        return set != null && txn.get(FAMILY, elementKey(set.version(), member)) != null;
    }

    /** SADD: adds the members not yet present, creating the set if needed; returns how many were added. */
    public static long add(Transaction txn, int db, byte[] key, List<byte[]> members, long maxIntsetEntries) {
        Metadata set = find(txn, db, key);
        if (set == null) {
            set = Metadata.collection(DataType.SET, txn.newVersion(), 0, 0, encodingFor(members.get(0)));
        }
        byte encoding = encoding(set);
        long count = set.count();
        long added = 0;
        for (byte[] member : members) {
            byte[] elementKey = elementKey(set.version(), member);
            if (txn.get(FAMILY, elementKey) == null) {
                txn.put(FAMILY, elementKey, EMPTY);
                added++;
                count++;
                encoding = afterAdding(encoding, member, count, maxIntsetEntries);
            }
        }
        if (added > 0) {
            txn.putMeta(db, key, set.withCountAndExtra(count, new byte[]{encoding}));
        }
        return added;
    }

    /** SREM: removes the members present; deletes the set when it empties; returns how many were removed. */
    public static long remove(Transaction txn, int db, byte[] key, Metadata set, List<byte[]> members) {
        long removed = 0;
        for (byte[] member : members) {
            byte[] elementKey = elementKey(set.version(), member);
            if (txn.get(FAMILY, elementKey) != null) {
                txn.delete(FAMILY, elementKey);
                removed++;
            }
        }
        if (removed > 0) {
            Collections.save(txn, db, key, set.withCount(set.count() - removed));
        }
        return removed;
    }

    /**
     * Removes members just read from the set (SPOP's picks): they are known to be there, so
     * unlike {@link #remove} no point read checks each one first.
     */
    private static void removeMembersPresent(Transaction txn, int db, byte[] key, Metadata set, List<byte[]> members) {
        for (byte[] member : members) {
            txn.delete(FAMILY, elementKey(set.version(), member));
        }
        Collections.save(txn, db, key, set.withCount(set.count() - members.size()));
    }

    /** Every member, in the order Redis would iterate the set. */
    public static List<byte[]> members(Transaction txn, Metadata set) {
        List<byte[]> members = new ArrayList<>((int) Math.min(set.count(), 1 << 16));
        try (ElementCursor it = new ElementCursor(txn, FAMILY, set.version())) {
            for (it.seekToFirst(); it.valid(); it.next()) {
                members.add(member(it.subKey()));
            }
        }
        if (encoding(set) == INTSET) {
            members.sort(NUMERIC);
        }
        return members;
    }

    /** One SSCAN page: cursor 0 when done. An intset is returned whole at once, as Redis does. */
    public static ElementScanResult scan(Transaction txn, Metadata set, long cursor, long count) {
        if (encoding(set) == INTSET) {
            return new ElementScanResult(0, members(txn, set));
        }
        ElementScan.Page page = ElementScan.UNTAGGED.page(txn, FAMILY, set.version(), cursor, count);
        List<byte[]> members = new ArrayList<>(page.elements().size());
        for (ElementScan.Element element : page.elements()) {
            members.add(element.name());
        }
        return new ElementScanResult(page.cursor(), members);
    }

    public record ElementScanResult(long cursor, List<byte[]> members) {
    }

    /**
     * Up to {@code count} distinct members picked at random (SRANDMEMBER with a positive count,
     * SPOP with a count): the whole set when it has no more than {@code count} members.
     */
    public static List<byte[]> randomDistinct(Transaction txn, Metadata set, long count) {
        if (count >= set.count()) {
            return members(txn, set);
        }
        Random random = ThreadLocalRandom.current();
        if (count * 3 > set.count()) {
            // most of the set is wanted anyway: a uniform sample of all members is cheaper than seeks
            List<byte[]> all = members(txn, set);
            java.util.Collections.shuffle(all, random);
            return new ArrayList<>(all.subList(0, (int) count));
        }
        Set<Bytes> chosen = new LinkedHashSet<>();
        try (ElementCursor it = new ElementCursor(txn, FAMILY, set.version())) {
            while (chosen.size() < count) {
                seekRandom(it, random);
                // a member already chosen gives way to the next one after it (count < size, so one exists)
                while (!chosen.add(new Bytes(member(it.subKey())))) {
                    it.next();
                    if (!it.valid()) {
                        it.seekToFirst();
                    }
                }
            }
        }
        return unwrap(chosen);
    }

    /** Exactly {@code count} members picked at random, repeats allowed (SRANDMEMBER with a negative count). */
    public static List<byte[]> randomWithRepeats(Transaction txn, Metadata set, int count) {
        Random random = ThreadLocalRandom.current();
        List<byte[]> picks = new ArrayList<>(count);
        if (set.count() <= count) {
            // a small set is cheaper (and exactly uniform) to sample in memory
            List<byte[]> all = members(txn, set);
            for (int i = 0; i < count; i++) {
                picks.add(all.get(random.nextInt(all.size())));
            }
            return picks;
        }
        try (ElementCursor it = new ElementCursor(txn, FAMILY, set.version())) {
            for (int i = 0; i < count; i++) {
                seekRandom(it, random);
                picks.add(member(it.subKey()));
            }
        }
        return picks;
    }

    /** A random member, or null if the set is missing. */
    public static byte[] randomMember(Transaction txn, Metadata set) {
        if (set == null) {
            return null;
        }
        try (ElementCursor it = new ElementCursor(txn, FAMILY, set.version())) {
            seekRandom(it, ThreadLocalRandom.current());
            return member(it.subKey());
        }
    }

    /**
     * SPOP without count: removes and returns a random member, the first at or after a random
     * position as {@link #randomMember} picks it, but seeking past the ranges earlier pops found
     * empty ({@link PoppedGaps}) so that the tombstones they left are not walked again.
     */
    public static byte[] popOne(Transaction txn, int db, byte[] key, Metadata set, SetPopHints hints) {
        PoppedGaps gaps = hints.gapsOf(set);
        long target = ThreadLocalRandom.current().nextInt() & 0xffffffffL;
        byte[] subKey;
        try (ElementCursor it = new ElementCursor(txn, FAMILY, set.version())) {
            if (!seekOutsideGaps(it, gaps, target)) {
                gaps.add(target, PoppedGaps.END); // nothing from the target on: wrap to the start
                target = 0;
                if (!seekOutsideGaps(it, gaps, target)) {
                    gaps.clear(); // the gaps hid every member, so they were wrong: walk plainly
                    it.seekToFirst();
                    if (!it.valid()) {
                        throw new IllegalStateException("set of " + set.count() + " members has none stored");
                    }
                }
            }
            subKey = it.subKey();
        }
        gaps.add(target, ElementScan.UNTAGGED.position(subKey) + 1);
        byte[] member = member(subKey);
        removeMembersPresent(txn, db, key, set, List.of(member));
        gaps.popped(set.count() - 1);
        return member;
    }

    /** Seeks to the first member at or after {@code target} that no known gap covers; false if none. */
    private static boolean seekOutsideGaps(ElementCursor it, PoppedGaps gaps, long target) {
        long from = gaps.skip(target);
        if (from >= PoppedGaps.END) {
            return false;
        }
        it.seek(ElementScan.UNTAGGED.seekKey(from));
        return it.valid();
    }

    /** SPOP with a count: removes and returns up to {@code count} distinct random members. */
    public static List<byte[]> pop(Transaction txn, int db, byte[] key, Metadata set, long count, long maxIntsetEntries) {
        if (count >= set.count()) {
            // Redis replies with a union of the set alone, hence the result order
            List<byte[]> all = members(txn, set);
            txn.deleteKey(db, key); // one range delete instead of a delete per member
            return inResultOrder(all, maxIntsetEntries);
        }
        List<byte[]> popped = randomDistinct(txn, set, count);
        removeMembersPresent(txn, db, key, set, popped);
        return popped;
    }

    /**
     * Calls {@code sink} with the members every set holds (SINTER), stopping after {@code limit}
     * of them when {@code limit} is positive; returns how many it found. Walks the smallest set
     * and point-reads the others, as Redis does; {@code sets} must all exist.
     */
    public static long intersect(Transaction txn, List<Metadata> sets, long limit, Consumer<byte[]> sink) {
        List<Metadata> bySize = new ArrayList<>(sets);
        bySize.sort(Comparator.comparingLong(Metadata::count));
        Metadata smallest = bySize.get(0);
        List<Metadata> others = bySize.subList(1, bySize.size());
        long[] found = {0};
        forEachMember(txn, smallest, member -> {
            if (allContain(txn, others, member)) {
                sink.accept(member);
                found[0]++;
            }
            return limit == 0 || found[0] < limit;
        });
        return found[0];
    }

    /**
     * Visits the members in Redis's order until {@code visitor} returns false. A hashtable is
     * streamed (SINTERCARD's LIMIT stops the walk); an intset is small and sorted first.
     */
    private static void forEachMember(Transaction txn, Metadata set, Predicate<byte[]> visitor) {
        if (encoding(set) == INTSET) {
            for (byte[] member : members(txn, set)) {
                if (!visitor.test(member)) {
                    return;
                }
            }
            return;
        }
        try (ElementCursor it = new ElementCursor(txn, FAMILY, set.version())) {
            for (it.seekToFirst(); it.valid(); it.next()) {
                if (!visitor.test(member(it.subKey()))) {
                    return;
                }
            }
        }
    }

    private static boolean allContain(Transaction txn, List<Metadata> sets, byte[] member) {
        for (Metadata set : sets) {
            if (!contains(txn, set, member)) {
                return false;
            }
        }
        return true;
    }

    /** SUNION: the members of any of the sets (null entries are missing keys), in Redis's order. */
    public static List<byte[]> union(Transaction txn, List<Metadata> sets, long maxIntsetEntries) {
        Set<Bytes> result = new LinkedHashSet<>();
        for (Metadata set : sets) {
            if (set != null) {
                for (byte[] member : members(txn, set)) {
                    result.add(new Bytes(member));
                }
            }
        }
        return inResultOrder(unwrap(result), maxIntsetEntries);
    }

    /** SDIFF: the members of the first set that no other set holds (null entries are missing keys). */
    public static List<byte[]> difference(Transaction txn, List<Metadata> sets, long maxIntsetEntries) {
        Metadata first = sets.get(0);
        Set<Bytes> result = new LinkedHashSet<>();
        if (first == null) {
            return List.of();
        }
        List<Metadata> others = sets.subList(1, sets.size()).stream().filter(java.util.Objects::nonNull).toList();
        for (Metadata other : others) {
            if (other.version() == first.version()) {
                return List.of(); // a set minus itself, whatever else
            }
        }
        for (byte[] member : members(txn, first)) {
            if (others.stream().noneMatch(other -> contains(txn, other, member))) {
                result.add(new Bytes(member));
            }
        }
        return inResultOrder(unwrap(result), maxIntsetEntries);
    }

    /**
     * The *STORE commands: replaces whatever {@code key} held (TTL included) with a new set of
     * {@code members}, or deletes it when there are none. Returns the new set's size.
     */
    public static long store(Transaction txn, int db, byte[] key, Collection<byte[]> members, long maxIntsetEntries) {
        if (members.isEmpty()) {
            txn.deleteKey(db, key);
            return 0;
        }
        long version = txn.newVersion();
        for (byte[] member : members) {
            txn.put(FAMILY, elementKey(version, member), EMPTY);
        }
        byte encoding = allIntegers(members) && members.size() <= maxIntsetEntries ? INTSET : HASHTABLE;
        txn.putMeta(db, key, Metadata.collection(DataType.SET, version, members.size(), 0, new byte[]{encoding}));
        return members.size();
    }

    /**
     * SMOVE's second half: adds {@code member} to the set at {@code key} (created if missing).
     * Returns whether it was added.
     */
    public static boolean addOne(Transaction txn, int db, byte[] key, byte[] member, long maxIntsetEntries) {
        return add(txn, db, key, List.of(member), maxIntsetEntries) == 1;
    }

    /** OBJECT ENCODING of a set: what Redis 7.0 would report for the same history of writes. */
    public static String encodingName(Metadata set) {
        return encoding(set) == INTSET ? "intset" : "hashtable";
    }

    /**
     * A result set's members in the order Redis replies them: SUNION/SDIFF build a new set that
     * starts as an intset, so an all-integer result that fits one comes out in numeric order.
     */
    private static List<byte[]> inResultOrder(Collection<byte[]> result, long maxIntsetEntries) {
        List<byte[]> members = new ArrayList<>(result);
        if (members.size() <= maxIntsetEntries && allIntegers(members)) {
            members.sort(NUMERIC);
        }
        return members;
    }

    private static List<byte[]> unwrap(Set<Bytes> members) {
        return members.stream().map(Bytes::array).toList();
    }

    private static boolean allIntegers(Collection<byte[]> members) {
        for (byte[] member : members) {
            if (Numbers.parseLong(member) == null) {
                return false;
            }
        }
        return true;
    }

    private static byte[] encodingFor(byte[] firstMember) {
        return new byte[]{Numbers.parseLong(firstMember) != null ? INTSET : HASHTABLE};
    }

    private static byte afterAdding(byte encoding, byte[] member, long countAfter, long maxIntsetEntries) {
        if (encoding == INTSET && (Numbers.parseLong(member) == null || countAfter > maxIntsetEntries)) {
            return HASHTABLE;
        }
        return encoding;
    }

    private static byte encoding(Metadata set) {
        byte[] extra = set.extra();
        return extra.length > 0 ? extra[0] : HASHTABLE;
    }

    /** Positions {@code it} on the member at or after a random position, wrapping to the first. */
    private static void seekRandom(ElementCursor it, Random random) {
        it.seek(ElementScan.UNTAGGED.seekKey(random.nextInt() & 0xffffffffL));
        if (!it.valid()) {
            it.seekToFirst();
        }
    }

    static byte[] elementKey(long version, byte[] member) {
        return KeyCodec.elementKey(version, ElementScan.UNTAGGED.subKey(member));
    }

    private static byte[] member(byte[] subKey) {
        return ElementScan.UNTAGGED.name(subKey);
    }
}
