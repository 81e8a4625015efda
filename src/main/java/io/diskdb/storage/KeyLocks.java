package io.diskdb.storage;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Striped locks over meta keys. A command holds the stripes of all its keys for its whole
 * run, taken in ascending stripe order so that two multi-key commands never deadlock.
 */
public final class KeyLocks {
    private static final int STRIPES = 4096;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    public KeyLocks() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    public static int stripe(byte[] metaKey) {
        int h = Arrays.hashCode(metaKey);
        h ^= h >>> 16;
        return h & (STRIPES - 1);
    }

    /** Locks the given stripes (any order, duplicates allowed); the returned handle unlocks. */
    public Held lock(int[] stripes) {
        int[] sorted = stripes.clone();
        Arrays.sort(sorted);
        int unique = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[unique++] = sorted[i];
            }
        }
        int[] taken = Arrays.copyOf(sorted, unique);
        for (int stripe : taken) {
            locks[stripe].lock();
        }
        return new Held(taken);
    }

    /** Every stripe: for commands that touch the whole keyspace (FLUSHDB, SWAPDB...). */
    public Held lockAll() {
        int[] all = new int[STRIPES];
        for (int i = 0; i < STRIPES; i++) {
            all[i] = i;
            locks[i].lock();
        }
        return new Held(all);
    }

    public boolean isHeldByCurrentThread(byte[] metaKey) {
        return locks[stripe(metaKey)].isHeldByCurrentThread();
    }

    public final class Held implements AutoCloseable {
        private final int[] stripes;

        private Held(int[] stripes) {
            this.stripes = stripes;
        }

        @Override
        public void close() {
            for (int i = stripes.length - 1; i >= 0; i--) {
                locks[stripes[i]].unlock();
            }
        }
    }
}
