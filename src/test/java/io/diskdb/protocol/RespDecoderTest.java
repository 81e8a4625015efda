package io.diskdb.protocol;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The request decoder fed through Netty's EmbeddedChannel, as the server pipeline feeds it. */
class RespDecoderTest {
    private final AtomicLong maxBulk = new AtomicLong(512L << 20);
    private final AtomicBoolean authRequired = new AtomicBoolean(false);
    private final EmbeddedChannel channel = new EmbeddedChannel(
            new RespDecoder(ProtocolLimits.withMaxBulk(maxBulk::get), authRequired::get));

    private List<Object> feed(String... chunks) {
        for (String chunk : chunks) {
            channel.writeInbound(Unpooled.wrappedBuffer(chunk.getBytes(StandardCharsets.ISO_8859_1)));
        }
        return drain();
    }

    private List<Object> feed(byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        return drain();
    }

    private List<Object> drain() {
        List<Object> out = new ArrayList<>();
        Object msg;
        while ((msg = channel.readInbound()) != null) {
            out.add(msg);
        }
        return out;
    }

    private static List<String> words(Object command) {
        List<String> words = new ArrayList<>();
        for (byte[] arg : (byte[][]) command) {
            words.add(new String(arg, StandardCharsets.ISO_8859_1));
        }
        return words;
    }

    private static void assertCommand(Object actual, String... expected) {
        assertEquals(Arrays.asList(expected), words(actual));
    }

    private static void assertProtocolError(List<Object> out, String message) {
        Object last = out.get(out.size() - 1);
        assertInstanceOf(ProtocolError.class, last, "expected a protocol error, got " + out);
        assertEquals(message, ((ProtocolError) last).message());
    }

    @Test
    void decodesArrayOfBulkStrings() {
        List<Object> out = feed("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nhello\r\n");
        assertEquals(1, out.size());
        assertCommand(out.get(0), "SET", "k", "hello");
    }

    @Test
    void bulkStringsAreBinarySafe() {
        byte[] value = {0, '\r', '\n', (byte) 0xff, (byte) 0xc3, '$', '*'};
        byte[] prefix = ("*2\r\n$4\r\nECHO\r\n$" + value.length + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] frame = new byte[prefix.length + value.length + 2];
        System.arraycopy(prefix, 0, frame, 0, prefix.length);
        System.arraycopy(value, 0, frame, prefix.length, value.length);
        frame[frame.length - 2] = '\r';
        frame[frame.length - 1] = '\n';
        List<Object> out = feed(frame);
        assertArrayEquals(value, ((byte[][]) out.get(0))[1]);
    }

    @Test
    void emptyBulkStringIsAnEmptyArgument() {
        assertCommand(feed("*2\r\n$4\r\nECHO\r\n$0\r\n\r\n").get(0), "ECHO", "");
    }

    @Test
    void commandSplitAtEveryByteBoundaryDecodesTheSame() {
        String frame = "*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$11\r\nhello world\r\n";
        for (int split = 1; split < frame.length(); split++) {
            EmbeddedChannel fresh = new EmbeddedChannel(new RespDecoder(ProtocolLimits.withMaxBulk(maxBulk::get), () -> false));
            fresh.writeInbound(Unpooled.copiedBuffer(frame.substring(0, split), StandardCharsets.US_ASCII));
            assertNull(fresh.readInbound(), "nothing may come out of a partial command (split at " + split + ")");
            fresh.writeInbound(Unpooled.copiedBuffer(frame.substring(split), StandardCharsets.US_ASCII));
            Object command = fresh.readInbound();
            assertCommand(command, "SET", "key", "hello world");
            assertNull(fresh.readInbound());
            fresh.finishAndReleaseAll();
        }
    }

    @Test
    void commandFedOneByteAtATimeDecodes() {
        String frame = "*2\r\n$4\r\nECHO\r\n$5\r\nbytes\r\nPING\r\n";
        List<Object> out = new ArrayList<>();
        for (char c : frame.toCharArray()) {
            out.addAll(feed(String.valueOf(c)));
        }
        assertEquals(2, out.size());
        assertCommand(out.get(0), "ECHO", "bytes");
        assertCommand(out.get(1), "PING");
    }

