package io.diskdb.pubsub;

import java.util.ArrayList;
import java.util.List;

/**
 * The keyspace events a client's command (or EXEC) reported, held until its commit: events
 * of a command that fails are cut off and never published. Used by the client's event loop,
 * or by the thread that retries the client's parked command while the client waits.
 */
public final class PendingEvents {
    /** One event: its class ({@link io.diskdb.config.KeyspaceEvents} bit), name, database and key. */
    public record Event(int type, String name, int db, byte[] key) {
    }

    private final List<Event> events = new ArrayList<>();

    public void add(int type, String name, int db, byte[] key) {
        events.add(new Event(type, name, db, key));
    }

    /** A mark to {@link #truncate} back to when a command run inside EXEC fails. */
    public int mark() {
        return events.size();
    }

    public void truncate(int mark) {
        events.subList(mark, events.size()).clear();
    }

    public boolean isEmpty() {
        return events.isEmpty();
    }

    List<Event> list() {
        return events;
    }

    public void clear() {
        events.clear();
    }
}
