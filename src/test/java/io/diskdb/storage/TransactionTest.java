package io.diskdb.storage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rocksdb.RocksIterator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.diskdb.storage.KeyspaceFixture.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransactionTest {
    private final KeyspaceFixture fixture = new KeyspaceFixture();
    private final Keyspace keyspace = fixture.keyspace();

    @AfterEach
    void close() {
        fixture.close();
    }

    /** What another client sees: a transaction on another thread (transactions are per thread). */
    private Metadata metaSeenElsewhere(int db, String key) {
        return CompletableFuture.supplyAsync(() -> keyspace.begin().meta(db, bytes(key))).join();
    }


    @Test
    void readsSeeTheTransactionsOwnMetaWrites() {
        Transaction txn = keyspace.begin();
        assertNull(txn.meta(0, bytes("k")));
        txn.putMeta(0, bytes("k"), Metadata.inlineString(bytes("v1"), 0));
        assertArrayEquals(bytes("v1"), txn.meta(0, bytes("k")).inlineValue());
        assertNull(metaSeenElsewhere(0, "k"), "nothing is visible before the commit");
        assertTrue(txn.deleteKey(0, bytes("k")));
        assertNull(txn.meta(0, bytes("k")));
        assertFalse(txn.deleteKey(0, bytes("k")));
        txn.putMeta(0, bytes("k"), Metadata.inlineString(bytes("v2"), 0));
        txn.commit();
        assertArrayEquals(bytes("v2"), metaSeenElsewhere(0, "k").inlineValue());
        assertEquals(1, keyspace.keyCount(0));
    }

    @Test
    void readsSeeTheTransactionsOwnElementWrites() {
        Transaction txn = keyspace.begin();
        byte[] a = KeyCodec.elementKey(7, bytes("a"));
        byte[] b = KeyCodec.elementKey(7, bytes("b"));
        txn.put(ColumnFamily.HASHES, a, bytes("1"));
        txn.put(ColumnFamily.HASHES, b, bytes("2"));
        assertArrayEquals(bytes("1"), txn.get(ColumnFamily.HASHES, a));
        txn.delete(ColumnFamily.HASHES, a);
        assertNull(txn.get(ColumnFamily.HASHES, a));
        List<String> seen = new ArrayList<>();
        try (RocksIterator it = txn.iterator(ColumnFamily.HASHES)) {
            for (it.seek(KeyCodec.versionPrefix(7)); it.isValid(); it.next()) {
                seen.add(new String(KeyCodec.subKey(it.key())));
            }
        }
        assertEquals(List.of("b"), seen);
        assertNull(fixture.raw(ColumnFamily.HASHES, b), "nothing is written before the commit");
        txn.commit();
        assertArrayEquals(bytes("2"), fixture.raw(ColumnFamily.HASHES, b));
    }

    @Test
    void databasesAreSeparate() {
        fixture.write(0, "k", txn -> txn.putMeta(0, bytes("k"), Metadata.inlineString(bytes("zero"), 0)));
        fixture.write(1, "k", txn -> txn.putMeta(1, bytes("k"), Metadata.inlineString(bytes("one"), 0)));
        assertArrayEquals(bytes("zero"), metaSeenElsewhere(0, "k").inlineValue());
        assertArrayEquals(bytes("one"), metaSeenElsewhere(1, "k").inlineValue());
        assertNull(metaSeenElsewhere(2, "k"));
        assertEquals(1, keyspace.keyCount(0));
        assertEquals(1, keyspace.keyCount(1));
    }

    @Test
    void expiredKeysReadAsMissingAndAreDeletedByTheReadingCommit() {
        long past = System.currentTimeMillis() - 1;
        fixture.write(0, "old", txn -> txn.putMeta(0, bytes("old"), Metadata.inlineString(bytes("v"), past)));
        assertEquals(1, keyspace.keyCount(0));
        fixture.write(0, "old", txn -> assertNull(txn.meta(0, bytes("old"))));
        assertNull(fixture.raw(ColumnFamily.META, KeyCodec.metaKey(0, bytes("old"))));
        assertTrue(fixture.keys(ColumnFamily.EXPIRE).isEmpty());
        assertEquals(0, keyspace.keyCount(0));
        assertEquals(0, keyspace.expiringKeyCount(0));
    }

    private void writeCollection(String key, long version, String... fields) {
        fixture.write(0, key, txn -> {
            for (String field : fields) {
                txn.put(ColumnFamily.HASHES, KeyCodec.elementKey(version, bytes(field)), bytes("x"));
            }
            txn.putMeta(0, bytes(key), Metadata.collection(DataType.HASH, version, fields.length, 0, null));
        });
    }

    private List<byte[]> elementsOf(long version) {
        List<byte[]> found = new ArrayList<>();
        for (byte[] key : fixture.keys(ColumnFamily.HASHES)) {
            if (KeyCodec.getLong(key, 0) == version) {
                found.add(key);
            }
        }
        return found;
    }

    @Test
    void replacingACollectionRemovesTheOldVersionsElements() {
        long v1 = keyspace.newVersion();
        writeCollection("h", v1, "a", "b", "c");
        long neighbour = keyspace.newVersion();
        writeCollection("other", neighbour, "a");
        assertEquals(3, elementsOf(v1).size());
        long v2 = keyspace.newVersion();
        writeCollection("h", v2, "d");
        assertTrue(elementsOf(v1).isEmpty(), "the replaced version's elements are range-deleted");
        assertEquals(1, elementsOf(v2).size());
        assertEquals(1, elementsOf(neighbour).size(), "other keys' elements are untouched");
        assertEquals(v2, metaSeenElsewhere(0, "h").version());
    }

    @Test
    void deletingACollectionRemovesItsElements() {
        long v1 = keyspace.newVersion();
        writeCollection("h", v1, "a", "b");
        fixture.write(0, "h", txn -> assertTrue(txn.deleteKey(0, bytes("h"))));
        assertTrue(elementsOf(v1).isEmpty());
        assertEquals(0, keyspace.keyCount(0));
    }

    @Test
    void overwritingACollectionWithAStringRemovesItsElements() {
        long v1 = keyspace.newVersion();
        writeCollection("h", v1, "a", "b");
        fixture.write(0, "h", txn -> txn.putMeta(0, bytes("h"), Metadata.inlineString(bytes("s"), 0)));
        assertTrue(elementsOf(v1).isEmpty());
    }

    @Test
    void versionCreatedAndReplacedInOneTransactionLeavesNoElements() {
        // MULTI / HSET h a 1 / DEL h / EXEC runs as one transaction: the key did not exist
        // before it and does not after, yet elements were staged under a version in between.
        long v1 = keyspace.newVersion();
        long v2 = keyspace.newVersion();
        fixture.write(0, "h", txn -> {
            txn.put(ColumnFamily.HASHES, KeyCodec.elementKey(v1, bytes("a")), bytes("1"));
            txn.putMeta(0, bytes("h"), Metadata.collection(DataType.HASH, v1, 1, 0, null));
            txn.deleteKey(0, bytes("h"));
            txn.put(ColumnFamily.HASHES, KeyCodec.elementKey(v2, bytes("b")), bytes("2"));
            txn.putMeta(0, bytes("h"), Metadata.collection(DataType.HASH, v2, 1, 0, null));
        });
        assertTrue(elementsOf(v1).isEmpty(), "no elements of a version replaced inside the transaction may be left behind");
        assertEquals(1, elementsOf(v2).size());
    }

    @Test
    void movingACollectionToAnotherKeyKeepsItsElements() {
        // RENAME moves only the meta record: the version now belongs to the destination.
        long v1 = keyspace.newVersion();
        writeCollection("a", v1, "x", "y");
        try (KeyLocks.Held held = keyspace.locks().lockAll()) {
            Transaction txn = keyspace.begin();
            Metadata moved = txn.meta(0, bytes("a"));
            txn.deleteKey(0, bytes("a"));
            txn.putMeta(0, bytes("b"), moved);
            txn.deleteKey(0, bytes("b"));
            txn.putMeta(0, bytes("c"), moved);
            txn.commit();
        }
        assertEquals(2, elementsOf(v1).size());
        assertEquals(v1, metaSeenElsewhere(0, "c").version());
        assertNull(metaSeenElsewhere(0, "a"));
        assertNull(metaSeenElsewhere(0, "b"));
        assertEquals(1, keyspace.keyCount(0));
    }

    @Test
    void keyCountersSurviveReopen() {
        long future = System.currentTimeMillis() + 3_600_000;
        for (int i = 0; i < 50; i++) {
            String key = "k" + i;
            long expireAt = i % 5 == 0 ? future : 0;
            fixture.write(3, key, txn -> txn.putMeta(3, bytes(key), Metadata.inlineString(bytes("v"), expireAt)));
        }
        fixture.write(3, "k1", txn -> txn.deleteKey(3, bytes("k1")));
        fixture.write(3, "k0", txn -> txn.putMeta(3, bytes("k0"), Metadata.inlineString(bytes("v"), 0)));
        assertEquals(49, fixture.keyspace().keyCount(3));
        assertEquals(9, fixture.keyspace().expiringKeyCount(3));
        fixture.reopen();
        assertEquals(49, fixture.keyspace().keyCount(3));
        assertEquals(9, fixture.keyspace().expiringKeyCount(3));
        assertEquals(0, fixture.keyspace().keyCount(0));
    }

    @Test
    void versionsAreNeverReusedAfterReopen() {
        long before = keyspace.newVersion();
        fixture.reopen();
        assertTrue(fixture.keyspace().newVersion() > before);
    }

    private boolean inExpireIndex(String key, long expireAt) {
        byte[] entry = KeyCodec.expireKey(expireAt, KeyCodec.metaKey(0, bytes(key)));
        return fixture.raw(ColumnFamily.EXPIRE, entry) != null;
    }

    @Test
    void expiryIndexFollowsTheKeysExpiry() {
        long t1 = System.currentTimeMillis() + 100_000;
        long t2 = t1 + 5_000;
        fixture.write(0, "k", txn -> txn.putMeta(0, bytes("k"), Metadata.inlineString(bytes("v"), t1)));
        assertTrue(inExpireIndex("k", t1));
        assertEquals(1, keyspace.expiringKeyCount(0));

        fixture.write(0, "k", txn -> txn.putMeta(0, bytes("k"), txn.meta(0, bytes("k")).withExpireAt(t2)));
        assertFalse(inExpireIndex("k", t1), "a changed expiry moves the entry");
        assertTrue(inExpireIndex("k", t2));

        fixture.write(0, "k", txn -> txn.putMeta(0, bytes("k"), txn.meta(0, bytes("k")).withExpireAt(0)));
        assertTrue(fixture.keys(ColumnFamily.EXPIRE).isEmpty(), "PERSIST removes the entry");
        assertEquals(0, keyspace.expiringKeyCount(0));

        fixture.write(0, "k", txn -> txn.putMeta(0, bytes("k"), Metadata.inlineString(bytes("v"), t1)));
        fixture.write(0, "k", txn -> txn.putMeta(0, bytes("k"), Metadata.inlineString(bytes("new"), 0)));
        assertTrue(fixture.keys(ColumnFamily.EXPIRE).isEmpty(), "an overwrite without expiry removes the entry");

        fixture.write(0, "k", txn -> txn.putMeta(0, bytes("k"), Metadata.inlineString(bytes("v"), t1)));
        assertTrue(inExpireIndex("k", t1));
        fixture.write(0, "k", txn -> txn.deleteKey(0, bytes("k")));
        assertTrue(fixture.keys(ColumnFamily.EXPIRE).isEmpty(), "a delete removes the entry");
        assertEquals(0, keyspace.expiringKeyCount(0));
        assertEquals(0, keyspace.keyCount(0));
    }

    @Test
    void activeExpiryRemovesDueKeysAndTheirIndexEntries() throws Exception {
        long soon = System.currentTimeMillis() + 30;
        for (int i = 0; i < 20; i++) {
            String key = "e" + i;
            fixture.write(0, key, txn -> txn.putMeta(0, bytes(key), Metadata.inlineString(bytes("v"), soon)));
        }
        fixture.write(0, "keep", txn -> txn.putMeta(0, bytes("keep"), Metadata.inlineString(bytes("v"), soon + 3_600_000)));
        Thread.sleep(60);
        try (ExpiryCycle cycle = new ExpiryCycle(keyspace)) {
            assertEquals(20, cycle.runOnce());
        }
        assertEquals(1, keyspace.keyCount(0));
        assertEquals(1, fixture.keys(ColumnFamily.EXPIRE).size());
        assertNotNull(fixture.raw(ColumnFamily.META, KeyCodec.metaKey(0, bytes("keep"))));
    }
}
