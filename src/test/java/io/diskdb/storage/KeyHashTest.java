package io.diskdb.storage;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cluster slots as Redis's CLUSTER KEYSLOT computes them; positions ordered by slot. */
class KeyHashTest {
    private static int slot(String key) {
        return KeyHash.slot(key.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void slotsMatchRedisClusterKeyslot() {
        assertEquals(12182, slot("foo"));
        assertEquals(11058, slot("somekey"));
        assertEquals(2515, slot("foo{hash_tag}"));
        assertEquals(2515, slot("{hash_tag}"));
        assertEquals(0, slot(""));
    }

    @Test
    void elementPositionIsFnv1a32() {
        // published FNV-1a 32-bit test vectors: hash fields are ordered on disk by this value
        assertEquals(0x811c9dc5, KeyHash.elementPosition(new byte[0]));
        assertEquals(0xe40c292c, KeyHash.elementPosition("a".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(0xbf9cf968, KeyHash.elementPosition("foobar".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void crc16IsXmodem() {
        // the check value of CRC-16/XMODEM, which Redis Cluster uses
        assertEquals(0x31c3, KeyHash.crc16("123456789".getBytes(StandardCharsets.US_ASCII), 0, 9));
    }

    @Test
    void hashTagsFollowRedisRules() {
        assertEquals(slot("user1000"), slot("{user1000}.following"));
        assertEquals(slot("user1000"), slot("{user1000}.followers"));
        // an empty tag "{}" means the whole key is hashed
        assertEquals(KeyHash.crc16("foo{}{bar}".getBytes(StandardCharsets.US_ASCII), 0, 10) & 16383, slot("foo{}{bar}"));
        // only the first '{' and the first '}' after it count
        assertEquals(slot("{bar"), slot("foo{{bar}}zap"));
        assertEquals(slot("bar"), slot("foo{bar}{zap}"));
        // no closing brace: the whole key
        assertNotEquals(slot("abc"), slot("{abc"));
    }

    @Test
    void positionStartsWithTheSlot() {
        byte[] key = "foo".getBytes(StandardCharsets.US_ASCII);
        int position = KeyHash.position(key);
        assertEquals(12182, position >>> 18);
        assertTrue(Integer.toUnsignedLong(position) < (12183L << 18));
    }
}
