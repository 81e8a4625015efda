package io.diskdb.storage;

import io.diskdb.util.Bytes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The list element records a transaction has staged, kept for two things: reads of a list the
 * transaction has written must not be answered from {@link ListPages} (which hold committed
 * records only), and after the commit the cached pages take the new values.
 */
final class StagedListWrites {
    /** Record key to its last staged value; null = deleted. The last write of a key is the one that lands. */
    private final Map<Bytes, byte[]> records = new HashMap<>();
    private final List<byte[][]> rangeDeletes = new ArrayList<>();
    private final Set<Long> versions = new HashSet<>();
    /** Versions created by this transaction: nothing can have cached their pages, so their records are not kept. */
    private final Set<Long> created = new HashSet<>();
    /** Some staged writes were rolled back, and {@link #records} may hold values that will not land. */
    private boolean valuesUncertain;

    void clear() {
        if (!versions.isEmpty() || !created.isEmpty()) {
            records.clear();
            rangeDeletes.clear();
            versions.clear();
            created.clear();
        }
        valuesUncertain = false;
    }

    void created(long version) {
        created.add(version);
    }

    void written(byte[] key, byte[] valueOrNullIfDeleted) {
        long version = KeyCodec.getLong(key, 0);
        versions.add(version);
        if (!created.contains(version)) {
            records.put(new Bytes(key), valueOrNullIfDeleted);
        }
    }

    void rangeDeleted(byte[] from, byte[] to) {
        rangeDeletes.add(new byte[][] {from, to});
        versions.add(KeyCodec.getLong(from, 0));
    }

    /** Whether the transaction has staged writes of the list stored under {@code version}. */
    boolean touches(long version) {
        return !versions.isEmpty() && versions.contains(version);
    }

    /**
     * The writes since the savepoint were dropped: from now on the staged values are not trusted,
     * and the commit drops the touched pages instead of updating them.
     */
    void rolledBack() {
        valuesUncertain = true;
    }

    /** After the batch is written: brings the cached pages in line with it. */
    void publish(ListPages pages) {
        if (versions.isEmpty()) {
            return;
        }
        // ranges first: a record written and then range-deleted (or the reverse) in one batch
        // lands on a dropped page either way, which the record update below leaves alone
        for (byte[][] range : rangeDeletes) {
            pages.rangeDeleted(range[0], range[1]);
        }
        if (!records.isEmpty()) {
            pages.written(records, valuesUncertain);
        }
    }
}
