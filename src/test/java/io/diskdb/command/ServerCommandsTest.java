package io.diskdb.command;

import io.diskdb.testing.RawConnection;
import io.diskdb.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerCommandsTest {
    @Test
    void timeIsSecondsAndMicrosecondsAndNeverGoesBack() {
        try (TestServer server = TestServer.start(); RawConnection raw = server.raw()) {
            long previous = 0;
            for (int i = 0; i < 50; i++) {
                String reply = raw.call("TIME");
                assertTrue(reply.matches("\\*2\\r\\n\\$\\d+\\r\\n\\d+\\r\\n\\$\\d+\\r\\n\\d+\\r\\n"), reply);
                String[] parts = reply.split("\r\n");
                long seconds = Long.parseLong(parts[2]);
                long micros = Long.parseLong(parts[4]);
                assertTrue(micros < 1_000_000);
                assertTrue(Math.abs(seconds - System.currentTimeMillis() / 1000) <= 2);
                long now = seconds * 1_000_000 + micros;
                assertTrue(now >= previous, "TIME went back");
                previous = now;
            }
        }
    }

    @Test
    void lastsaveIsTheStartTimeAndRoleIsMaster() {
        try (TestServer server = TestServer.start(); RawConnection raw = server.raw()) {
            assertEquals(":" + server.server().startedAtMillis() / 1000 + "\r\n", raw.call("LASTSAVE"));
            assertEquals("*3\r\n$6\r\nmaster\r\n:0\r\n*0\r\n", raw.call("ROLE"));
        }
    }

    @Test
    void shutdownRejectsBadOptionsAndAbortWithoutAShutdown() {
        try (TestServer server = TestServer.start(); RawConnection raw = server.raw()) {
            assertEquals("-ERR syntax error\r\n", raw.call("SHUTDOWN", "FOO"));
            assertEquals("-ERR syntax error\r\n", raw.call("SHUTDOWN", "SAVE", "NOSAVE"));
            assertEquals("-ERR syntax error\r\n", raw.call("SHUTDOWN", "ABORT", "NOW"));
            assertEquals("-ERR No shutdown in progress.\r\n", raw.call("SHUTDOWN", "ABORT"));
            assertEquals("+PONG\r\n", raw.call("PING"));
        }
    }

    @Test
    void shutdownClosesEveryConnectionAndStopsTheServer() throws Exception {
        try (TestServer server = TestServer.start()) {
            int port = server.port();
            try (RawConnection other = server.raw(); RawConnection raw = server.raw()) {
                assertEquals("+OK\r\n", raw.call("SET", "kept", "yes"));
                other.call("PING");
                raw.send("SHUTDOWN", "NOSAVE", "NOW");
                assertTrue(raw.isClosedByServer(), "no reply, the connection just closes");
                assertTrue(other.isClosedByServer());
            }
            server.server().awaitTermination();
            assertTrue(server.server().isStopping());
            assertThrows(IOException.class, () -> new Socket("127.0.0.1", port).close());
            server.restart();
            try (RawConnection raw = server.raw()) {
                assertEquals("$3\r\nyes\r\n", raw.call("GET", "kept"));
            }
        }
    }
}
