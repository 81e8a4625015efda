package io.diskdb.testing;

import io.diskdb.server.DiskDbServer;
import io.diskdb.storage.ColumnFamily;
import io.diskdb.storage.Engine;
import io.diskdb.storage.KeyCodec;
import org.rocksdb.RocksIterator;

import java.util.Arrays;

/**
 * Counts what a server keeps in RocksDB, past the command layer, for tests that must see
 * storage itself: that DEL drops a huge collection's elements, that COPY copies them.
 */
public final class StoredRecords {
    private StoredRecords() {
    }

    /** The element records under {@code version}'s prefix in {@code family}. */
    public static long elements(DiskDbServer server, ColumnFamily family, long version) {
        Engine engine = server.keyspace().engine();
        byte[] prefix = KeyCodec.versionPrefix(version);
        long count = 0;
        try (RocksIterator it = engine.db().newIterator(engine.handle(family))) {
            for (it.seek(prefix); it.isValid() && Arrays.equals(it.key(), 0, 8, prefix, 0, 8); it.next()) {
                count++;
            }
        }
        return count;
    }
}
