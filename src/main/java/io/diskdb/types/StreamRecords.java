package io.diskdb.types;

import io.diskdb.storage.KeyCodec;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sub-keys and values of the stream records (docs/storage-format.md, "Streams"). Every record
 * lives in the streams family under the key's version prefix, after a tag byte:
 *
 * <pre>
 * entry     ['e'][ms u64][seq u64]                  -> [n u32] n x ([len u32][bytes]) fields and values
 * group     ['g'][name]                             -> [last-delivered id 16][entries-read i64, -1 = unknown]
 * pending   ['p'][group-len u32][group][ms][seq]    -> [delivery-time i64][delivery-count i64][consumer]
 * consumer  ['c'][group-len u32][group][consumer]   -> [seen-time i64][active-time i64]
 * </pre>
 */
final class StreamRecords {
    static final byte ENTRY = 'e';
    static final byte GROUP = 'g';
    static final byte PENDING = 'p';
    static final byte CONSUMER = 'c';

    private StreamRecords() {
    }

    static byte[] entryKey(StreamId id) {
        byte[] out = new byte[1 + StreamId.BYTES];
        out[0] = ENTRY;
        id.write(out, 1);
        return out;
    }

    static StreamId entryId(byte[] subKey) {
        return StreamId.read(subKey, 1);
    }

    static byte[] encodeFields(List<byte[]> fieldsAndValues) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeInt(out, fieldsAndValues.size());
        for (byte[] item : fieldsAndValues) {
            writeInt(out, item.length);
            out.writeBytes(item);
        }
        return out.toByteArray();
    }

    static List<byte[]> decodeFields(byte[] value) {
        int n = KeyCodec.getInt(value, 0);
        List<byte[]> out = new ArrayList<>(n);
        int at = 4;
        for (int i = 0; i < n; i++) {
            int len = KeyCodec.getInt(value, at);
            out.add(Arrays.copyOfRange(value, at + 4, at + 4 + len));
            at += 4 + len;
        }
        return out;
    }

    static byte[] groupKey(byte[] name) {
        return tagged(GROUP, name);
    }

    static byte[] groupPrefix() {
        return new byte[]{GROUP};
    }

    static byte[] encodeGroup(StreamId lastDelivered, long entriesRead) {
        byte[] out = new byte[24];
        lastDelivered.write(out, 0);
        KeyCodec.putLong(out, 16, entriesRead);
        return out;
    }

    /** ['p'][group-len][group]: the prefix of one group's pending entries. */
    static byte[] pendingPrefix(byte[] group) {
        return groupScoped(PENDING, group, new byte[0]);
    }

    static byte[] pendingKey(byte[] group, StreamId id) {
        return groupScoped(PENDING, group, id.bytes());
    }

    static StreamId pendingId(byte[] subKey) {
        return StreamId.read(subKey, subKey.length - StreamId.BYTES);
    }

    static byte[] encodePending(long deliveryTime, long deliveryCount, byte[] consumer) {
        byte[] out = new byte[16 + consumer.length];
        KeyCodec.putLong(out, 0, deliveryTime);
        KeyCodec.putLong(out, 8, deliveryCount);
        System.arraycopy(consumer, 0, out, 16, consumer.length);
        return out;
    }

    static byte[] consumerPrefix(byte[] group) {
        return groupScoped(CONSUMER, group, new byte[0]);
    }

    static byte[] consumerKey(byte[] group, byte[] consumer) {
        return groupScoped(CONSUMER, group, consumer);
    }

    static byte[] encodeConsumer(long seenTime, long activeTime) {
        byte[] out = new byte[16];
        KeyCodec.putLong(out, 0, seenTime);
        KeyCodec.putLong(out, 8, activeTime);
        return out;
    }

    private static byte[] tagged(byte tag, byte[] rest) {
        byte[] out = new byte[1 + rest.length];
        out[0] = tag;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    private static byte[] groupScoped(byte tag, byte[] group, byte[] rest) {
        byte[] out = new byte[5 + group.length + rest.length];
        out[0] = tag;
        KeyCodec.putInt(out, 1, group.length);
        System.arraycopy(group, 0, out, 5, group.length);
        System.arraycopy(rest, 0, out, 5 + group.length, rest.length);
        return out;
    }

    static boolean startsWith(byte[] subKey, byte[] prefix) {
        return subKey.length >= prefix.length && Arrays.equals(subKey, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }
}
