package io.diskdb.command;

import io.diskdb.testing.RawConnection;
import io.diskdb.testing.SharedServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.diskdb.testing.Resp.NIL;
import static io.diskdb.testing.Resp.OK;
import static io.diskdb.testing.Resp.WRONGTYPE;
import static io.diskdb.testing.Resp.array;
import static io.diskdb.testing.Resp.bulk;
import static io.diskdb.testing.Resp.error;
import static io.diskdb.testing.Resp.integer;
import static io.diskdb.testing.Resp.simple;
import static io.diskdb.testing.Sleep.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JSON.* beyond the reference examples: both path syntaxes per command, filters and recursive
 * descent, errors, other types' keys, integer versus float, NX/XX, keys' TTL and RESP3 shapes.
 */
class JsonCommandsTest {
    @RegisterExtension
    static final SharedServer server = new SharedServer();

    private static final String NO_KEY = error("ERR could not perform this operation on a key that doesn't exist");
    private static final String STORE = "{\"items\":[{\"name\":\"pen\",\"price\":2},{\"name\":\"book\",\"price\":12.5},"
            + "{\"name\":\"ink\",\"price\":7}],\"owner\":{\"name\":\"ann\",\"age\":40}}";

    @BeforeEach
    void flush() {
        server.call("FLUSHALL");
    }

    @Test
    void filtersAndRecursiveDescent() {
        server.call("JSON.SET", "store", "$", STORE);
        server.assertReply(bulk("[{\"name\":\"pen\",\"price\":2},{\"name\":\"ink\",\"price\":7}]"),
                "JSON.GET", "store", "$.items[?(@.price<10)]");
        server.assertReply(bulk("[\"pen\",\"book\",\"ink\",\"ann\"]"), "JSON.GET", "store", "$..name");
        server.assertReply(bulk("[2,12.5,7]"), "JSON.GET", "store", "$.items[*].price");
        server.assertReply(bulk("[7]"), "JSON.GET", "store", "$.items[-1].price");
        server.assertReply(bulk("[]"), "JSON.GET", "store", "$.items[9]");
        server.assertReply(bulk("[4,14]"), "JSON.NUMMULTBY", "store", "$.items[?(@.price<10)].price", "2");
        server.assertReply(integer(1), "JSON.DEL", "store", "$.items[?(@.name=='book')]");
        server.assertReply(bulk("[\"pen\",\"ink\"]"), "JSON.GET", "store", "$.items[*].name");
    }

    @Test
    void legacyPathsReplyWithSingleValues() {
        server.call("JSON.SET", "store", ".", STORE);
        server.assertReply(bulk("\"ann\""), "JSON.GET", "store", ".owner.name");
        server.assertReply(bulk("\"ann\""), "JSON.GET", "store", "owner.name");
        server.assertReply(bulk("{\"name\":\"pen\",\"price\":2}"), "JSON.GET", "store", ".items[0]");
        server.assertReply(bulk("\"pen\""), "JSON.GET", "store", "..name"); // first match
        server.assertReply(error("ERR Path '$.nothing' does not exist"), "JSON.GET", "store", ".nothing");
        server.assertReply(error("ERR Path '.nothing' does not exist"), "JSON.GET", "store", ".owner", ".nothing");
        server.assertReply(bulk("41"), "JSON.NUMINCRBY", "store", ".owner.age", "1");
        server.assertReply(integer(3), "JSON.ARRLEN", "store", ".items");
        server.assertReply(integer(2), "JSON.OBJLEN", "store", ".owner");
        server.assertReply(array(bulk("name"), bulk("age")), "JSON.OBJKEYS", "store", ".owner");
        server.assertReply(integer(3), "JSON.STRLEN", "store", ".owner.name");
        server.assertReply(integer(4), "JSON.ARRAPPEND", "store", ".items", "1");
        server.assertReply(bulk("1"), "JSON.ARRPOP", "store", ".items");
        server.assertReply(bulk("{\"name\":\"pen\",\"price\":2}"), "JSON.ARRPOP", "store", ".items", "0");
        server.assertReply(integer(3), "JSON.ARRINSERT", "store", ".items", "0", "null");
        server.assertReply(integer(1), "JSON.ARRTRIM", "store", ".items", "0", "0");
        server.assertReply(integer(0), "JSON.ARRINDEX", "store", ".items", "null");
        // Legacy paths with nothing fitting are errors, not nils.
        server.assertReply(error("ERR Path '$.owner' does not exist or not an array"), "JSON.ARRAPPEND", "store", ".owner", "1");
        server.assertReply(error("ERR Path '$.owner.name' does not exist or does not contains a number"),
                "JSON.NUMINCRBY", "store", ".owner.name", "1");
        server.assertReply(error("ERR Path '$.owner' does not exist or not a string"), "JSON.STRAPPEND", "store", ".owner", "\"x\"");
        server.assertReply(error("WRONGTYPE wrong type of path value - expected string but found integer"),
                "JSON.STRLEN", "store", ".owner.age");
        server.assertReply(error("WRONGTYPE wrong type of path value - expected array but found object"),
                "JSON.ARRLEN", "store", ".owner");
        server.assertReply(error("ERR Path '$.nope' does not exist"), "JSON.ARRLEN", "store", ".nope");
        server.assertReply(NIL, "JSON.OBJLEN", "store", ".nope");
    }

