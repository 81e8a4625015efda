package io.diskdb.command;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders docs/commands.md, the list of supported commands, from the command table, so the
 * page says exactly what the server registers. CommandsPageTest fails when the committed page
 * differs from this rendering, and rewrites it when run with -Ddiskdb.regenerate=true.
 */
public final class CommandsPage {
    public static final String REGENERATE = "mvn -o -q test -Dtest=CommandsPageTest -Ddiskdb.regenerate=true";

    private CommandsPage() {
    }

    public static String render(CommandTable table) {
        Map<String, List<CommandSpec>> byGroup = new TreeMap<>();
        int topLevel = 0;
        for (Command command : table.topLevel()) {
            topLevel++;
            add(byGroup, command.spec());
            table.subcommandsOf(command.spec().name()).forEach(sub -> add(byGroup, sub.spec()));
        }
        StringBuilder page = new StringBuilder();
        page.append("# Supported commands\n\n")
                .append("<!-- Generated from the command table; do not edit. Regenerate with:\n")
                .append("     ").append(REGENERATE).append(" -->\n\n")
                .append("DiskDB supports ").append(topLevel).append(" commands")
                .append(" (COMMAND COUNT). Summaries and versions are Redis's own; ")
                .append("a command not listed here is answered with Redis's unknown-command error.\n");
        byGroup.forEach((group, specs) -> {
            page.append("\n## ").append(group).append("\n\n")
                    .append("| Command | Summary | Since |\n")
                    .append("|---|---|---|\n");
            specs.sort(Comparator.comparing(CommandSpec::name));
            for (CommandSpec spec : specs) {
                JsonNode docs = spec.source().path("docs");
                page.append("| `").append(spec.name().replace('|', ' ').toUpperCase()).append("` | ")
                        .append(cell(docs.path("summary").asText())).append(" | ")
                        .append(cell(docs.path("since").asText())).append(" |\n");
            }
        });
        return page.toString();
    }

    private static void add(Map<String, List<CommandSpec>> byGroup, CommandSpec spec) {
        String group = spec.source().path("docs").path("group").asText("server");
        byGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(spec);
    }

    /** Table cells may not contain a bare '|' or a line break. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace('\n', ' ');
    }
}
