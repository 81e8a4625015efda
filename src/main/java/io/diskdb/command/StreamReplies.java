package io.diskdb.command;

import io.diskdb.protocol.ReplyWriter;
import io.diskdb.types.StreamEntry;
import io.diskdb.types.StreamId;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The reply shapes the stream commands share. */
final class StreamReplies {
    private StreamReplies() {
    }

    static void id(ReplyWriter reply, StreamId id) {
        reply.bulk(id.toBytes());
    }

    /** [id, [field, value, ...]]; an entry the stream no longer holds has a nil in place of its fields. */
    static void entry(ReplyWriter reply, StreamEntry entry) {
        reply.arrayHeader(2);
        id(reply, entry.id());
        if (entry.fieldsAndValues() == null) {
            reply.nullArray();
            return;
        }
        reply.arrayHeader(entry.fieldsAndValues().size());
        for (byte[] item : entry.fieldsAndValues()) {
            reply.bulk(item);
        }
    }

    static void entries(ReplyWriter reply, List<StreamEntry> entries) {
        reply.arrayHeader(entries.size());
        for (StreamEntry entry : entries) {
            entry(reply, entry);
        }
    }

    /** A key or group name inside an error message, as Redis formats it with %s. */
    static String text(byte[] name) {
        return new String(name, StandardCharsets.UTF_8);
    }

    static CommandError noGroup(byte[] key, byte[] group) {
        return new CommandError("NOGROUP No such key '" + text(key) + "' or consumer group '" + text(group) + "'");
    }
}
