package io.diskdb.types;

import io.diskdb.storage.ColumnFamily;
import io.diskdb.storage.KeyCodec;
import io.diskdb.storage.Transaction;
import io.diskdb.util.Bytes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The consumer groups of one stream: group records, each group's pending entries list (PEL)
 * and its consumers, all ordinary records of the stream's version (so DEL, RENAME and COPY
 * treat them like the entries). A consumer's own PEL is the group PEL filtered by consumer.
 */
public final class StreamGroups {
    private final StreamValue stream;
    private final Transaction txn;

    public StreamGroups(StreamValue stream) {
        this.stream = stream;
        this.txn = stream.txn();
    }

    public StreamValue stream() {
        return stream;
    }

    public StreamGroup group(byte[] name) {
        byte[] value = txn.get(ColumnFamily.STREAMS, record(StreamRecords.groupKey(name)));
        return value == null ? null : decodeGroup(name, value);
    }

    /** Every group, ordered by name (bytes), as Redis's rax orders them. */
    public List<StreamGroup> all() {
        List<StreamGroup> out = new ArrayList<>();
        if (stream.state().groups() == 0) {
            return out;
        }
        byte[] prefix = StreamRecords.groupPrefix();
        try (ElementCursor cursor = stream.cursor().seek(prefix)) {
            while (cursor.valid() && StreamRecords.startsWith(cursor.subKey(), prefix)) {
                byte[] sub = cursor.subKey();
                out.add(decodeGroup(Arrays.copyOfRange(sub, 1, sub.length), cursor.value()));
                cursor.next();
            }
        }
        return out;
    }

    /** Creates a group; false if one of that name exists. */
    public boolean create(byte[] name, StreamId lastDelivered, long entriesRead) {
        if (group(name) != null) {
            return false;
        }
        save(new StreamGroup(name, lastDelivered, entriesRead));
        stream.state(stream.state().withGroups(stream.state().groups() + 1));
        return true;
    }

    public void save(StreamGroup group) {
        txn.put(ColumnFamily.STREAMS, record(StreamRecords.groupKey(group.name())),
                StreamRecords.encodeGroup(group.lastDelivered(), group.entriesRead()));
    }

    /** Removes a group with its pending entries and consumers; false if there was none. */
    public boolean destroy(byte[] name) {
        if (group(name) == null) {
            return false;
        }
        deleteAll(StreamRecords.pendingPrefix(name));
        deleteAll(StreamRecords.consumerPrefix(name));
        txn.delete(ColumnFamily.STREAMS, record(StreamRecords.groupKey(name)));
        stream.state(stream.state().withGroups(stream.state().groups() - 1));
        return true;
    }

    // ---- pending entries

    public PendingEntry pending(byte[] group, StreamId id) {
        byte[] value = txn.get(ColumnFamily.STREAMS, record(StreamRecords.pendingKey(group, id)));
        return value == null ? null : decodePending(id, value);
    }

    public void putPending(byte[] group, PendingEntry entry) {
        txn.put(ColumnFamily.STREAMS, record(StreamRecords.pendingKey(group, entry.id())),
                StreamRecords.encodePending(entry.deliveryTime(), entry.deliveryCount(), entry.consumer()));
    }

    public void deletePending(byte[] group, StreamId id) {
        txn.delete(ColumnFamily.STREAMS, record(StreamRecords.pendingKey(group, id)));
    }

    /**
     * The group's pending entries with ids in [start, end] that {@code filter} accepts, in id
     * order, at most {@code count} (0 = all).
     */
    public List<PendingEntry> pendingRange(byte[] group, StreamId start, StreamId end, long count,
                                           Predicate<PendingEntry> filter) {
        List<PendingEntry> out = new ArrayList<>();
        if (start.after(end)) {
            return out;
        }
        byte[] prefix = StreamRecords.pendingPrefix(group);
        try (ElementCursor cursor = stream.cursor().seek(StreamRecords.pendingKey(group, start))) {
            while (cursor.valid() && StreamRecords.startsWith(cursor.subKey(), prefix) && (count <= 0 || out.size() < count)) {
                StreamId id = StreamRecords.pendingId(cursor.subKey());
                if (id.after(end)) {
                    break;
                }
                PendingEntry entry = decodePending(id, cursor.value());
                if (filter == null || filter.test(entry)) {
                    out.add(entry);
                }
                cursor.next();
            }
        }
        return out;
    }

    public List<PendingEntry> allPending(byte[] group) {
        return pendingRange(group, StreamId.MIN, StreamId.MAX, 0, null);
    }

    /** Pending entries per consumer name, for consumers holding at least one. */
    public Map<Bytes, Long> pendingByConsumer(byte[] group) {
        Map<Bytes, Long> out = new LinkedHashMap<>();
        for (PendingEntry entry : allPending(group)) {
            out.merge(new Bytes(entry.consumer()), 1L, Long::sum);
        }
        return out;
    }

    /** One consumer's own pending entries (its PEL) from {@code start} on, at most {@code count} (0 = all). */
    public List<PendingEntry> pendingOf(byte[] group, byte[] consumer, StreamId start, long count) {
        return pendingRange(group, start, StreamId.MAX, count, entry -> Arrays.equals(entry.consumer(), consumer));
    }

    // ---- consumers

    public StreamConsumer consumer(byte[] group, byte[] name) {
        byte[] value = txn.get(ColumnFamily.STREAMS, record(StreamRecords.consumerKey(group, name)));
        return value == null ? null : new StreamConsumer(name, KeyCodec.getLong(value, 0), KeyCodec.getLong(value, 8));
    }

