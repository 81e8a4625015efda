package io.diskdb.storage;

import io.diskdb.util.Bytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.diskdb.storage.KeyspaceFixture.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * A read that misses the hot cache loads from RocksDB; if it then filled the cache without
 * holding the key's lock, a writer could commit (and cache) a newer value in between, and the
 * reader would overwrite it with the older one. Only lock holders may fill the cache.
 */
class HotCacheRaceTest {
    private final KeyspaceFixture fixture = new KeyspaceFixture();
    private final Keyspace keyspace = fixture.keyspace();

    @AfterEach
    void close() {
        fixture.close();
    }

    private Bytes metaKey(String key) {
        return new Bytes(KeyCodec.metaKey(keyspace.physical(0), bytes(key)));
    }

    private void set(String key, String value) {
        fixture.write(0, key, txn -> txn.putMeta(0, bytes(key), Metadata.inlineString(bytes(value), 0)));
    }

    @Test
    void readerWithoutTheKeyLockDoesNotFillTheCache() {
        set("k", "v1");
        keyspace.cache().invalidateAll();
        Metadata loaded = CompletableFuture.supplyAsync(() -> keyspace.loadMeta(metaKey("k"))).join();
        assertArrayEquals(bytes("v1"), loaded.inlineValue());
        assertNull(keyspace.cache().get(metaKey("k")), "an unlocked reader filled the cache");
    }

    @Test
    void holdingAnotherKeysLockDoesNotCount() {
        set("k", "v1");
        keyspace.cache().invalidateAll();
        String other = "other";
        int stripe = keyspace.stripe(0, bytes(other));
        for (int i = 0; stripe == keyspace.stripe(0, bytes("k")); i++) {
            other = "other" + i;
            stripe = keyspace.stripe(0, bytes(other));
        }
        try (KeyLocks.Held held = keyspace.locks().lock(new int[]{stripe})) {
            keyspace.loadMeta(metaKey("k"));
        }
        assertNull(keyspace.cache().get(metaKey("k")));
    }

    @Test
    void readerHoldingTheKeyLockFillsTheCache() {
        set("k", "v1");
        keyspace.cache().invalidateAll();
        fixture.write(0, "k", txn -> txn.meta(0, bytes("k")));
        Metadata cached = keyspace.cache().get(metaKey("k"));
        assertNotNull(cached, "the cache is used at all");
        assertArrayEquals(bytes("v1"), cached.inlineValue());
    }

    @Test
    void aMissingKeyIsRememberedAsAbsentUntilItIsWritten() {
        Metadata[] seen = new Metadata[1];
        fixture.write(0, "k", txn -> seen[0] = txn.meta(0, bytes("k")));
        assertNull(seen[0]);
        assertSame(HotCache.ABSENT, keyspace.cache().get(metaKey("k")), "the lock holder remembered the absence");
        assertNull(keyspace.loadMeta(metaKey("k")), "the remembered absence reads as no key");
        set("k", "v1");
        assertArrayEquals(bytes("v1"), keyspace.loadMeta(metaKey("k")).inlineValue());
        fixture.write(0, "k", txn -> txn.deleteKey(0, bytes("k")));
        assertSame(HotCache.ABSENT, keyspace.cache().get(metaKey("k")), "a deleted key is known absent");
        assertNull(keyspace.loadMeta(metaKey("k")));
    }

    @Test
    void readerWithoutTheKeyLockDoesNotRememberAnAbsence() {
        assertNull(CompletableFuture.supplyAsync(() -> keyspace.loadMeta(metaKey("k"))).join());
        assertNull(keyspace.cache().get(metaKey("k")));
    }

    @Test
    void unlockedReadersRacingAWriterNeverLeaveAStaleEntry() throws Exception {
        set("k", "0");
        AtomicBoolean done = new AtomicBoolean();
        Thread[] readers = new Thread[3];
        for (int r = 0; r < readers.length; r++) {
            readers[r] = new Thread(() -> {
                while (!done.get()) {
                    keyspace.loadMeta(metaKey("k"));
                }
            });
            readers[r].start();
        }
        int writes = 3_000;
        for (int i = 1; i <= writes; i++) {
            if (i % 3 == 0) {
                keyspace.cache().invalidate(metaKey("k")); // eviction: the next read misses
            }
            set("k", Integer.toString(i));
        }
        done.set(true);
        for (Thread reader : readers) {
            reader.join();
        }
        String[] seen = new String[1];
        fixture.write(0, "k", txn -> seen[0] = new String(txn.meta(0, bytes("k")).inlineValue()));
        assertEquals(Integer.toString(writes), seen[0]);
    }
}
