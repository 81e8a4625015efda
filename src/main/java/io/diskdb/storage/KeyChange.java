package io.diskdb.storage;

/**
 * A key a commit changed, for the components that react to writes (WATCH, blocked clients,
 * keyspace notifications). {@code expired} marks a key removed because its TTL passed.
 */
public record KeyChange(int db, byte[] key, Metadata before, Metadata after, boolean expired) {
}
