package io.diskdb.cli;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** One decoded RESP2/RESP3 reply, shaped the way redis-cli tells replies apart when printing them. */
public sealed interface Reply {
    /** +OK and friends. */
    record Status(String text) implements Reply {
    }

    /** -ERR ... (RESP3 blob errors too). */
    record Error(String text) implements Reply {
    }

    record Number(long value) implements Reply {
    }

    /** A bulk string: binary-safe, printed quoted on a terminal. */
    record Bulk(byte[] value) implements Reply {
        public String text() {
            return new String(value, StandardCharsets.UTF_8);
        }
    }

    /** RESP3 verbatim text (INFO, CLIENT LIST...), printed as it is, without its format prefix. */
    record Verbatim(String format, byte[] value) implements Reply {
    }

    /** RESP3 double, kept as the server wrote it ("1.5", "inf"). */
    record Real(String text) implements Reply {
    }

    /** RESP3 big number, kept as the server wrote it. */
    record BigNumber(String text) implements Reply {
    }

    record Bool(boolean value) implements Reply {
    }

    /** Null bulk, null array or RESP3 null. */
    record Nil() implements Reply {
    }

    /** An array, RESP3 set or push: {@code kind} decides how its items are numbered. */
    record Aggregate(Kind kind, List<Reply> items) implements Reply {
    }

    /** A RESP3 map: keys and values alternate in {@code items}. */
    record Pairs(List<Reply> items) implements Reply {
    }

    enum Kind { ARRAY, SET, PUSH }
}
