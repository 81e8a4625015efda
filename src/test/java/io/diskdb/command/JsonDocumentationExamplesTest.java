package io.diskdb.command;

import io.diskdb.testing.SharedServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.diskdb.testing.Resp.NIL;
import static io.diskdb.testing.Resp.OK;
import static io.diskdb.testing.Resp.array;
import static io.diskdb.testing.Resp.bulk;
import static io.diskdb.testing.Resp.integer;
import static io.diskdb.testing.Resp.simple;

/**
 * The examples of the RedisJSON command reference, reply by reply, as RESP bytes.
 */
class JsonDocumentationExamplesTest {
    @RegisterExtension
    static final SharedServer server = new SharedServer();

    @BeforeEach
    void flush() {
        server.call("FLUSHALL");
    }

    @Test
    void setAndGet() {
        server.assertReply(OK, "JSON.SET", "doc", "$", "{\"a\":2}");
        server.assertReply(OK, "JSON.SET", "doc", "$.a", "3");
        server.assertReply(bulk("[{\"a\":3}]"), "JSON.GET", "doc", "$");
        server.assertReply(OK, "JSON.SET", "doc", "$", "{\"a\":2, \"b\": 3, \"nested\": {\"a\": 4, \"b\": null}}");
        server.assertReply(bulk("[3,null]"), "JSON.GET", "doc", "$..b");
        server.assertReply(bulk("{\"$..b\":[3,null],\"..a\":[2,4]}"), "JSON.GET", "doc", "$..b", "..a");
        // Update several matches at once, add a member to an existing object.
        server.assertReply(OK, "JSON.SET", "doc", "$..a", "3");
        server.assertReply(OK, "JSON.SET", "doc", "$.c", "{\"x\":1}");
        server.assertReply(bulk("{\"a\":3,\"b\":3,\"nested\":{\"a\":3,\"b\":null},\"c\":{\"x\":1}}"), "JSON.GET", "doc");
    }

    @Test
    void getFormatting() {
        server.call("JSON.SET", "doc", "$", "{\"a\":2,\"b\":[1,{}],\"c\":{}}");
        server.assertReply(bulk("[\n\t{\n\t\t\"a\": 2,\n\t\t\"b\": [\n\t\t\t1,\n\t\t\t{}\n\t\t],\n\t\t\"c\": {}\n\t}\n]"),
                "JSON.GET", "doc", "INDENT", "\t", "NEWLINE", "\n", "SPACE", " ", "$");
        server.assertReply(bulk("{\"a\": 2,\"b\": [1,{}],\"c\": {}}"), "JSON.GET", "doc", "SPACE", " ");
    }

    @Test
    void mgetAndMset() {
        server.call("JSON.SET", "doc1", "$", "{\"a\":1, \"b\": 2, \"nested\": {\"a\": 3}, \"c\": null}");
        server.call("JSON.SET", "doc2", "$", "{\"a\":4, \"b\": 5, \"nested\": {\"a\": 6}, \"c\": null}");
        server.assertReply(array(bulk("[1,3]"), bulk("[4,6]")), "JSON.MGET", "doc1", "doc2", "$..a");

        server.assertReply(OK, "JSON.MSET", "doc1", "$", "{\"a\":1}", "doc2", "$", "{\"f\":{\"a\":2}}",
                "doc3", "$", "{\"f1\":{\"a\":0},\"f2\":{\"a\":0}}");
        server.assertReply(OK, "JSON.MSET", "doc1", "$", "{\"a\":2}", "doc2", "$.f.a", "3",
                "doc3", "$", "{\"f1\":{\"a\":1},\"f2\":{\"a\":2}}");
        server.assertReply(bulk("[{\"a\":2}]"), "JSON.GET", "doc1", "$");
        server.assertReply(bulk("[{\"f\":{\"a\":3}}]"), "JSON.GET", "doc2", "$");
        server.assertReply(bulk("{\"f1\":{\"a\":1},\"f2\":{\"a\":2}}"), "JSON.GET", "doc3");
    }

    @Test
    void merge() {
        server.call("JSON.SET", "doc", "$", "{\"a\":2}");
        server.assertReply(OK, "JSON.MERGE", "doc", "$.a", "3");
        server.assertReply(bulk("[{\"a\":3}]"), "JSON.GET", "doc", "$");
        server.assertReply(OK, "JSON.MERGE", "doc", "$", "{\"a\":null}");
        server.assertReply(bulk("[{}]"), "JSON.GET", "doc", "$");
        server.assertReply(OK, "JSON.MERGE", "doc", "$.b", "8");
        server.assertReply(bulk("[{\"b\":8}]"), "JSON.GET", "doc", "$");
        server.call("JSON.SET", "doc", "$", "{\"a\":{\"b\":1,\"c\":[1]},\"d\":2}");
        server.assertReply(OK, "JSON.MERGE", "doc", "$", "{\"a\":{\"b\":null,\"c\":[2],\"e\":{\"f\":null,\"g\":1}}}");
        server.assertReply(bulk("{\"a\":{\"c\":[2],\"e\":{\"g\":1}},\"d\":2}"), "JSON.GET", "doc");
    }

