package io.diskdb.replication;

import io.diskdb.cli.CliOptions;
import io.diskdb.cli.Connection;
import io.diskdb.cli.Reply;
import io.diskdb.config.RuntimeConfig;
import io.diskdb.config.Settings;
import io.diskdb.server.DiskDbServer;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A replica process for {@link FullSyncCrashTest}: serves on --port from --dir and syncs fully from
 * the master on --master-port, over and over, until it is killed. Prints "synced N" after each.
 */
public final class RepeatedFullSync {
    private RepeatedFullSync() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = new Settings();
        int masterPort = 0;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> settings.setPort(Integer.parseInt(args[i + 1]));
                case "--dir" -> settings.setDir(args[i + 1]);
                case "--master-port" -> masterPort = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException(args[i]);
            }
        }
        settings.setReplFullsyncParallelism(2);
        DiskDbServer server = new DiskDbServer(new RuntimeConfig(settings, null));
        server.start();
        FullSync fullSync = new FullSync(server);
        FullSyncProgress progress = new FullSyncProgress();
        for (int round = 1; ; round++) {
            String id;
            try (Connection master = Connection.open(CliOptions.plain("127.0.0.1", masterPort, null, null))) {
                Reply created = master.call(List.of(bytes("REPLCHECKPOINT"), bytes("CREATE")));
                id = ((Reply.Bulk) created).text();
            }
            fullSync.run("127.0.0.1", masterPort, null, null, id, progress);
            System.out.println("synced " + round);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
