package io.diskdb.storage;

/** The type of a key, as TYPE reports it, and the column family its elements live in. */
public enum DataType {
    STRING("string", ColumnFamily.STRINGS),
    LIST("list", ColumnFamily.LISTS),
    SET("set", ColumnFamily.SETS),
    HASH("hash", ColumnFamily.HASHES),
    ZSET("zset", ColumnFamily.ZSETS),
    JSON("ReJSON-RL", ColumnFamily.JSON),
    STREAM("stream", ColumnFamily.STREAMS);

    private static final DataType[] BY_CODE = values();

    private final String redisName;
    private final ColumnFamily elements;

    DataType(String redisName, ColumnFamily elements) {
        this.redisName = redisName;
        this.elements = elements;
    }

    /** The name TYPE replies with. */
    public String redisName() {
        return redisName;
    }

    /** Where this type keeps element records, keyed by [version][sub-key]. */
    public ColumnFamily elementFamily() {
        return elements;
    }

    public byte code() {
        return (byte) ordinal();
    }

    public static DataType fromCode(byte code) {
        return BY_CODE[code];
    }

    /** TYPE names are matched case-insensitively by SCAN ... TYPE. */
    public static DataType fromRedisName(String name) {
        for (DataType type : BY_CODE) {
            if (type.redisName.equalsIgnoreCase(name)) {
                return type;
            }
        }
        return null;
    }
}