    @Test
    void delAndForget() {
        server.call("JSON.SET", "doc", "$", "{\"a\": 1, \"nested\": {\"a\": 2, \"b\": 3}}");
        server.assertReply(integer(2), "JSON.DEL", "doc", "$..a");
        server.assertReply(bulk("[{\"nested\":{\"b\":3}}]"), "JSON.GET", "doc", "$");
        server.assertReply(integer(1), "JSON.FORGET", "doc", ".nested.b");
        server.assertReply(integer(0), "JSON.DEL", "doc", "$.nothing");
        server.assertReply(integer(1), "JSON.DEL", "doc");
        server.assertReply(integer(0), "EXISTS", "doc");
        server.assertReply(integer(0), "JSON.DEL", "doc");
    }

    @Test
    void type() {
        server.call("JSON.SET", "doc", "$", "{\"a\":2, \"nested\": {\"a\": true}, \"foo\": \"bar\", \"f\": 1.5}");
        server.assertReply(array(bulk("string")), "JSON.TYPE", "doc", "$..foo");
        server.assertReply(array(bulk("integer"), bulk("boolean")), "JSON.TYPE", "doc", "$..a");
        server.assertReply(array(), "JSON.TYPE", "doc", "$..dummy");
        server.assertReply(bulk("object"), "JSON.TYPE", "doc");
        server.assertReply(bulk("number"), "JSON.TYPE", "doc", ".f");
        server.assertReply(NIL, "JSON.TYPE", "doc", ".nothing");
        server.assertReply(NIL, "JSON.TYPE", "missing");
    }

    @Test
    void numIncrByAndMultBy() {
        server.call("JSON.SET", "doc", ".", "{\"a\":\"b\",\"b\":[{\"a\":2}, {\"a\":5}, {\"a\":\"c\"}]}");
        server.assertReply(bulk("[null]"), "JSON.NUMINCRBY", "doc", "$.a", "2");
        server.assertReply(bulk("[null,4,7,null]"), "JSON.NUMINCRBY", "doc", "$..a", "2");
        server.assertReply(bulk("[null]"), "JSON.NUMMULTBY", "doc", "$.a", "2");
        server.assertReply(bulk("[null,8,14,null]"), "JSON.NUMMULTBY", "doc", "$..a", "2");
        server.assertReply(bulk("10"), "JSON.NUMINCRBY", "doc", ".b[0].a", "2");
        server.assertReply(bulk("15.0"), "JSON.NUMMULTBY", "doc", ".b[0].a", "1.5");
    }

    @Test
    void strAppendAndStrLen() {
        server.call("JSON.SET", "doc", "$", "{\"a\":\"foo\", \"nested\": {\"a\": \"hello\"}, \"nested2\": {\"a\": 31}}");
        server.assertReply(array(integer(3), integer(5), NIL), "JSON.STRLEN", "doc", "$..a");
        server.assertReply(array(integer(6), integer(8), NIL), "JSON.STRAPPEND", "doc", "$..a", "\"baz\"");
        server.assertReply(bulk("[{\"a\":\"foobaz\",\"nested\":{\"a\":\"hellobaz\"},\"nested2\":{\"a\":31}}]"), "JSON.GET", "doc", "$");
        server.assertReply(integer(9), "JSON.STRAPPEND", "doc", ".a", "\"!!!\"");
        server.assertReply(integer(9), "JSON.STRLEN", "doc", ".a");
        server.call("JSON.SET", "str", "$", "\"é\"");
        server.assertReply(integer(2), "JSON.STRLEN", "str"); // bytes, as RedisJSON counts
        server.assertReply(integer(3), "JSON.STRAPPEND", "str", "\"x\"");
    }

    @Test
    void toggle() {
        server.call("JSON.SET", "doc", "$", "{\"bool\": true}");
        server.assertReply(array(integer(0)), "JSON.TOGGLE", "doc", "$.bool");
        server.assertReply(bulk("[{\"bool\":false}]"), "JSON.GET", "doc", "$");
        server.assertReply(array(integer(1)), "JSON.TOGGLE", "doc", "$.bool");
        server.assertReply(bulk("false"), "JSON.TOGGLE", "doc", ".bool");
        server.assertReply(bulk("[{\"bool\":false}]"), "JSON.GET", "doc", "$");
    }