    @Test
    void jsonPathRepliesHaveOneEntryPerMatchWithNilsForOtherTypes() {
        server.call("JSON.SET", "doc", "$", "{\"a\":[1],\"b\":{\"a\":\"s\"},\"c\":{\"a\":{\"x\":1}}}");
        server.assertReply(array(integer(1), NIL, NIL), "JSON.ARRLEN", "doc", "$..a");
        server.assertReply(array(NIL, integer(1), NIL), "JSON.STRLEN", "doc", "$..a");
        server.assertReply(array(NIL, NIL, integer(1)), "JSON.OBJLEN", "doc", "$..a");
        server.assertReply(array(integer(2), NIL, NIL), "JSON.ARRAPPEND", "doc", "$..a", "2");
        server.assertReply(array(), "JSON.ARRAPPEND", "doc", "$.nothing", "2");
        server.assertReply(array(NIL, integer(2), NIL), "JSON.STRAPPEND", "doc", "$..a", "\"t\"");
        server.assertReply(array(NIL, NIL, NIL), "JSON.TOGGLE", "doc", "$..a");
    }

    @Test
    void integersAndFloatsKeepTheirKind() {
        server.call("JSON.SET", "n", "$", "{\"i\":3,\"f\":1.0,\"big\":9223372036854775807,\"e\":1e20,\"small\":0.00001}");
        server.assertReply(bulk("{\"i\":3,\"f\":1.0,\"big\":9223372036854775807,\"e\":1e20,\"small\":0.00001}"), "JSON.GET", "n");
        server.assertReply(bulk("[5]"), "JSON.NUMINCRBY", "n", "$.i", "2");
        server.assertReply(bulk("[5.5]"), "JSON.NUMINCRBY", "n", "$.i", "0.5");
        server.assertReply(bulk("[2.0]"), "JSON.NUMINCRBY", "n", "$.f", "1");
        server.assertReply(bulk("[6.0]"), "JSON.NUMMULTBY", "n", "$.f", "3");
        server.assertReply(bulk("[9.223372036854776e18]"), "JSON.NUMINCRBY", "n", "$.big", "1");
        server.assertReply(array(bulk("number")), "JSON.TYPE", "n", "$.big");
        server.assertReply(array(), "JSON.TYPE", "n", "$.i.nothing");
        server.assertReply(error("WRONGTYPE wrong type of path value - expected number but found string"),
                "JSON.NUMINCRBY", "n", "$.i", "\"x\"");
    }

    @Test
    void setConditionsAndCreation() {
        server.assertReply(NIL, "JSON.SET", "doc", "$", "{}", "XX");
        server.assertReply(error("ERR new objects must be created at the root"), "JSON.SET", "doc", "$.a", "1");
        server.assertReply(OK, "JSON.SET", "doc", "$", "{\"a\":1}", "NX");
        server.assertReply(NIL, "JSON.SET", "doc", "$", "{\"a\":2}", "NX");
        server.assertReply(NIL, "JSON.SET", "doc", "$.a", "2", "NX");
        server.assertReply(OK, "JSON.SET", "doc", "$.a", "2", "XX");
        server.assertReply(NIL, "JSON.SET", "doc", "$.b", "2", "XX");
        server.assertReply(OK, "JSON.SET", "doc", "$.b", "[]", "NX");
        server.assertReply(NIL, "JSON.SET", "doc", "$.x.y", "1"); // no parent to add to
        server.assertReply(error("Err wrong static path"), "JSON.SET", "doc", "$..zz", "1");
        server.assertReply(error("ERR array index out of range"), "JSON.SET", "doc", "$.b[3]", "1");
        server.assertReply(error("ERR syntax error"), "JSON.SET", "doc", "$", "{}", "NX", "XX");
        server.assertReply(bulk("{\"a\":2,\"b\":[]}"), "JSON.GET", "doc");
    }

    @Test
    void invalidInputIsRejectedWithoutWriting() {
        server.call("JSON.SET", "doc", "$", "{\"a\":1}");
        assertTrue(server.call("JSON.SET", "doc", "$", "nope").startsWith("-ERR expected value at line 1 column 1"));
        assertTrue(server.call("JSON.SET", "doc", "$", "{\"a\":").startsWith("-ERR EOF while parsing a value"));
        assertTrue(server.call("JSON.SET", "doc", "$", "[1] 2").startsWith("-ERR trailing characters"));
        assertTrue(server.call("JSON.GET", "doc", "$.[[[").startsWith("-ERR JSON Path error"));
        assertTrue(server.call("JSON.MSET", "doc", "$", "{}", "other", "$", "{bad").startsWith("-ERR"));
        server.assertReply(error("ERR wrong number of arguments for 'json.mset' command"), "JSON.MSET", "doc", "$", "{}", "other");
        server.assertReply(error("ERR new objects must be created at the root"), "JSON.MSET", "doc", "$", "{}", "other", "$.a", "1");
        server.assertReply(bulk("{\"a\":1}"), "JSON.GET", "doc");
        server.assertReply(integer(0), "EXISTS", "other");
        server.call("JSON.SET", "arr", "$", "[1]");
        server.assertReply(error("ERR index out of bounds"), "JSON.ARRINSERT", "arr", "$", "5", "1");
        server.assertReply(error("ERR index out of bounds"), "JSON.ARRINSERT", "arr", ".", "-3", "1");
        server.assertReply(bulk("[1]"), "JSON.GET", "arr");
    }

