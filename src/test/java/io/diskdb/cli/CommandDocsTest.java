package io.diskdb.cli;

import io.diskdb.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HELP syntax, hints and completion names built from the server's COMMAND DOCS. The expected
 * syntax lines are what redis-cli 7.0.15's "help" prints for the same commands (checked for
 * every command DiskDB has: only DiskDB's own additions differ, redis-cli has no line for them).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandDocsTest {
    private TestServer server;
    private CommandDocs resp2Docs;
    private CommandDocs resp3Docs;

    @BeforeAll
    void load() throws Exception {
        server = TestServer.start();
        resp2Docs = docs(false);
        resp3Docs = docs(true);
    }

    private CommandDocs docs(boolean resp3) throws Exception {
        String[] args = resp3 ? new String[]{"-p", Integer.toString(server.port()), "-3"}
                : new String[]{"-p", Integer.toString(server.port())};
        try (Connection connection = Connection.open(CliOptions.parse(args))) {
            return CommandDocs.parse(connection.call(Connection.strings(List.of("COMMAND", "DOCS"))));
        }
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private String params(CommandDocs docs, String... words) {
        CommandDocs.Entry entry = docs.longestMatch(List.of(words));
        assertEquals(String.join(" ", words).toUpperCase(), entry.name());
        return entry.params();
    }

    @Test
    void syntaxIsRedisClisHelpLine() {
        for (CommandDocs docs : List.of(resp2Docs, resp3Docs)) {
            assertEquals("key value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds"
                    + "|PXAT unix-time-milliseconds|KEEPTTL]", params(docs, "set"));
            assertEquals("key [NX|XX] [GT|LT] [CH] [INCR] score member [score member ...]", params(docs, "zadd"));
            assertEquals("destination numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM|MIN|MAX]",
                    params(docs, "zunionstore"));
            assertEquals("key start stop [BYSCORE|BYLEX] [REV] [LIMIT offset count] [WITHSCORES]", params(docs, "zrange"));
            assertEquals("parameter [parameter ...]", params(docs, "config", "get"));
            assertEquals("key [key ...] timeout", params(docs, "bzpopmin"));
            assertEquals("key", params(docs, "get"));
        }
    }

    @Test
    void subcommandsAndNamesForCompletion() {
        assertTrue(resp2Docs.commandNames().containsAll(List.of("SET", "SETEX", "SELECT", "CONFIG", "ZADD")));
        assertTrue(resp2Docs.subcommands("config").containsAll(List.of("GET", "SET", "RESETSTAT")));
        assertEquals(List.of(), resp2Docs.subcommands("get"));
        assertEquals(resp2Docs.entries(), resp3Docs.entries());
    }

    @Test
    void hintsShowTheArgumentsNotYetTyped() {
        assertEquals(" key value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds"
                + "|PXAT unix-time-milliseconds|KEEPTTL]", Hints.hint(resp2Docs, "set"));
        assertEquals("value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds"
                + "|PXAT unix-time-milliseconds|KEEPTTL]", Hints.hint(resp2Docs, "SET foo "));
        assertEquals(" [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds"
                + "|PXAT unix-time-milliseconds|KEEPTTL]", Hints.hint(resp2Docs, "set foo ba"));
        assertEquals("parameter [parameter ...]", Hints.hint(resp2Docs, "config get "));
        assertEquals("", Hints.hint(resp2Docs, "nosuchcommand a"));
        assertEquals("", Hints.hint(resp2Docs, ""));
        assertEquals("", Hints.hint(resp2Docs, "get \"unbalanced"));
    }

    @Test
    void helpListsTheEntryOrAllSubcommandsOrAGroup() {
        assertEquals("\n  GET key\n  summary: Get the value of a key\n  since: 1.0.0\n  group: string\n\n",
                HelpText.render(resp2Docs, List.of("get"), false));
        String config = HelpText.render(resp2Docs, List.of("config"), false);
        assertTrue(config.contains("\n  CONFIG GET parameter [parameter ...]\n"), config);
        assertTrue(config.contains("\n  CONFIG SET "), config);
        String group = HelpText.render(resp2Docs, List.of("@sorted-set"), false);
        assertTrue(group.contains("\n  BZPOPMIN key [key ...] timeout\n"), group);
        assertTrue(!group.contains("group:"), group);
        assertEquals("\n", HelpText.render(resp2Docs, List.of("nosuch"), false));
        assertTrue(HelpText.render(resp2Docs, List.of("get"), true).contains("\u001b[1mGET\u001b[0m \u001b[90mkey\u001b[0m"));
    }

    @Test
    void noMatchWithoutDocs() {
        assertNull(CommandDocs.empty().longestMatch(List.of("SET")));
    }
}
