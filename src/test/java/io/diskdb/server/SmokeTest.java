package io.diskdb.server;

import io.diskdb.testing.TestServer;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SmokeTest {
    @Test
    void setSurvivesCleanRestart() {
        try (TestServer server = TestServer.start()) {
            try (Jedis jedis = server.jedis()) {
                assertEquals("PONG", jedis.ping());
                assertEquals("OK", jedis.set("greeting", "hello"));
            }
            server.restart();
            try (Jedis jedis = server.jedis()) {
                assertEquals("hello", jedis.get("greeting"));
            }
        }
    }

    @Test
    void repliesExactBytes() {
        try (TestServer server = TestServer.start(); var raw = server.raw()) {
            assertEquals("+OK\r\n", raw.call("SET", "k", "v"));
            assertEquals("$1\r\nv\r\n", raw.call("GET", "k"));
            assertEquals("$-1\r\n", raw.call("GET", "missing"));
        }
    }
}
