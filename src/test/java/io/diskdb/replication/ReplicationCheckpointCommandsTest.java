package io.diskdb.replication;

import io.diskdb.testing.RawConnection;
import io.diskdb.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.diskdb.testing.Resp.NOT_INTEGER;
import static io.diskdb.testing.Resp.integer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** REPLCHECKPOINT as a replica (or anyone) calls it: the happy path and every refusal. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReplicationCheckpointCommandsTest {
    private static TestServer master;
    private static RawConnection client;

    @BeforeAll
    static void start() {
        master = TestServer.start(settings -> settings.setReplFullsyncCheckpointTimeoutMs(1_000));
        client = master.raw();
        client.call("SET", "k", "v");
        client.call("HSET", "h", "f", "x");
    }

    @AfterAll
    static void stop() {
        client.close();
        master.close();
    }

    /** Creates a checkpoint and waits until its manifest is ready; returns the manifest reply. */
    private static String readyManifest(String id) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            String reply = client.call("REPLCHECKPOINT", "MANIFEST", id);
            if (!reply.startsWith("-TRYAGAIN") || System.currentTimeMillis() > deadline) {
                return reply;
            }
            Thread.sleep(10);
        }
    }

    private static String create() {
        String reply = client.call("REPLCHECKPOINT", "CREATE");
        Matcher id = Pattern.compile("\\$16\r\n([0-9a-f]{16})\r\n").matcher(reply);
        assertTrue(id.matches(), reply);
        return id.group(1);
    }

    private static long currentSize(String manifest) {
        Matcher m = Pattern.compile("\\$7\r\nCURRENT\r\n:(\\d+)\r\n").matcher(manifest);
        assertTrue(m.find(), manifest);
        return Long.parseLong(m.group(1));
    }

    @Test
    void aCheckpointListsItsFilesAndServesTheirBytes() throws Exception {
        String id = create();
        String manifest = readyManifest(id);
        assertTrue(manifest.startsWith("*6\r\n$2\r\nid\r\n$16\r\n" + id + "\r\n$8\r\nsequence\r\n:"), manifest);
        assertTrue(manifest.contains("$5\r\nfiles\r\n"), manifest);
        assertFalse(manifest.contains("$3\r\nLOG"), "RocksDB's info log is not part of the checkpoint");
        long size = currentSize(manifest);
        String current = Files.readString(master.dataDir().resolve("replication/checkpoints/" + id + "/CURRENT"));
        assertEquals("$" + size + "\r\n" + current + "\r\n", client.call("REPLCHECKPOINT", "FETCH", id, "CURRENT", "0", "1000"));
        assertEquals("$3\r\n" + current.substring(2, 5) + "\r\n", client.call("REPLCHECKPOINT", "FETCH", id, "CURRENT", "2", "3"));
        assertEquals("$0\r\n\r\n", client.call("REPLCHECKPOINT", "FETCH", id, "CURRENT", Long.toString(size), "10"),
                "at the end of the file: nothing more");
        assertEquals(integer(1), client.call("REPLCHECKPOINT", "RELEASE", id));
        assertEquals(integer(0), client.call("REPLCHECKPOINT", "RELEASE", id));
        assertTrue(client.call("REPLCHECKPOINT", "MANIFEST", id).startsWith("-ERR no replication checkpoint '" + id + "'"));
        waitUntilGone(master.dataDir().resolve("replication/checkpoints/" + id));
    }

    @Test
    void badRequestsAreRefusedWithClearErrors() throws Exception {
        String id = create();
        String manifest = readyManifest(id);
        long size = currentSize(manifest);
        assertTrue(client.call("REPLCHECKPOINT", "MANIFEST", "0123456789abcdef")
                .startsWith("-ERR no replication checkpoint '0123456789abcdef' (never made, released, or expired"));
        assertTrue(client.call("REPLCHECKPOINT", "FETCH", "nope", "CURRENT", "0", "1")
                .startsWith("-ERR no replication checkpoint 'nope'"));
        for (String outside : new String[] {"../CURRENT", "/etc/passwd", "../../data/CURRENT", "CURRENT/..",
                "./CURRENT", "", "LOCK", "LOG"}) {
            assertEquals("-ERR replication checkpoint '" + id + "' has no file '" + outside + "'\r\n",
                    client.call("REPLCHECKPOINT", "FETCH", id, outside, "0", "10"), outside);
        }
        String offsetError = "-ERR offset must be between 0 and the file's size (" + size + ")\r\n";
        assertEquals(offsetError, client.call("REPLCHECKPOINT", "FETCH", id, "CURRENT", "-1", "10"));
        assertEquals(offsetError, client.call("REPLCHECKPOINT", "FETCH", id, "CURRENT", Long.toString(size + 1), "10"));
        String countError = "-ERR count must be between 1 and " + ReplicationCheckpoints.MAX_FETCH_BYTES + "\r\n";
        assertEquals(countError, client.call("REPLCHECKPOINT", "FETCH", id, "CURRENT", "0", "0"));
        assertEquals(countError, client.call("REPLCHECKPOINT", "FETCH", id, "CURRENT", "0", "-5"));
        assertEquals(countError, client.call("REPLCHECKPOINT", "FETCH", id, "CURRENT", "0", "1000000000000"));
        assertEquals(NOT_INTEGER, client.call("REPLCHECKPOINT", "FETCH", id, "CURRENT", "zero", "1"));
        assertEquals(NOT_INTEGER, client.call("REPLCHECKPOINT", "FETCH", id, "CURRENT", "0", "99999999999999999999"));
        assertEquals("-ERR wrong number of arguments for 'replcheckpoint|fetch' command\r\n",
                client.call("REPLCHECKPOINT", "FETCH", id, "CURRENT", "0"));
        assertTrue(client.call("REPLCHECKPOINT", "NOPE").startsWith("-ERR unknown subcommand 'NOPE'"));
        assertEquals(integer(1), client.call("REPLCHECKPOINT", "RELEASE", id));
    }

    @Test
    void onlyAFewCheckpointsExistAtOnce() throws Exception {
        String[] ids = new String[ReplicationCheckpoints.MAX_CHECKPOINTS];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = create();
        }
        assertTrue(client.call("REPLCHECKPOINT", "CREATE").startsWith("-ERR too many replication checkpoints at once"));
        for (String id : ids) {
            assertEquals(integer(1), client.call("REPLCHECKPOINT", "RELEASE", id));
        }
        assertEquals(0, master.server().replicationCheckpoints().count());
    }

    @Test
    void anAbandonedCheckpointExpires() throws Exception {
        String id = create();
        assertTrue(readyManifest(id).startsWith("*6"));
        Path dir = master.dataDir().resolve("replication/checkpoints/" + id);
        assertTrue(Files.isDirectory(dir));
        waitUntilGone(dir); // the timeout is 1 s in this test
        assertTrue(client.call("REPLCHECKPOINT", "MANIFEST", id).startsWith("-ERR no replication checkpoint"));
    }

    private static void waitUntilGone(Path dir) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (Files.exists(dir) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(Files.exists(dir), dir + " still exists");
    }
}
