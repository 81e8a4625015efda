package io.diskdb.command;

import io.diskdb.types.ScoreCodec;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The score index relies on encoded scores sorting, as unsigned bytes, in numeric order. */
class SortedSetScoreEncodingTest {
    private static final List<Double> ASCENDING = List.of(
            Double.NEGATIVE_INFINITY, -Double.MAX_VALUE, -1e300, -2.5, -1.0, -Double.MIN_NORMAL,
            -1e-320, -Double.MIN_VALUE, 0.0, Double.MIN_VALUE, 1e-320, Double.MIN_NORMAL, 1e-300, 0.5, 1.0,
            1.0000000000000002, 2.5, 9007199254740993.0, 1e300, Double.MAX_VALUE, Double.POSITIVE_INFINITY);

    @Test
    void encodedScoresSortAsNumbers() {
        for (int i = 0; i + 1 < ASCENDING.size(); i++) {
            double low = ASCENDING.get(i);
            double high = ASCENDING.get(i + 1);
            if (low == high) {
                continue;
            }
            assertTrue(Arrays.compareUnsigned(ScoreCodec.encode(low), ScoreCodec.encode(high)) < 0,
                    low + " should sort before " + high);
        }
    }

    @Test
    void everyScoreDecodesToItself() {
        for (double score : ASCENDING) {
            assertEquals(score, ScoreCodec.get(ScoreCodec.encode(score), 0));
        }
    }

    @Test
    void negativeZeroIsStoredAsZero() {
        assertEquals(0, Arrays.compareUnsigned(ScoreCodec.encode(-0.0), ScoreCodec.encode(0.0)));
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(ScoreCodec.get(ScoreCodec.encode(-0.0), 0)));
        assertTrue(Arrays.compareUnsigned(ScoreCodec.encode(-Double.MIN_VALUE), ScoreCodec.encode(-0.0)) < 0);
        assertTrue(Arrays.compareUnsigned(ScoreCodec.encode(-0.0), ScoreCodec.encode(Double.MIN_VALUE)) < 0);
    }

    @Test
    void infinitiesAreTheEnds() {
        byte[] lowest = ScoreCodec.encode(Double.NEGATIVE_INFINITY);
        byte[] highest = ScoreCodec.encode(Double.POSITIVE_INFINITY);
        // the successor of +inf's encoding must stay a valid 8-byte key (used to seek past a score)
        assertTrue(ScoreCodec.orderKey(Double.POSITIVE_INFINITY) + 1 != 0);
        assertTrue(Arrays.compareUnsigned(lowest, ScoreCodec.encode(-Double.MAX_VALUE)) < 0);
        assertTrue(Arrays.compareUnsigned(ScoreCodec.encode(Double.MAX_VALUE), highest) < 0);
    }
}
