package io.diskdb.replication;

import java.security.SecureRandom;

/**
 * The identity of a replication history, as in Redis's PSYNC2: {@code replid} names the history
 * this server's data follows; after a promotion {@code replid2} keeps the previous master's id,
 * valid for replicas whose next sequence is at most {@code secondOffset}, so the other replicas
 * of the old master can continue from the promoted one without a full sync.
 */
public record ReplicationIds(String replid, String replid2, long secondOffset) {
    public static final String NONE = "0000000000000000000000000000000000000000";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new history that shares nothing with any other. */
    public static ReplicationIds fresh() {
        return new ReplicationIds(randomId(), NONE, -1);
    }

    /** Becoming a master: a new id; the current one stays valid up to {@code nextSequence}. */
    public ReplicationIds promoted(long nextSequence) {
        return new ReplicationIds(randomId(), replid, nextSequence);
    }

    /**
     * Following a master whose history (id {@code masterReplid}) continues this one from
     * {@code nextSequence} on: the master's id becomes ours, ours stays valid up to there.
     */
    public ReplicationIds following(String masterReplid, long nextSequence) {
        if (masterReplid.equals(replid)) {
            return this;
        }
        if (nextSequence <= 1) {
            return new ReplicationIds(masterReplid, NONE, -1); // an empty replica had no history to keep
        }
        return new ReplicationIds(masterReplid, replid, nextSequence);
    }

    /** Whether a replica at {@code nextSequence} of the history {@code id} shares this server's history. */
    public boolean shares(String id, long nextSequence) {
        return id.equals(replid) || (!id.equals(NONE) && id.equals(replid2) && nextSequence <= secondOffset);
    }

    public static boolean isWellFormed(String id) {
        if (id.length() != 40) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    static String randomId() {
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        StringBuilder hex = new StringBuilder(40);
        for (byte b : bytes) {
            hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return hex.toString();
    }
}
