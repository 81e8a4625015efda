package io.diskdb.robustness;

import io.diskdb.testing.RawConnection;
import io.diskdb.testing.SharedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad requests get Redis's exact error, and only the offending connection suffers. */
class MalformedInputTest {
    @RegisterExtension
    static final SharedServer server = new SharedServer();

    @Test
    void wrongArityGetsRedisError() {
        try (RawConnection raw = server.raw()) {
            assertEquals("-ERR wrong number of arguments for 'get' command\r\n", raw.call("GET"));
            assertEquals("-ERR wrong number of arguments for 'get' command\r\n", raw.call("get", "a", "b"));
            assertEquals("-ERR wrong number of arguments for 'set' command\r\n", raw.call("SET", "k"));
            assertEquals("-ERR wrong number of arguments for 'echo' command\r\n", raw.call("ECHO"));
            assertEquals("-ERR wrong number of arguments for 'select' command\r\n", raw.call("SELECT"));
            assertEquals("+PONG\r\n", raw.call("PING"), "the connection stays usable");
        }
    }

    @Test
    void unknownCommandGetsRedisError() {
        try (RawConnection raw = server.raw()) {
            assertEquals("-ERR unknown command 'nosuch', with args beginning with: \r\n", raw.call("nosuch"));
            assertEquals("-ERR unknown command 'NoSuch', with args beginning with: 'a' 'b c' \r\n",
                    raw.call("NoSuch", "a", "b c"));
            assertEquals("+PONG\r\n", raw.call("PING"));
        }
    }

    @Test
    void malformedRespClosesOnlyThatConnection() {
        try (RawConnection bad = server.raw(); RawConnection good = server.raw()) {
            assertEquals("+OK\r\n", good.call("SET", "survivor", "yes"));
            bad.sendRaw("*2\r\n$3\r\nGET\r\n$x\r\n");
            assertEquals("-ERR Protocol error: invalid bulk length\r\n", bad.readReply());
            assertTrue(bad.isClosedByServer());
            assertEquals("$3\r\nyes\r\n", good.call("GET", "survivor"));
        }
    }

    @Test
    void eachProtocolErrorHasRedisWording() {
        String[][] cases = {
                {"*x\r\n", "invalid multibulk length"},
                {"*1\r\n$-3\r\n", "invalid bulk length"},
                {"*1\r\n:1\r\n", "expected '$', got ':'"},
                {"SET \"unterminated\r\n", "unbalanced quotes in request"},
        };
        for (String[] c : cases) {
            try (RawConnection raw = server.raw()) {
                raw.sendRaw(c[0]);
                assertEquals("-ERR Protocol error: " + c[1] + "\r\n", raw.readReply(), c[0]);
                assertTrue(raw.isClosedByServer(), c[0]);
            }
        }
    }

    @Test
    void commandsBeforeTheMalformedPartAreAnswered() {
        try (RawConnection raw = server.raw()) {
            raw.sendRaw("PING\r\n*1\r\n$4\r\nPING\r\n*1\r\n$abc\r\n");
            assertEquals("+PONG\r\n", raw.readReply());
            assertEquals("+PONG\r\n", raw.readReply());
            assertEquals("-ERR Protocol error: invalid bulk length\r\n", raw.readReply());
            assertTrue(raw.isClosedByServer());
        }
    }

    @Test
    void bulkBeyondProtoMaxBulkLen() {
        // 629145600 bytes is 600 MB, above the default proto-max-bulk-len of 512 MB
        try (RawConnection bad = server.raw(); RawConnection good = server.raw()) {
            bad.sendRaw("*2\r\n$3\r\nGET\r\n$629145600\r\n");
            assertEquals("-ERR Protocol error: invalid bulk length\r\n", bad.readReply());
            assertTrue(bad.isClosedByServer());
            assertEquals("+PONG\r\n", good.call("PING"));
        }
    }

    @Test
    void clientDisconnectingMidCommandLeavesNoTrace() {
        try (RawConnection quitter = server.raw()) {
            quitter.sendRaw("*3\r\n$3\r\nSET\r\n$4\r\nhalf\r\n$10\r\nhal");
        }
        try (RawConnection good = server.raw()) {
            assertEquals("$-1\r\n", good.call("GET", "half"), "half a command is never executed");
            assertEquals("+OK\r\n", good.call("SET", "half", "whole"));
            assertEquals("$5\r\nwhole\r\n", good.call("GET", "half"));
        }
    }

    @Test
    void inlineCommandsOverAPlainSocket() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write("SET inline \"hello world\"\r\nGET inline\r\nECHO 'it\\'s'\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String expected = "+OK\r\n$11\r\nhello world\r\n$4\r\nit's\r\n+PONG\r\n";
            InputStream in = socket.getInputStream();
            assertEquals(expected, new String(in.readNBytes(expected.length()), StandardCharsets.US_ASCII));
        }
    }
}
