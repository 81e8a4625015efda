package io.diskdb.replication;

import io.diskdb.storage.ColumnFamily;
import io.diskdb.storage.Durability;
import io.diskdb.storage.Engine;
import io.diskdb.storage.StorageOptions;
import io.diskdb.storage.WalRetention;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rocksdb.TransactionLogIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The WAL tail follows a live database through memtable switches and new WAL files, batch after batch. */
class WalTailTest {
    private final Path dir;
    private final Engine engine;

    WalTailTest() throws IOException {
        dir = Files.createTempDirectory("wal-tail-test");
        // 64 KB memtables and a 256 KB WAL limit: a new WAL file every few dozen writes
        engine = new Engine(new StorageOptions(dir, true, Durability.NO, 1000, "none", 256 << 10, 1 << 20,
                "point_in_time", 64 << 10, 1 << 20, 2, WalRetention.DEFAULT));
    }

    @AfterEach
    void close() throws IOException {
        engine.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void followsWritesAcrossWalFilesWithoutLosingItsPlace() throws Exception {
        long start = engine.latestSequence() + 1;
        int writes = 3000;
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try (WriteOptions options = new WriteOptions()) {
                for (int i = 0; i < writes; i++) {
                    write(i, options);
                    if (i % 50 == 0) {
                        engine.db().flushWal(false); // as the event loop does, at irregular times
                    }
                }
                engine.db().flushWal(false);
            } catch (Throwable t) {
                writerFailure.set(t);
            }
        });
        List<WalTail.Batch> seen = new ArrayList<>();
        try (WalTail tail = new WalTail(engine, start)) {
            writer.start();
            long expected = start;
            while (writer.isAlive() || tail.behind()) {
                WalTail.Batch batch = tail.poll();
                if (batch == null) {
                    Thread.onSpinWait();
                    continue;
                }
                assertEquals(expected, batch.sequence(), "each batch starts where the last ended");
                expected += batch.count();
                seen.add(batch);
            }
            writer.join();
            assertNull(writerFailure.get());
            assertNull(tail.poll());
            assertEquals(engine.latestSequence() + 1, tail.next());
            assertEquals(0, tail.fallbacks(), "read from the WAL files, never RocksDB's iterator");
        }
        assertTrue(engine.db().getSortedWalFiles().size() > 5, "the writes went to several WAL files");
        assertSameAsRocksDbIterator(start, seen);
    }

    @Test
    void startsInTheMiddleOfAnOlderWalFile() throws Exception {
        try (WriteOptions options = new WriteOptions()) {
            for (int i = 0; i < 500; i++) {
                write(i, options);
            }
        }
        long start = engine.latestSequence() / 3; // a batch boundary: every write here is one batch per sequence or more
        start = batchStartAtOrAfter(start);
        List<WalTail.Batch> seen = new ArrayList<>();
        try (WalTail tail = new WalTail(engine, start)) {
            for (WalTail.Batch batch = tail.poll(); batch != null; batch = tail.poll()) {
                seen.add(batch);
            }
            assertEquals(engine.latestSequence() + 1, tail.next());
            assertEquals(0, tail.fallbacks());
        }
        assertSameAsRocksDbIterator(start, seen);
    }

    @Test
    void aSequenceTheWalNoLongerHoldsIsAGap() throws Exception {
        try (WriteOptions options = new WriteOptions()) {
            write(0, options);
            write(1, options);
        }
        try (WalTail tail = new WalTail(engine, 2_000_000)) {
            assertNull(tail.poll(), "not written yet");
        }
        // write 0 is one batch of three writes, sequences 1 to 3: no batch starts at 2
        try (WalTail tail = new WalTail(engine, 2)) {
            assertThrows(WalTail.WalGapException.class, tail::poll);
        }
    }

    /** Single puts, multi-write batches, and values large enough to span WAL blocks. */
    private void write(int i, WriteOptions options) throws Exception {
        byte[] key = ("key:" + i).getBytes(StandardCharsets.UTF_8);
        byte[] value = new byte[i % 97 == 0 ? 100_000 : 200 + i % 700];
        value[0] = (byte) i;
        if (i % 3 == 0) {
            try (WriteBatch batch = new WriteBatch()) {
                batch.put(engine.handle(ColumnFamily.STRINGS), key, value);
                batch.put(engine.handle(ColumnFamily.META), key, value);
                batch.delete(engine.handle(ColumnFamily.DEFAULT), key);
                engine.db().write(options, batch);
            }
        } else {
            engine.db().put(engine.handle(ColumnFamily.STRINGS), options, key, value);
        }
    }

    private long batchStartAtOrAfter(long sequence) throws Exception {
        engine.db().flushWal(false);
        try (TransactionLogIterator it = engine.walSince(sequence)) {
            for (; it.isValid(); it.next()) {
                if (it.getBatch().sequenceNumber() >= sequence) {
                    return it.getBatch().sequenceNumber();
                }
            }
        }
        throw new AssertionError("no batch from " + sequence);
    }

    private void assertSameAsRocksDbIterator(long start, List<WalTail.Batch> seen) throws Exception {
        engine.db().flushWal(false);
        int i = 0;
        try (TransactionLogIterator it = engine.walSince(start)) {
            for (; it.isValid(); it.next()) {
                TransactionLogIterator.BatchResult result = it.getBatch();
                try (WriteBatch batch = result.writeBatch()) {
                    if (result.sequenceNumber() < start) {
                        continue;
                    }
                    WalTail.Batch ours = seen.get(i++);
                    assertEquals(result.sequenceNumber(), ours.sequence());
                    assertEquals(batch.count(), ours.count());
                    assertArrayEquals(batch.data(), ours.data());
                }
            }
        }
        assertEquals(seen.size(), i);
    }
}
