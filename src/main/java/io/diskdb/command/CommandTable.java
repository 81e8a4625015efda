package io.diskdb.command;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The commands DiskDB supports: rows of the {@link CommandCatalog} that a command family has
 * registered a handler for. Only these are dispatched and listed by COMMAND.
 */
public final class CommandTable {
    private final Map<String, CommandSpec> catalog;
    private final Map<String, Command> commands = new LinkedHashMap<>();

    public CommandTable(Map<String, CommandSpec> catalog) {
        this.catalog = catalog;
    }

    /**
     * Registers the implementation of a command or subcommand ("get", "config|get"). A name
     * without a catalog row is a programming error: every command must be described.
     */
    public void register(String name, CommandHandler handler) {
        register(name, handler, LockPlan.KEYS_FROM_SPEC);
    }

    /** Registers a command whose locks are not just its key arguments (MOVE, FLUSHDB...). */
    public void register(String name, CommandHandler handler, LockPlan lockPlan) {
        CommandSpec spec = find(name);
        if (spec == null) {
            throw new IllegalStateException("command '" + name + "' has no row in the command catalog");
        }
        if (commands.putIfAbsent(name, new Command(spec, handler, lockPlan)) != null) {
            throw new IllegalStateException("command '" + name + "' registered twice");
        }
        int bar = name.indexOf('|');
        if (bar > 0) {
            String container = name.substring(0, bar);
            commands.putIfAbsent(container, new Command(find(container), ctx -> {
                throw Errors.wrongArity(container);
            }, LockPlan.KEYS_FROM_SPEC));
        }
    }

    private CommandSpec find(String name) {
        int bar = name.indexOf('|');
        if (bar < 0) {
            return catalog.get(name);
        }
        CommandSpec container = catalog.get(name.substring(0, bar));
        return container == null ? null : container.subcommands().get(name);
    }

    /** A command or subcommand by lower-case name, or null. */
    public Command lookup(String name) {
        return commands.get(name);
    }

    /** Top-level commands and subcommands, in registration order. */
    public Collection<Command> all() {
        return Collections.unmodifiableCollection(commands.values());
    }

    /** Top-level commands only. */
    public Collection<Command> topLevel() {
        return commands.values().stream().filter(c -> c.spec().name().indexOf('|') < 0).toList();
    }

    /** Registered subcommands of a container, e.g. "config". */
    public Collection<Command> subcommandsOf(String container) {
        String prefix = container + "|";
        return commands.values().stream().filter(c -> c.spec().name().startsWith(prefix)).toList();
    }
}
