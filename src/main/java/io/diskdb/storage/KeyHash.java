package io.diskdb.storage;

/**
 * The 32-bit position of a user key in the keyspace order: the Redis Cluster hash slot
 * (CRC16 of the key or its {hash tag}, 14 bits) followed by 18 bits of FNV-1a.
 *
 * <p>Meta records are sorted by this value, which gives SCAN a stateless cursor that stays
 * valid across writes and restarts (the cursor is the next position to visit), and keeps the
 * keys of one cluster slot together for a later cluster mode. Both functions are part of the
 * on-disk format: changing them reorders every database.
 */
public final class KeyHash {
    public static final int SLOTS = 16384;
    private static final int[] CRC16_TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            CRC16_TABLE[i] = crc & 0xffff;
        }
    }

    private KeyHash() {
    }

    public static int position(byte[] key) {
        return (slot(key) << 18) | (fnv1a(key) & 0x3ffff);
    }

    /** The cluster slot, honouring hash tags exactly as Redis's keyHashSlot does. */
    public static int slot(byte[] key) {
        int start = -1;
        for (int i = 0; i < key.length; i++) {
            if (key[i] == '{') {
                start = i;
                break;
            }
        }
        if (start >= 0) {
            for (int end = start + 1; end < key.length; end++) {
                if (key[end] == '}') {
                    if (end > start + 1) {
                        return crc16(key, start + 1, end) & (SLOTS - 1);
                    }
                    break;
                }
            }
        }
        return crc16(key, 0, key.length) & (SLOTS - 1);
    }

    /**
     * The 32-bit position of a member inside its collection (set members, hash fields): FNV-1a
     * of its bytes, an unsigned int carried in an int. Element records are ordered by it, which
     * gives SSCAN/HSCAN the same stateless cursor as SCAN. Part of the on-disk format.
     */
    public static int elementPosition(byte[] member) {
        return fnv1a(member);
    }

    static int crc16(byte[] data, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) {
            crc = ((crc << 8) ^ CRC16_TABLE[((crc >>> 8) ^ data[i]) & 0xff]) & 0xffff;
        }
        return crc;
    }

    static int fnv1a(byte[] data) {
        int hash = 0x811c9dc5;
        for (byte b : data) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        return hash;
    }
}
