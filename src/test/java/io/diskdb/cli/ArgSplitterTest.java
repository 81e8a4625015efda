package io.diskdb.cli;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Argument splitting as redis-cli's sdssplitargs does it. */
class ArgSplitterTest {
    private static List<String> split(String line) {
        return ArgSplitter.split(line).stream().map(b -> new String(b, StandardCharsets.ISO_8859_1)).toList();
    }

    @Test
    void blanksSeparateArguments() {
        assertEquals(List.of("SET", "a", "b"), split("  SET   a\tb  "));
        assertEquals(List.of(), split(""));
        assertEquals(List.of(), split("   \t "));
    }

    @Test
    void doubleQuotesKeepSpacesAndTakeEscapes() {
        assertEquals(List.of("SET", "hello world"), split("SET \"hello world\""));
        assertEquals(List.of("a\nb\r\t\u0007\b\"\\q"), split("\"a\\nb\\r\\t\\a\\b\\\"\\\\\\q\""));
        assertEquals(List.of(""), split("\"\""));
    }

    @Test
    void hexEscapesMakeBinaryBytes() {
        byte[] arg = ArgSplitter.split("\"\\x00\\xff\\x41\"").get(0);
        assertArrayEquals(new byte[]{0, (byte) 0xff, 'A'}, arg);
        // not two hex digits: the backslash just escapes the x
        assertEquals(List.of("xzz"), split("\"\\xzz\""));
    }

    @Test
    void singleQuotesAreLiteralButForEscapedQuote() {
        assertEquals(List.of("it's", "a\\nb"), split("'it\\'s' 'a\\nb'"));
    }

    @Test
    void quotesMayStartInsideAnArgument() {
        assertEquals(List.of("keyhello world"), split("key\"hello world\""));
    }

    @Test
    void unbalancedOrRunOnQuotesAreInvalid() {
        assertNull(ArgSplitter.split("GET \"abc"));
        assertNull(ArgSplitter.split("GET 'abc"));
        assertNull(ArgSplitter.split("GET \"abc\"def"));
        assertNull(ArgSplitter.split("GET 'abc'def"));
    }

    @Test
    void utf8IsKeptAsBytes() {
        assertArrayEquals("héllo".getBytes(StandardCharsets.UTF_8), ArgSplitter.split("héllo").get(0));
    }
}
