package io.diskdb.durability;

import io.diskdb.testing.TestServer;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** COMPACT after a large delete gives the disk space back, and INFO diskdb shows the sizes. */
class CompactionTest {
    private static final int KEYS = 100_000;
    private static final int VALUE_BYTES = 1024;

    @Test
    void compactingAfterDeletingALargeDatasetShrinksTheDataDirectory() throws Exception {
        try (TestServer server = TestServer.start(s -> s.setWriteBufferSize(16L << 20)); Jedis jedis = server.jedis()) {
            Random random = new Random(1);
            byte[] value = new byte[VALUE_BYTES];
            Pipeline pipeline = jedis.pipelined();
            for (int i = 0; i < KEYS; i++) {
                random.nextBytes(value); // incompressible, so the data takes real space
                pipeline.set(("key:" + i).getBytes(), value.clone());
                if (i % 10_000 == 9_999) {
                    pipeline.sync();
                }
            }
            pipeline.sync();
            compact(jedis);
            long full = databaseBytes(server.dataDir());
            assertTrue(full > KEYS * (long) VALUE_BYTES / 2, "the dataset is on disk: " + full + " bytes");
            assertTrue(Long.parseLong(diskdb(jedis).get("rocksdb_live_data_size")) > KEYS * (long) VALUE_BYTES / 2);

            for (int i = 0; i < KEYS; i += 1000) {
                String[] keys = new String[1000];
                for (int k = 0; k < 1000; k++) {
                    keys[k] = "key:" + (i + k);
                }
                pipeline.del(keys);
            }
            pipeline.sync();
            assertEquals(0, jedis.dbSize());
            compact(jedis);
            long after = databaseBytes(server.dataDir());
            assertTrue(after < full / 10, "disk use dropped from " + full + " to " + after + " bytes");
            Map<String, String> info = diskdb(jedis);
            assertTrue(Long.parseLong(info.get("rocksdb_total_sst_files_size")) < full / 10, info.toString());
            assertEquals("ok", info.get("last_manual_compaction_status"));
        }
    }

    private static void compact(Jedis jedis) throws InterruptedException {
        assertEquals("Compaction started", new String((byte[]) jedis.sendCommand(() -> "COMPACT".getBytes())));
        long deadline = System.currentTimeMillis() + 120_000;
        while (!"0".equals(diskdb(jedis).get("manual_compaction_in_progress")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertEquals("0", diskdb(jedis).get("manual_compaction_in_progress"));
    }

    /** The database's files (SSTs, WAL, MANIFEST), not the snapshots kept beside them. */
    private static long databaseBytes(Path dataDir) throws IOException {
        try (Stream<Path> files = Files.list(dataDir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static Map<String, String> diskdb(Jedis jedis) {
        Map<String, String> fields = new HashMap<>();
        for (String line : jedis.info("diskdb").split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.put(line.substring(0, colon), line.substring(colon + 1));
            }
        }
        return fields;
    }
}
