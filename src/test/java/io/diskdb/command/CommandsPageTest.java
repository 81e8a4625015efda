package io.diskdb.command;

import io.diskdb.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/commands.md lists exactly the registered commands; a new command family must regenerate it. */
class CommandsPageTest {
    private static final Path PAGE = Path.of("docs", "commands.md");

    @Test
    void pageListsTheRegisteredCommands() throws IOException {
        String expected;
        try (TestServer server = TestServer.start()) {
            expected = CommandsPage.render(server.server().commands());
        }
        if (Boolean.getBoolean("diskdb.regenerate")) {
            Files.writeString(PAGE, expected, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(PAGE), PAGE + " is missing; generate it with: " + CommandsPage.REGENERATE);
        assertEquals(expected, Files.readString(PAGE, StandardCharsets.UTF_8),
                PAGE + " is out of date with the command table; regenerate it with: " + CommandsPage.REGENERATE);
    }
}
