package io.diskdb.types;

import io.diskdb.storage.ColumnFamily;
import io.diskdb.storage.KeyCodec;
import io.diskdb.storage.KeyHash;
import io.diskdb.storage.Transaction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * The position-ordered element records of a collection, and the HSCAN/SSCAN/ZSCAN walk over
 * them. A record's sub-key is {@code [tag]?[position u32][name]}, position =
 * KeyHash.elementPosition(name): hash fields and set members have no tag, sorted-set member
 * records have the tag 'm' (which keeps them apart from the score index in the same family).
 *
 * <p>The cursor is the next position to visit, exactly like SCAN's over the keyspace: a page
 * visits about {@code count} records and then every record sharing the last visited position,
 * so the next page, which starts at the following position, cannot skip a member. A member
 * present for the whole iteration is therefore returned at least once, whatever is written
 * meanwhile and across restarts; the cursor is 0 when the walk is done.
 */
public final class ElementScan {
    /** Positions are 32 bits, so the cursor space ends here. */
    public static final long CURSOR_LIMIT = 1L << 32;
    private static final int POSITION_BYTES = 4;
    /** Records whose sub-key starts with the position (hashes, sets). */
    public static final ElementScan UNTAGGED = new ElementScan(new byte[0]);

    private final byte[] tag;
    private final int header;

    private ElementScan(byte[] tag) {
        this.tag = tag;
        this.header = tag.length + POSITION_BYTES;
    }

    /** Records whose sub-key starts with {@code tag}, then the position. */
    public static ElementScan tagged(byte tag) {
        return new ElementScan(new byte[]{tag});
    }

    /** A visited record: its name (the sub-key after the position) and its value. */
    public record Element(byte[] name, byte[] value) {
    }

    public record Page(long cursor, List<Element> elements) {
    }

    /** One page of every record visited. */
    public Page page(Transaction txn, ColumnFamily family, long version, long cursor, long count) {
        return page(txn, family, version, cursor, count, name -> true);
    }

    /**
     * One page of the records whose name {@code accepts}; records it rejects still count as
     * visited (COUNT is the work done, as in Redis, not the number of replies).
     */
    public Page page(Transaction txn, ColumnFamily family, long version, long cursor, long count,
                     Predicate<byte[]> accepts) {
        List<Element> found = new ArrayList<>();
        if (cursor < 0 || cursor >= CURSOR_LIMIT) {
            return new Page(0, found);
        }
        long visited = 0;
        long lastPosition = -1;
        try (ElementCursor it = new ElementCursor(txn, family, version)) {
            for (it.seek(seekKey(cursor)); it.valid() && holds(it.subKey()); it.next()) {
                byte[] subKey = it.subKey();
                long position = position(subKey);
                if (visited >= count && position != lastPosition) {
                    // a later position exists, so lastPosition + 1 is still inside the cursor space
                    return new Page(lastPosition + 1, found);
                }
                visited++;
                lastPosition = position;
                byte[] name = name(subKey);
                if (accepts.test(name)) {
                    found.add(new Element(name, it.value()));
                }
            }
        }
        return new Page(0, found);
    }

    /** The sub-key of the record for {@code name}. */
    public byte[] subKey(byte[] name) {
        byte[] out = Arrays.copyOf(seekKey(KeyHash.elementPosition(name) & 0xffffffffL), header + name.length);
        System.arraycopy(name, 0, out, header, name.length);
        return out;
    }

    /** The sub-key prefix that seeks to the first record at or after {@code position}. */
    public byte[] seekKey(long position) {
        byte[] out = Arrays.copyOf(tag, header);
        KeyCodec.putInt(out, tag.length, (int) position);
        return out;
    }

    /** Whether {@code subKey} is one of these records (and not another kind sharing the family). */
    public boolean holds(byte[] subKey) {
        return subKey.length >= header && Arrays.equals(subKey, 0, tag.length, tag, 0, tag.length);
    }

    public long position(byte[] subKey) {
        return KeyCodec.getInt(subKey, tag.length) & 0xffffffffL;
    }

    public byte[] name(byte[] subKey) {
        return Arrays.copyOfRange(subKey, header, subKey.length);
    }
}
