package io.diskdb.storage;

/**
 * The one record every user key has: its type, expiry and, for collections, the version that
 * prefixes its element keys and the element count. Immutable; writers build a new one.
 *
 * <pre>
 * [0]      format (1)
 * [1]      type code
 * [2..9]   expire-at, unix ms, 0 = no expiry
 * string:      [10] 0 = value inline, bytes 11.. are the value
 *              [10] 1 = value in the strings family at [version]; [11..18] version, [19..26] length
 * collection:  [10..17] version, [18..25] element count, [26..] type-specific fields
 * </pre>
 */
public final class Metadata {
    public static final byte FORMAT = 1;
    private static final byte INLINE = 0;
    private static final byte EXTERNAL = 1;
    private static final byte[] NO_EXTRA = new byte[0];

    private final DataType type;
    private final long expireAt;
    private final long version;
    private final long count;
    private final byte[] value;
    private final byte[] extra;

    private Metadata(DataType type, long expireAt, long version, long count, byte[] value, byte[] extra) {
        this.type = type;
        this.expireAt = expireAt;
        this.version = version;
        this.count = count;
        this.value = value;
        this.extra = extra;
    }

    /** A string whose value is stored inside the meta record. */
    public static Metadata inlineString(byte[] value, long expireAt) {
        return new Metadata(DataType.STRING, expireAt, 0, value.length, value, NO_EXTRA);
    }

    /** A string whose value lives in the strings family under {@code version}. */
    public static Metadata externalString(long version, long length, long expireAt) {
        return new Metadata(DataType.STRING, expireAt, version, length, null, NO_EXTRA);
    }

    public static Metadata collection(DataType type, long version, long count, long expireAt, byte[] extra) {
        if (type == DataType.STRING) {
            throw new IllegalArgumentException("strings are not collections");
        }
        return new Metadata(type, expireAt, version, count, null, extra == null ? NO_EXTRA : extra);
    }

    public DataType type() {
        return type;
    }

    public long expireAt() {
        return expireAt;
    }

    public boolean hasExpiry() {
        return expireAt != 0;
    }

    public boolean isExpired(long nowMillis) {
        return expireAt != 0 && expireAt <= nowMillis;
    }

    /** The element-key prefix of a collection or an external string; 0 for an inline string. */
    public long version() {
        return version;
    }

    /** Elements of a collection; byte length of a string. */
    public long count() {
        return count;
    }

    /** The value of an inline string, or null when it is external. */
    public byte[] inlineValue() {
        return value;
    }

    public boolean isInlineString() {
        return type == DataType.STRING && value != null;
    }

    /** Whether records in an element family belong to this key (to be range-deleted with it). */
    public boolean hasElements() {
        return version != 0;
    }

    public byte[] extra() {
        return extra;
    }

    public Metadata withExpireAt(long newExpireAt) {
        return new Metadata(type, newExpireAt, version, count, value, extra);
    }

    public Metadata withCount(long newCount) {
        return new Metadata(type, expireAt, version, newCount, value, extra);
    }

    public Metadata withCountAndExtra(long newCount, byte[] newExtra) {
        return new Metadata(type, expireAt, version, newCount, value, newExtra);
    }

    /** A copy under a new version (COPY of a collection writes its elements under it). */
    public Metadata withVersion(long newVersion) {
        return new Metadata(type, expireAt, newVersion, count, value, extra);
    }

    /** Rough heap footprint, for the byte-bounded hot cache. */
    public int weight() {
        return 64 + (value == null ? 0 : value.length) + extra.length;
    }

    public byte[] encode() {
        if (type == DataType.STRING) {
            if (value != null) {
                byte[] out = new byte[11 + value.length];
                header(out);
                out[10] = INLINE;
                System.arraycopy(value, 0, out, 11, value.length);
                return out;
            }
            byte[] out = new byte[27];
            header(out);
            out[10] = EXTERNAL;
            KeyCodec.putLong(out, 11, version);
            KeyCodec.putLong(out, 19, count);
            return out;
        }
        byte[] out = new byte[26 + extra.length];
        header(out);
        KeyCodec.putLong(out, 10, version);
        KeyCodec.putLong(out, 18, count);
        System.arraycopy(extra, 0, out, 26, extra.length);
        return out;
    }

    private void header(byte[] out) {
        out[0] = FORMAT;
        out[1] = type.code();
        KeyCodec.putLong(out, 2, expireAt);
    }

    public static Metadata decode(byte[] in) {
        if (in[0] != FORMAT) {
            throw new IllegalStateException("unknown metadata format " + in[0]);
        }
        DataType type = DataType.fromCode(in[1]);
        long expireAt = KeyCodec.getLong(in, 2);
        if (type == DataType.STRING) {
            if (in[10] == INLINE) {
                byte[] value = java.util.Arrays.copyOfRange(in, 11, in.length);
                return new Metadata(type, expireAt, 0, value.length, value, NO_EXTRA);
            }
            return new Metadata(type, expireAt, KeyCodec.getLong(in, 11), KeyCodec.getLong(in, 19), null, NO_EXTRA);
        }
        byte[] extra = in.length > 26 ? java.util.Arrays.copyOfRange(in, 26, in.length) : NO_EXTRA;
        return new Metadata(type, expireAt, KeyCodec.getLong(in, 10), KeyCodec.getLong(in, 18), null, extra);
    }
}
