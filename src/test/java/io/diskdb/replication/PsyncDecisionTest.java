package io.diskdb.replication;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When a master continues a replica from its position and when it must sync it fully. */
class PsyncDecisionTest {
    private static final ReplicationIds MASTER = new ReplicationIds("a".repeat(40), ReplicationIds.NONE, -1);

    @Test
    void continuesItsOwnHistoryWhileTheWalHoldsIt() {
        assertTrue(PsyncDecision.decide(MASTER, MASTER.replid(), 50, 100, seq -> true).partial());
        assertTrue(PsyncDecision.decide(MASTER, MASTER.replid(), 101, 100, seq -> false).partial(),
                "a replica that has everything needs nothing from the WAL yet");
        PsyncDecision gone = PsyncDecision.decide(MASTER, MASTER.replid(), 50, 100, seq -> false);
        assertFalse(gone.partial());
        assertTrue(gone.reason().contains("no longer kept"), gone.reason());
    }

    @Test
    void anotherHistoryOrAReplicaAheadNeedsAFullSync() {
        PsyncDecision foreign = PsyncDecision.decide(MASTER, "b".repeat(40), 50, 100, seq -> true);
        assertFalse(foreign.partial());
        assertTrue(foreign.reason().contains("not this master's history"), foreign.reason());
        assertFalse(PsyncDecision.decide(MASTER, MASTER.replid(), 102, 100, seq -> true).partial());
        assertFalse(PsyncDecision.decide(MASTER, "?", -1, 100, seq -> true).partial());
    }

    @Test
    void anEmptyReplicaContinuesFromTheStartOfTheWal() {
        assertTrue(PsyncDecision.decide(MASTER, "?", 1, 100, seq -> seq == 1).partial());
        assertFalse(PsyncDecision.decide(MASTER, "?", 1, 100, seq -> false).partial());
    }

    @Test
    void aPromotedReplicaContinuesTheOldMastersOtherReplicasUpToThePromotion() {
        ReplicationIds promoted = MASTER.promoted(81);
        assertEquals(MASTER.replid(), promoted.replid2());
        assertTrue(PsyncDecision.decide(promoted, MASTER.replid(), 81, 100, seq -> true).partial());
        assertFalse(PsyncDecision.decide(promoted, MASTER.replid(), 82, 100, seq -> true).partial(),
                "past the promotion the old history is not this one");
        assertTrue(PsyncDecision.decide(promoted, promoted.replid(), 95, 100, seq -> true).partial());
    }

    @Test
    void aReplicaAdoptsItsMastersIdAndKeepsItsOwnForItsReplicas() {
        ReplicationIds replica = new ReplicationIds("c".repeat(40), ReplicationIds.NONE, -1);
        ReplicationIds following = replica.following(MASTER.replid(), 40);
        assertEquals(MASTER.replid(), following.replid());
        assertEquals(replica.replid(), following.replid2());
        assertEquals(40, following.secondOffset());
        assertEquals(ReplicationIds.NONE, replica.following(MASTER.replid(), 1).replid2(),
                "an empty replica had no history to keep");
    }
}
