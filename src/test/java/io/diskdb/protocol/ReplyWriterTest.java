package io.diskdb.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each reply shape, rendered for a RESP2 and for a RESP3 client. */
class ReplyWriterTest {
    private static String render(int protocol, Consumer<ReplyWriter> shape) {
        ByteBuf out = Unpooled.buffer();
        ReplyWriter writer = new ReplyWriter(out);
        writer.protocol(protocol);
        shape.accept(writer);
        String text = out.toString(StandardCharsets.UTF_8);
        out.release();
        return text;
    }

    private static void assertShape(String resp2, String resp3, Consumer<ReplyWriter> shape) {
        assertEquals(resp2, render(2, shape), "RESP2");
        assertEquals(resp3, render(3, shape), "RESP3");
    }

    @Test
    void scalarsAreTheSameInBothProtocols() {
        assertShape("+OK\r\n", "+OK\r\n", ReplyWriter::ok);
        assertShape("+PONG\r\n", "+PONG\r\n", w -> w.simple("PONG"));
        assertShape(":0\r\n", ":0\r\n", w -> w.integer(0));
        assertShape(":63\r\n", ":63\r\n", w -> w.integer(63));
        assertShape(":64\r\n", ":64\r\n", w -> w.integer(64));
        assertShape(":-1\r\n", ":-1\r\n", w -> w.integer(-1));
        assertShape(":9223372036854775807\r\n", ":9223372036854775807\r\n", w -> w.integer(Long.MAX_VALUE));
        assertShape(":-9223372036854775808\r\n", ":-9223372036854775808\r\n", w -> w.integer(Long.MIN_VALUE));
        assertShape("$5\r\nhello\r\n", "$5\r\nhello\r\n", w -> w.bulk("hello"));
        assertShape("$0\r\n\r\n", "$0\r\n\r\n", w -> w.bulk(new byte[0]));
        assertShape("$12\r\n123456789012\r\n", "$12\r\n123456789012\r\n", w -> w.bulk("123456789012"));
        assertShape("$2\r\n-7\r\n", "$2\r\n-7\r\n", w -> w.bulkDecimal(-7));
        assertShape("$3\r\nell\r\n", "$3\r\nell\r\n", w -> w.bulk("hello".getBytes(StandardCharsets.US_ASCII), 1, 3));
        assertShape("*2\r\n", "*2\r\n", w -> w.arrayHeader(2));
    }

    @Test
    void errorsCannotBreakTheLine() {
        assertShape("-ERR bad  input\r\n", "-ERR bad  input\r\n", w -> w.error("ERR bad\r\ninput"));
    }

    @Test
    void nullsAreTypedInResp2AndUnifiedInResp3() {
        assertShape("$-1\r\n", "_\r\n", ReplyWriter::nullBulk);
        assertShape("*-1\r\n", "_\r\n", ReplyWriter::nullArray);
        assertShape("$-1\r\n", "_\r\n", w -> w.bulk((byte[]) null));
        assertShape("$-1\r\n", "_\r\n", w -> w.bulk((String) null));
    }

    @Test
    void mapIsAFlatArrayInResp2() {
        assertShape("*4\r\n$1\r\na\r\n:1\r\n$1\r\nb\r\n:2\r\n", "%2\r\n$1\r\na\r\n:1\r\n$1\r\nb\r\n:2\r\n", w -> {
            w.mapHeader(2);
            w.bulk("a");
            w.integer(1);
            w.bulk("b");
            w.integer(2);
        });
    }

    @Test
    void setAndPushAreArraysInResp2() {
        assertShape("*3\r\n", "~3\r\n", w -> w.setHeader(3));
        assertShape("*3\r\n", ">3\r\n", w -> w.pushHeader(3));
    }

    @Test
    void booleansAreIntegersInResp2() {
        assertShape(":1\r\n", "#t\r\n", w -> w.bool(true));
        assertShape(":0\r\n", "#f\r\n", w -> w.bool(false));
    }

    @Test
    void doublesAreBulkStringsInResp2() {
        assertShape("$19\r\n0.10000000000000001\r\n", ",0.10000000000000001\r\n", w -> w.doubleValue(0.1));
        assertShape("$3\r\ninf\r\n", ",inf\r\n", w -> w.doubleValue(Double.POSITIVE_INFINITY));
        assertShape("$4\r\n-inf\r\n", ",-inf\r\n", w -> w.doubleValue(Double.NEGATIVE_INFINITY));
        assertShape("$3\r\n1.5\r\n", ",1.5\r\n", w -> w.doubleValue(1.5));
    }

    @Test
    void verbatimIsABulkStringInResp2() {
        assertShape("$4\r\nhé\n\r\n", "=8\r\ntxt:hé\n\r\n", w -> w.verbatim("txt", "hé\n"));
    }

    @Test
    void swappedBufferCapturesReplies() {
        ByteBuf main = Unpooled.buffer();
        ByteBuf captured = Unpooled.buffer();
        ReplyWriter writer = new ReplyWriter(main);
        writer.ok();
        ByteBuf previous = writer.swapBuffer(captured);
        writer.integer(5);
        writer.swapBuffer(previous);
        writer.raw(captured);
        assertEquals("+OK\r\n:5\r\n", main.toString(StandardCharsets.US_ASCII));
        main.release();
        captured.release();
    }
}
