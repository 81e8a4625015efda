package io.diskdb.storage;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompactRangeOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.UInt64AddOperator;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The RocksDB database: opens it with one column family per {@link ColumnFamily}, owns the
 * native option objects, applies the durability policy to every write and closes it all.
 */
public final class Engine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Engine.class);

    static {
        RocksDB.loadLibrary();
    }

    private final StorageOptions options;
    private final DataGate gate = new DataGate();
    private final DBOptions dbOptions;
    private final List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    // replaced as a whole when the database is reopened (DataGate held exclusively meanwhile)
    private volatile RocksDB db;
    private volatile Map<ColumnFamily, ColumnFamilyHandle> handles = Map.of();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final ReadOptions readOptions = new ReadOptions();
    private final ScheduledExecutorService walSyncer;
    private volatile WriteOptions writeOptions;
    private volatile Durability durability;
    private volatile boolean walEnabled;
    private final java.util.concurrent.atomic.AtomicLong writesCommitted = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong writesDurable = new java.util.concurrent.atomic.AtomicLong();
    private final List<Runnable> walWrittenListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public Engine(StorageOptions options) throws IOException {
        this.options = options;
        try {
            Files.createDirectories(options.dir());
        } catch (IOException e) {
            throw new IOException("cannot create data directory '" + options.dir() + "': " + e.getMessage(), e);
        }
        WALRecoveryMode recovery = walRecoveryMode(options.walRecovery());
        dbOptions = new DBOptions()
                .setCreateIfMissing(true)
                .setWalRecoveryMode(recovery)
                .setCreateMissingColumnFamilies(true)
                .setMaxTotalWalSize(options.maxWalBytes())
                .setMaxBackgroundJobs(options.maxBackgroundJobs())
                .setBytesPerSync(1 << 20)
                .setKeepLogFileNum(5)
                // archived WAL files stay readable for replicas resuming by sequence number
                .setWalTtlSeconds(options.walRetention().seconds())
                .setWalSizeLimitMB(options.walRetention().megabytes())
                // WAL records are buffered and written once per event-loop iteration, before
                // any reply leaves (see makeDurable), as Redis writes its AOF in beforeSleep
                .setManualWalFlush(true);
        resources.add(dbOptions);
        LRUCache blockCache = new LRUCache(options.blockCacheBytes());
        resources.add(blockCache);
        for (ColumnFamily family : ColumnFamily.values()) {
            descriptors.add(new ColumnFamilyDescriptor(family.rocksNameBytes(), familyOptions(family, blockCache)));
        }
        try {
            openDatabase();
        } catch (IOException e) {
            closeResources();
            throw e;
        }
        walSyncer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wal-sync");
            t.setDaemon(true);
            return t;
        });
        configureWrites(options.durability(), options.walEnabled());
        long interval = Math.max(1, options.syncIntervalMillis());
        walSyncer.scheduleWithFixedDelay(this::backgroundWalFlush, interval, interval, TimeUnit.MILLISECONDS);
        log.info("RocksDB {} opened in {} (sync {}, compression {}, wal_recovery {}, write buffer {} MB,"
                        + " block cache {} MB, {} background jobs)", RocksDB.rocksdbVersion(), options.dir(),
                options.durability().name().toLowerCase(), options.compression(), options.walRecovery(),
                options.writeBufferBytes() >> 20, options.blockCacheBytes() >> 20, options.maxBackgroundJobs());
    }

    /** Opens the files of the data directory with the options made once in the constructor. */
    private void openDatabase() throws IOException {
        // never let RocksDB create an empty database over a directory a swap left half-done
        DatabaseFileSwap.finishInterrupted(options.dir());
        DataDirectory.checkOpenable(options.dir());
        boolean walDamaged = reportWalDamage(options.dir(), options.walRecovery());
        List<ColumnFamilyHandle> opened = new ArrayList<>();
        try {
            db = RocksDB.open(dbOptions, options.dir().toString(), descriptors, opened);
        } catch (RocksDBException e) {
            String hint = walDamaged ? " (damaged WAL, persistence.wal_recovery is " + options.walRecovery()
                    + "; point_in_time recovers the writes before the damage)" : "";
            throw new IOException("cannot open database in '" + options.dir() + "': " + e.getMessage() + hint, e);
        }
        Map<ColumnFamily, ColumnFamilyHandle> byFamily = new EnumMap<>(ColumnFamily.class);
        for (int i = 0; i < opened.size(); i++) {
            byFamily.put(ColumnFamily.values()[i], opened.get(i));
        }
        handles = byFamily;
    }

    /** Closes the database (WAL fsynced, memtables flushed when there is no WAL), keeping the option objects. */
    private void closeDatabase() {
        RocksDB open = db;
        // from here on a stray user fails with an error instead of calling into a closed database
        db = null;
        try {
            open.flushWal(true);
            if (!walEnabled) {
                // writes made without a WAL exist only in the memtables until flushed
                try (var flush = new org.rocksdb.FlushOptions().setWaitForFlush(true)) {
                    open.flush(flush, new ArrayList<>(handles.values()));
                }
            }
        } catch (RocksDBException e) {
            log.error("final WAL sync failed: {}", e.getMessage());
        }
        for (ColumnFamilyHandle handle : handles.values()) {
            handle.close();
        }
        try {
            open.closeE();
        } catch (RocksDBException e) {
            log.error("closing RocksDB failed: {}", e.getMessage());
        }
    }

    /**
     * Replaces the whole database under the running server: waits until nobody uses it (see
     * {@link DataGate}; the caller has stopped new commands from starting), runs
     * {@code beforeClose} on the old data, closes RocksDB, lets {@code replace} change the data
     * directory's files, and opens them. Objects holding this Engine keep working: they reach
     * RocksDB through {@link #db()} and {@link #handle} each time. {@code afterOpen} runs still
     * inside the exclusive hold, to reload what was read from the old data before anyone sees the
     * new.
     *
     * @throws IOException when the replacement fails (the old database is opened again) or the
     *                     replaced files cannot be opened (the engine is then unusable)
     */
    void reopenWith(Runnable beforeClose, FileReplacement replace, Runnable afterOpen) throws IOException {
        gate.enterExclusive();
        try {
            // first make what is committed durable, so that no event loop waits for the gate in
            // makeDurable while the data is swapped: the replies it holds can leave meanwhile
            long committed = writesCommitted.get();
            try {
                db().flushWal(true);
                writesDurable.accumulateAndGet(committed, Math::max);
            } catch (RocksDBException e) {
                log.error("WAL sync before replacing the database failed: {}", e.getMessage());
            }
            beforeClose.run();
            closeDatabase();
            // everything committed so far was synced by the close: nothing left for makeDurable
            writesDurable.accumulateAndGet(writesCommitted.get(), Math::max);
            IOException failure = null;
            try {
                replace.replace(options.dir());
            } catch (IOException | RuntimeException e) {
                failure = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
                log.error("replacing the database files failed, opening the previous ones again: {}", e.getMessage());
            }
            try {
                openDatabase();
            } catch (IOException e) {
                log.error("the database cannot be opened any more: {}", e.getMessage());
                throw e;
            }
            // whatever is open now — the old data, or the new data a decided swap was finished to
            // by the open — nothing read from the data before may be trusted any more
            afterOpen.run();
            if (failure != null) {
                throw failure;
            }
        } finally {
            gate.exitExclusive();
        }
    }

    /** Changes the files of a closed database's directory. */
    @FunctionalInterface
    interface FileReplacement {
        void replace(java.nio.file.Path dataDir) throws IOException;
    }

    /** Held shared by everything that uses the database, so that it is never replaced under it. */
    public DataGate gate() {
        return gate;
    }

    private ColumnFamilyOptions familyOptions(ColumnFamily family, LRUCache blockCache) {
        // Index and filter blocks stay in the table readers instead of the block cache: a
        // whole-file bloom filter grows past one cache shard (capacity / 64), and an uncacheable
        // filter block was re-read on every lookup of an absent key.
        BlockBasedTableConfig table = new BlockBasedTableConfig()
                .setBlockCache(blockCache)
                .setFilterPolicy(new BloomFilter(10, false));
        ColumnFamilyOptions cf = new ColumnFamilyOptions()
                .setTableFormatConfig(table)
                .setWriteBufferSize(options.writeBufferBytes())
                .setCompressionType(compression(options.compression()))
                .setBottommostCompressionType(compression(options.compression()) == CompressionType.NO_COMPRESSION
                        ? CompressionType.NO_COMPRESSION : CompressionType.ZSTD_COMPRESSION)
                .setLevelCompactionDynamicLevelBytes(true);
        if (family == ColumnFamily.DEFAULT) {
            // key counters are updated with merges so that writers never read-modify-write them
            UInt64AddOperator add = new UInt64AddOperator();
            resources.add(add);
            cf.setMergeOperator(add);
        }
        resources.add(cf);
        return cf;
    }

    static CompressionType compression(String name) {
        return switch (name.toLowerCase()) {
            case "none" -> CompressionType.NO_COMPRESSION;
            case "snappy" -> CompressionType.SNAPPY_COMPRESSION;
            case "lz4" -> CompressionType.LZ4_COMPRESSION;
            case "zstd" -> CompressionType.ZSTD_COMPRESSION;
            default -> throw new IllegalArgumentException("unknown compression '" + name + "'");
        };
    }

    static WALRecoveryMode walRecoveryMode(String name) {
        return switch (name.toLowerCase()) {
            case "tolerate_corrupted_tail_records" -> WALRecoveryMode.TolerateCorruptedTailRecords;
            case "absolute_consistency" -> WALRecoveryMode.AbsoluteConsistency;
            case "point_in_time" -> WALRecoveryMode.PointInTimeRecovery;
            case "skip_any_corrupted_records" -> WALRecoveryMode.SkipAnyCorruptedRecords;
            default -> throw new IllegalArgumentException("unknown WAL recovery mode '" + name + "'");
        };
    }

    /**
     * Says in DiskDB's log, before RocksDB replays the WAL, which record is damaged and what the
     * configured mode does about it. RocksDB itself only notes it in its own LOG file.
     *
     * @return true when some WAL file is damaged
     */
    private static boolean reportWalDamage(java.nio.file.Path dir, String mode) {
        List<WalCheck.Damage> damage;
        try {
            damage = WalCheck.checkDirectory(dir);
        } catch (IOException e) {
            log.warn("could not read the WAL before recovery: {}", e.getMessage());
            return false;
        }
        String consequence = switch (mode) {
            case "point_in_time" -> "recovering every write before it; it and any later writes are dropped";
            case "tolerate_corrupted_tail_records" -> "an incomplete last record is dropped; other damage stops the start";
            case "absolute_consistency" -> "the start will be refused";
            default -> "damaged records are skipped and later ones replayed; multi-key writes may be partial";
        };
        for (WalCheck.Damage d : damage) {
            log.warn("WAL {}; wal_recovery {}: {}", d.describe(), mode, consequence);
        }
        return !damage.isEmpty();
    }

    public RocksDB db() {
        RocksDB open = db;
        if (open == null) {
            throw new StorageException("the database is not open (closed, being replaced, or replacing it failed:"
                    + " see the log)", null);
        }
        return open;
    }

    public ColumnFamilyHandle handle(ColumnFamily family) {
        return handles.get(family);
    }

    public ReadOptions readOptions() {
        return readOptions;
    }

    public Durability durability() {
        return durability;
    }

    /** Changes how all later writes are made (CONFIG SET sync / appendfsync / appendonly). */
    public synchronized void configureWrites(Durability next, boolean walEnabled) {
        // Never sync per write: makeDurable fsyncs once for all writes of an event-loop
        // iteration when the policy is "always" (group commit across every connection).
        WriteOptions created = new WriteOptions().setDisableWAL(!walEnabled);
        WriteOptions previous = writeOptions;
        writeOptions = created;
        durability = next;
        this.walEnabled = walEnabled;
        if (previous != null) {
            // in-flight writes may still hold the old object; leave it to the garbage collector
            resources.add(previous);
        }
    }

    public void write(WriteBatch batch) throws RocksDBException {
        db().write(writeOptions, batch);
        writesCommitted.incrementAndGet();
    }

    public void write(org.rocksdb.WriteBatchWithIndex batch) throws RocksDBException {
        db().write(writeOptions, batch);
        writesCommitted.incrementAndGet();
    }

    /**
     * Makes every write committed so far as durable as the sync policy promises: written to the
     * OS (a process crash loses nothing), and fsynced too under "always". Called before replies
     * are sent, once per event-loop iteration for all the connections it served, so that no
     * client — writer or reader — is told of a write that a crash could still take back.
     */
    public void makeDurable() {
        long target = writesCommitted.get();
        if (target <= writesDurable.get() || !walEnabled) {
            return;
        }
        gate.enterShared();
        try {
            db().flushWal(durability == Durability.ALWAYS);
        } catch (RocksDBException e) {
            throw new StorageException("WAL write failed: " + e.getMessage(), e);
        } finally {
            gate.exitShared();
        }
        writesDurable.accumulateAndGet(target, Math::max);
        walWritten();
    }

    /**
     * Runs {@code listener} each time new WAL records reached the WAL file (where readers of
     * {@link #walSince} find them). It runs on the writing thread, often an event loop: keep it short.
     */
    public void addWalWrittenListener(Runnable listener) {
        walWrittenListeners.add(listener);
    }

    private void walWritten() {
        for (Runnable listener : walWrittenListeners) {
            listener.run();
        }
    }

    /** Whether writes go to the WAL (they must, for replication). */
    public boolean walEnabled() {
        return walEnabled;
    }

    /** Sequence number of the last write applied to this database (0 for a new database). */
    public long latestSequence() {
        return db().getLatestSequenceNumber();
    }

    /**
     * The WAL's write batches from the one holding {@code sequence} on; the caller closes it.
     * Fails when that part of the WAL is no longer kept.
     */
    public org.rocksdb.TransactionLogIterator walSince(long sequence) throws RocksDBException {
        return db().getUpdatesSince(sequence);
    }

    /** A single delete outside any transaction, for bookkeeping repairs. */
    public void deleteDirect(ColumnFamily family, byte[] key) {
        try {
            db().delete(handles.get(family), writeOptions, key);
        } catch (RocksDBException e) {
            throw new StorageException("delete failed: " + e.getMessage(), e);
        }
    }

    public byte[] get(ColumnFamily family, byte[] key) throws RocksDBException {
        return db().get(handles.get(family), readOptions, key);
    }

    public long property(ColumnFamily family, String name) {
        try {
            return db().getLongProperty(handles.get(family), name);
        } catch (RocksDBException | StorageException e) {
            return 0;
        }
    }

    /** A numeric RocksDB property summed over every column family. */
    public long propertySum(String name) {
        long sum = 0;
        for (ColumnFamily family : ColumnFamily.values()) {
            sum += property(family, name);
        }
        return sum;
    }

    public long totalSstBytes() {
        return propertySum("rocksdb.total-sst-files-size");
    }

    /**
     * COMPACT: a full manual compaction of every column family, down to the bottommost level, so
     * that deleted and overwritten data and range-deleted collections stop taking disk space.
     * Blocks the caller until done; writes go on meanwhile.
     */
    public void compactAll() throws RocksDBException {
        try (CompactRangeOptions compact = new CompactRangeOptions()
                .setBottommostLevelCompaction(CompactRangeOptions.BottommostLevelCompaction.kForceOptimized)
                .setChangeLevel(false)) {
            for (ColumnFamily family : ColumnFamily.values()) {
                db().compactRange(handles.get(family), null, null, compact);
            }
        }
    }

    public StorageOptions options() {
        return options;
    }

    /**
     * Every interval: fsync the WAL under "everysec"; under the other policies, just write out
     * what writers outside the event loops (the expiry cycle) left in the WAL buffer.
     */
    private void backgroundWalFlush() {
        if (!walEnabled || !gate.tryEnterShared()) {
            return; // being replaced: the close syncs the WAL
        }
        try {
            db().flushWal(durability == Durability.EVERYSEC);
        } catch (RocksDBException | StorageException e) {
            log.error("WAL sync failed: {}", e.getMessage());
            return;
        } finally {
            gate.exitShared();
        }
        walWritten();
    }

    /** Flushes and fsyncs the WAL, then closes the database. */
    @Override
    public synchronized void close() {
        walSyncer.shutdownNow();
        if (db != null) {
            closeDatabase();
        }
        readOptions.close();
        writeOptions.close();
        closeResources();
        log.info("RocksDB closed");
    }

    private void closeResources() {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception ignored) {
                // closing native handles during shutdown; nothing useful to do on failure
            }
        }
    }
}
