package io.diskdb.types;

import io.diskdb.storage.DataType;
import io.diskdb.storage.Metadata;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

class PoppedGapsTest {
    private final SetPopHints hints = new SetPopHints();

    private static Metadata set(long version, long count) {
        return Metadata.collection(DataType.SET, version, count, 0, new byte[]{1});
    }

    @Test
    void skipsToTheEndOfTheRangeAPositionIsIn() {
        PoppedGaps gaps = hints.gapsOf(set(9_000_001, 10));
        gaps.add(10, 20);
        assertEquals(5, gaps.skip(5));
        assertEquals(20, gaps.skip(10));
        assertEquals(20, gaps.skip(19));
        assertEquals(20, gaps.skip(20));
    }

    @Test
    void touchingAndOverlappingRangesMerge() {
        PoppedGaps gaps = hints.gapsOf(set(9_000_002, 10));
        gaps.add(10, 20);
        gaps.add(30, 40);
        gaps.add(20, 30); // touches both: one range 10..40
        assertEquals(40, gaps.skip(10));
        gaps.add(5, 12);
        assertEquals(40, gaps.skip(5));
        gaps.add(50, PoppedGaps.END);
        gaps.add(39, 51);
        assertEquals(PoppedGaps.END, gaps.skip(6));
        gaps.clear();
        assertEquals(6, gaps.skip(6));
    }

    @Test
    void aSetChangedByAnotherCommandStartsAfresh() {
        PoppedGaps gaps = hints.gapsOf(set(9_000_003, 10));
        gaps.add(0, 100);
        gaps.popped(9);
        assertSame(gaps, hints.gapsOf(set(9_000_003, 9)));
        PoppedGaps fresh = hints.gapsOf(set(9_000_003, 10)); // SADD since: count differs
        assertNotSame(gaps, fresh);
        assertEquals(0, fresh.skip(0));
    }
}
