package io.diskdb.replication;

import io.diskdb.testing.DiskDbProcess;
import io.diskdb.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kill -9 a replica that keeps syncing fully from a master whose data changes all the time, at a
 * random moment (fetching, verifying or swapping): restarted, it serves one whole version of the
 * master's data, never a mix, and nothing of the interrupted swap is left.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class FullSyncCrashTest {
    private static final int KEYS = 50;
    private static final int CYCLES = 2;

    @Test
    void aReplicaKilledDuringAFullSyncRestartsWithOneWholeVersionOfTheData(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("replica");
        Path log = dir.resolve("replica.log");
        Random random = new Random();
        try (TestServer master = TestServer.start()) {
            AtomicBoolean writing = new AtomicBoolean(true);
            Thread writer = new Thread(() -> {
                try (Jedis m = master.jedis()) {
                    for (int round = 0; writing.get(); round++) {
                        String[] pairs = new String[KEYS * 2];
                        for (int i = 0; i < KEYS; i++) {
                            pairs[2 * i] = "k" + i;
                            pairs[2 * i + 1] = "round-" + round;
                        }
                        m.mset(pairs); // one command: every checkpoint holds one whole round
                        Thread.sleep(2);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            writer.start();
            try {
                Set<String> seen = new HashSet<>();
                for (int cycle = 0; cycle < CYCLES; cycle++) {
                    int syncedBefore = count(log, "synced ");
                    try (DiskDbProcess replica = DiskDbProcess.start(RepeatedFullSync.class.getName(), data, log,
                            "--master-port", Integer.toString(master.port()))) {
                        long deadline = System.currentTimeMillis() + 30_000;
                        while (count(log, "synced ") < syncedBefore + 2 && System.currentTimeMillis() < deadline) {
                            Thread.sleep(20);
                        }
                        assertTrue(count(log, "synced ") >= syncedBefore + 2, "the replica syncs; see " + log);
                        Thread.sleep(random.nextInt(400));
                        replica.kill();
                    }
                    try (DiskDbProcess restarted = DiskDbProcess.start(data, log);
                         Jedis r = new Jedis("127.0.0.1", restarted.port(), 10_000)) {
                        String[] keys = new String[KEYS];
                        for (int i = 0; i < KEYS; i++) {
                            keys[i] = "k" + i;
                        }
                        List<String> values = r.mget(keys);
                        assertEquals(1, new HashSet<>(values).size(), "one version of the data: " + values);
                        assertTrue(values.get(0).startsWith("round-"), values.toString());
                        assertEquals(KEYS, r.dbSize());
                        assertFalse(Files.exists(data.resolve("data-swap")), "the interrupted swap was finished or dropped");
                        seen.add(values.get(0));
                    }
                }
                assertFalse(seen.isEmpty());
            } finally {
                writing.set(false);
                writer.join(10_000);
            }
        }
    }

    private static int count(Path log, String marker) throws java.io.IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        return (int) Files.readAllLines(log).stream().filter(line -> line.startsWith(marker)).count();
    }
}
