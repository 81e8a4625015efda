package io.diskdb.replication;

import io.diskdb.storage.Engine;
import io.diskdb.storage.WalLogicalReader;
import org.rocksdb.LogFile;
import org.rocksdb.RocksDBException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The WAL's write batches from a sequence number on, read from the WAL files themselves and
 * keeping its place: the file holding the sequence is read from its start once, then each call
 * reads only what was appended, and the cursor moves to the next file when RocksDB starts one.
 * Unlike a RocksDB iterator, which is blind to what is appended after it reached its end and
 * must be opened again (re-reading its file from the start), this costs the master only the
 * bytes a replica is sent.
 *
 * <p>It never guesses: each batch must start at the expected sequence, and anything else is a
 * {@link LostPlaceException} (the caller then falls back to RocksDB's iterator).
 */
final class WalFileCursor implements AutoCloseable {
    /** A WriteBatch's header: sequence u64 and count u32, little-endian. */
    private static final int BATCH_HEADER = 12;

    private final Engine engine;
    private long logNumber;
    private WalLogicalReader reader;
    /** A batch was returned from this cursor: from now on every batch must be the expected one. */
    private boolean placed;

    private WalFileCursor(Engine engine, LogFile file) throws IOException {
        this.engine = engine;
        open(file);
    }

    /** A cursor on the WAL file holding {@code sequence}; lost when no file is known to hold it. */
    static WalFileCursor at(Engine engine, long sequence) throws IOException, RocksDBException {
        // the batch may still be in RocksDB's WAL buffer: a file holding nothing yet lists as starting at 0
        engine.db().flushWal(false);
        LogFile holder = null;
        for (LogFile file : engine.db().getSortedWalFiles()) {
            // an empty live file has start sequence 0: it holds nothing yet
            if (file.startSequence() > 0 && file.startSequence() <= sequence) {
                holder = file;
            }
        }
        if (holder == null) {
            throw new LostPlaceException("no WAL file starts at or before sequence " + sequence);
        }
        return new WalFileCursor(engine, holder);
    }

    /**
     * The batch starting at {@code expected} if the current file holds it whole; null when the
     * file holds nothing more yet. Batches before it are skipped only until the first is found
     * (reading the file from its start to the sequence asked for).
     */
    WalTail.Batch next(long expected) throws IOException {
        while (true) {
            byte[] data = reader.next();
            if (data == null) {
                return null;
            }
            if (data.length < BATCH_HEADER) {
                throw new LostPlaceException("a WAL record of " + data.length + " bytes is no write batch");
            }
            ByteBuffer header = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
            long sequence = header.getLong(0);
            int count = header.getInt(8);
            if (!placed && sequence + count <= expected) {
                continue; // before the sequence asked for: already sent
            }
            if (sequence != expected) {
                throw new LostPlaceException("WAL file " + logNumber + " continues at sequence " + sequence
                        + ", not at " + expected);
            }
            placed = true;
            return new WalTail.Batch(sequence, count, data);
        }
    }

    /**
     * The number of the WAL file after the current one, if RocksDB has started one. Before moving
     * to it the caller reads the current file's end again: what was appended to it before the
     * switch comes before the next file's first batch.
     */
    Optional<Long> newerLog() throws RocksDBException {
        for (LogFile file : engine.db().getSortedWalFiles()) {
            if (file.logNumber() > logNumber) {
                return Optional.of(file.logNumber());
            }
        }
        return Optional.empty();
    }

    /** Continues with WAL file {@code number} (from {@link #newerLog}), from its start. */
    void moveTo(long number) throws IOException, RocksDBException {
        for (LogFile file : engine.db().getSortedWalFiles()) {
            if (file.logNumber() == number) {
                reader.close();
                open(file);
                return;
            }
        }
        throw new LostPlaceException("WAL file " + number + " is gone");
    }

    private void open(LogFile file) throws IOException {
        Path dir = engine.options().dir();
        String name = Path.of(file.pathName()).getFileName().toString();
        // the file may be archived between the listing and the opening: look in both places
        for (Path candidate : List.of(dir.resolve(name), dir.resolve("archive").resolve(name))) {
            try {
                reader = new WalLogicalReader(candidate, file.logNumber());
                logNumber = file.logNumber();
                return;
            } catch (NoSuchFileException e) {
                // try the other place
            }
        }
        throw new LostPlaceException("WAL file " + name + " is in neither " + dir + " nor its archive");
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    /** The cursor cannot tell where the wanted batch is: read it some other way. */
    static final class LostPlaceException extends RuntimeException {
        LostPlaceException(String message) {
            super(message);
        }
    }
}
