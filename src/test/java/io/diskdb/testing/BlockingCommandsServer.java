package io.diskdb.testing;

import io.diskdb.server.DiskDbServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link SharedServer} for tests of blocking commands:
 * {@code @RegisterExtension final BlockingCommandsServer server = new BlockingCommandsServer();}.
 * After each test it closes that test's {@link #client()}s, waits until no client is blocked
 * any more and flushes the data, so that a waiter parked by one test never wakes in the next.
 * {@link #control()} is the connection that writes and reads INFO; it never blocks.
 */
public final class BlockingCommandsServer implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
    private final SharedServer shared = new SharedServer();
    private final List<RawConnection> clients = new ArrayList<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        shared.beforeAll(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (RawConnection client : clients) {
            client.close();
        }
        clients.clear();
        awaitBlocked(0);
        control().call("FLUSHALL");
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        shared.afterAll(context);
    }

    /** The connection that never blocks: it writes keys to wake waiters and reads INFO. */
    public RawConnection control() {
        return shared.connection();
    }

    /** A new client for the current test; closed after it. */
    public RawConnection client() {
        RawConnection client = shared.raw();
        clients.add(client);
        return client;
    }

    /**
     * {@code count} new clients send {@code command} one after another, each only once the
     * previous one is blocked, so that they wait in that order; returned in that order.
     */
    public List<RawConnection> parkInOrder(int count, String... command) {
        List<RawConnection> waiters = new ArrayList<>();
        long blocked = blockedClients();
        for (int i = 1; i <= count; i++) {
            waiters.add(client().send(command));
            awaitBlocked(blocked + i);
        }
        return waiters;
    }

    /** INFO blocked_clients now. */
    public long blockedClients() {
        return BlockedClients.count(control());
    }

    /** Waits until {@code expected} clients are blocked; fails after five seconds. */
    public void awaitBlocked(long expected) {
        BlockedClients.await(control(), expected);
    }

    public int port() {
        return shared.port();
    }

    /** The running DiskDB server, to look past the protocol. */
    public DiskDbServer server() {
        return shared.server();
    }
}
