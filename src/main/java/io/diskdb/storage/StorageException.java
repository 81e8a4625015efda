package io.diskdb.storage;

/** RocksDB failed underneath a command; the client gets an error, the server keeps running. */
public final class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
