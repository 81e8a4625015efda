package io.diskdb.pubsub;

import io.diskdb.config.KeyspaceEvents;
import io.diskdb.config.Settings;
import io.diskdb.storage.KeyChange;
import io.diskdb.storage.Metadata;
import io.diskdb.storage.Transaction;
import io.diskdb.storage.CommitListener;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Keyspace notifications (notify-keyspace-events) as Redis 7.0 publishes them: for an event of
 * an enabled class, a message on {@code __keyspace@<db>__:<key>} carrying the event name and one
 * on {@code __keyevent@<db>__:<event>} carrying the key.
 *
 * <p>Two kinds of events need no command to report them, so they come from the commit itself:
 * {@code expired} (lazy or active expiry, whoever's commit deleted the key) and {@code new}
 * (a key that did not exist now does). Commands report the rest through
 * {@code CommandContext.notify}; the dispatcher publishes them after the command committed.
 */
public final class KeyspaceNotifier implements CommitListener {
    private final Settings settings;
    private final PubSub pubsub;

    public KeyspaceNotifier(Settings settings, PubSub pubsub) {
        this.settings = settings;
        this.pubsub = pubsub;
    }

    /** Whether events of this class are published at all (lets commands skip recording them). */
    public boolean enabled(int type) {
        return (settings.getNotifyKeyspaceEvents() & type) != 0;
    }

    @Override
    public void committed(List<KeyChange> changes) {
        if (settings.getNotifyKeyspaceEvents() == 0) {
            return;
        }
        for (KeyChange change : changes) {
            if (change.expired()) {
                notify(KeyspaceEvents.EXPIRED, "expired", change.db(), change.key());
            }
            boolean existedBefore = change.before() != null && !change.expired();
            if (!existedBefore && change.after() != null) {
                notify(KeyspaceEvents.NEW, "new", change.db(), change.key());
            }
        }
    }

    /**
     * Publishes what a committed command reported. A collection a command emptied is deleted,
     * and Redis then reports "del" after the command's own event on that key: that is done
     * here once, for every command, rather than at each site that can remove a last element.
     */
    public void publish(PendingEvents pending, Transaction committed) {
        List<PendingEvents.Event> events = pending.list();
        for (int i = 0; i < events.size(); i++) {
            PendingEvents.Event event = events.get(i);
            notify(event.type(), event.name(), event.db(), event.key());
            if (isCollectionEvent(event.type()) && isLastEventOfKey(events, i)) {
                Metadata after = committed.meta(event.db(), event.key());
                if (after == null) {
                    notify(KeyspaceEvents.GENERIC, "del", event.db(), event.key());
                }
            }
        }
    }

    private static boolean isCollectionEvent(int type) {
        return (type & (KeyspaceEvents.LIST | KeyspaceEvents.SET | KeyspaceEvents.HASH | KeyspaceEvents.ZSET)) != 0;
    }

    private static boolean isLastEventOfKey(List<PendingEvents.Event> events, int index) {
        PendingEvents.Event event = events.get(index);
        for (int j = index + 1; j < events.size(); j++) {
            PendingEvents.Event later = events.get(j);
            if (later.db() == event.db() && java.util.Arrays.equals(later.key(), event.key())) {
                return false;
            }
        }
        return true;
    }

    /** Redis's notifyKeyspaceEvent. */
    public void notify(int type, String event, int db, byte[] key) {
        int flags = settings.getNotifyKeyspaceEvents();
        if ((flags & type) == 0) {
            return;
        }
        byte[] eventBytes = event.getBytes(StandardCharsets.US_ASCII);
        if ((flags & KeyspaceEvents.KEYSPACE) != 0) {
            pubsub.publish(concat("__keyspace@" + db + "__:", key), eventBytes);
        }
        if ((flags & KeyspaceEvents.KEYEVENT) != 0) {
            pubsub.publish(concat("__keyevent@" + db + "__:", eventBytes), key);
        }
    }

    private static byte[] concat(String prefix, byte[] tail) {
        byte[] head = prefix.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }
}
