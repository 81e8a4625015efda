package io.diskdb.replication;

/** One file of a replication checkpoint: its name in the checkpoint directory, size and CRC32C. */
public record CheckpointFile(String name, long size, long crc32c) {
}
