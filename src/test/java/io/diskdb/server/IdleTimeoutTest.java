package io.diskdb.server;

import io.diskdb.testing.RawConnection;
import io.diskdb.testing.TestServer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdleTimeoutTest {
    @Test
    void idleClientsAreClosedAfterTimeoutWhileActiveOnesStay() throws Exception {
        try (TestServer server = TestServer.start(s -> s.setTimeout(1));
             RawConnection idle = server.raw();
             RawConnection active = server.raw()) {
            assertEquals("+PONG\r\n", idle.call("PING"));
            for (int i = 0; i < 12; i++) {
                Thread.sleep(250);
                assertEquals("+PONG\r\n", active.call("PING"));
            }
            assertTrue(idle.isClosedByServer(), "idle connection should have been closed");
        }
    }

    @Test
    void configSetTimeoutTakesEffectWhileRunning() throws Exception {
        try (TestServer server = TestServer.start(); RawConnection admin = server.raw(); RawConnection idle = server.raw()) {
            assertEquals("+PONG\r\n", idle.call("PING"));
            assertEquals("+OK\r\n", admin.call("CONFIG", "SET", "timeout", "1"));
            Thread.sleep(2600);
            assertTrue(idle.isClosedByServer());
        }
    }
}
