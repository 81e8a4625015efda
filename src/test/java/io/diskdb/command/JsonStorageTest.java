package io.diskdb.command;

import io.diskdb.testing.RawConnection;
import io.diskdb.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.diskdb.testing.Resp.OK;
import static io.diskdb.testing.Resp.bulk;
import static io.diskdb.testing.Resp.integer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JSON documents on disk: large documents, small updates of them, restarts, transactions. */
class JsonStorageTest {

    /** A document of at least {@code bytes} bytes of compact JSON: {"items":[{"id":0,"name":"..."},...],"n":0}. */
    private static String largeDocument(int bytes) {
        StringBuilder doc = new StringBuilder(bytes + 1024).append("{\"items\":[");
        String filler = "x".repeat(200);
        for (int i = 0; doc.length() < bytes; i++) {
            if (i > 0) {
                doc.append(',');
            }
            doc.append("{\"id\":").append(i).append(",\"name\":\"item-").append(i).append(filler).append("\"}");
        }
        return doc.append("],\"n\":0}").toString();
    }

    @Test
    void sixteenMegabyteDocumentsRoundTripAndTakeSmallUpdates() {
        String doc = largeDocument(16 << 20);
        try (TestServer server = TestServer.start(); RawConnection raw = server.raw()) {
            assertEquals(OK, raw.send("JSON.SET".getBytes(), "big".getBytes(), "$".getBytes(),
                    doc.getBytes(StandardCharsets.UTF_8)).readReply());
            assertEquals(bulk(doc), raw.call("JSON.GET", "big"));

            // Small updates of the large document: each one a new version, all of them kept.
            for (int i = 1; i <= 5; i++) {
                assertEquals(bulk(String.valueOf(i)), raw.call("JSON.NUMINCRBY", "big", ".n", "1"));
            }
            assertEquals(bulk("\"item-3" + "x".repeat(200) + "\""), raw.call("JSON.GET", "big", ".items[3].name"));
            assertEquals(OK, raw.call("JSON.SET", "big", "$.items[3].name", "\"renamed\""));
            assertEquals(bulk("[\"renamed\"]"), raw.call("JSON.GET", "big", "$.items[3].name"));

            server.restart();
            try (RawConnection again = server.raw()) {
                assertEquals(bulk("5"), again.call("JSON.GET", "big", ".n"));
                assertEquals(bulk("\"renamed\""), again.call("JSON.GET", "big", ".items[3].name"));
                String whole = again.call("JSON.GET", "big");
                assertTrue(whole.length() > 16_000_000, () -> "document kept its size: " + whole.substring(0, Math.min(200, whole.length())));
            }
        }
    }

    @Test
    void documentsSurviveRestartsWithTheirExpiry() {
        try (TestServer server = TestServer.start()) {
            try (RawConnection raw = server.raw()) {
                raw.call("JSON.SET", "doc", "$", "{\"a\":[1,2.5,\"x\",null,true],\"o\":{}}");
                raw.call("JSON.ARRAPPEND", "doc", "$.a", "{\"k\":1}");
                raw.call("JSON.SET", "ttl", "$", "1");
                raw.call("EXPIRE", "ttl", "1000");
            }
            server.restart();
            try (RawConnection raw = server.raw()) {
                assertEquals(bulk("{\"a\":[1,2.5,\"x\",null,true,{\"k\":1}],\"o\":{}}"), raw.call("JSON.GET", "doc"));
                String ttl = raw.call("TTL", "ttl");
                assertTrue(Long.parseLong(ttl.substring(1).trim()) > 990, ttl);
                assertEquals(integer(2), raw.call("DBSIZE"));
            }
        }
    }

    @Test
    void transactionsSeeTheirOwnChangesAndFailedCommandsLeaveTheDocumentAlone() {
        try (TestServer server = TestServer.start(); RawConnection raw = server.raw()) {
            raw.call("JSON.SET", "doc", "$", "{\"n\":1,\"s\":\"a\"}");
            raw.call("MULTI");
            raw.call("JSON.NUMINCRBY", "doc", "$.n", "1");
            raw.call("JSON.ARRINSERT", "doc", "$.s", "9", "1"); // nil: not an array
            raw.call("JSON.NUMINCRBY", "doc", "$.n", "1");
            raw.call("JSON.GET", "doc");
            assertEquals("*4\r\n" + bulk("[2]") + "*1\r\n$-1\r\n" + bulk("[3]") + bulk("{\"n\":3,\"s\":\"a\"}"),
                    raw.call("EXEC"));
            // A command that fails half-way (after changing its copy of the tree) changes nothing.
            raw.call("JSON.SET", "arr", "$", "{\"a\":[1],\"b\":[1,2,3]}");
            assertTrue(raw.call("JSON.ARRINSERT", "arr", "$..*", "2", "0").startsWith("-ERR index out of bounds"));
            assertEquals(bulk("{\"a\":[1],\"b\":[1,2,3]}"), raw.call("JSON.GET", "arr"));
            assertEquals(integer(1), raw.call("COPY", "arr", "copy"));
            assertEquals(bulk("{\"a\":[1],\"b\":[1,2,3]}"), raw.call("JSON.GET", "copy"));
        }
    }
}
