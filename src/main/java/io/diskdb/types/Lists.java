package io.diskdb.types;

import io.diskdb.storage.ColumnFamily;
import io.diskdb.storage.DataType;
import io.diskdb.storage.KeyCodec;
import io.diskdb.storage.Metadata;
import io.diskdb.storage.Transaction;

import java.util.ArrayList;
import java.util.List;

/**
 * Lists over storage (see docs/storage-format.md, "Lists"). A list's elements live in the
 * {@code lists} family at {@code [version][index u64]}; the indexes from head (first element)
 * to tail (one past the last) are dense, and both are kept in the metadata's extra field. They
 * start in the middle of the u64 range so either end can grow: pushes, pops, LINDEX and LSET
 * are point reads and writes at {@code head + i}; only LINSERT, LREM and LTRIM move elements.
 */
public final class Lists {
    /** 2^63 as an unsigned index: the first element of a new list goes here. */
    static final long MIDDLE = Long.MIN_VALUE;
    /** Above this many trimmed positions a range delete replaces point deletes. */
    private static final long POINT_DELETE_LIMIT = 64;

    private Lists() {
    }

    /** The list at {@code key}, or null if there is none; WRONGTYPE if the key holds another type. */
    public static ListValue find(Transaction txn, int db, byte[] key) {
        Metadata meta = Collections.find(txn, db, key, DataType.LIST);
        return meta == null ? null : new ListValue(txn, db, key, meta);
    }

    /** The list at {@code key}, or a new empty one stored on {@link ListValue#save()}. */
    public static ListValue findOrCreate(Transaction txn, int db, byte[] key) {
        return new ListValue(txn, db, key, Collections.findOrCreate(txn, db, key, DataType.LIST, extra(MIDDLE, MIDDLE)));
    }

    /** A list whose metadata the caller already looked up (and type-checked). */
    public static ListValue of(Transaction txn, int db, byte[] key, Metadata meta) {
        return new ListValue(txn, db, key, meta);
    }

    static byte[] extra(long head, long tail) {
        byte[] out = new byte[16];
        KeyCodec.putLong(out, 0, head);
        KeyCodec.putLong(out, 8, tail);
        return out;
    }

    /** Where a LINSERT puts its element. */
    public enum Side { BEFORE, AFTER }

    /**
     * One list being read or changed by a command. Changes are staged in the transaction as they
     * are made; {@link #save()} writes the new head, tail and count (or deletes the empty list).
     */
    public static final class ListValue {
        private final Transaction txn;
        private final int db;
        private final byte[] key;
        private final Metadata meta;
        private long head;
        private long tail;

        private ListValue(Transaction txn, int db, byte[] key, Metadata meta) {
            this.txn = txn;
            this.db = db;
            this.key = key;
            this.meta = meta;
            byte[] extra = meta.extra();
            if (extra.length >= 16) {
                head = KeyCodec.getLong(extra, 0);
                tail = KeyCodec.getLong(extra, 8);
            } else {
                head = MIDDLE;
                tail = MIDDLE + meta.count();
            }
        }

        public byte[] key() {
            return key;
        }

        public long size() {
            return tail - head;
        }

        /** Stores the list's new shape; an emptied list is deleted, as Redis does. */
        public void save() {
            Collections.save(txn, db, key, meta.withCountAndExtra(size(), extra(head, tail)));
        }

        /** The element at {@code index} (0 = first); the caller checks the bounds. */
        public byte[] get(long index) {
            return txn.listElement(meta.version(), head + index);
        }

        public void set(long index, byte[] value) {
            txn.put(ColumnFamily.LISTS, position(head + index), value);
        }

        public void push(boolean left, byte[] value) {
            if (left) {
                head--;
                txn.put(ColumnFamily.LISTS, position(head), value);
            } else {
                txn.put(ColumnFamily.LISTS, position(tail), value);
                tail++;
            }
        }

        /** Removes and returns the first (left) or last element; the list must not be empty. */
        public byte[] pop(boolean left) {
            long at = left ? head : tail - 1;
            byte[] value = txn.listElement(meta.version(), at);
            txn.delete(ColumnFamily.LISTS, position(at));
            if (left) {
                head++;
            } else {
                tail--;
            }
            return value;
        }

        /** Elements {@code from..to} (inclusive, within bounds): from the cached pages, or read with one seek. */
        public List<byte[]> range(long from, long to) {
            List<byte[]> cached = txn.cachedListRange(meta.version(), head, tail, head + from, head + to);
            if (cached != null) {
                return cached;
            }
            int count = (int) (to - from + 1); // LRANGE replies are bounded far below 2^31 elements
            try (ElementCursor cursor = new ElementCursor(txn, ColumnFamily.LISTS, meta.version())) {
                cursor.seek(index(head + from));
                List<byte[]> out = cursor.consecutiveValues(count, index(head + to));
                if (out == null) {
                    throw new IllegalStateException("list elements " + from + ".." + to + " are not all there");
                }
                return out;
            }
        }

