package io.diskdb.types;

import io.diskdb.command.Numbers;
import io.diskdb.storage.ColumnFamily;
import io.diskdb.storage.KeyCodec;
import io.diskdb.storage.Keyspace;
import io.diskdb.storage.Metadata;
import io.diskdb.storage.Transaction;
import org.rocksdb.RocksIterator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Operations on keys whatever their type: moving and copying values between names and
 * databases, walking the keyspace (SCAN, KEYS, RANDOMKEY) and describing a value's encoding.
 * No RESP in here.
 */
public final class Keys {
    /** SCAN cursors are keyspace positions, so the cursor space is 32 bits. */
    public static final long CURSOR_LIMIT = 1L << 32;
    /** Redis shares one object for each of the integers 0..9999. */
    private static final long SHARED_INTEGERS = 10_000;
    private static final long SHARED_REFCOUNT = Integer.MAX_VALUE;
    /** Redis's OBJ_ENCODING_EMBSTR_SIZE_LIMIT. */
    private static final int EMBSTR_LIMIT = 44;

    private Keys() {
    }

    /**
     * Gives {@code source}'s value, TTL included, to {@code target} (replacing what it held) and
     * removes {@code source}. Only the meta record moves: elements are keyed by version, and the
     * commit keeps the elements of a version that another key now holds. O(1) for every type.
     */
    public static void move(Transaction txn, int sourceDb, byte[] source, int targetDb, byte[] target) {
        Metadata meta = txn.meta(sourceDb, source);
        if (meta == null) {
            throw new IllegalArgumentException("moving a key that does not exist");
        }
        txn.deleteKey(sourceDb, source);
        txn.putMeta(targetDb, target, meta);
    }

