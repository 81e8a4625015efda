package io.diskdb.storage;

/** When a write's WAL record reaches the disk (the {@code sync} setting). */
public enum Durability {
    /** fsync before the reply; concurrent writers share one fsync (RocksDB group commit). */
    ALWAYS,
    /** WAL written to the OS before the reply, fsynced by a background thread every interval. */
    EVERYSEC,
    /** WAL written to the OS before the reply; the OS decides when it reaches the disk. */
    NO
}
