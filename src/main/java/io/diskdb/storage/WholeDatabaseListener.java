package io.diskdb.storage;

/**
 * Told about changes that replace a whole database at once (FLUSHDB, FLUSHALL, SWAPDB), which
 * produce no per-key {@link KeyChange}s. Called before the change, with every key lock held,
 * so the listener can still look at the keys that are about to vanish or move.
 */
public interface WholeDatabaseListener {
    void beforeFlush(int logicalDb);

    void beforeSwap(int logicalDbA, int logicalDbB);
}
