package io.diskdb.storage;

import io.diskdb.util.Bytes;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatchWithIndex;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The databases clients see: meta records, the hot cache, key locks, counters and versions
 * over the {@link Engine}. Commands read and write through a {@link Transaction}.
 */
public final class Keyspace implements AutoCloseable {
    private final Engine engine;
    private final HotCache cache;
    private final ListPages listPages;
    private final KeyLocks locks = new KeyLocks();
    private final KeyCounters counters;
    private final VersionAllocator versions;
    private final DatabaseMap databaseMap;
    private final int databases;
    private final List<CommitListener> listeners = new CopyOnWriteArrayList<>();
    private final List<WholeDatabaseListener> databaseListeners = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Transaction> transactions;
    private final ReplicatedWriteApplier replicatedWrites;
    /**
     * This database follows a master: it makes no writes of its own, so expired keys are only
     * hidden from reads (the master's deletes arrive through replication), as on a Redis replica.
     */
    private volatile boolean replica;

    public Keyspace(StorageOptions options, int databases) throws IOException {
        this.engine = new Engine(options);
        this.databases = databases;
        this.cache = new HotCache(options.cacheBytes());
        this.listPages = new ListPages(cache, engine);
        try {
            this.counters = new KeyCounters(engine, Math.max(databases, 1));
            this.versions = new VersionAllocator(engine);
            this.databaseMap = new DatabaseMap(engine, databases);
        } catch (RocksDBException e) {
            engine.close();
            throw new IOException("cannot read database bookkeeping: " + e.getMessage(), e);
        }
        this.transactions = ThreadLocal.withInitial(() -> new Transaction(this));
        this.replicatedWrites = new ReplicatedWriteApplier(this);
    }

    /** Whether this database follows a master (see {@link #replica}). */
    public boolean isReplica() {
        return replica;
    }

    /**
     * Starts or stops following a master. On promotion, bookkeeping that was loaded before the
     * master's writes arrived (collection versions) is read again from the replicated records.
     * Cached list pages are not kept while following (see {@link ListPages}).
     */
    public void replica(boolean follows) {
        if (replica && !follows) {
            reloadVersionReservation();
        }
        if (replica != follows) {
            listPages.enable(!follows);
        }
        replica = follows;
    }

    /**
     * Applies one write batch of the master (its WAL record, {@code data}) that must start at
     * {@code sequence} = this database's latest sequence + 1.
     *
     * @throws SequenceGapException when it does not follow on
     */
    public void applyReplicated(long sequence, byte[] data) {
        DataGate gate = engine.gate();
        gate.enterShared();
        try {
            replicatedWrites.apply(sequence, data);
        } finally {
            gate.exitShared();
        }
    }

    /**
     * The calling thread's transaction, reset and ready. Commands run one at a time per
     * thread, so one reusable batch per thread avoids allocating native objects per command.
     */
    public Transaction begin() {
        Transaction txn = transactions.get();
        txn.begin();
        return txn;
    }

    public int databases() {
        return databases;
    }

    public Engine engine() {
        return engine;
    }

    public HotCache cache() {
        return cache;
    }

    ListPages listPages() {
        return listPages;
    }

    public KeyLocks locks() {
        return locks;
    }

    public long keyCount(int logicalDb) {
        return counters.keys(physical(logicalDb));
    }

    public long expiringKeyCount(int logicalDb) {
        return counters.expires(physical(logicalDb));
    }

    public void addCommitListener(CommitListener listener) {
        listeners.add(listener);
    }

    public void addWholeDatabaseListener(WholeDatabaseListener listener) {
        databaseListeners.add(listener);
    }

    /** Stripe of a key for {@link KeyLocks#lock}. */
    public int stripe(int logicalDb, byte[] key) {
        return KeyLocks.stripe(KeyCodec.metaKey(physical(logicalDb), key));
    }

    int physical(int logicalDb) {
        return databaseMap.physical(logicalDb);
    }

    int logical(int physicalDb) {
        return databaseMap.logical(physicalDb);
    }

    long newVersion() {
        return versions.next();
    }

    /**
     * Makes the next collection version come from the reservation stored in the database rather
     * than from this process's memory: for a replica promoted to master, whose database holds the
     * reservations its master made. Caller makes sure no command runs meanwhile.
     */
    public void reloadVersionReservation() {
        versions.forget();
    }

    KeyCounters counters() {
        return counters;
    }

    DatabaseMap databaseMap() {
        return databaseMap;
    }

    void notifyBeforeFlush(int logicalDb) {
        for (WholeDatabaseListener listener : databaseListeners) {
            listener.beforeFlush(logicalDb);
        }
    }

    void notifyBeforeSwap(int logicalA, int logicalB) {
        for (WholeDatabaseListener listener : databaseListeners) {
            listener.beforeSwap(logicalA, logicalB);
        }
    }

    void notifyCommitted(List<KeyChange> changes) {
        for (CommitListener listener : listeners) {
            listener.committed(changes);
        }
    }

    /**
     * Visits the meta records of a database in keyspace order from {@code position}, without
     * locks (SCAN, KEYS, RANDOMKEY). The visitor returns false to stop.
     */
    public void forEachKey(int logicalDb, long position, KeyVisitor visitor) {
        int db = physical(logicalDb);
        byte[] prefix = KeyCodec.dbPrefix(db);
        try (RocksIterator it = engine.db().newIterator(engine.handle(ColumnFamily.META), engine.readOptions())) {
            for (it.seek(KeyCodec.metaSeek(db, position)); it.isValid(); it.next()) {
                byte[] metaKey = it.key();
                if (metaKey[0] != prefix[0] || metaKey[1] != prefix[1]) {
                    return;
                }
                if (!visitor.visit(KeyCodec.metaPosition(metaKey), KeyCodec.userKey(metaKey), Metadata.decode(it.value()))) {
                    return;
                }
            }
        }
    }

