package io.diskdb.types;

import io.diskdb.storage.ColumnFamily;
import io.diskdb.storage.KeyCodec;
import io.diskdb.storage.Transaction;

import java.util.ArrayList;
import java.util.List;

/**
 * One page of an SSCAN-style walk over a collection whose element sub-keys begin with a 32-bit
 * position ({@code [position u32][member]}, position = KeyHash.elementPosition(member)).
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
    public static final int POSITION_BYTES = 4;

    private ElementScan() {
    }

    /** An element record: its sub-key (position included) and its value. */
    public record Element(byte[] subKey, byte[] value) {
    }

    public record Page(long cursor, List<Element> elements) {
    }

    public static Page page(Transaction txn, ColumnFamily family, long version, long cursor, long count) {
        List<Element> found = new ArrayList<>();
        if (cursor < 0 || cursor >= CURSOR_LIMIT) {
            return new Page(0, found);
        }
        long lastPosition = -1;
        boolean more = false;
        try (ElementCursor it = new ElementCursor(txn, family, version)) {
            for (it.seek(positionBytes(cursor)); it.valid(); it.next()) {
                byte[] subKey = it.subKey();
                long position = KeyCodec.getInt(subKey, 0) & 0xffffffffL;
                if (found.size() >= count && position != lastPosition) {
                    more = true;
                    break;
                }
                found.add(new Element(subKey, it.value()));
                lastPosition = position;
            }
        }
        long next = more && lastPosition + 1 < CURSOR_LIMIT ? lastPosition + 1 : 0;
        return new Page(next, found);
    }

    /** The sub-key prefix that seeks to {@code position}. */
    public static byte[] positionBytes(long position) {
        byte[] out = new byte[POSITION_BYTES];
        KeyCodec.putInt(out, 0, (int) position);
        return out;
    }
}
