package io.diskdb.replication;

import io.diskdb.cli.CliOptions;
import io.diskdb.cli.Connection;

import java.io.IOException;

/** Opens connections to the master, authenticated, each bounded by a read timeout. */
@FunctionalInterface
interface MasterConnections {
    /** A master that says nothing for this long is taken for dead. */
    int READ_TIMEOUT_MILLIS = 60_000;

    Connection open() throws IOException;

    static MasterConnections to(String host, int port, String user, String password) {
        return () -> {
            Connection connection = Connection.open(CliOptions.plain(host, port, user, password));
            connection.setReadTimeout(READ_TIMEOUT_MILLIS);
            return connection;
        };
    }
}