    @Test
    void clear() {
        server.call("JSON.SET", "doc", "$", "{\"obj\":{\"a\":1, \"b\":2}, \"arr\":[1,2,3], \"str\": \"foo\", \"bool\": true, \"int\": 42, \"float\": 3.14}");
        server.assertReply(integer(4), "JSON.CLEAR", "doc", "$.*");
        server.assertReply(bulk("[{\"obj\":{},\"arr\":[],\"str\":\"foo\",\"bool\":true,\"int\":0,\"float\":0}]"), "JSON.GET", "doc", "$");
        server.assertReply(integer(0), "JSON.CLEAR", "doc", "$.str");
        server.assertReply(integer(1), "JSON.CLEAR", "doc");
        server.assertReply(bulk("{}"), "JSON.GET", "doc");
    }

    @Test
    void objKeysAndObjLen() {
        server.call("JSON.SET", "doc", "$", "{\"a\":[3], \"nested\": {\"a\": {\"b\":2, \"c\": 1}}}");
        server.assertReply(array(NIL, array(bulk("b"), bulk("c"))), "JSON.OBJKEYS", "doc", "$..a");
        server.assertReply(array(NIL, integer(2)), "JSON.OBJLEN", "doc", "$..a");
        server.assertReply(array(bulk("a"), bulk("nested")), "JSON.OBJKEYS", "doc");
        server.assertReply(integer(2), "JSON.OBJLEN", "doc", ".nested.a");
    }

    @Test
    void arrays() {
        server.call("JSON.SET", "doc", "$", "{\"a\":[3], \"nested\": {\"a\": [3,4]}}");
        server.assertReply(array(integer(1), integer(2)), "JSON.ARRLEN", "doc", "$..a");
        server.assertReply(array(integer(3), integer(4)), "JSON.ARRINSERT", "doc", "$..a", "0", "1", "2");
        server.assertReply(bulk("[{\"a\":[1,2,3],\"nested\":{\"a\":[1,2,3,4]}}]"), "JSON.GET", "doc", "$");
        server.assertReply(array(integer(4), integer(5)), "JSON.ARRAPPEND", "doc", "$..a", "\"x\"");
        server.assertReply(array(bulk("\"x\""), bulk("\"x\"")), "JSON.ARRPOP", "doc", "$..a");
        server.assertReply(array(integer(1), integer(2)), "JSON.ARRTRIM", "doc", "$..a", "1", "-2");
        server.assertReply(bulk("[{\"a\":[2],\"nested\":{\"a\":[2,3]}}]"), "JSON.GET", "doc", "$");

        server.call("JSON.SET", "doc", "$", "{\"a\":[1,2,3,2], \"nested\": {\"a\": [3,4]}}");
        server.assertReply(array(integer(1), integer(-1)), "JSON.ARRINDEX", "doc", "$..a", "2");
        server.assertReply(integer(3), "JSON.ARRINDEX", "doc", ".a", "2", "2");
        server.assertReply(integer(-1), "JSON.ARRINDEX", "doc", ".a", "2", "2", "3");
        server.call("JSON.SET", "doc", "$", "{\"a\":[1,2,3,2], \"nested\": {\"a\": false}}");
        server.assertReply(array(integer(1), NIL), "JSON.ARRINDEX", "doc", "$..a", "2");

        server.call("JSON.SET", "doc", "$", "{\"a\":[], \"nested\": {\"a\": [1,4]}}");
        server.assertReply(array(integer(0), integer(1)), "JSON.ARRTRIM", "doc", "$..a", "1", "1");
        server.assertReply(bulk("[{\"a\":[],\"nested\":{\"a\":[4]}}]"), "JSON.GET", "doc", "$");
        server.assertReply(array(NIL, bulk("4")), "JSON.ARRPOP", "doc", "$..a");
        server.assertReply(NIL, "JSON.ARRPOP", "doc", ".a");
    }

    @Test
    void resp() {
        server.call("JSON.SET", "doc", "$", "{\"s\":\"x\",\"n\":null,\"t\":true,\"i\":3,\"a\":[1,{\"k\":false}]}");
        server.assertReply(array(simple("{"), bulk("s"), bulk("x"), bulk("n"), NIL, bulk("t"), simple("true"), bulk("i"), integer(3),
                bulk("a"), array(simple("["), integer(1), array(simple("{"), bulk("k"), simple("false")))),
                "JSON.RESP", "doc");
        server.assertReply(array(integer(3)), "JSON.RESP", "doc", "$.i");
        server.assertReply(NIL, "JSON.RESP", "missing");
    }
}
