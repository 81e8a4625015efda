package io.diskdb.replication;

import io.diskdb.storage.Engine;
import org.rocksdb.LogFile;
import org.rocksdb.RocksDBException;
import org.rocksdb.TransactionLogIterator;
import org.rocksdb.WriteBatch;

import java.util.List;

/**
 * Reads the WAL's write batches in order from a sequence number on, following the log as it
 * grows. A RocksDB iterator reads what the WAL held when it was opened; once it is at its end it
 * is opened again at the next sequence, which reads the current WAL file from its start: at most
 * once per {@link #REOPEN_INTERVAL_NANOS}, so the cost stays bounded under a heavy write load.
 */
final class WalTail implements AutoCloseable {
    private final Engine engine;
    private long next;
    private TransactionLogIterator iterator;
    /** The write buffer was flushed since the iterator last found its end. */
    private boolean flushedForThisEnd;
    private long openedAt;
    private long reopens;
    private static final long REOPEN_INTERVAL_NANOS = 5_000_000L;

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
            openedAt = System.nanoTime();
            reopens++;
        } else {
            // Past the batch returned last time, or, at the end, reading what was appended since.
            iterator.next();
        }
        Batch batch = read(fresh);
        if (batch != null || iterator == null || engine.latestSequence() < next) {
            return batch;
        }
        // Nothing more in the iterator although the database is past next. The write may not be
        // in the WAL file yet (the WAL is written once per event-loop round, the expiry cycle's
        // once a second): write the buffer out and look again. An iterator that has reached the
        // end does not see what is appended later (RocksDB answers "create a new iterator to
        // fetch the new tail"), so it is then opened again at next. Opening reads the current
        // WAL file from its start up to next: at most one every REOPEN_INTERVAL, however often
        // the feeder is woken, so that under a heavy write load each opening fetches many batches.
        if (!flushedForThisEnd) {
            flushedForThisEnd = true;
            engine.db().flushWal(false);
            iterator.next();
            batch = read(false);
            if (batch != null || iterator == null) {
                return batch;
            }
        }
        if (System.nanoTime() - openedAt >= REOPEN_INTERVAL_NANOS) {
            close();
        }
        return null;
    }

    /** The batch the iterator is at, skipping what was sent; null at its end or when it lost its place (then closed). */
    private Batch read(boolean fresh) throws RocksDBException {
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
                    close(); // a tailing read lost its place: a new iterator finds it again
                    return null;
                }
                next = sequence + count;
                flushedForThisEnd = false;
                return new Batch(sequence, count, batch.data());
            }
        }
        return null;
    }

    /** Whether the database holds writes not returned yet (poll again soon). */
    boolean behind() {
        return engine.latestSequence() >= next;
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
