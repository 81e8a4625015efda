package io.diskdb.robustness;

import io.diskdb.testing.RawConnection;
import io.diskdb.testing.TestServer;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Clients that announce huge requests or send garbage cannot hurt the server or other clients. */
class HostileClientsTest {
    private static long usedHeap() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    @Test
    void announcedHugeBulkWithoutBodyAllocatesNothing() {
        // raise the limit so that the 600 MB header is accepted and the server has to wait for it
        try (TestServer server = TestServer.start(settings -> settings.setProtoMaxBulkLen(1L << 30))) {
            long before = usedHeap();
            try (RawConnection greedy = server.raw(); RawConnection good = server.raw()) {
                greedy.sendRaw("*2\r\n$3\r\nGET\r\n$629145600\r\n");
                for (int i = 0; i < 50; i++) {
                    assertEquals("+OK\r\n", good.call("SET", "k" + i, "v"));
                    assertEquals("$1\r\nv\r\n", good.call("GET", "k" + i));
                }
                long during = usedHeap();
                assertTrue(during - before < 200L << 20,
                        "heap grew by " + ((during - before) >> 20) + " MB while a 600 MB bulk was only announced");
            }
            try (RawConnection after = server.raw()) {
                assertEquals("+PONG\r\n", after.call("PING"), "the server is fine after the client left");
            }
        }
    }

    @Test
    void randomNoiseOnTwentyConnectionsDoesNotDisturbAGoodClient() throws Exception {
        try (TestServer server = TestServer.start()) {
            long seed = System.nanoTime();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            ExecutorService pool = Executors.newFixedThreadPool(20);
            AtomicLong noiseBytes = new AtomicLong();
            List<Future<?>> noise = new ArrayList<>();
            for (int c = 0; c < 20; c++) {
                Random random = new Random(seed + c);
                noise.add(pool.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        try (Socket socket = new Socket("127.0.0.1", server.port())) {
                            socket.getInputStream(); // replies are never read: the server must cope
                            OutputStream out = socket.getOutputStream();
                            for (int burst = 0; burst < 50 && System.nanoTime() < deadline; burst++) {
                                byte[] junk = new byte[1 + random.nextInt(2048)];
                                random.nextBytes(junk);
                                if (random.nextInt(4) == 0) {
                                    junk[0] = '*'; // exercise the multibulk parser, not only inline
                                }
                                out.write(junk);
                                noiseBytes.addAndGet(junk.length);
                            }
                        } catch (IOException closedByServer) {
                            // protocol errors close the connection; open another
                        }
                    }
                    return null;
                }));
            }
            long checks = 0;
            try (Jedis good = server.jedis()) {
                while (System.nanoTime() < deadline) {
                    String key = "good:" + (checks % 100);
                    String value = "value-" + checks;
                    assertEquals("OK", good.set(key, value), "seed " + seed);
                    assertEquals(value, good.get(key), "seed " + seed);
                    checks++;
                }
            }
            for (Future<?> f : noise) {
                f.get(10, TimeUnit.SECONDS);
            }
            pool.shutdownNow();
            assertTrue(checks > 100, "the good client made progress: " + checks + " checks");
            assertTrue(noiseBytes.get() > 100_000, "noise was sent: " + noiseBytes.get());
            try (RawConnection after = server.raw()) {
                assertEquals("+PONG\r\n", after.call("PING"));
            }
        }
    }
}
