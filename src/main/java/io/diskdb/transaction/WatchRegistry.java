package io.diskdb.transaction;

import io.diskdb.storage.CommitListener;
import io.diskdb.storage.KeyChange;
import io.diskdb.storage.Keyspace;
import io.diskdb.storage.Metadata;
import io.diskdb.storage.WholeDatabaseListener;
import io.diskdb.util.Bytes;
import io.netty.channel.Channel;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which clients watch which keys, and the marking of those clients when a key changes: every
 * committed {@link KeyChange} (writes, deletes, expiry, both keys of a RENAME) and FLUSHDB,
 * FLUSHALL and SWAPDB, following Redis 7.0's touchWatchedKey and touchAllWatchedKeysInDb.
 *
 * <p>WATCH runs under the key's lock and change notifications arrive under the writer's key
 * locks, so a change is either before the WATCH (not counted) or after it (counted).
 */
public final class WatchRegistry implements CommitListener, WholeDatabaseListener {
    private final Keyspace keyspace;
    private final Map<WatchId, Set<WatchedKey>> watchers = new ConcurrentHashMap<>();

    public WatchRegistry(Keyspace keyspace) {
        this.keyspace = keyspace;
    }

    /** Starts watching a key; {@code channel} is the client's connection, whose close unwatches everything. */
    public void watch(Watcher watcher, Channel channel, int db, byte[] key, long now) {
        WatchId id = new WatchId(db, new Bytes(key));
        if (watcher.isWatching(id)) {
            return;
        }
        if (watcher.needsCloseHook()) {
            channel.closeFuture().addListener(closed -> unwatchAll(watcher));
        }
        WatchedKey watched = new WatchedKey(watcher, id, isLogicallyExpired(db, key, now));
        watcher.add(watched);
        watchers.compute(id, (k, set) -> {
            Set<WatchedKey> all = set != null ? set : ConcurrentHashMap.newKeySet();
            all.add(watched);
            return all;
        });
    }

    /** UNWATCH, EXEC, DISCARD and disconnect: forgets the client's keys and its dirty flag. */
    public void unwatchAll(Watcher watcher) {
        for (WatchedKey watched : watcher.keys()) {
            watchers.computeIfPresent(watched.id, (k, set) -> {
                set.remove(watched);
                return set.isEmpty() ? null : set;
            });
        }
        watcher.clear();
    }

    /**
     * Whether EXEC must fail: a watched key changed since WATCH, or has expired since (a key
     * past its TTL counts as changed even if nothing has deleted it yet). Call under the
     * stripe locks of the watched keys.
     */
    public boolean isBroken(Watcher watcher, long now) {
        if (watcher.isDirty()) {
            return true;
        }
        for (WatchedKey watched : watcher.keys()) {
            if (!watched.expiredAtWatch && isLogicallyExpired(watched.id.db(), watched.id.key().array(), now)) {
                return true;
            }
        }
        return false;
    }

    /** The stripes EXEC locks so that no write to a watched key slips in between its check and its commit. */
    public int[] stripes(Watcher watcher) {
        return watcher.keys().stream().mapToInt(w -> keyspace.stripe(w.id.db(), w.id.key().array())).toArray();
    }

    @Override
    public void committed(List<KeyChange> changes) {
        if (watchers.isEmpty()) {
            return;
        }
        for (KeyChange change : changes) {
            Set<WatchedKey> watching = watchers.get(new WatchId(change.db(), new Bytes(change.key())));
            if (watching != null) {
                for (WatchedKey watched : watching) {
                    watched.touched(change.after() == null);
                }
            }
        }
    }

    /** FLUSHDB/FLUSHALL: a watched key that exists now is deleted (Redis's touchAllWatchedKeysInDb(db, NULL)). */
    @Override
    public void beforeFlush(int db) {
        forEachWatchedIn(db, (id, watching) -> {
            if (keyspace.peek(db, id.key().array()) != null) {
                for (WatchedKey watched : watching) {
                    watched.touched(true);
                }
            }
        });
    }

    /**
     * Full sync: the data was replaced by the master's. Every watching client's EXEC fails, as any
     * key may differ now (stricter than per key, and as cheap as it is simple: full syncs are rare).
     */
    @Override
    public void afterDataReplaced() {
        for (Set<WatchedKey> watching : watchers.values()) {
            for (WatchedKey watched : watching) {
                watched.watcher.markDirty();
            }
        }
    }

    /** SWAPDB: a watched key changes when it exists in either database. */
    @Override
    public void beforeSwap(int a, int b) {
        long now = System.currentTimeMillis();
        beforeReplace(a, b, now);
        beforeReplace(b, a, now);
    }

    /** Redis's touchAllWatchedKeysInDb(emptied, replacedWith): the content of one db is about to become the other's. */
    private void beforeReplace(int emptied, int replacedWith, long now) {
        forEachWatchedIn(emptied, (id, watching) -> {
            byte[] key = id.key().array();
            boolean existsInEmptied = keyspace.peek(emptied, key) != null;
            Metadata incoming = keyspace.peek(replacedWith, key);
            if (!existsInEmptied && incoming == null) {
                return;
            }
            boolean incomingExpired = incoming != null && incoming.isExpired(now);
            for (WatchedKey watched : watching) {
                if (watched.expiredAtWatch) {
                    if (incoming == null) {
                        watched.expiredAtWatch = false; // an expired key now deleted: no logical change
                        continue;
                    }
                    if (incomingExpired) {
                        continue; // still an expired key
                    }
                } else if (!existsInEmptied && incomingExpired) {
                    watched.expiredAtWatch = true; // a missing key replaced by an expired one
                    continue;
                }
                watched.watcher.markDirty();
            }
        });
    }

    private void forEachWatchedIn(int db, java.util.function.BiConsumer<WatchId, Set<WatchedKey>> action) {
        for (Map.Entry<WatchId, Set<WatchedKey>> entry : watchers.entrySet()) {
            if (entry.getKey().db() == db) {
                action.accept(entry.getKey(), entry.getValue());
            }
        }
    }

    private boolean isLogicallyExpired(int db, byte[] key, long now) {
        Metadata stored = keyspace.peek(db, key);
        return stored != null && stored.isExpired(now);
    }

    /** Number of watched (db, key) pairs, for tests that check disconnects leave nothing behind. */
    public int watchedKeyCount() {
        return watchers.size();
    }
}
