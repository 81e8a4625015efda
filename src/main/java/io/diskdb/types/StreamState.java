package io.diskdb.types;

import io.diskdb.storage.KeyCodec;

/**
 * The fixed fields a stream keeps in its metadata record (Metadata.extra()); the entry count
 * is the metadata's count. Redis keeps the same fields in its stream struct.
 *
 * <pre>
 * [0..15]  last id (last-generated-id)
 * [16..31] first id (recorded-first-entry-id, 0-0 when empty)
 * [32..47] max deleted entry id
 * [48..55] entries added, ever
 * [56..63] number of consumer groups
 * </pre>
 */
public record StreamState(StreamId lastId, StreamId firstId, StreamId maxDeletedId, long entriesAdded, long groups) {
    public static final StreamState EMPTY = new StreamState(StreamId.MIN, StreamId.MIN, StreamId.MIN, 0, 0);
    private static final int SIZE = 64;

    public byte[] encode() {
        byte[] out = new byte[SIZE];
        lastId.write(out, 0);
        firstId.write(out, 16);
        maxDeletedId.write(out, 32);
        KeyCodec.putLong(out, 48, entriesAdded);
        KeyCodec.putLong(out, 56, groups);
        return out;
    }

    public static StreamState decode(byte[] extra) {
        if (extra == null || extra.length < SIZE) {
            return EMPTY;
        }
        return new StreamState(StreamId.read(extra, 0), StreamId.read(extra, 16), StreamId.read(extra, 32),
                KeyCodec.getLong(extra, 48), KeyCodec.getLong(extra, 56));
    }

    public StreamState withLastId(StreamId id) {
        return new StreamState(id, firstId, maxDeletedId, entriesAdded, groups);
    }

    public StreamState withFirstId(StreamId id) {
        return new StreamState(lastId, id, maxDeletedId, entriesAdded, groups);
    }

    public StreamState withMaxDeletedId(StreamId id) {
        return new StreamState(lastId, firstId, id, entriesAdded, groups);
    }

    public StreamState withEntriesAdded(long added) {
        return new StreamState(lastId, firstId, maxDeletedId, added, groups);
    }

    public StreamState withGroups(long count) {
        return new StreamState(lastId, firstId, maxDeletedId, entriesAdded, count);
    }
}