    @Test
    void pipelinedCommandsInOneBufferComeOutInOrder() {
        StringBuilder frame = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            String key = "key" + i;
            frame.append("*2\r\n$3\r\nGET\r\n$").append(key.length()).append("\r\n").append(key).append("\r\n");
        }
        frame.append("PING\r\n");
        List<Object> out = feed(frame.toString());
        assertEquals(101, out.size());
        for (int i = 0; i < 100; i++) {
            assertCommand(out.get(i), "GET", "key" + i);
        }
        assertCommand(out.get(100), "PING");
    }

    @Test
    void emptyAndNullArraysAreIgnored() {
        List<Object> out = feed("*0\r\n*-1\r\n*-5\r\n*1\r\n$4\r\nPING\r\n");
        assertEquals(1, out.size());
        assertCommand(out.get(0), "PING");
    }

    @Test
    void inlineCommandsSplitOnWhitespace() {
        List<Object> out = feed("SET  a\tb\r\nGET a\n   \r\n\r\nPING\r\n");
        assertEquals(3, out.size(), "blank lines are ignored");
        assertCommand(out.get(0), "SET", "a", "b");
        assertCommand(out.get(1), "GET", "a");
        assertCommand(out.get(2), "PING");
    }

    @Test
    void formFeedAndVerticalTabSeparateOnlyBetweenArguments() {
        // sdssplitargs skips any isspace() between arguments but ends an unquoted one only at
        // space, tab, CR, LF or NUL: "ECHO a\fb" echoes "a\fb" on a real Redis.
        assertCommand(feed("ECHO a\fb\u000bc\r\n").get(0), "ECHO", "a\fb\u000bc");
        assertCommand(feed("\fECHO \u000b\"x\"\f\r\n").get(0), "ECHO", "x");
    }

    @Test
    void inlineDoubleAndSingleQuotes() {
        List<Object> out = feed("SET \"hello world\" 'single quoted' \"\"\r\n");
        assertCommand(out.get(0), "SET", "hello world", "single quoted", "");
    }

    @Test
    void inlineDoubleQuotedEscapes() {
        List<Object> out = feed("ECHO \"a\\nb\\tc\\x41\\x4a\\\"q\\\\ \\xZZ\"\r\n");
        assertCommand(out.get(0), "ECHO", "a\nb\tcAJ\"q\\ xZZ");
    }

    @Test
    void inlineSingleQuotesOnlyEscapeTheQuote() {
        List<Object> out = feed("ECHO 'it\\'s' 'no \\n escape'\r\n");
        assertCommand(out.get(0), "ECHO", "it's", "no \\n escape");
    }

    @Test
    void unterminatedDoubleQuoteIsAProtocolError() {
        List<Object> out = feed("PING\r\nECHO \"abc\r\nPING\r\n");
        assertCommand(out.get(0), "PING");
        assertEquals(2, out.size(), "nothing is decoded after the error");
        assertProtocolError(out, "unbalanced quotes in request");
    }

    @Test
    void unterminatedSingleQuoteIsAProtocolError() {
        assertProtocolError(feed("ECHO 'abc\r\n"), "unbalanced quotes in request");
    }

    @Test
    void closingQuoteFollowedByTextIsAProtocolError() {
        assertProtocolError(feed("ECHO \"abc\"def\r\n"), "unbalanced quotes in request");
    }

    @Test
    void inputAfterAProtocolErrorIsIgnored() {
        assertProtocolError(feed("*x\r\n"), "invalid multibulk length");
        assertTrue(feed("*1\r\n$4\r\nPING\r\n").isEmpty());
    }

    @Test
    void nonNumericMultibulkLength() {
        assertProtocolError(feed("*abc\r\n"), "invalid multibulk length");
    }

    @Test
    void multibulkLengthAboveIntMax() {
        assertProtocolError(feed("*3000000000\r\n"), "invalid multibulk length");
    }

    @Test
    void nonNumericBulkLength() {
        assertProtocolError(feed("*1\r\n$abc\r\n"), "invalid bulk length");
    }

    @Test
    void negativeBulkLength() {
        assertProtocolError(feed("*1\r\n$-1\r\n"), "invalid bulk length");
    }

    @Test
    void elementThatIsNotABulkString() {
        assertProtocolError(feed("*2\r\n$4\r\nECHO\r\n:12\r\n"), "expected '$', got ':'");
        EmbeddedChannel other = new EmbeddedChannel(new RespDecoder(ProtocolLimits.withMaxBulk(maxBulk::get), () -> false));
        other.writeInbound(Unpooled.copiedBuffer("*1\r\nx3\r\n", StandardCharsets.US_ASCII));
        assertEquals("expected '$', got 'x'", ((ProtocolError) other.readInbound()).message());
    }

    @Test
    void inlineRequestLongerThan64KbWithoutNewline() {
        assertTrue(feed("ECHO " + "a".repeat(ProtocolLimits.INLINE_MAX - 10)).isEmpty(), "under the limit it waits");
        assertProtocolError(feed("a".repeat(20)), "too big inline request");
    }

    @Test
    void multibulkCountLineLongerThan64Kb() {
        assertProtocolError(feed("*" + "1".repeat(ProtocolLimits.INLINE_MAX + 1)), "too big mbulk count string");
    }

    @Test
    void bulkCountLineLongerThan64Kb() {
        assertProtocolError(feed("*1\r\n$" + "1".repeat(ProtocolLimits.INLINE_MAX + 1)), "too big bulk count string");
    }

    @Test
    void unauthenticatedClientsMaySendAtMostTenArguments() {
        authRequired.set(true);
        assertTrue(feed("*10\r\n").isEmpty());
        EmbeddedChannel other = new EmbeddedChannel(new RespDecoder(ProtocolLimits.withMaxBulk(maxBulk::get), () -> true));
        other.writeInbound(Unpooled.copiedBuffer("*11\r\n", StandardCharsets.US_ASCII));
        assertEquals("unauthenticated multibulk length", ((ProtocolError) other.readInbound()).message());
    }

    @Test
    void unauthenticatedClientsMaySendBulksOfAtMost16Kb() {
        authRequired.set(true);
        assertTrue(feed("*2\r\n$4\r\nAUTH\r\n$16384\r\n").isEmpty());
        EmbeddedChannel other = new EmbeddedChannel(new RespDecoder(ProtocolLimits.withMaxBulk(maxBulk::get), () -> true));
        other.writeInbound(Unpooled.copiedBuffer("*2\r\n$4\r\nAUTH\r\n$16385\r\n", StandardCharsets.US_ASCII));
        assertEquals("unauthenticated bulk length", ((ProtocolError) other.readInbound()).message());
    }

    @Test
    void bulkLongerThanProtoMaxBulkLen() {
        maxBulk.set(100);
        assertTrue(feed("*2\r\n$4\r\nECHO\r\n$100\r\n").isEmpty(), "exactly the limit is allowed");
        EmbeddedChannel other = new EmbeddedChannel(new RespDecoder(ProtocolLimits.withMaxBulk(maxBulk::get), () -> false));
        other.writeInbound(Unpooled.copiedBuffer("*2\r\n$4\r\nECHO\r\n$101\r\n", StandardCharsets.US_ASCII));
        assertEquals("invalid bulk length", ((ProtocolError) other.readInbound()).message());
    }

    @Test
    void protoMaxBulkLenChangesApplyToConnectedClients() {
        assertCommand(feed("*2\r\n$4\r\nECHO\r\n$5\r\nhello\r\n").get(0), "ECHO", "hello");
        maxBulk.set(4);
        assertProtocolError(feed("*2\r\n$4\r\nECHO\r\n$5\r\nhello\r\n"), "invalid bulk length");
    }

    @Test
    void hugeAnnouncedBulkWaitsWithoutAllocating() {
        long before = usedHeap();
        assertTrue(feed("*2\r\n$3\r\nGET\r\n$500000000\r\n").isEmpty());
        assertTrue(usedHeap() - before < 100L << 20, "a 500 MB header must not allocate 500 MB");
    }

    @Test
    void hugeArgumentCountDoesNotPreallocate() {
        long before = usedHeap();
        assertTrue(feed("*2000000000\r\n$4\r\nECHO\r\n").isEmpty());
        assertTrue(usedHeap() - before < 100L << 20, "a 2-billion-element header must not allocate its array");
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
