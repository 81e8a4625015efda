package io.diskdb.command;

import io.diskdb.server.ClientSession;
import io.diskdb.storage.Keyspace;

/**
 * Which key-lock stripes a command holds while it runs. Most commands use
 * {@link #KEYS_FROM_SPEC}: the stripes of the key arguments the command table names.
 * Commands that reach other databases or the whole keyspace say so at registration.
 */
@FunctionalInterface
public interface LockPlan {
    /** Stripes to lock, or null for every stripe. */
    int[] stripes(Keyspace keyspace, ClientSession session, Command command, byte[][] args);

    LockPlan KEYS_FROM_SPEC = (keyspace, session, command, args) -> {
        int[] positions = command.spec().keyPositions(args);
        int[] stripes = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            stripes[i] = keyspace.stripe(session.db(), args[positions[i]]);
        }
        return stripes;
    };

    LockPlan EVERYTHING = (keyspace, session, command, args) -> null;
}
