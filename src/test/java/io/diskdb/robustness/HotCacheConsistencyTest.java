package io.diskdb.robustness;

import io.diskdb.testing.TestServer;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many clients hammering a few hot keys: every read returns a value a writer wrote, a write
 * is visible to the writer's next read on any connection, and what the hot cache serves is
 * what RocksDB holds (compared after a restart, when the cache is empty).
 */
class HotCacheConsistencyTest {
    private static final int THREADS = 8;
    private static final int HOT_KEYS = 10;
    private static final int ROUNDS = 1_500;

    @Test
    void hotKeysStayConsistentWithDisk() throws Exception {
        try (TestServer server = TestServer.start()) {
            Set<String> written = ConcurrentHashMap.newKeySet();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    int counter = 0;
                    // two connections, likely on different event loops: a write through one must
                    // be read back through the other
                    try (Jedis a = server.jedis(); Jedis b = server.jedis()) {
                        for (int i = 0; i < ROUNDS; i++) {
                            String key = "hot:" + (i * 7 + thread) % HOT_KEYS;
                            String value = "t" + thread + "-" + i;
                            written.add(value); // before sending: a concurrent reader may see it at once
                            assertEquals("OK", a.set(key, value));
                            String read = b.get("hot:" + (i + thread * 3) % HOT_KEYS);
                            assertTrue(read == null || written.contains(read), "read a value nobody wrote: " + read);

                            // read-modify-write of this thread's own counter, alternating connections
                            Jedis reader = i % 2 == 0 ? a : b;
                            Jedis writer = i % 2 == 0 ? b : a;
                            String current = reader.get("counter:" + thread);
                            assertEquals(counter == 0 ? null : Integer.toString(counter), current, "lost update");
                            counter++;
                            writer.set("counter:" + thread, Integer.toString(counter));
                        }
                    }
                    return counter;
                }));
            }
            Map<String, String> live = new HashMap<>();
            for (Future<Integer> result : results) {
                assertEquals(ROUNDS, result.get(60, TimeUnit.SECONDS));
            }
            pool.shutdown();
            try (Jedis jedis = server.jedis()) {
                for (int k = 0; k < HOT_KEYS; k++) {
                    live.put("hot:" + k, jedis.get("hot:" + k));
                }
                for (int t = 0; t < THREADS; t++) {
                    live.put("counter:" + t, jedis.get("counter:" + t));
                    assertEquals(Integer.toString(ROUNDS), live.get("counter:" + t));
                }
            }
            server.restart();
            try (Jedis jedis = server.jedis()) {
                for (Map.Entry<String, String> entry : live.entrySet()) {
                    assertEquals(entry.getValue(), jedis.get(entry.getKey()), "cache and disk disagree on " + entry.getKey());
                }
            }
        }
    }
}
