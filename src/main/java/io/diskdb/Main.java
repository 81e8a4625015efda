package io.diskdb;

import io.diskdb.config.Settings;
import io.diskdb.server.DiskDbServer;
import io.diskdb.storage.StorageOptions;

import java.nio.file.Path;

public final class Main {
    public static void main(String[] args) throws Exception {
        Settings settings = new Settings();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (args[i].equals("--port")) settings.port = Integer.parseInt(args[i + 1]);
            if (args[i].equals("--dir")) settings.dir = args[i + 1];
        }
        DiskDbServer server = new DiskDbServer(settings, StorageOptions.defaults(Path.of(settings.dir)), null);
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        server.awaitTermination();
    }
}
