package io.diskdb.robustness;

import io.diskdb.testing.DiskDbProcess;
import io.diskdb.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Every acknowledged write survives a clean restart and a kill -9. */
class DurabilityTest {
    @Test
    void tenThousandKeysSurviveACleanRestart() {
        int n = 10_000;
        try (TestServer server = TestServer.start()) {
            try (Jedis jedis = server.jedis()) {
                Pipeline pipeline = jedis.pipelined();
                for (int i = 0; i < n; i++) {
                    pipeline.set("restart:" + i, "value-" + i);
                }
                pipeline.sync();
            }
            server.restart();
            try (Jedis jedis = server.jedis()) {
                Pipeline pipeline = jedis.pipelined();
                List<Response<String>> values = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    values.add(pipeline.get("restart:" + i));
                }
                pipeline.sync();
                for (int i = 0; i < n; i++) {
                    assertEquals("value-" + i, values.get(i).get(), "key restart:" + i);
                }
            }
        }
    }

    @Test
    void acknowledgedWritesSurviveKillMinus9(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Path log = dir.resolve("server.log");
        int writers = 4;
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        AtomicLongArray lastCounter = new AtomicLongArray(writers);
        AtomicInteger acks = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        CountDownLatch enoughWritten = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> unexpected = new ArrayList<>();

        try (DiskDbProcess server = DiskDbProcess.start(data, log)) {
            for (int t = 0; t < writers; t++) {
                int writer = t;
                Thread thread = new Thread(() -> {
                    try (Jedis jedis = new Jedis("127.0.0.1", server.port(), 5_000)) {
                        for (long i = 1; ; i++) {
                            String key = "w" + writer + ":" + i;
                            String value = "value-" + writer + "-" + i;
                            jedis.set(key, value);
                            acknowledged.put(key, value);
                            // an overwritten key: after the crash it holds the last ack or a later write
                            jedis.set("counter:" + writer, Long.toString(i));
                            lastCounter.set(writer, i);
                            if (acks.incrementAndGet() >= 3_000) {
                                enoughWritten.countDown();
                            }
                        }
                    } catch (RuntimeException e) {
                        if (!killed.get()) {
                            synchronized (unexpected) {
                                unexpected.add(e);
                            }
                            enoughWritten.countDown();
                        }
                        // after the kill the connection breaks: that is the point
                    }
                }, "writer-" + t);
                thread.start();
                threads.add(thread);
            }
            assertTrue(enoughWritten.await(15, java.util.concurrent.TimeUnit.SECONDS), "writers made no progress; see " + log);
            killed.set(true);
            server.kill();
        }
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        if (!unexpected.isEmpty()) {
            fail("a write failed before the kill", unexpected.get(0));
        }

        try (DiskDbProcess restarted = DiskDbProcess.start(data, log);
             Jedis jedis = new Jedis("127.0.0.1", restarted.port(), 10_000)) {
            Pipeline pipeline = jedis.pipelined();
            Map<String, Response<String>> found = new java.util.HashMap<>();
            acknowledged.keySet().forEach(key -> found.put(key, pipeline.get(key)));
            pipeline.sync();
            int lost = 0;
            for (Map.Entry<String, String> entry : acknowledged.entrySet()) {
                if (!entry.getValue().equals(found.get(entry.getKey()).get())) {
                    lost++;
                }
            }
            assertEquals(0, lost, lost + " of " + acknowledged.size() + " acknowledged writes lost");
            for (int w = 0; w < writers; w++) {
                long stored = Long.parseLong(jedis.get("counter:" + w));
                long acked = lastCounter.get(w);
                assertTrue(stored == acked || stored == acked + 1,
                        "counter:" + w + " is " + stored + " but the last acknowledged value was " + acked);
            }
        }
    }
}
