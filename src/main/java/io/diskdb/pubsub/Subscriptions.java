package io.diskdb.pubsub;

import io.diskdb.util.Bytes;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one client is subscribed to. Changed only on the client's event loop; the sizes are
 * also read by CLIENT LIST and the output-buffer class check from other threads, where a
 * momentarily stale count is harmless.
 */
public final class Subscriptions {
    private final Map<SubscriptionKind, Set<Bytes>> names = new EnumMap<>(SubscriptionKind.class);

    public Subscriptions() {
        for (SubscriptionKind kind : SubscriptionKind.values()) {
            names.put(kind, new LinkedHashSet<>());
        }
    }

    boolean add(SubscriptionKind kind, Bytes name) {
        return names.get(kind).add(name);
    }

    boolean remove(SubscriptionKind kind, Bytes name) {
        return names.get(kind).remove(name);
    }

    /** A copy of the names of one kind, in subscription order. */
    List<Bytes> of(SubscriptionKind kind) {
        return new ArrayList<>(names.get(kind));
    }

    public int count(SubscriptionKind kind) {
        return names.get(kind).size();
    }

    /**
     * The number a (un)subscribe reply carries, as Redis 7.0 counts it: channels and patterns
     * together, shard channels on their own.
     */
    public int replyCount(SubscriptionKind kind) {
        return kind == SubscriptionKind.SHARD ? count(SubscriptionKind.SHARD)
                : count(SubscriptionKind.CHANNEL) + count(SubscriptionKind.PATTERN);
    }

    /** Subscribed to anything: Redis's CLIENT_PUBSUB (RESP2 command restrictions, output buffer class). */
    public boolean any() {
        return count(SubscriptionKind.CHANNEL) + count(SubscriptionKind.PATTERN) + count(SubscriptionKind.SHARD) > 0;
    }
}
