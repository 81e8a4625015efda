package io.diskdb.testing;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * INFO's blocked_clients as seen by a connection, DiskDB's or a real Redis's: tests of blocking
 * commands wait on it to know a command has parked (or been served) before they act on it.
 */
public final class BlockedClients {
    private static final String FIELD = "blocked_clients:";

    private BlockedClients() {
    }

    public static long count(RawConnection conn) {
        String info = conn.call("INFO", "clients");
        for (String line : info.split("\r\n")) {
            if (line.startsWith(FIELD)) {
                return Long.parseLong(line.substring(FIELD.length()));
            }
        }
        throw new AssertionError("no blocked_clients in " + info);
    }

    /** Polls until {@code expected} clients are blocked; fails after five seconds. */
    public static void await(RawConnection conn, long expected) {
        long deadline = System.currentTimeMillis() + 5000;
        long seen;
        while ((seen = count(conn)) != expected) {
            if (System.currentTimeMillis() > deadline) {
                fail("blocked_clients stayed " + seen + ", expected " + expected);
            }
            Sleep.sleep(5);
        }
    }
}
