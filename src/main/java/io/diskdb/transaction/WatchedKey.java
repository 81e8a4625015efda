package io.diskdb.transaction;

/** One key one client watches. */
final class WatchedKey {
    final Watcher watcher;
    final WatchId id;
    /**
     * The key was already logically expired (past its TTL but not yet deleted) when WATCH was
     * called: its deletion then is no change, and EXEC does not count its expiry, as in Redis 7.
     */
    volatile boolean expiredAtWatch;

    WatchedKey(Watcher watcher, WatchId id, boolean expiredAtWatch) {
        this.watcher = watcher;
        this.id = id;
        this.expiredAtWatch = expiredAtWatch;
    }

    /** Another write changed the key: the watcher's next EXEC fails, unless it only removed an expired key. */
    void touched(boolean deleted) {
        if (expiredAtWatch && deleted) {
            expiredAtWatch = false; // deleted keys are not "expired": a later change counts again
            return;
        }
        watcher.markDirty();
    }
}
