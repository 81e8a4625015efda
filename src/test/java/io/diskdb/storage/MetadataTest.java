package io.diskdb.storage;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetadataTest {
    private static Metadata roundTrip(Metadata meta) {
        return Metadata.decode(meta.encode());
    }

    private static void assertSame(Metadata expected, Metadata actual) {
        assertEquals(expected.type(), actual.type());
        assertEquals(expected.expireAt(), actual.expireAt());
        assertEquals(expected.version(), actual.version());
        assertEquals(expected.count(), actual.count());
        assertArrayEquals(expected.inlineValue(), actual.inlineValue());
        assertArrayEquals(expected.extra(), actual.extra());
        assertEquals(expected.isInlineString(), actual.isInlineString());
        assertEquals(expected.hasElements(), actual.hasElements());
    }

    @Test
    void inlineStringRoundTrips() {
        byte[] value = {0, 1, '\r', '\n', (byte) 0xff};
        Metadata meta = Metadata.inlineString(value, 1_700_000_000_123L);
        Metadata decoded = roundTrip(meta);
        assertSame(meta, decoded);
        assertTrue(decoded.isInlineString());
        assertFalse(decoded.hasElements());
        assertEquals(5, decoded.count());
    }

    @Test
    void emptyInlineStringWithoutExpiryRoundTrips() {
        Metadata decoded = roundTrip(Metadata.inlineString(new byte[0], 0));
        assertArrayEquals(new byte[0], decoded.inlineValue());
        assertFalse(decoded.hasExpiry());
    }

    @Test
    void externalStringRoundTrips() {
        Metadata meta = Metadata.externalString(77, 5_000_000, 0);
        Metadata decoded = roundTrip(meta);
        assertSame(meta, decoded);
        assertNull(decoded.inlineValue());
        assertTrue(decoded.hasElements());
    }

    @Test
    void collectionsRoundTripWithAndWithoutExtraFields() {
        for (DataType type : DataType.values()) {
            if (type == DataType.STRING) {
                continue;
            }
            Metadata plain = Metadata.collection(type, Long.MAX_VALUE - 1, 3, 42, null);
            assertSame(plain, roundTrip(plain));
            Metadata extra = Metadata.collection(type, 9, 1L << 40, 0, new byte[]{9, 8, 7});
            assertSame(extra, roundTrip(extra));
        }
    }

    @Test
    void copiesChangeOneField() {
        Metadata base = Metadata.collection(DataType.HASH, 5, 2, 100, new byte[]{1});
        assertEquals(0, base.withExpireAt(0).expireAt());
        assertEquals(5, base.withExpireAt(0).version());
        assertEquals(6, base.withVersion(6).version());
        assertEquals(3, base.withCount(3).count());
        assertArrayEquals(new byte[]{2}, base.withCountAndExtra(4, new byte[]{2}).extra());
    }

    @Test
    void expiryIsInclusiveOfTheDeadline() {
        Metadata meta = Metadata.inlineString(new byte[]{1}, 1000);
        assertFalse(meta.isExpired(999));
        assertTrue(meta.isExpired(1000));
        assertFalse(Metadata.inlineString(new byte[]{1}, 0).isExpired(Long.MAX_VALUE));
    }
}
