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

    /**
     * Disconnects a client (CLIENT KILL, idle timeout). It leaves the registry at once, as Redis
     * frees a killed client at once, even though Netty closes the socket on the client's own
     * event loop a moment later: a CLIENT LIST or a second KILL right after does not see it.
     */
    public void kill(ClientSession session) {
        remove(session);
        session.channel().close();
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
