package io.diskdb.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.diskdb.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registered commands are described by the catalog, and as Redis describes them. */
class CommandTableCatalogTest {

    @Test
    void registeringACommandWithoutACatalogRowFails() {
        CommandTable table = new CommandTable(CommandCatalog.load());
        assertThrows(IllegalStateException.class, () -> table.register("no-such-command", ctx -> { }));
        assertThrows(IllegalStateException.class, () -> table.register("config|no-such-sub", ctx -> { }));
    }

    @Test
    void registeredCommandsMatchRedisCatalog() throws IOException {
        JsonNode redis;
        try (InputStream in = CommandCatalog.class.getResourceAsStream("/commands/redis-commands.json")) {
            redis = new ObjectMapper().readTree(in);
        }
        Map<String, CommandSpec> catalog = CommandCatalog.load();
        List<String> checked = new ArrayList<>();
        try (TestServer server = TestServer.start()) {
            for (Command command : server.server().commands().all()) {
                CommandSpec spec = command.spec();
                String name = spec.name();
                int bar = name.indexOf('|');
                CommandSpec row = bar < 0 ? catalog.get(name) : catalog.get(name.substring(0, bar)).subcommands().get(name);
                assertNotNull(row, name + " has no catalog row");
                JsonNode redisRow = bar < 0 ? redis.get(name) : redis.path(name.substring(0, bar)).path("subcommands").get(name);
                if (redisRow == null) {
                    continue; // a DiskDB addition (diskdb-commands.json): nothing to compare with
                }
                assertEquals(redisRow.get("arity").asInt(), spec.arity(), name + " arity");
                List<String> flags = new ArrayList<>();
                redisRow.get("flags").forEach(flag -> flags.add(flag.asText()));
                assertEquals(flags, List.copyOf(spec.flags()), name + " flags");
                assertEquals(redisRow.get("first_key").asInt(), spec.firstKey(), name + " first key");
                assertEquals(redisRow.get("last_key").asInt(), spec.lastKey(), name + " last key");
                assertEquals(redisRow.get("step").asInt(), spec.keyStep(), name + " key step");
                assertEquals(KeySpec.parseAll(redisRow.get("key_specs")), spec.keySpecs(), name + " key specs");
                checked.add(name);
            }
        }
        assertFalse(checked.isEmpty());
        assertTrue(checked.contains("command|getkeys"));
    }
}
