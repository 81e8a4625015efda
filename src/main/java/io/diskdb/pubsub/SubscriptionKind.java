package io.diskdb.pubsub;

import java.nio.charset.StandardCharsets;

/**
 * The three ways to subscribe, with the words Redis uses in their replies and messages.
 * Channels and patterns share one subscription count in replies; shard channels count apart.
 */
public enum SubscriptionKind {
    CHANNEL("subscribe", "unsubscribe", "message"),
    PATTERN("psubscribe", "punsubscribe", "pmessage"),
    SHARD("ssubscribe", "sunsubscribe", "smessage");

    final byte[] subscribeWord;
    final byte[] unsubscribeWord;
    final byte[] messageWord;

    SubscriptionKind(String subscribe, String unsubscribe, String message) {
        this.subscribeWord = subscribe.getBytes(StandardCharsets.US_ASCII);
        this.unsubscribeWord = unsubscribe.getBytes(StandardCharsets.US_ASCII);
        this.messageWord = message.getBytes(StandardCharsets.US_ASCII);
    }

    /** The word confirming a subscription, e.g. "psubscribe". */
    public byte[] subscribeWord() {
        return subscribeWord;
    }

    public byte[] unsubscribeWord() {
        return unsubscribeWord;
    }
}
