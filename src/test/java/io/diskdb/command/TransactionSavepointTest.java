package io.diskdb.command;

import io.diskdb.storage.ColumnFamily;
import io.diskdb.storage.DataType;
import io.diskdb.storage.KeyCodec;
import io.diskdb.storage.Keyspace;
import io.diskdb.storage.Metadata;
import io.diskdb.storage.StorageOptions;
import io.diskdb.storage.Transaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The storage savepoint EXEC relies on: a queued command that fails after staging writes
 * leaves exactly the writes of the commands before it.
 */
class TransactionSavepointTest {
    @TempDir
    Path dir;
    private Keyspace keyspace;

    @BeforeEach
    void open() throws Exception {
        keyspace = new Keyspace(StorageOptions.defaults(dir), 16);
    }

    @AfterEach
    void close() {
        keyspace.close();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void rollbackDropsOnlyWhatWasStagedSinceTheSavepoint() {
        Transaction txn = keyspace.begin();
        txn.putMeta(0, bytes("kept"), Metadata.inlineString(bytes("1"), 0));
        long version = txn.newVersion();
        byte[] keptElement = KeyCodec.elementKey(version, bytes("f1"));
        txn.putMeta(0, bytes("hash"), Metadata.collection(DataType.HASH, version, 1, 0, new byte[0]));
        txn.put(ColumnFamily.HASHES, keptElement, bytes("v1"));

        txn.setSavePoint();
        txn.putMeta(0, bytes("kept"), Metadata.inlineString(bytes("changed"), 0));
        txn.deleteKey(0, bytes("hash"));
        txn.putMeta(0, bytes("new"), Metadata.inlineString(bytes("x"), 0));
        byte[] droppedElement = KeyCodec.elementKey(version, bytes("f2"));
        txn.put(ColumnFamily.HASHES, droppedElement, bytes("v2"));
        txn.rollbackToSavePoint();

        assertArrayEquals(bytes("1"), txn.meta(0, bytes("kept")).inlineValue(), "reads see the state at the savepoint");
        assertNull(txn.meta(0, bytes("new")));
        assertNull(txn.get(ColumnFamily.HASHES, droppedElement));
        txn.commit();

        Transaction after = keyspace.begin();
        assertArrayEquals(bytes("1"), after.meta(0, bytes("kept")).inlineValue());
        assertEquals(1, after.meta(0, bytes("hash")).count(), "the hash deleted after the savepoint is back");
        assertArrayEquals(bytes("v1"), after.get(ColumnFamily.HASHES, keptElement));
        assertNull(after.get(ColumnFamily.HASHES, droppedElement));
        assertNull(after.meta(0, bytes("new")));
        assertEquals(2, keyspace.keyCount(0));
    }

    @Test
    void releasedSavepointKeepsTheWritesAndAllowsTheNextOne() {
        Transaction txn = keyspace.begin();
        txn.setSavePoint();
        txn.putMeta(0, bytes("a"), Metadata.inlineString(bytes("1"), 0));
        txn.releaseSavePoint();
        txn.setSavePoint();
        txn.putMeta(0, bytes("b"), Metadata.inlineString(bytes("2"), 0));
        txn.rollbackToSavePoint();
        txn.commit();
        Transaction after = keyspace.begin();
        assertArrayEquals(bytes("1"), after.meta(0, bytes("a")).inlineValue());
        assertNull(after.meta(0, bytes("b")));
        assertEquals(1, keyspace.keyCount(0));
    }
}
