package io.diskdb.pubsub;

import io.diskdb.server.ClientSession;
import io.diskdb.util.Bytes;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Channel (or pattern) name to the clients subscribed to it, shared by every event loop.
 * Subscribing and unsubscribing go through {@code compute} so a name whose last subscriber
 * leaves is removed without racing a concurrent subscribe to it.
 */
final class SubscriberRegistry {
    private final ConcurrentHashMap<Bytes, Set<ClientSession>> subscribers = new ConcurrentHashMap<>();

    void add(Bytes name, ClientSession session) {
        subscribers.compute(name, (k, set) -> {
            Set<ClientSession> next = set != null ? set : ConcurrentHashMap.newKeySet();
            next.add(session);
            return next;
        });
    }

    void remove(Bytes name, ClientSession session) {
        subscribers.computeIfPresent(name, (k, set) -> {
            set.remove(session);
            return set.isEmpty() ? null : set;
        });
    }

    /** The subscribers of one name; empty if none. Iteration is weakly consistent. */
    Set<ClientSession> of(Bytes name) {
        Set<ClientSession> set = subscribers.get(name);
        return set != null ? set : Set.of();
    }

    int count(Bytes name) {
        return of(name).size();
    }

    /** Names with at least one subscriber (PUBSUB CHANNELS, PUBLISH to patterns). */
    Set<Bytes> names() {
        return subscribers.keySet();
    }

    List<Bytes> namesMatching(byte[] pattern) {
        List<Bytes> out = new ArrayList<>();
        for (Bytes name : subscribers.keySet()) {
            if (pattern == null || io.diskdb.util.Glob.matches(pattern, name.array())) {
                out.add(name);
            }
        }
        return out;
    }

    int size() {
        return subscribers.size();
    }
}
