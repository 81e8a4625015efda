package io.diskdb.types;

import io.diskdb.storage.ColumnFamily;
import io.diskdb.storage.Metadata;
import io.diskdb.storage.Transaction;

/**
 * Walks a sorted set's score index in Redis order (score, then member) or in reverse, so
 * every range query is written once for both directions: "first" means the first element in
 * the walking direction.
 */
final class ScoreOrderCursor implements AutoCloseable {
    private final ElementCursor cursor;
    private final boolean reverse;

    ScoreOrderCursor(Transaction txn, Metadata meta, boolean reverse) {
        this.cursor = new ElementCursor(txn, ColumnFamily.ZSETS, meta.version());
        this.reverse = reverse;
    }

    /** At the lowest element (highest when reversed). */
    ScoreOrderCursor first() {
        if (reverse) {
            cursor.seekToLast(); // index records sort after member records
        } else {
            cursor.seek(SortedSetKeys.INDEX_START);
        }
        return this;
    }

    /** At the first element of score {@code score} or beyond it in the walking direction. */
    ScoreOrderCursor seekScore(double score) {
        if (reverse) {
            cursor.seekForPrev(SortedSetKeys.indexAfter(score));
        } else {
            cursor.seek(SortedSetKeys.indexSeek(score));
        }
        return this;
    }

    /** At {@code (score, member)} if present, else at the next element in the walking direction. */
    ScoreOrderCursor seek(double score, byte[] member) {
        byte[] target = SortedSetKeys.index(score, member);
        if (reverse) {
            cursor.seekForPrev(target);
        } else {
            cursor.seek(target);
        }
        return this;
    }

    boolean valid() {
        return cursor.valid() && SortedSetKeys.isIndex(cursor.subKey());
    }

    ScoredMember entry() {
        return SortedSetKeys.entryOf(cursor.subKey());
    }

    byte[] subKey() {
        return cursor.subKey();
    }

    void advance() {
        if (reverse) {
            cursor.prev();
        } else {
            cursor.next();
        }
    }

    /** Moves past up to {@code n} elements; false if the walk ran out. */
    boolean skip(long n) {
        for (long i = 0; i < n && valid(); i++) {
            advance();
        }
        return valid();
    }

    @Override
    public void close() {
        cursor.close();
    }
}