    /**
     * Writes an independent copy of {@code meta}'s value, TTL included, under {@code target},
     * replacing what it held. Element records are rewritten under a fresh version so that the
     * copy and the original can change or be deleted independently.
     */
    public static void copy(Transaction txn, Metadata meta, int targetDb, byte[] target) {
        if (!meta.hasElements()) {
            txn.putMeta(targetDb, target, meta); // an inline string is all in its meta record
            return;
        }
        long version = txn.newVersion();
        ColumnFamily family = meta.type().elementFamily();
        byte[] prefix = KeyCodec.versionPrefix(meta.version());
        List<byte[][]> elements = new ArrayList<>();
        try (RocksIterator it = txn.iterator(family)) {
            for (it.seek(prefix); it.isValid() && startsWith(it.key(), prefix); it.next()) {
                elements.add(new byte[][]{it.key(), it.value()});
            }
        }
        // written after the walk: the iterator sees the batch it would be writing into
        for (byte[][] element : elements) {
            txn.put(family, KeyCodec.elementKey(version, KeyCodec.subKey(element[0])), element[1]);
        }
        txn.putMeta(targetDb, target, meta.withVersion(version));
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Which keys of a scan to return, decided after they were counted (as Redis filters). */
    @FunctionalInterface
    public interface KeyFilter {
        boolean accepts(byte[] key, Metadata meta);

        KeyFilter ALL = (key, meta) -> true;
    }

    /** One SCAN reply: the cursor to continue from (0 when done) and the keys found. */
    public record ScanPage(long cursor, List<byte[]> keys) {
    }

    /**
     * Visits about {@code count} meta records from keyspace position {@code cursor}, without
     * locks. Every record sharing the last visited position is visited too, so the next call,
     * which starts at the following position, cannot skip a key. A key present for the whole
     * iteration is therefore returned, whatever is written meanwhile and across restarts.
     */
    public static ScanPage scan(Keyspace keyspace, int db, long cursor, long count, long now, KeyFilter filter) {
        List<byte[]> found = new ArrayList<>();
        if (cursor < 0 || cursor >= CURSOR_LIMIT) {
            return new ScanPage(0, found);
        }
        long[] visited = {0};
        long[] lastPosition = {-1};
        boolean[] more = {false};
        keyspace.forEachKey(db, cursor, (position, key, meta) -> {
            if (visited[0] >= count && position != lastPosition[0]) {
                more[0] = true;
                return false;
            }
            visited[0]++;
            lastPosition[0] = position;
            if (!meta.isExpired(now) && filter.accepts(key, meta)) {
                found.add(key);
            }
            return true;
        });
        long next = more[0] && lastPosition[0] + 1 < CURSOR_LIMIT ? lastPosition[0] + 1 : 0;
        return new ScanPage(next, found);
    }

    /** Every live key accepted by the filter (KEYS), without locks. */
    public static List<byte[]> all(Keyspace keyspace, int db, long now, KeyFilter filter) {
        List<byte[]> found = new ArrayList<>();
        keyspace.forEachKey(db, 0, (position, key, meta) -> {
            if (!meta.isExpired(now) && filter.accepts(key, meta)) {
                found.add(key);
            }
            return true;
        });
        return found;
    }

    /**
     * A live key chosen at random (RANDOMKEY), or null if there is none: the first live key at
     * or after a random keyspace position, wrapping around to the start.
     */
    public static byte[] random(Keyspace keyspace, int db, long now) {
        long start = ThreadLocalRandom.current().nextLong(CURSOR_LIMIT);
        byte[][] chosen = {null};
        keyspace.forEachKey(db, start, (position, key, meta) -> {
            if (!meta.isExpired(now)) {
                chosen[0] = key;
                return false;
            }
            return true;
        });
        if (chosen[0] == null) {
            keyspace.forEachKey(db, 0, (position, key, meta) -> {
                if (position >= start) {
                    return false;
                }
                if (!meta.isExpired(now)) {
                    chosen[0] = key;
                    return false;
                }
                return true;
            });
        }
        return chosen[0];
    }

    /** hash-max-listpack-entries and zset-max-listpack-entries, as configured. */
    public record ListpackLimits(long hashEntries, long zsetEntries) {
    }

    /**
     * The name Redis 7.0 would give the value's encoding (OBJECT ENCODING). Strings are exact, and
     * so are sets (they record the encoding Redis would have chosen); for other collections it
     * follows Redis's entry-count thresholds, which is as close as DiskDB's storage, which has no
     * such encodings, can describe them.
     */
    public static String encoding(Metadata meta, ListpackLimits limits) {
        return switch (meta.type()) {
            case STRING -> stringEncoding(meta);
            case LIST -> "quicklist";
            case SET -> Sets.encodingName(meta);
            case HASH -> Hashes.encoding(meta); // remembered at write time, as Redis converts
            case ZSET -> meta.count() <= limits.zsetEntries() ? "listpack" : "skiplist";
            case STREAM -> "stream";
            case JSON -> "raw"; // Redis reports module values as raw
        };
    }

    private static String stringEncoding(Metadata meta) {
        if (!meta.isInlineString()) {
            return "raw"; // external strings are longer than any embstr
        }
        byte[] value = meta.inlineValue();
        if (value.length <= 20 && Numbers.parseLong(value) != null) {
            return "int";
        }
        return value.length <= EMBSTR_LIMIT ? "embstr" : "raw";
    }

    /**
     * OBJECT REFCOUNT: 1, except for the small integers Redis shares between all keys holding
     * them (when {@code sharedIntegers}: no LRU/LFU policy needs per-key fields), whose
     * reference count Redis reports as INT_MAX.
     */
    public static long refcount(Metadata meta, boolean sharedIntegers) {
        if (sharedIntegers && meta.isInlineString() && "int".equals(stringEncoding(meta))) {
            long value = Numbers.parseLong(meta.inlineValue());
            if (value >= 0 && value < SHARED_INTEGERS) {
                return SHARED_REFCOUNT;
            }
        }
        return 1;
    }
}
