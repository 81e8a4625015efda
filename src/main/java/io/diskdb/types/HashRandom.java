package io.diskdb.types;

import io.diskdb.storage.Metadata;
import io.diskdb.storage.Transaction;
import io.diskdb.util.Bytes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Random fields of a hash (HRANDFIELD) without reading the whole hash when it is large.
 *
 * <p>A large hash is sampled by seeking to a random field position and taking the first field
 * at or after it (wrapping around). That is O(log n) per pick but not exactly uniform: a field's
 * chance is proportional to the gap of positions before it. Redis's own picks over a hashtable
 * are not exactly uniform either. Hashes of up to {@link #SMALL} fields are read whole and
 * sampled uniformly, which costs no more than a few seeks.
 */
public final class HashRandom {
    static final int SMALL = 256;
    /** Redis's HRANDFIELD switches from random picks to "copy all, remove some" at count * 3 > size. */
    private static final int SUBTRACTION_FACTOR = 3;

    private HashRandom() {
    }

    /** One random field with its value. The hash must exist. */
    public static Hashes.Entry one(Transaction txn, Metadata hash) {
        try (ElementCursor cursor = Hashes.cursor(txn, hash)) {
            if (hash.count() > SMALL) {
                return pick(cursor);
            }
            // step to a uniform index without copying the values passed over
            long index = random().nextLong(hash.count());
            cursor.seekToFirst();
            for (long i = 0; i < index && cursor.valid(); i++) {
                cursor.next();
            }
            if (!cursor.valid()) {
                cursor.seekToFirst();
            }
            return Hashes.entry(cursor);
        }
    }

    /**
     * {@code count} distinct random fields, {@code 0 < count < HLEN} (for a larger count the
     * answer is the whole hash).
     */
    public static List<Hashes.Entry> distinct(Transaction txn, Metadata hash, int count) {
        if (hash.count() <= SMALL || (long) count * SUBTRACTION_FACTOR > hash.count()) {
            return sampleOfAll(txn, hash, count);
        }
        Map<Bytes, Hashes.Entry> chosen = new LinkedHashMap<>();
        // Fields sharing a position with a lower one are never reached by a seek, so give up
        // after many attempts rather than loop; reading everything is then the right cost anyway.
        long attempts = (long) count * 16 + 64;
        try (ElementCursor cursor = Hashes.cursor(txn, hash)) {
            while (chosen.size() < count && attempts-- > 0) {
                Hashes.Entry entry = pick(cursor);
                chosen.putIfAbsent(new Bytes(entry.field()), entry);
            }
        }
        return chosen.size() == count ? new ArrayList<>(chosen.values()) : sampleOfAll(txn, hash, count);
    }

    /** {@code count} random fields that may repeat, handed to {@code sink} one by one. The hash must exist. */
    public static void withRepeats(Transaction txn, Metadata hash, long count, Consumer<Hashes.Entry> sink) {
        if (hash.count() <= Math.max(SMALL, count)) {
            List<Hashes.Entry> all = Hashes.entries(txn, hash);
            for (long i = 0; i < count; i++) {
                sink.accept(all.get(random().nextInt(all.size())));
            }
            return;
        }
        try (ElementCursor cursor = Hashes.cursor(txn, hash)) {
            for (long i = 0; i < count; i++) {
                sink.accept(pick(cursor));
            }
        }
    }

    /** A uniform sample of {@code count} distinct fields: a partial Fisher-Yates shuffle of all of them. */
    private static List<Hashes.Entry> sampleOfAll(Transaction txn, Metadata hash, int count) {
        List<Hashes.Entry> all = Hashes.entries(txn, hash);
        int n = Math.min(count, all.size());
        for (int i = 0; i < n; i++) {
            java.util.Collections.swap(all, i, i + random().nextInt(all.size() - i));
        }
        return new ArrayList<>(all.subList(0, n));
    }

    /** The first field at or after a random position, wrapping around to the first field. */
    private static Hashes.Entry pick(ElementCursor cursor) {
        cursor.seek(Hashes.positionPrefix(random().nextLong(Hashes.CURSOR_LIMIT)));
        if (!cursor.valid()) {
            cursor.seekToFirst();
        }
        return Hashes.entry(cursor);
    }

    private static ThreadLocalRandom random() {
        return ThreadLocalRandom.current();
    }
}
