package io.diskdb.storage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rocksdb.RocksDBException;
import org.rocksdb.TransactionLogIterator;
import org.rocksdb.WriteBatch;

import java.util.ArrayList;
import java.util.List;

import static io.diskdb.storage.KeyspaceFixture.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A replica's keyspace applying a master's WAL: same sequence numbers, coherent cache and counters, no writes of its own. */
class ReplicatedWriteApplierTest {
    private final KeyspaceFixture master = new KeyspaceFixture();
    private final KeyspaceFixture replica = new KeyspaceFixture();
    private long shipped = 1;

    @AfterEach
    void close() {
        master.close();
        replica.close();
    }

    /** Applies every master batch not shipped yet to the replica. */
    private void ship() throws RocksDBException {
        Engine engine = master.keyspace().engine();
        engine.db().flushWal(false);
        List<long[]> positions = new ArrayList<>();
        List<byte[]> batches = new ArrayList<>();
        try (TransactionLogIterator it = engine.walSince(shipped)) {
            for (; it.isValid(); it.next()) {
                TransactionLogIterator.BatchResult result = it.getBatch();
                try (WriteBatch batch = result.writeBatch()) {
                    positions.add(new long[]{result.sequenceNumber(), batch.count()});
                    batches.add(batch.data());
                }
            }
        }
        for (int i = 0; i < batches.size(); i++) {
            replica.keyspace().applyReplicated(positions.get(i)[0], batches.get(i));
            shipped = positions.get(i)[0] + positions.get(i)[1];
        }
        assertEquals(engine.latestSequence(), replica.keyspace().engine().latestSequence());
    }

    private Metadata readOnReplica(String key) {
        Metadata[] seen = new Metadata[1];
        replica.write(0, key, txn -> seen[0] = txn.meta(0, bytes(key))); // under the key lock: fills the cache
        return seen[0];
    }

    @Test
    void replicaFollowsTheMastersWritesWithCoherentCacheAndCounters() throws Exception {
        replica.keyspace().replica(true);
        master.write(0, "k", txn -> txn.putMeta(0, bytes("k"), Metadata.inlineString(bytes("one"), 0)));
        ship();
        assertArrayEquals(bytes("one"), readOnReplica("k").inlineValue());
        master.write(0, "k", txn -> txn.putMeta(0, bytes("k"), Metadata.inlineString(bytes("two"), 0)));
        master.write(0, "other", txn -> txn.putMeta(0, bytes("other"), Metadata.inlineString(bytes("x"), 0)));
        ship();
        assertArrayEquals(bytes("two"), readOnReplica("k").inlineValue(), "the cached value was replaced");
        assertEquals(2, replica.keyspace().keyCount(0));
        master.keyspace().flush(0, key -> { });
        ship();
        assertNull(readOnReplica("k"));
        assertEquals(0, replica.keyspace().keyCount(0));
    }

    @Test
    void aKeyTheReplicaKnewAbsentAppearsWhenTheMasterWritesIt() throws Exception {
        replica.keyspace().replica(true);
        assertNull(readOnReplica("k")); // the replica's cache now remembers "no such key"
        master.write(0, "k", txn -> txn.putMeta(0, bytes("k"), Metadata.inlineString(bytes("one"), 0)));
        ship();
        assertArrayEquals(bytes("one"), readOnReplica("k").inlineValue());
    }

    @Test
    void aReplicaHidesExpiredKeysWithoutDeletingThem() throws Exception {
        long past = System.currentTimeMillis() - 1000;
        master.write(0, "old", txn -> txn.putMeta(0, bytes("old"), Metadata.inlineString(bytes("v"), past + 500)));
        ship();
        replica.keyspace().replica(true);
        long before = replica.keyspace().engine().latestSequence();
        assertNull(readOnReplica("old"), "reads treat it as gone");
        assertEquals(before, replica.keyspace().engine().latestSequence(), "but the replica wrote nothing");
        assertEquals(1, replica.keyspace().keyCount(0), "the master's delete will remove it");
    }

    @Test
    void aBatchThatDoesNotFollowOnIsRefused() throws Exception {
        master.write(0, "a", txn -> txn.putMeta(0, bytes("a"), Metadata.inlineString(bytes("1"), 0)));
        master.write(0, "b", txn -> txn.putMeta(0, bytes("b"), Metadata.inlineString(bytes("2"), 0)));
        Engine engine = master.keyspace().engine();
        engine.db().flushWal(false);
        try (TransactionLogIterator it = engine.walSince(1)) {
            it.next(); // skip the first batch: the second does not follow on an empty replica
            TransactionLogIterator.BatchResult result = it.getBatch();
            try (WriteBatch second = result.writeBatch()) {
                long sequence = result.sequenceNumber();
                byte[] data = second.data();
                assertThrows(SequenceGapException.class, () -> replica.keyspace().applyReplicated(sequence, data));
            }
        }
        assertEquals(0, replica.keyspace().engine().latestSequence(), "nothing was applied");
    }
}
