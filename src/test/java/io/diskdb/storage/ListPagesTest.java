package io.diskdb.storage;

import io.diskdb.types.Lists;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static io.diskdb.storage.KeyspaceFixture.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Cached pages of list elements answer only with committed records: a commit updates the pages
 * it writes, a rolled-back savepoint or a range delete drops them, and a replica keeps none.
 * Whole-command behaviour against Redis is ListsDifferentialTest's subject (long lists).
 */
class ListPagesTest {
    private static final int LENGTH = 200;
    private final KeyspaceFixture fixture = new KeyspaceFixture();
    private final Keyspace keyspace = fixture.keyspace();
    private long version;
    private long head;

    @AfterEach
    void close() {
        fixture.close();
    }

    @BeforeEach
    void aListOf200ReadWhole() {
        write(list -> {
            for (int i = 0; i < LENGTH; i++) {
                list.push(false, bytes("e" + i));
            }
        });
        Metadata meta = keyspace.begin().meta(0, bytes("list"));
        version = meta.version();
        head = KeyCodec.getLong(meta.extra(), 0);
        assertEquals(expected(0, LENGTH), strings(read(list -> list.range(0, LENGTH - 1))));
        assertNotNull(cached(0), "a whole read of the list filled its pages");
    }

    private void write(Consumer<Lists.ListValue> change) {
        fixture.write(0, "list", txn -> {
            Lists.ListValue list = Lists.findOrCreate(txn, 0, bytes("list"));
            change.accept(list);
            list.save();
        });
    }

    private <T> T read(java.util.function.Function<Lists.ListValue, T> reader) {
        try (KeyLocks.Held held = keyspace.locks().lock(new int[]{keyspace.stripe(0, bytes("list"))})) {
            return reader.apply(Lists.find(keyspace.begin(), 0, bytes("list")));
        }
    }

    private byte[] cached(int index) {
        return keyspace.listPages().cachedElement(version, head + index);
    }

    private static List<String> expected(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add("e" + i);
        }
        return out;
    }

    private static List<String> strings(List<byte[]> elements) {
        return elements.stream().map(String::new).toList();
    }

    @Test
    void aCommitWritesItsChangesIntoTheCachedPages() {
        write(list -> list.set(3, bytes("changed")));
        assertArrayEquals(bytes("changed"), cached(3));
        write(list -> list.pop(true));
        assertNull(cached(0), "the popped position holds nothing");
        assertArrayEquals(bytes("e1"), read(list -> list.get(0)));
        write(list -> list.push(true, bytes("new")));
        assertArrayEquals(bytes("new"), cached(0));
        assertEquals("new", new String(read(list -> list.range(0, 99)).get(0)));
    }

    @Test
    void writesRolledBackToASavepointDropTheirPagesInsteadOfGuessing() {
        fixture.write(0, "list", txn -> {
            Lists.find(txn, 0, bytes("list")).set(0, bytes("kept"));
            txn.setSavePoint();
            Lists.find(txn, 0, bytes("list")).set(0, bytes("rolled back"));
            txn.rollbackToSavePoint();
        });
        assertNull(cached(0));
        assertArrayEquals(bytes("kept"), read(list -> list.range(0, 63)).get(0));
    }

    @Test
    void aRangeDeleteDropsThePagesItCovers() {
        write(list -> list.trim(100, LENGTH - 1)); // 100 positions: a range delete
        assertNull(cached(0));
        assertNull(cached(99));
        assertEquals(expected(100, LENGTH), strings(read(list -> list.range(0, 99))));
    }

    @Test
    void aReplicaKeepsNoPagesAndAPromotedOneStartsEmpty() {
        keyspace.replica(true);
        assertNull(cached(0));
        assertEquals(expected(0, LENGTH), strings(read(list -> list.range(0, LENGTH - 1))));
        assertNull(cached(0), "a replica filled a page");
        keyspace.replica(false);
        assertNull(cached(0));
        read(list -> list.range(0, LENGTH - 1));
        assertArrayEquals(bytes("e0"), cached(0));
    }

    @Test
    void aTransactionReadsItsOwnWritesNotThePages() {
        fixture.write(0, "list", txn -> {
            Lists.ListValue list = Lists.find(txn, 0, bytes("list"));
            list.set(0, bytes("staged"));
            assertArrayEquals(bytes("staged"), list.get(0));
            assertArrayEquals(bytes("staged"), list.range(0, 99).get(0));
        });
    }
}
