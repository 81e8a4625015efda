package io.diskdb.storage;

/**
 * A key a commit changed, for the components that react to writes (WATCH, blocked clients,
 * keyspace notifications). {@code expired} marks a key whose value's TTL had passed: the commit
 * removed it ({@code after} is null) or, when the command wrote the key anew, replaced it
 * ({@code before} is then the expired value, as Redis deletes it first and counts it expired).
 */
public record KeyChange(int db, byte[] key, Metadata before, Metadata after, boolean expired) {
}