    @FunctionalInterface
    public interface KeyVisitor {
        boolean visit(long position, byte[] key, Metadata meta);
    }

    /** SWAPDB: caller holds every key lock. */
    public void swapDatabases(int a, int b) {
        notifyBeforeSwap(a, b);
        try {
            databaseMap.swap(a, b);
        } catch (RocksDBException e) {
            throw new StorageException("SWAPDB failed: " + e.getMessage(), e);
        }
    }

    /**
     * Deletes every key of a database (FLUSHDB): the meta range and the expiry entries in one
     * batch, plus a range delete of each collection's elements. Caller holds every key lock.
     */
    public void flush(int logicalDb, Consumer<byte[]> deletedKeyObserver) {
        notifyBeforeFlush(logicalDb);
        int db = physical(logicalDb);
        try (WriteBatchWithIndex batch = new WriteBatchWithIndex(true)) {
            byte[] from = KeyCodec.dbPrefix(db);
            byte[] to = KeyCodec.dbPrefix(db + 1);
            forEachKey(logicalDb, 0, (position, key, meta) -> {
                try {
                    Transaction.stageElementRemoval(engine, batch, meta);
                    if (meta.hasExpiry()) {
                        batch.delete(engine.handle(ColumnFamily.EXPIRE), KeyCodec.expireKey(meta.expireAt(), KeyCodec.metaKey(db, key)));
                    }
                } catch (RocksDBException e) {
                    throw new StorageException("FLUSHDB failed: " + e.getMessage(), e);
                }
                deletedKeyObserver.accept(key);
                return true;
            });
            batch.getWriteBatch().deleteRange(engine.handle(ColumnFamily.META), from, to);
            counters.stageReset(batch, engine, db);
            engine.write(batch);
            counters.applyReset(db);
            cache.invalidateDb(db);
        } catch (RocksDBException e) {
            throw new StorageException("FLUSHDB failed: " + e.getMessage(), e);
        }
    }

    /**
     * Replaces all the data with the database staged in {@code staged} (a complete RocksDB database
     * in a directory inside the data directory, e.g. a fetched checkpoint), crash-safely (see
     * {@link DatabaseFileSwap}), while the server runs. The caller stops new commands from starting
     * (clients paused); this waits for the running ones and background jobs to finish (see
     * {@link DataGate}), tells listeners as for a flush of every database, swaps, reloads the key
     * counters, database map and version reservation, and empties the hot cache; then listeners
     * hear {@link WholeDatabaseListener#afterDataReplaced()} before anyone sees the new data.
     *
     * @return the latest sequence number of the new data
     * @throws IOException when the swap failed; the old data is still in place unless the log says
     *                     the database cannot be opened any more
     */
    public long replaceData(Path staged) throws IOException {
        engine.reopenWith(this::beforeReplacement, dir -> DatabaseFileSwap.install(staged, dir),
                this::afterReplacement);
        return engine.db().getLatestSequenceNumber();
    }

    /** While the old data is still open: listeners look at the keys about to vanish (WATCH). */
    private void beforeReplacement() {
        for (int db = 0; db < databases; db++) {
            for (WholeDatabaseListener listener : databaseListeners) {
                listener.beforeFlush(db);
            }
        }
    }

    /** Everything read from the old data at open or kept in memory since is read again or dropped. */
    private void afterReplacement() {
        try {
            counters.reload(engine);
            databaseMap.reload();
        } catch (RocksDBException e) {
            throw new StorageException("cannot read database bookkeeping: " + e.getMessage(), e);
        }
        versions.forget();
        cache.invalidateAll();
        for (WholeDatabaseListener listener : databaseListeners) {
            listener.afterDataReplaced();
        }
    }

    /**
     * Milliseconds since the key was last read or written by a command, while its metadata is in
     * the hot cache (OBJECT IDLETIME); empty once it has been evicted or was not used since start.
     */
    public OptionalLong idleMillis(int logicalDb, byte[] key) {
        return cache.idleMillis(new Bytes(KeyCodec.metaKey(physical(logicalDb), key)));
    }

    /**
     * Raw read of a meta record, bypassing the cache and locks (diagnostics, scans, WATCH and
     * blocked clients). Holds the data gate: callers outside commands (a blocked client's timeout)
     * must not read while the data is being replaced.
     */
    public Metadata peek(int logicalDb, byte[] key) {
        engine.gate().enterShared();
        try {
            byte[] raw = engine.get(ColumnFamily.META, KeyCodec.metaKey(physical(logicalDb), key));
            return raw == null ? null : Metadata.decode(raw);
        } catch (RocksDBException e) {
            throw new StorageException(e.getMessage(), e);
        } finally {
            engine.gate().exitShared();
        }
    }

    Metadata loadMeta(Bytes metaKey) {
        Metadata cached = cache.get(metaKey);
        if (cached != null) {
            return cached == HotCache.ABSENT ? null : cached;
        }
        byte[] raw;
        try {
            raw = engine.get(ColumnFamily.META, metaKey.array());
        } catch (RocksDBException e) {
            throw new StorageException("read failed: " + e.getMessage(), e);
        }
        Metadata meta = raw == null ? null : Metadata.decode(raw);
        // Only a thread holding the key's lock may fill the cache: no writer can be between its
        // commit and its cache update, so what was read here (even "no such key") cannot be
        // older than the cache's.
        if (locks.isHeldByCurrentThread(metaKey.array())) {
            cache.put(metaKey, meta);
        }
        return meta;
    }

    @Override
    public void close() {
        engine.close();
    }
}
