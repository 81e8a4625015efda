package io.diskdb.cli;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Replies printed as redis-cli 7.0 prints them, on a terminal and raw (expected texts taken from redis-cli). */
class ReplyFormatterTest {
    private static Reply bulk(String s) {
        return new Reply.Bulk(s.getBytes(StandardCharsets.UTF_8));
    }

    private static Reply array(Reply... items) {
        return new Reply.Aggregate(Reply.Kind.ARRAY, List.of(items));
    }

    private static String tty(Reply reply) {
        return new String(ReplyFormatter.tty(reply), StandardCharsets.UTF_8);
    }

    private static String raw(Reply reply) {
        return new String(ReplyFormatter.raw(reply), StandardCharsets.UTF_8);
    }

    @Test
    void scalarsOnATerminal() {
        assertEquals("(integer) 1\n", tty(new Reply.Number(1)));
        assertEquals("(integer) -42\n", tty(new Reply.Number(-42)));
        assertEquals("OK\n", tty(new Reply.Status("OK")));
        assertEquals("(error) ERR unknown command\n", tty(new Reply.Error("ERR unknown command")));
        assertEquals("\"a\"\n", tty(bulk("a")));
        assertEquals("(nil)\n", tty(new Reply.Nil()));
        assertEquals("(double) 1.5\n", tty(new Reply.Real("1.5")));
        assertEquals("(true)\n", tty(new Reply.Bool(true)));
        assertEquals("(false)\n", tty(new Reply.Bool(false)));
        assertEquals("(big number) 12345678901234567890\n", tty(new Reply.BigNumber("12345678901234567890")));
        assertEquals("# Server\r\nredis_version:7.0.15\r\n\n",
                tty(new Reply.Verbatim("txt", "# Server\r\nredis_version:7.0.15\r\n".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void bulkStringsAreQuotedWithEscapes() {
        assertEquals("\"hello world\"\n", tty(bulk("hello world")));
        assertEquals("\"a\\nb\\r\\t\\\"q\\\"\\\\\"\n", tty(bulk("a\nb\r\t\"q\"\\")));
        assertEquals("\"\\xc3\\xa9\\x00\\a\\b\"\n", tty(new Reply.Bulk(new byte[]{(byte) 0xc3, (byte) 0xa9, 0, 7, 8})));
        assertEquals("\"\"\n", tty(bulk("")));
    }

    @Test
    void arraysAreNumberedAndNestedOnesIndented() {
        assertEquals("(empty array)\n", tty(array()));
        assertEquals("1) \"a\"\n2) (integer) 2\n3) (nil)\n", tty(array(bulk("a"), new Reply.Number(2), new Reply.Nil())));
        assertEquals("1) 1) \"a\"\n   2) \"b\"\n2) 1) 1) \"x\"\n   2) (empty array)\n",
                tty(array(array(bulk("a"), bulk("b")), array(array(bulk("x")), array()))));
    }

    @Test
    void numbersArePaddedToTheWidthOfTheLargest() {
        List<Reply> items = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            items.add(i == 1 ? array(bulk("n1"), bulk("n2")) : bulk("v" + i));
        }
        String printed = tty(new Reply.Aggregate(Reply.Kind.ARRAY, items));
        assertEquals(" 1) 1) \"n1\"\n    2) \"n2\"\n 2) \"v2\"\n", printed.substring(0, printed.indexOf(" 3)")));
        assertEquals(true, printed.endsWith("\n10) \"v10\"\n"));
    }

    @Test
    void resp3MapsAndSets() {
        Reply map = new Reply.Pairs(List.of(bulk("f1"), bulk("v1"), bulk("f2"), array(bulk("x"), bulk("y"))));
        assertEquals("1# \"f1\" => \"v1\"\n2# \"f2\" => \n   1) \"x\"\n   2) \"y\"\n", tty(map));
        Reply oneItem = new Reply.Pairs(List.of(bulk("spec"), new Reply.Pairs(List.of(bulk("index"), new Reply.Number(1)))));
        assertEquals("1# \"spec\" => 1# \"index\" => (integer) 1\n", tty(oneItem));
        assertEquals("(empty hash)\n", tty(new Reply.Pairs(List.of())));
        assertEquals("1~ \"m1\"\n2~ \"m2\"\n", tty(new Reply.Aggregate(Reply.Kind.SET, List.of(bulk("m1"), bulk("m2")))));
        assertEquals("(empty set)\n", tty(new Reply.Aggregate(Reply.Kind.SET, List.of())));
        assertEquals("1# (integer) 0 => (false)\n2# (integer) 1 => (true)\n",
                tty(new Reply.Pairs(List.of(new Reply.Number(0), new Reply.Bool(false), new Reply.Number(1), new Reply.Bool(true)))));
    }

    @Test
    void rawOutputIsBareValuesOnePerLine() {
        assertEquals("1\n", raw(new Reply.Number(1)));
        assertEquals("OK\n", raw(new Reply.Status("OK")));
        assertEquals("hello world\n", raw(bulk("hello world")));
        assertEquals("\n", raw(new Reply.Nil()));
        assertEquals("\n", raw(array()));
        assertEquals("a\nb c\n\nx\ny\n", raw(array(bulk("a"), bulk("b c"), bulk(""), bulk("x\ny"))));
        assertEquals("f1 v1\nf2 2\n", raw(new Reply.Pairs(List.of(bulk("f1"), bulk("v1"), bulk("f2"), bulk("2")))));
        assertEquals("3.141\n", raw(new Reply.Real("3.141")));
        assertEquals("(true)\n", raw(new Reply.Bool(true)));
        // an error keeps its own line end before the command delimiter, hence the blank line
        assertEquals("WRONGTYPE Operation against a key\n\n", raw(new Reply.Error("WRONGTYPE Operation against a key")));
    }
}
