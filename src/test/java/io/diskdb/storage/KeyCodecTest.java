package io.diskdb.storage;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyCodecTest {
    private static final byte[] KEY = {'k', 0, '\r', '\n', (byte) 0xff};

    @Test
    void metaKeyRoundTrips() {
        byte[] meta = KeyCodec.metaKey(300, KEY);
        assertEquals(KeyCodec.META_PREFIX + KEY.length, meta.length);
        assertEquals(300, KeyCodec.metaDb(meta));
        assertEquals(Integer.toUnsignedLong(KeyHash.position(KEY)), KeyCodec.metaPosition(meta));
        assertArrayEquals(KEY, KeyCodec.userKey(meta));
    }

    @Test
    void metaKeysOfADatabaseSortInsideItsPrefixAfterTheirSeekPosition() {
        byte[] meta = KeyCodec.metaKey(3, KEY);
        byte[] prefix = KeyCodec.dbPrefix(3);
        assertArrayEquals(prefix, Arrays.copyOf(meta, 2));
        long position = KeyCodec.metaPosition(meta);
        assertTrue(Arrays.compareUnsigned(KeyCodec.metaSeek(3, position), meta) <= 0);
        assertTrue(Arrays.compareUnsigned(KeyCodec.metaSeek(3, position + 1), meta) > 0);
        assertTrue(Arrays.compareUnsigned(meta, KeyCodec.dbPrefix(4)) < 0);
    }

    @Test
    void elementKeysCarryTheVersion() {
        byte[] sub = "field".getBytes(StandardCharsets.US_ASCII);
        byte[] element = KeyCodec.elementKey(0x0102030405060708L, sub);
        assertArrayEquals(KeyCodec.versionPrefix(0x0102030405060708L), Arrays.copyOf(element, 8));
        assertArrayEquals(sub, KeyCodec.subKey(element));
        // every element of a version sorts inside [version, version + 1)
        assertTrue(Arrays.compareUnsigned(element, KeyCodec.versionPrefix(0x0102030405060709L)) < 0);
        byte[] highest = KeyCodec.elementKey(41, new byte[]{(byte) 0xff, (byte) 0xff});
        assertTrue(Arrays.compareUnsigned(highest, KeyCodec.versionPrefix(42)) < 0);
    }

    @Test
    void expireKeysSortByTime() {
        byte[] meta = KeyCodec.metaKey(0, KEY);
        byte[] early = KeyCodec.expireKey(1_000, meta);
        byte[] late = KeyCodec.expireKey(1_700_000_000_000L, KeyCodec.metaKey(0, "a".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(Arrays.compareUnsigned(early, late) < 0);
        assertEquals(1_000, KeyCodec.expireAt(early));
        assertArrayEquals(meta, KeyCodec.expireMetaKey(early));
    }

    @Test
    void integersAreBigEndian() {
        byte[] out = new byte[8];
        KeyCodec.putLong(out, 0, 0x0102030405060708L);
        assertArrayEquals(new byte[]{1, 2, 3, 4, 5, 6, 7, 8}, out);
        assertEquals(0x0102030405060708L, KeyCodec.getLong(out, 0));
        KeyCodec.putInt(out, 0, 0xfedcba98);
        assertEquals(0xfedcba98, KeyCodec.getInt(out, 0));
    }
}
