package io.diskdb.types;

import io.diskdb.storage.ColumnFamily;
import io.diskdb.storage.DataType;
import io.diskdb.storage.Metadata;
import io.diskdb.storage.Transaction;

import java.util.function.Consumer;

/**
 * An input of ZUNION/ZINTER/ZDIFF and their STORE forms: a sorted set, a plain set (whose
 * members all score 1, as in Redis) or a missing key (empty).
 *
 * <p>Sets are read here directly from the {@code sets} family, whose layout is
 * {@code [version][member position u32][member]} (see docs/storage-format.md).
 */
public interface ScoredSource {
    long size();

    /** Visits every element, in no particular order. */
    void forEach(Consumer<ScoredMember> visitor);

    /** The member's score in this source, null if absent. */
    Double find(byte[] member);

    /** The source for {@code meta}: null for an empty one; it must be a sorted set or a set. */
    static ScoredSource of(Transaction txn, Metadata meta) {
        if (meta == null) {
            return EMPTY;
        }
        if (meta.type() == DataType.ZSET) {
            return new SortedSetSource(txn, meta);
        }
        if (meta.type() == DataType.SET) {
            return new PlainSetSource(txn, meta);
        }
        throw new IllegalArgumentException("not a set or sorted set: " + meta.type());
    }

    ScoredSource EMPTY = new ScoredSource() {
        @Override
        public long size() {
            return 0;
        }

        @Override
        public void forEach(Consumer<ScoredMember> visitor) {
        }

        @Override
        public Double find(byte[] member) {
            return null;
        }
    };

    /** A sorted set, walked in member-position order (the order does not matter to the algebra). */
    record SortedSetSource(Transaction txn, Metadata meta) implements ScoredSource {
        @Override
        public long size() {
            return meta.count();
        }

        @Override
        public void forEach(Consumer<ScoredMember> visitor) {
            try (ElementCursor it = new ElementCursor(txn, ColumnFamily.ZSETS, meta.version())) {
                for (it.seek(SortedSetKeys.memberSeek(0)); it.valid(); it.next()) {
                    byte[] subKey = it.subKey();
                    if (!SortedSetKeys.isMember(subKey)) {
                        break;
                    }
                    visitor.accept(new ScoredMember(SortedSetKeys.memberOf(subKey), ScoreCodec.get(it.value(), 0)));
                }
            }
        }

        @Override
        public Double find(byte[] member) {
            return SortedSets.score(txn, meta, member);
        }
    }

    /** A plain set: every member scores 1. */
    record PlainSetSource(Transaction txn, Metadata meta) implements ScoredSource {
        @Override
        public long size() {
            return meta.count();
        }

        @Override
        public void forEach(Consumer<ScoredMember> visitor) {
            try (ElementCursor it = new ElementCursor(txn, ColumnFamily.SETS, meta.version())) {
                for (it.seekToFirst(); it.valid(); it.next()) {
                    byte[] subKey = it.subKey();
                    visitor.accept(new ScoredMember(ElementScan.UNTAGGED.name(subKey), 1.0));
                }
            }
        }

        @Override
        public Double find(byte[] member) {
            return txn.get(ColumnFamily.SETS, Sets.elementKey(meta.version(), member)) == null ? null : 1.0;
        }
    }
}
