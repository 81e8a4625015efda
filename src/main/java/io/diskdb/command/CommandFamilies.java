package io.diskdb.command;

import io.diskdb.server.DiskDbServer;

/** Registers every command family's handlers in the command table. */
public final class CommandFamilies {
    private CommandFamilies() {
    }

    public static void registerAll(CommandTable table, DiskDbServer server) {
        ConnectionCommands.register(table);
        StringCommands.register(table);
        ConfigCommands.register(table);
        KeyCommands.register(table);
        IntrospectionCommands.register(table);
        ServerCommands.register(table, server);
        ClientCommands.register(table);
        TransactionCommands.register(table, server);
        SortedSetCommands.register(table);
        ListCommands.register(table);
        HashCommands.register(table);
        SetCommands.register(table);
        JsonCommands.register(table);
        AclCommands.register(table);
        PersistenceCommands.register(table);
        StreamCommands.register(table);
        MemoryCommands.register(table);
        PubSubCommands.register(table, server);
        ResetCommand.register(table, server);
        ReplicationCommands.register(table);
        ReplicationCheckpointCommands.register(table);
    }
}
