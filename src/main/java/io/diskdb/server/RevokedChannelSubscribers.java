package io.diskdb.server;

import io.diskdb.acl.AclListener;
import io.diskdb.acl.AclUser;
import io.diskdb.pubsub.PubSub;
import io.diskdb.pubsub.SubscriptionKind;
import io.diskdb.util.Bytes;

import java.util.List;

/**
 * Disconnects subscribers whose user, after an ACL change, may no longer see one of the
 * channels, patterns or shard channels they are subscribed to, as Redis 7.0 does
 * (ACLKillPubsubClientsIfNeeded): otherwise messages would keep reaching a user who has lost
 * access to them. A pattern stays allowed only if the user's rules still list it literally.
 *
 * <p>A client's subscriptions belong to its event loop, so each check runs there; like Redis's
 * freeClientAsync, the client is closed just after the ACL change is acknowledged.
 */
final class RevokedChannelSubscribers implements AclListener {
    private final ClientRegistry clients;
    private final PubSub pubsub;

    RevokedChannelSubscribers(ClientRegistry clients, PubSub pubsub) {
        this.clients = clients;
        this.pubsub = pubsub;
    }

    @Override
    public void userChanged(String name, AclUser now) {
        if (now == null) {
            return; // a deleted user's clients are all closed anyway
        }
        for (ClientSession client : List.copyOf(clients.all())) {
            if (client.user().equals(name) && client.subscriptions().any()) {
                client.channel().eventLoop().execute(() -> {
                    if (client.user().equals(name) && lostAccess(client, now)) {
                        clients.kill(client);
                    }
                });
            }
        }
    }

    private boolean lostAccess(ClientSession client, AclUser user) {
        for (SubscriptionKind kind : SubscriptionKind.values()) {
            for (Bytes subscribed : pubsub.subscribedTo(client, kind)) {
                if (!user.permitsChannel(subscribed.array(), kind == SubscriptionKind.PATTERN)) {
                    return true;
                }
            }
        }
        return false;
    }
}