    public void putConsumer(byte[] group, StreamConsumer consumer) {
        txn.put(ColumnFamily.STREAMS, record(StreamRecords.consumerKey(group, consumer.name())),
                StreamRecords.encodeConsumer(consumer.seenTime(), consumer.activeTime()));
    }

    /** Creates the consumer if it is new; false if it existed. */
    public boolean createConsumer(byte[] group, byte[] name, long now) {
        if (consumer(group, name) != null) {
            return false;
        }
        putConsumer(group, new StreamConsumer(name, now, -1));
        return true;
    }

    /**
     * The consumer, created if new, marked as seen now (Redis's streamLookupConsumer with
     * SLC_DEFAULT, then streamCreateConsumer).
     */
    public StreamConsumer touchConsumer(byte[] group, byte[] name, long now) {
        StreamConsumer existing = consumer(group, name);
        StreamConsumer touched = new StreamConsumer(name, now, existing == null ? -1 : existing.activeTime());
        putConsumer(group, touched);
        return touched;
    }

    /** Every consumer of the group, ordered by name. */
    public List<StreamConsumer> consumers(byte[] group) {
        List<StreamConsumer> out = new ArrayList<>();
        byte[] prefix = StreamRecords.consumerPrefix(group);
        try (ElementCursor cursor = stream.cursor().seek(prefix)) {
            while (cursor.valid() && StreamRecords.startsWith(cursor.subKey(), prefix)) {
                byte[] sub = cursor.subKey();
                byte[] value = cursor.value();
                out.add(new StreamConsumer(Arrays.copyOfRange(sub, prefix.length, sub.length),
                        KeyCodec.getLong(value, 0), KeyCodec.getLong(value, 8)));
                cursor.next();
            }
        }
        return out;
    }

    /** Deletes a consumer and its pending entries; returns how many it had pending. */
    public long deleteConsumer(byte[] group, byte[] name) {
        List<PendingEntry> own = pendingOf(group, name, StreamId.MIN, 0);
        for (PendingEntry entry : own) {
            deletePending(group, entry.id());
        }
        txn.delete(ColumnFamily.STREAMS, record(StreamRecords.consumerKey(group, name)));
        return own.size();
    }

    // ---- delivery

    /**
     * Delivers the entries after the group's last delivered id to {@code consumer} (XREADGROUP
     * with {@code >}): the group's last id and read counter advance, and unless {@code noAck}
     * each entry joins the PEL, taken over from whichever consumer held it (after an XGROUP
     * SETID backwards).
     */
    public List<StreamEntry> deliverNew(StreamGroup group, byte[] consumer, long count, boolean noAck, long now) {
        StreamId start = group.lastDelivered().next();
        if (start == null) {
            return List.of();
        }
        List<StreamEntry> entries = stream.range(start, StreamId.MAX, count, false);
        StreamGroup current = group;
        for (StreamEntry entry : entries) {
            if (entry.id().after(current.lastDelivered())) {
                long reads;
                if (current.entriesRead() != StreamGroup.UNKNOWN_READS && !StreamLag.hasTombstones(stream, entry.id(), null)) {
                    reads = current.entriesRead() + 1;
                } else if (stream.state().entriesAdded() != 0) {
                    reads = StreamLag.estimateReads(stream, entry.id());
                } else {
                    reads = current.entriesRead();
                }
                current = current.withLastDelivered(entry.id(), reads);
            }
            if (!noAck) {
                putPending(group.name(), new PendingEntry(entry.id(), consumer, now, 1));
            }
        }
        if (current != group) {
            save(current);
        }
        if (!entries.isEmpty()) {
            StreamConsumer seen = consumer(group.name(), consumer);
            putConsumer(group.name(), new StreamConsumer(consumer, seen == null ? now : seen.seenTime(), now));
        }
        return entries;
    }

    /**
     * Re-delivers the consumer's own pending entries after {@code after} (XREADGROUP with an
     * id): each one still in the stream counts one more delivery; one deleted from the stream
     * comes back as an id without an entry (null fields), as in Redis.
     */
    public List<StreamEntry> deliverHistory(byte[] group, byte[] consumer, StreamId after, long count, long now) {
        StreamId start = after.next();
        if (start == null) {
            return List.of();
        }
        List<StreamEntry> out = new ArrayList<>();
        for (PendingEntry pending : pendingOf(group, consumer, start, count)) {
            StreamEntry entry = stream.entry(pending.id());
            if (entry == null) {
                out.add(new StreamEntry(pending.id(), null));
            } else {
                putPending(group, new PendingEntry(pending.id(), consumer, now, pending.deliveryCount() + 1));
                out.add(entry);
            }
        }
        return out;
    }

    private void deleteAll(byte[] prefix) {
        List<byte[]> doomed = new ArrayList<>();
        try (ElementCursor cursor = stream.cursor().seek(prefix)) {
            while (cursor.valid() && StreamRecords.startsWith(cursor.subKey(), prefix)) {
                doomed.add(cursor.subKey());
                cursor.next();
            }
        }
        for (byte[] sub : doomed) {
            txn.delete(ColumnFamily.STREAMS, record(sub));
        }
    }

    private byte[] record(byte[] subKey) {
        return KeyCodec.elementKey(stream.version(), subKey);
    }

    private static StreamGroup decodeGroup(byte[] name, byte[] value) {
        return new StreamGroup(name, StreamId.read(value, 0), KeyCodec.getLong(value, 16));
    }

    private static PendingEntry decodePending(StreamId id, byte[] value) {
        return new PendingEntry(id, Arrays.copyOfRange(value, 16, value.length), KeyCodec.getLong(value, 0),
                KeyCodec.getLong(value, 8));
    }
}
