package io.diskdb.transaction;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One client's WATCHed keys and whether any of them changed since (Redis's CLIENT_DIRTY_CAS).
 * The key map belongs to the client's event loop; the dirty flag is set by whichever thread
 * commits a change to a watched key.
 */
public final class Watcher {
    private final Map<WatchId, WatchedKey> keys = new LinkedHashMap<>();
    private volatile boolean dirty;
    private boolean closeHookInstalled;

    public boolean isDirty() {
        return dirty;
    }

    void markDirty() {
        dirty = true;
    }

    boolean isWatching(WatchId id) {
        return keys.containsKey(id);
    }

    void add(WatchedKey watched) {
        keys.put(watched.id, watched);
    }

    Collection<WatchedKey> keys() {
        return keys.values();
    }

    /** Forgets the keys (the registry has already dropped them) and the dirty flag. */
    void clear() {
        keys.clear();
        dirty = false;
    }

    /** Whether the disconnect cleanup still has to be installed (once per connection). */
    boolean needsCloseHook() {
        if (closeHookInstalled) {
            return false;
        }
        closeHookInstalled = true;
        return true;
    }
}
