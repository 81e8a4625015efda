package io.diskdb.replication;

import io.diskdb.storage.Engine;
import org.rocksdb.RocksDBException;
import org.rocksdb.TransactionLogIterator;
import org.rocksdb.WriteBatch;

/**
 * Reads the WAL's write batches in order with RocksDB's iterator, {@link WalTail}'s fallback when
 * its own reading of the WAL files loses its place. A RocksDB iterator reads what the WAL held
 * when it was opened; once it is at its end it is opened again at the next sequence, which reads
 * the current WAL file from its start: at most once per {@link #REOPEN_INTERVAL_NANOS}, so the
 * cost stays bounded under a heavy write load.
 */
final class WalIteratorTail implements AutoCloseable {
    private final Engine engine;
    private long next;
    private TransactionLogIterator iterator;
    /**
     * The iterator has been at a batch. One that never was (opened on an empty WAL file) has no
     * file to follow, and RocksDB crashes on its next(): it is opened again instead.
     */
    private boolean iteratorPlaced;
    /** The write buffer was flushed since the iterator last found its end. */
    private boolean flushedForThisEnd;
    private long openedAt;
    private long reopens;
    private static final long REOPEN_INTERVAL_NANOS = 5_000_000L;

    WalIteratorTail(Engine engine, long next) {
        this.engine = engine;
        this.next = next;
    }

    /**
     * The next batch, or null when the WAL holds none yet.
     *
     * @throws WalTail.WalGapException when the WAL no longer holds (or never held) sequence {@code next}
     */
    WalTail.Batch poll() throws RocksDBException {
        if (engine.latestSequence() < next) {
            return null;
        }
        if (iterator != null && !iteratorPlaced) {
            close();
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
        WalTail.Batch batch = read(fresh);
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
            if (!iteratorPlaced) {
                close();
                return null;
            }
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
    private WalTail.Batch read(boolean fresh) throws RocksDBException {
        while (iterator.isValid()) {
            iteratorPlaced = true;
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
                        throw new WalTail.WalGapException(next, sequence);
                    }
                    close(); // a tailing read lost its place: a new iterator finds it again
                    return null;
                }
                next = sequence + count;
                flushedForThisEnd = false;
                return new WalTail.Batch(sequence, count, batch.data());
            }
        }
        return null;
    }

    /** How many times the WAL was opened for reading (diagnostics). */
    long reopens() {
        return reopens;
    }

    @Override
    public void close() {
        if (iterator != null) {
            iterator.close();
            iterator = null;
            iteratorPlaced = false;
        }
    }
}
