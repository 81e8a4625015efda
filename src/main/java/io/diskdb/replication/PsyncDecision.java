package io.diskdb.replication;

import java.util.function.LongPredicate;

/**
 * The master's answer to {@code PSYNC <replid> <next sequence>}: continue the replica from its
 * next sequence (its data is this history up to there, and the WAL still holds the rest), or
 * make it sync fully, with the reason for the logs.
 *
 * <p>A new, empty replica asks with {@code ? 1}: every database is empty at sequence 0, so it
 * can continue too, as long as the master's WAL still starts at sequence 1.
 */
public record PsyncDecision(boolean partial, String reason) {

    /**
     * @param ids            this server's replication ids
     * @param askedId        the replica's history id, or "?" when it has none
     * @param nextSequence   first sequence the replica has not applied
     * @param latestSequence this server's latest sequence
     * @param walHolds       whether the WAL still holds the batches from a given sequence on
     */
    public static PsyncDecision decide(ReplicationIds ids, String askedId, long nextSequence, long latestSequence,
                                       LongPredicate walHolds) {
        boolean emptyReplica = nextSequence == 1 && (askedId.equals("?") || askedId.equals(ReplicationIds.NONE));
        if (!emptyReplica && !ids.shares(askedId, nextSequence)) {
            return full("replication id " + askedId + " is not this master's history (" + ids.replid() + ")");
        }
        if (nextSequence > latestSequence + 1) {
            return full("the replica is ahead of this master (its next sequence " + nextSequence
                    + ", master at " + latestSequence + ")");
        }
        if (nextSequence <= latestSequence && !walHolds.test(nextSequence)) {
            return full("the WAL from sequence " + nextSequence + " is no longer kept (wal_retention_*)");
        }
        return new PsyncDecision(true, "continuing from sequence " + nextSequence);
    }

    private static PsyncDecision full(String reason) {
        return new PsyncDecision(false, reason);
    }
}