        /** Visits elements from the first (or from the last when {@code fromTail}); the visitor returns false to stop. */
        public void scan(boolean fromTail, ElementVisitor visitor) {
            try (ElementCursor cursor = new ElementCursor(txn, ColumnFamily.LISTS, meta.version())) {
                long n = size();
                if (fromTail) {
                    cursor.seekForPrev(index(tail - 1));
                } else {
                    cursor.seek(index(head));
                }
                for (long i = 0; i < n && cursor.valid(); i++) {
                    if (!visitor.visit(fromTail ? n - 1 - i : i, cursor.value())) {
                        return;
                    }
                    if (fromTail) {
                        cursor.prev();
                    } else {
                        cursor.next();
                    }
                }
            }
        }

        @FunctionalInterface
        public interface ElementVisitor {
            boolean visit(long index, byte[] value);
        }

        /** Keeps only elements {@code from..to} (inclusive; from > to keeps none). */
        public void trim(long from, long to) {
            long newHead = from > to ? tail : head + from;
            long newTail = from > to ? tail : head + to + 1;
            deletePositions(head, newHead);
            deletePositions(newTail, tail);
            head = newHead;
            tail = newTail;
        }

        /**
         * LREM: removes up to {@code limit} elements equal to {@code value} (0 = all), scanning
         * from the head, or from the tail when {@code fromTail}. The side of the list that
         * moves the fewest elements closes the gaps. Returns how many were removed.
         */
        public long remove(byte[] value, long limit, boolean fromTail) {
            List<Long> matches = new ArrayList<>();
            scan(fromTail, (index, element) -> {
                if (java.util.Arrays.equals(element, value)) {
                    matches.add(index);
                }
                return limit == 0 || matches.size() < limit;
            });
            if (matches.isEmpty()) {
                return 0;
            }
            long first = java.util.Collections.min(matches);
            long last = java.util.Collections.max(matches);
            java.util.Set<Long> removed = new java.util.HashSet<>(matches);
            if (size() - first <= last + 1) {
                // close the gaps towards the head: rewrite first..end
                List<byte[]> kept = survivors(first, size() - 1, removed);
                long newTail = head + first + kept.size();
                rewrite(head + first, kept);
                deletePositions(newTail, tail);
                tail = newTail;
            } else {
                // close the gaps towards the tail: rewrite 0..last
                List<byte[]> kept = survivors(0, last, removed);
                long newHead = head + last + 1 - kept.size();
                rewrite(newHead, kept);
                deletePositions(head, newHead);
                head = newHead;
            }
            return matches.size();
        }

        private List<byte[]> survivors(long from, long to, java.util.Set<Long> removed) {
            List<byte[]> all = range(from, to);
            List<byte[]> kept = new ArrayList<>(all.size());
            for (int i = 0; i < all.size(); i++) {
                if (!removed.contains(from + i)) {
                    kept.add(all.get(i));
                }
            }
            return kept;
        }

        /** The index of the first element equal to {@code value}, or -1. */
        public long indexOf(byte[] value) {
            long[] found = {-1};
            scan(false, (index, element) -> {
                if (java.util.Arrays.equals(element, value)) {
                    found[0] = index;
                    return false;
                }
                return true;
            });
            return found[0];
        }

        /**
         * LINSERT: puts {@code value} before or after the element at {@code pivotIndex}, moving
         * the shorter side of the list by one position.
         */
        public void insert(long pivotIndex, Side side, byte[] value) {
            long at = side == Side.BEFORE ? pivotIndex : pivotIndex + 1; // the new element's index
            if (at <= size() - at) {
                List<byte[]> before = at == 0 ? List.of() : range(0, at - 1);
                head--;
                rewrite(head, before);
                txn.put(ColumnFamily.LISTS, position(head + at), value);
            } else {
                List<byte[]> after = range(at, size() - 1);
                rewrite(head + at + 1, after);
                txn.put(ColumnFamily.LISTS, position(head + at), value);
                tail++;
            }
        }

        private void rewrite(long fromPosition, List<byte[]> values) {
            for (int i = 0; i < values.size(); i++) {
                txn.put(ColumnFamily.LISTS, position(fromPosition + i), values.get(i));
            }
        }

        /** Deletes positions [from, to): point deletes for a few, one range delete for many. */
        private void deletePositions(long from, long to) {
            long n = to - from;
            if (n <= 0) {
                return;
            }
            if (n <= POINT_DELETE_LIMIT || !txn.canDeleteRange()) {
                for (long p = from; p < to; p++) {
                    txn.delete(ColumnFamily.LISTS, position(p));
                }
            } else {
                // Nothing reads these positions again in this transaction: they are outside
                // [head, tail), and a later push writes a position before reading it.
                txn.deleteRange(ColumnFamily.LISTS, position(from), position(to));
            }
        }

        private byte[] position(long index) {
            return KeyCodec.listElementKey(meta.version(), index);
        }

        private static byte[] index(long index) {
            byte[] out = new byte[8];
            KeyCodec.putLong(out, 0, index);
            return out;
        }
    }
}
