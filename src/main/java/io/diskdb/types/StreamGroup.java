package io.diskdb.types;

/**
 * A consumer group: its name, the last id delivered to it and its logical read counter
 * ({@link #UNKNOWN_READS} when it cannot be known, e.g. after XGROUP SETID without ENTRIESREAD).
 */
public record StreamGroup(byte[] name, StreamId lastDelivered, long entriesRead) {
    public static final long UNKNOWN_READS = -1;

    public StreamGroup withLastDelivered(StreamId id, long reads) {
        return new StreamGroup(name, id, reads);
    }
}
