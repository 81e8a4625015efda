package io.diskdb.server;

import io.diskdb.config.Settings;
import io.netty.channel.EventLoopGroup;

import java.util.concurrent.TimeUnit;

/**
 * Closes connections idle for longer than the {@code timeout} setting (seconds, 0 = never), as
 * Redis's clientsCron does. Runs once a second; reading the setting each time makes CONFIG SET
 * timeout take effect at once.
 */
final class IdleClientReaper {
    private IdleClientReaper() {
    }

    static void schedule(EventLoopGroup group, ClientRegistry clients, Settings settings) {
        group.scheduleAtFixedRate(() -> closeIdle(clients, settings.getTimeout()), 1, 1, TimeUnit.SECONDS);
    }

    static void closeIdle(ClientRegistry clients, long timeoutSeconds) {
        if (timeoutSeconds <= 0) {
            return;
        }
        long cutoff = System.currentTimeMillis() - timeoutSeconds * 1000;
        for (ClientSession client : clients.all()) {
            // a client parked by BLPOP & co. is waiting, not idle: Redis spares it too
            if (client.lastInteractionMillis() < cutoff && !client.blocked() && !client.postponed()) {
                clients.kill(client);
            }
        }
    }
}
