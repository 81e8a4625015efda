package io.diskdb.pubsub;

import io.diskdb.server.ClientSession;
import io.diskdb.server.ServerStats;
import io.diskdb.util.Bytes;
import io.diskdb.util.Glob;
import io.netty.buffer.ByteBuf;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The server's pub/sub: who is subscribed to which channel, pattern and shard channel, and
 * the delivery of published messages. Any event loop may publish; each message is written on
 * the subscriber's own channel (see {@link ClientSession#push}), so messages from one
 * publisher reach one subscriber in publish order.
 */
public final class PubSub {
    private final Map<SubscriptionKind, SubscriberRegistry> registries = new EnumMap<>(SubscriptionKind.class);
    private final ServerStats stats;

    public PubSub(ServerStats stats) {
        this.stats = stats;
        for (SubscriptionKind kind : SubscriptionKind.values()) {
            registries.put(kind, new SubscriberRegistry());
        }
    }

    /** Subscribes the client; false if it already was. Runs on the client's event loop. */
    public boolean subscribe(ClientSession session, SubscriptionKind kind, byte[] name) {
        Bytes key = new Bytes(name);
        if (!session.subscriptions().add(kind, key)) {
            return false;
        }
        registries.get(kind).add(key, session);
        return true;
    }

    /** Unsubscribes the client; false if it was not subscribed. Runs on the client's event loop. */
    public boolean unsubscribe(ClientSession session, SubscriptionKind kind, byte[] name) {
        Bytes key = new Bytes(name);
        if (!session.subscriptions().remove(kind, key)) {
            return false;
        }
        registries.get(kind).remove(key, session);
        return true;
    }

    /** What the client is subscribed to, of one kind, in subscription order. */
    public List<Bytes> subscribedTo(ClientSession session, SubscriptionKind kind) {
        return session.subscriptions().of(kind);
    }

    /** Drops every subscription of a client (disconnect, RESET) without replying. */
    public void unsubscribeAll(ClientSession session) {
        for (SubscriptionKind kind : SubscriptionKind.values()) {
            for (Bytes name : session.subscriptions().of(kind)) {
                unsubscribe(session, kind, name.array());
            }
        }
    }

    /** PUBLISH: delivers to the channel's subscribers and to matching patterns; returns the receivers. */
    public int publish(byte[] channel, byte[] payload) {
        int receivers = deliver(SubscriptionKind.CHANNEL, null, channel, payload,
                registries.get(SubscriptionKind.CHANNEL).of(new Bytes(channel)));
        SubscriberRegistry patterns = registries.get(SubscriptionKind.PATTERN);
        for (Bytes pattern : patterns.names()) {
            if (Glob.matches(pattern.array(), channel)) {
                receivers += deliver(SubscriptionKind.PATTERN, pattern.array(), channel, payload, patterns.of(pattern));
            }
        }
        return receivers;
    }

    /** SPUBLISH: delivers to the shard channel's subscribers only. */
    public int publishShard(byte[] channel, byte[] payload) {
        return deliver(SubscriptionKind.SHARD, null, channel, payload,
                registries.get(SubscriptionKind.SHARD).of(new Bytes(channel)));
    }

    private int deliver(SubscriptionKind kind, byte[] pattern, byte[] channel, byte[] payload,
                        Set<ClientSession> subscribers) {
        if (subscribers.isEmpty()) {
            return 0;
        }
        MessageFrame message = new MessageFrame(kind, pattern, channel, payload);
        int receivers = 0;
        try {
            for (ClientSession subscriber : subscribers) {
                ByteBuf frame = message.frameFor(subscriber);
                stats.netOutputBytes.add(frame.readableBytes());
                subscriber.push(frame);
                receivers++;
            }
        } finally {
            message.release();
        }
        return receivers;
    }

    /** PUBSUB CHANNELS / SHARDCHANNELS: names with subscribers matching the pattern (null: all). */
    public List<Bytes> activeNames(SubscriptionKind kind, byte[] pattern) {
        return registries.get(kind).namesMatching(pattern);
    }

    /** PUBSUB NUMSUB / SHARDNUMSUB: subscribers of one name (pattern subscribers not counted). */
    public int subscriberCount(SubscriptionKind kind, byte[] name) {
        return registries.get(kind).count(new Bytes(name));
    }

    /** PUBSUB NUMPAT: distinct patterns with subscribers, as Redis 7.0 counts them. */
    public int patternCount() {
        return registries.get(SubscriptionKind.PATTERN).size();
    }
}
