package io.diskdb.replication;

import io.diskdb.storage.ColumnFamily;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The latest sequence number of a database directory, learned by opening it read-only (which
 * replays its WAL into memory and writes nothing but an info LOG). A checkpoint's own sequence is
 * not reported by RocksJava, and the WAL it copies may hold writes made after the flush that started
 * it, so opening it is the one exact answer. Opening also proves, on the replica, that the fetched
 * files make a database before anything is swapped.
 */
final class CheckpointSequence {
    static {
        RocksDB.loadLibrary();
    }

    private CheckpointSequence() {
    }

    static long of(Path databaseDir) throws IOException {
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        for (ColumnFamily family : ColumnFamily.values()) {
            descriptors.add(new ColumnFamilyDescriptor(family.rocksNameBytes()));
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (DBOptions options = new DBOptions();
             RocksDB db = RocksDB.openReadOnly(options, databaseDir.toString(), descriptors, handles)) {
            try {
                return db.getLatestSequenceNumber();
            } finally {
                handles.forEach(ColumnFamilyHandle::close);
            }
        } catch (RocksDBException e) {
            throw new IOException("'" + databaseDir + "' does not open as a database: " + e.getMessage(), e);
        }
    }
}