    @Test
    void otherTypesAndMissingKeys() {
        server.call("SET", "str", "x");
        for (String[] command : new String[][]{{"JSON.GET", "str"}, {"JSON.SET", "str", "$", "1"}, {"JSON.TYPE", "str"},
                {"JSON.DEL", "str"}, {"JSON.NUMINCRBY", "str", "$", "1"}, {"JSON.ARRAPPEND", "str", "$", "1"},
                {"JSON.STRLEN", "str"}, {"JSON.RESP", "str"}, {"JSON.MERGE", "str", "$", "{}"}}) {
            server.assertReply(WRONGTYPE, command);
        }
        server.call("JSON.SET", "doc", "$", "[1]");
        server.assertReply(array(NIL, bulk("[[1]]"), NIL), "JSON.MGET", "str", "doc", "missing", "$");
        server.assertReply(array(NIL, bulk("[1]"), NIL), "JSON.MGET", "str", "doc", "missing", ".");
        server.assertReply(NIL, "JSON.GET", "missing");
        server.assertReply(NO_KEY, "JSON.NUMINCRBY", "missing", "$", "1");
        server.assertReply(NO_KEY, "JSON.ARRAPPEND", "missing", ".", "1");
        server.assertReply(NO_KEY, "JSON.ARRLEN", "missing", "$");
        server.assertReply(NIL, "JSON.ARRLEN", "missing");
        server.assertReply(NIL, "JSON.STRLEN", "missing", ".a");
        server.assertReply(NO_KEY, "JSON.CLEAR", "missing");
        server.assertReply(integer(0), "JSON.DEL", "missing");
        server.assertReply(simple("ReJSON-RL"), "TYPE", "doc");
    }

    @Test
    void keysTtlSurvivesUpdatesAndGenericCommandsWork() {
        server.call("JSON.SET", "doc", "$", "{\"n\":1}");
        server.assertReply(integer(1), "EXPIRE", "doc", "100");
        server.call("JSON.NUMINCRBY", "doc", "$.n", "1");
        server.call("JSON.SET", "doc", "$", "{\"n\":5}");
        assertTrue(Long.parseLong(server.call("TTL", "doc").substring(1).trim()) > 90);
        server.assertReply(OK, "RENAME", "doc", "doc2");
        server.assertReply(bulk("{\"n\":5}"), "JSON.GET", "doc2");
        server.assertReply(integer(1), "DEL", "doc2");
        server.assertReply(NIL, "JSON.GET", "doc2");
        server.call("JSON.SET", "short", "$", "{}");
        server.call("PEXPIRE", "short", "1");
        sleep(20);
        server.assertReply(NIL, "JSON.GET", "short");
    }

    @Test
    void resp3Shapes() {
        try (RawConnection resp3 = server.raw()) {
            resp3.call("HELLO", "3");
            resp3.call("JSON.SET", "doc", "$", "{\"a\":1,\"f\":1.5,\"s\":\"x\"}");
            assertEquals(bulk("{\"a\":1,\"f\":1.5,\"s\":\"x\"}"), resp3.call("JSON.GET", "doc"));
            assertEquals("*1\r\n" + bulk("object"), resp3.call("JSON.TYPE", "doc"));
            assertEquals("*1\r\n*2\r\n" + bulk("integer") + bulk("number"), resp3.call("JSON.TYPE", "doc", "$['a','f']"));
            assertEquals("*2\r\n:3\r\n,3.5\r\n", resp3.call("JSON.NUMINCRBY", "doc", "$['a','f']", "2"));
            assertEquals("*1\r\n_\r\n", resp3.call("JSON.NUMINCRBY", "doc", "$.s", "2"));
            assertEquals("_\r\n", resp3.call("JSON.GET", "missing"));
        }
    }

    @Test
    void commandInfoDescribesJsonCommands() {
        String info = server.call("COMMAND", "INFO", "json.get");
        assertTrue(info.startsWith("*1\r\n*10\r\n$8\r\njson.get\r\n:-2\r\n*1\r\n+readonly\r\n:1\r\n:1\r\n:1\r\n"), info);
        assertTrue(info.contains("+@json\r\n"), info);
        assertTrue(server.call("COMMAND", "INFO", "json.mset").contains(":1\r\n:-1\r\n:3\r\n"));
        assertEquals("*2\r\n" + bulk("a") + bulk("b"), server.call("COMMAND", "GETKEYS", "JSON.MGET", "a", "b", "$"));
    }
}
