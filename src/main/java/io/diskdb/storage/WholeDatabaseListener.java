package io.diskdb.storage;

/**
 * Told about changes that replace a whole database at once (FLUSHDB, FLUSHALL, SWAPDB, a full sync), which
 * produce no per-key {@link KeyChange}s. Called before the change, with every key lock held,
 * so the listener can still look at the keys that are about to vanish or move.
 */
public interface WholeDatabaseListener {
    default void beforeFlush(int logicalDb) {
    }

    default void beforeSwap(int logicalDbA, int logicalDbB) {
    }

    /**
     * The whole database was replaced by another (a replica's full sync): every key may have
     * changed. Called after {@link #beforeFlush} for every database and the replacement, before
     * any command sees the new data, with the data gate held exclusively by the calling thread:
     * never wait here for another thread that may be waiting for the gate.
     */
    default void afterDataReplaced() {
    }
}
