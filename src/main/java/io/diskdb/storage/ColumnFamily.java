package io.diskdb.storage;

import java.nio.charset.StandardCharsets;

/**
 * The column families of the database. {@code meta} holds one record per user key; each data
 * type keeps its elements in a family of its own; {@code expire} is the ordered expiry index;
 * {@code default} (RocksDB's own) holds server bookkeeping such as key counters.
 */
public enum ColumnFamily {
    DEFAULT("default"),
    META("meta"),
    STRINGS("strings"),
    LISTS("lists"),
    SETS("sets"),
    HASHES("hashes"),
    ZSETS("zsets"),
    JSON("json"),
    STREAMS("streams"),
    EXPIRE("expire");

    private final String rocksName;

    ColumnFamily(String rocksName) {
        this.rocksName = rocksName;
    }

    public String rocksName() {
        return rocksName;
    }

    public byte[] rocksNameBytes() {
        return rocksName.getBytes(StandardCharsets.US_ASCII);
    }
}
