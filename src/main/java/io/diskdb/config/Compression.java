package io.diskdb.config;

import java.util.Locale;

/** Block compression used by the storage engine for new SST files. */
public enum Compression {
    NONE, SNAPPY, LZ4, ZSTD;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses none|snappy|lz4|zstd, ignoring case; null if the word is none of them. */
    public static Compression parse(String word) {
        for (Compression c : values()) {
            if (c.name().equalsIgnoreCase(word.trim())) {
                return c;
            }
        }
        return null;
    }
}
