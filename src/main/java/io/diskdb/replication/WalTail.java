package io.diskdb.replication;

import io.diskdb.storage.Engine;
import org.rocksdb.LogFile;
import org.rocksdb.RocksDBException;
import org.rocksdb.TransactionLogIterator;
import org.rocksdb.WriteBatch;

import java.util.List;

/**
 * Reads the WAL's write batches in order from a sequence number on, following the log as it
 * grows. One RocksDB iterator is kept while it reads on (it tails the WAL file it is in); when it
 * stops finding what the database has written, it is opened again at the next sequence. Opening
 * reads the WAL file from its start up to that sequence, so it is done only when tailing stalls.
 */
final class WalTail implements AutoCloseable {
    private final Engine engine;
    private long next;
    private TransactionLogIterator iterator;
    private long lastProgressNanos = System.nanoTime();
    private long reopens;
    private static final long REOPEN_AFTER_NANOS = 20_000_000L;

    /** One write batch: its first sequence, how many sequence numbers it takes, its bytes. */
    record Batch(long sequence, int count, byte[] data) {
    }

    WalTail(Engine engine, long next) {
        this.engine = engine;
        this.next = next;
    }

    long next() {
        return next;
    }

    /**
     * The next batch, or null when the WAL holds none yet.
     *
     * @throws WalGapException when the WAL no longer holds (or never held) sequence {@code next}
     */
    Batch poll() throws RocksDBException {
        if (engine.latestSequence() < next) {
            return null;
        }
        boolean fresh = iterator == null;
        if (fresh) {
            iterator = engine.walSince(next);
            reopens++;
        } else {
            // Past the batch returned last time, or, at the end, reading what was appended since.
            iterator.next();
        }
        while (iterator.isValid()) {
            TransactionLogIterator.BatchResult result = iterator.getBatch();
            try (WriteBatch batch = result.writeBatch()) {
                long sequence = result.sequenceNumber();
                int count = batch.count();
                if (sequence + count <= next) {
                    iterator.next(); // the first batch may end before next: already sent
                    continue;
                }
                if (sequence != next) {
                    if (fresh) {
                        throw new WalGapException(next, sequence);
                    }
                    break; // the tailing read lost its place: a new iterator finds it again
                }
                next = sequence + count;
                lastProgressNanos = System.nanoTime();
                return new Batch(sequence, count, batch.data());
            }
        }
        // Nothing more in the iterator although the database is past next. RocksDB's iterator
        // reads on in the WAL files it was opened with, but a write may not have reached the
        // file yet (the WAL is written once per event-loop round), the log may have moved to a
        // new file, or the tail it read was torn. Give the first case a moment, then reopen.
        if (engine.latestSequence() >= next && System.nanoTime() - lastProgressNanos > REOPEN_AFTER_NANOS) {
            close();
        }
        return null;
    }

    /** How many times the WAL was opened for reading (diagnostics). */
    long reopens() {
        return reopens;
    }

    /** Whether the WAL still holds the batches from {@code sequence} on. */
    static boolean holds(Engine engine, long sequence) {
        try {
            // committed writes may still be in the WAL buffer, where the iterator cannot see them
            engine.db().flushWal(false);
        } catch (RocksDBException e) {
            return false;
        }
        try (TransactionLogIterator it = engine.walSince(sequence)) {
            if (!it.isValid()) {
                return false;
            }
            TransactionLogIterator.BatchResult result = it.getBatch();
            try (WriteBatch batch = result.writeBatch()) {
                return result.sequenceNumber() <= sequence && sequence < result.sequenceNumber() + batch.count();
            }
        } catch (RocksDBException e) {
            return false;
        }
    }

    /** The first sequence the WAL still holds (INFO repl_backlog_first_byte_offset); latest + 1 if none. */
    static long oldestSequence(Engine engine) {
        try {
            List<LogFile> files = engine.db().getSortedWalFiles();
            if (!files.isEmpty()) {
                return Math.max(1, files.get(0).startSequence());
            }
        } catch (RocksDBException e) {
            // fall through: report it as empty
        }
        return engine.latestSequence() + 1;
    }

    @Override
    public void close() {
        if (iterator != null) {
            iterator.close();
            iterator = null;
        }
    }

    /** The WAL does not continue at the sequence a replica needs. */
    static final class WalGapException extends RuntimeException {
        WalGapException(long expected, long found) {
            super("the WAL continues at sequence " + found + ", not at " + expected
                    + " (WAL switched off, or no longer kept)");
        }
    }
}
