package io.diskdb.types;

/** An entry delivered to a consumer of a group and not acknowledged yet (a NACK in Redis). */
public record PendingEntry(StreamId id, byte[] consumer, long deliveryTime, long deliveryCount) {
    public long idle(long now) {
        return Math.max(0, now - deliveryTime);
    }
}
