package io.diskdb.robustness;

import io.diskdb.testing.RawConnection;
import io.diskdb.testing.SharedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Deep pipelines, binary data and large values come back exactly. */
class LargeAndBinaryDataTest {
    @RegisterExtension
    static final SharedServer server = new SharedServer();

    @Test
    void tenThousandPipelinedSetsThenGetsInOneWrite() {
        int n = 10_000;
        ByteArrayOutputStream pipeline = new ByteArrayOutputStream();
        for (int i = 0; i < n; i++) {
            pipeline.writeBytes(RawConnection.encode("SET", "pipe:" + i, "value-" + i));
        }
        for (int i = 0; i < n; i++) {
            pipeline.writeBytes(RawConnection.encode("GET", "pipe:" + i));
        }
        try (RawConnection raw = server.raw()) {
            raw.sendRaw(pipeline.toByteArray());
            for (int i = 0; i < n; i++) {
                assertEquals("+OK\r\n", raw.readReply(), "SET #" + i);
            }
            for (int i = 0; i < n; i++) {
                String value = "value-" + i;
                assertEquals("$" + value.length() + "\r\n" + value + "\r\n", raw.readReply(), "GET #" + i);
            }
            assertEquals("+PONG\r\n", raw.call("PING"));
        }
    }

    @Test
    void binaryKeysAndValuesRoundTripExactly() {
        byte[][] samples = {
                {0},
                {'a', 0, 'b'},
                {'\r', '\n'},
                {'$', '3', '\r', '\n', '*', '1', '\r', '\n'},
                {(byte) 0xff, (byte) 0xfe, (byte) 0xc3, (byte) 0x28, (byte) 0x80},
                {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                new byte[0],
        };
        try (Jedis jedis = server.jedis()) {
            for (int i = 0; i < samples.length; i++) {
                byte[] key = concat("bin:".getBytes(StandardCharsets.US_ASCII), samples[i]);
                byte[] value = concat(samples[(i + 1) % samples.length], samples[i]);
                assertEquals("OK", jedis.set(key, value));
                assertArrayEquals(value, jedis.get(key), "sample " + i);
            }
            byte[] all = new byte[256];
            for (int b = 0; b < 256; b++) {
                all[b] = (byte) b;
            }
            jedis.set(all, all);
            assertArrayEquals(all, jedis.get(all));
        }
        server.restart();
        try (Jedis jedis = server.jedis()) {
            byte[] key = concat("bin:".getBytes(StandardCharsets.US_ASCII), samples[2]);
            assertArrayEquals(concat(samples[3], samples[2]), jedis.get(key), "binary data survives a restart");
        }
    }

    @Test
    void oneMegabyteValues() {
        Random random = new Random(7);
        try (Jedis jedis = server.jedis()) {
            for (int i = 0; i < 5; i++) {
                byte[] value = new byte[1 << 20];
                random.nextBytes(value);
                byte[] key = ("big:" + i).getBytes(StandardCharsets.US_ASCII);
                jedis.set(key, value);
                assertArrayEquals(value, jedis.get(key));
            }
            byte[] smaller = "now small".getBytes(StandardCharsets.US_ASCII);
            jedis.set("big:0".getBytes(StandardCharsets.US_ASCII), smaller);
            assertArrayEquals(smaller, jedis.get("big:0".getBytes(StandardCharsets.US_ASCII)), "large replaced by small");
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
