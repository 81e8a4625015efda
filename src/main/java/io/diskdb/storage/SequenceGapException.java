package io.diskdb.storage;

/**
 * A replicated write batch does not start right after the replica's latest sequence: the
 * replica's data is not where the master's stream is, so nothing of it may be applied.
 */
public final class SequenceGapException extends RuntimeException {
    public SequenceGapException(long expected, long got) {
        super("replicated batch starts at sequence " + got + ", expected " + expected);
    }
}
