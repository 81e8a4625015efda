package io.diskdb.server;

import java.util.Collection;
import java.util.Collections;
import java.util.concurrent.ConcurrentSkipListMap;

/** The connected clients by id, for CLIENT LIST/KILL, INFO clients and maxclients. */
public final class ClientRegistry {
    private final ConcurrentSkipListMap<Long, ClientSession> clients = new ConcurrentSkipListMap<>();

    void add(ClientSession session) {
        clients.put(session.id(), session);
    }

    void remove(ClientSession session) {
        clients.remove(session.id());
    }

    public int count() {
        return clients.size();
    }

    public ClientSession get(long id) {
        return clients.get(id);
    }

    /** In id order, as CLIENT LIST shows them. */
    public Collection<ClientSession> all() {
        return Collections.unmodifiableCollection(clients.values());
    }
}
