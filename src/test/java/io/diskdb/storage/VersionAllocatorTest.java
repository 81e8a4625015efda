package io.diskdb.storage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VersionAllocatorTest {
    private final KeyspaceFixture fixture = new KeyspaceFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    private long latestSequence() {
        return fixture.keyspace().engine().db().getLatestSequenceNumber();
    }

    @Test
    void openingWritesNothing() {
        fixture.keyspace().newVersion();
        fixture.reopen();
        long afterOpen = latestSequence();
        fixture.reopen();
        assertEquals(afterOpen, latestSequence(), "a replica's sequence numbers must stay its master's");
    }

    @Test
    void versionsStayUniqueAcrossReopens() {
        long first = fixture.keyspace().newVersion();
        long second = fixture.keyspace().newVersion();
        assertTrue(second > first);
        fixture.reopen();
        assertTrue(fixture.keyspace().newVersion() > second, "allocation resumes past the reserved block");
    }

    @Test
    void afterForgettingAllocationResumesFromTheStoredReservation() {
        long before = fixture.keyspace().newVersion();
        long sequence = latestSequence();
        fixture.keyspace().reloadVersionReservation();
        long after = fixture.keyspace().newVersion();
        assertTrue(after > before);
        assertTrue(latestSequence() > sequence, "a new block was reserved from the stored one");
    }
}
