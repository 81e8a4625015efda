package io.diskdb.replication;

import io.diskdb.storage.Keyspace;
import io.diskdb.storage.Metadata;
import io.diskdb.storage.StorageOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.TransactionLogIterator;
import org.rocksdb.WriteBatch;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Batches of a master joined into one write give the replica the same data and sequence numbers. */
class ContiguousBatchesTest {

    @Test
    void joinedBatchesApplyAsTheSameSequenceOfWrites(@TempDir Path dir) throws Exception {
        try (Keyspace master = new Keyspace(StorageOptions.defaults(dir.resolve("m")), 16);
             Keyspace replica = new Keyspace(StorageOptions.defaults(dir.resolve("r")), 16)) {
            for (int i = 0; i < 5; i++) {
                var txn = master.begin();
                txn.putMeta(0, bytes("k" + i), Metadata.inlineString(bytes("v" + i), 0));
                txn.commit();
            }
            master.engine().db().flushWal(false);
            ContiguousBatches joined = new ContiguousBatches(1 << 20);
            long skipped = -1;
            try (TransactionLogIterator it = master.engine().walSince(1)) {
                for (; it.isValid(); it.next()) {
                    TransactionLogIterator.BatchResult result = it.getBatch();
                    try (WriteBatch batch = result.writeBatch()) {
                        assertTrue(joined.add(result.sequenceNumber(), batch.data()));
                        skipped = result.sequenceNumber() + 100;
                    }
                }
            }
            assertFalse(joined.add(skipped, new byte[12]), "a batch that does not follow on is not joined");
            replica.replica(true);
            replica.applyReplicated(joined.sequence(), joined.data());
            assertEquals(master.engine().latestSequence(), replica.engine().latestSequence());
            assertEquals(5, replica.keyCount(0));
            assertArrayEquals(bytes("v3"), replica.peek(0, bytes("k3")).inlineValue());
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
