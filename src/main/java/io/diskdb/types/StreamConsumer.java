package io.diskdb.types;

/** A consumer of a group: when it last did anything (seen) and last read or claimed (active). */
public record StreamConsumer(byte[] name, long seenTime, long activeTime) {
}
