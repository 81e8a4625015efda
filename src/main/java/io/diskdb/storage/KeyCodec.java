package io.diskdb.storage;

import java.util.Arrays;

/**
 * Byte layouts of RocksDB keys (see docs/storage-format.md).
 *
 * <pre>
 * meta     [db u16][position u32][user key]          position = KeyHash.position(user key)
 * element  [version u64][sub-key]                    in the family of the key's type
 * expire   [expire-at ms u64][meta key]              ordered by time for the active expiry cycle
 * </pre>
 * All integers are big-endian so that byte order is numeric order. Element keys carry the
 * key's version rather than its name: deleting or overwriting a collection is a new version
 * plus one range delete of the old one, and RENAME moves only the meta record.
 */
public final class KeyCodec {
    public static final int META_PREFIX = 6;
    public static final int VERSION_BYTES = 8;

    private KeyCodec() {
    }

    public static byte[] metaKey(int db, byte[] key) {
        byte[] out = new byte[META_PREFIX + key.length];
        putShort(out, 0, db);
        putInt(out, 2, KeyHash.position(key));
        System.arraycopy(key, 0, out, META_PREFIX, key.length);
        return out;
    }

    public static int metaDb(byte[] metaKey) {
        return ((metaKey[0] & 0xff) << 8) | (metaKey[1] & 0xff);
    }

    public static long metaPosition(byte[] metaKey) {
        return getInt(metaKey, 2) & 0xffffffffL;
    }

    public static byte[] userKey(byte[] metaKey) {
        return Arrays.copyOfRange(metaKey, META_PREFIX, metaKey.length);
    }

    /** First meta key of {@code db} at or after keyspace position {@code position}. */
    public static byte[] metaSeek(int db, long position) {
        byte[] out = new byte[META_PREFIX];
        putShort(out, 0, db);
        putInt(out, 2, (int) position);
        return out;
    }

    public static byte[] dbPrefix(int db) {
        byte[] out = new byte[2];
        putShort(out, 0, db);
        return out;
    }

    public static byte[] versionPrefix(long version) {
        byte[] out = new byte[VERSION_BYTES];
        putLong(out, 0, version);
        return out;
    }

    public static byte[] elementKey(long version, byte[] subKey) {
        byte[] out = new byte[VERSION_BYTES + subKey.length];
        putLong(out, 0, version);
        System.arraycopy(subKey, 0, out, VERSION_BYTES, subKey.length);
        return out;
    }

    /** The record of a list element: its version, then its position (docs/storage-format.md, "Lists"). */
    public static byte[] listElementKey(long version, long position) {
        byte[] out = new byte[VERSION_BYTES + 8];
        putLong(out, 0, version);
        putLong(out, VERSION_BYTES, position);
        return out;
    }

    public static byte[] subKey(byte[] elementKey) {
        return Arrays.copyOfRange(elementKey, VERSION_BYTES, elementKey.length);
    }

    public static byte[] expireKey(long expireAt, byte[] metaKey) {
        byte[] out = new byte[8 + metaKey.length];
        putLong(out, 0, expireAt);
        System.arraycopy(metaKey, 0, out, 8, metaKey.length);
        return out;
    }

    public static long expireAt(byte[] expireKey) {
        return getLong(expireKey, 0);
    }

    public static byte[] expireMetaKey(byte[] expireKey) {
        return Arrays.copyOfRange(expireKey, 8, expireKey.length);
    }

    public static void putShort(byte[] out, int at, int value) {
        out[at] = (byte) (value >>> 8);
        out[at + 1] = (byte) value;
    }

    public static void putInt(byte[] out, int at, int value) {
        out[at] = (byte) (value >>> 24);
        out[at + 1] = (byte) (value >>> 16);
        out[at + 2] = (byte) (value >>> 8);
        out[at + 3] = (byte) value;
    }

    public static void putLong(byte[] out, int at, long value) {
        for (int i = 7; i >= 0; i--) {
            out[at + i] = (byte) value;
            value >>>= 8;
        }
    }

    public static int getInt(byte[] in, int at) {
        return ((in[at] & 0xff) << 24) | ((in[at + 1] & 0xff) << 16) | ((in[at + 2] & 0xff) << 8) | (in[at + 3] & 0xff);
    }

    public static long getLong(byte[] in, int at) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (in[at + i] & 0xff);
        }
        return value;
    }
}
