package io.diskdb.replication;

import io.diskdb.storage.Engine;
import io.diskdb.storage.WalLogicalReader;
import org.rocksdb.LogFile;
import org.rocksdb.RocksDBException;
import org.rocksdb.TransactionLogIterator;
import org.rocksdb.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Reads the WAL's write batches in order from a sequence number on, following the log as it
 * grows. It reads the WAL files itself ({@link WalFileCursor}), keeping its place, so that each
 * batch is read once. When that reading cannot vouch for the next batch (a sequence out of
 * place, data it cannot read, a file it cannot find) it falls back to RocksDB's iterator
 * ({@link WalIteratorTail}), which re-reads its file on each opening but knows every case, and
 * tries the files again a little later: a wrong batch is never returned.
 */
final class WalTail implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WalTail.class);
    /** How long the iterator serves after the file reading lost its place. */
    private static final long FALLBACK_NANOS = 1_000_000_000L;

    private final Engine engine;
    private long next;
    /** Reading the WAL files; null until placed (again). */
    private WalFileCursor files;
    /** RocksDB's iterator, while falling back to it; null otherwise. */
    private WalIteratorTail iterator;
    private long fallbackSince;
    private long opens;
    private long fallbacks;

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
        Batch batch = iterator != null ? fromIterator() : fromFiles();
        if (batch != null) {
            next = batch.sequence() + batch.count();
        }
        return batch;
    }

    /** The batch at next from the WAL files; the database holds it (latest sequence >= next). */
    private Batch fromFiles() throws RocksDBException {
        try {
            if (files == null) {
                files = WalFileCursor.at(engine, next);
                opens++;
            }
            Batch batch = files.next(next);
            if (batch != null) {
                return batch;
            }
            // The write may not be in the WAL file yet: RocksDB buffers it (manual_wal_flush)
            // until the event loop writes the buffer out before its replies. Write it out now.
            engine.db().flushWal(false);
            batch = files.next(next);
            // Now it is in a WAL file: if not in this one, in one RocksDB started since.
            for (Optional<Long> newer = files.newerLog(); batch == null && newer.isPresent(); newer = files.newerLog()) {
                batch = files.next(next); // what reached the current file before the switch comes first
                if (batch == null) {
                    files.moveTo(newer.get());
                    opens++;
                    batch = files.next(next);
                }
            }
            if (batch == null) {
                throw new WalFileCursor.LostPlaceException("sequence " + next
                        + " is in the database but in no WAL file after writing the WAL buffer out");
            }
            return batch;
        } catch (IOException | WalFileCursor.LostPlaceException | WalLogicalReader.UnreadableWalException e) {
            log.info("reading the WAL from sequence {} with RocksDB's iterator for a while: {}", next, e.getMessage());
            closeFiles();
            fallbacks++;
            iterator = new WalIteratorTail(engine, next);
            fallbackSince = System.nanoTime();
            return fromIterator();
        }
    }

    private Batch fromIterator() throws RocksDBException {
        Batch batch = iterator.poll();
        if (batch == null && System.nanoTime() - fallbackSince >= FALLBACK_NANOS) {
            // caught up with the WAL: read the files again, from next
            opens += iterator.reopens();
            iterator.close();
            iterator = null;
        }
        return batch;
    }

    /** Whether the database holds writes not returned yet (poll again soon). */
    boolean behind() {
        return engine.latestSequence() >= next;
    }

    /** How many times a WAL file was opened, or RocksDB's iterator on it (diagnostics). */
    long reopens() {
        return opens + (iterator == null ? 0 : iterator.reopens());
    }

    /** How many times reading the WAL files lost its place and RocksDB's iterator took over. */
    long fallbacks() {
        return fallbacks;
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

    private void closeFiles() {
        if (files != null) {
            try {
                files.close();
            } catch (IOException e) {
                // read-only: nothing to lose
            }
            files = null;
        }
    }

    @Override
    public void close() {
        closeFiles();
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
