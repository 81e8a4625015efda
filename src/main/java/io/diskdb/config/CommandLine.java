package io.diskdb.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the server's arguments: {@code --config FILE} plus overrides such as
 * {@code --port 6390} or {@code --port=6390}. Any CONFIG parameter can be given as
 * {@code --name value}, like redis-server accepts. Precedence: built-in defaults, then
 * the config file (explicit, or ./diskdb.conf when present), then the flags in order.
 */
public final class CommandLine {
    static final String DEFAULT_CONFIG = "diskdb.conf";

    private CommandLine() {
    }

    /** Parses against the process's working directory. */
    public static LaunchOptions parse(String... args) {
        return parse(Path.of("").toAbsolutePath(), args);
    }

    /**
     * @param workingDir where relative paths (the config file) are looked up
     * @throws ConfigException with one line for the operator on any problem
     */
    public static LaunchOptions parse(Path workingDir, String... args) {
        String configArg = null;
        List<String[]> overrides = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return new LaunchOptions(new Settings(), null, true, false);
            }
            if (arg.equals("--version") || arg.equals("-v")) {
                return new LaunchOptions(new Settings(), null, false, true);
            }
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new ConfigException("unexpected argument '" + arg + "' (see --help)");
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else {
                if (!name.equals("config") && ConfigParameters.find(name) == null) {
                    throw unknown(name);
                }
                if (i + 1 >= args.length) {
                    throw new ConfigException("option '--" + name + "' needs a value (see --help)");
                }
                value = args[++i];
            }
            if (name.equals("config")) {
                configArg = value;
            } else if (ConfigParameters.find(name) == null) {
                throw unknown(name);
            } else {
                overrides.add(new String[] {name, value});
            }
        }

        Path configFile = chooseConfigFile(workingDir, configArg);
        Settings settings = configFile == null ? new Settings() : SettingsLoader.load(configFile);
        for (String[] o : overrides) {
            try {
                ConfigParameters.find(o[0]).set(settings, o[1]);
            } catch (InvalidValueException e) {
                throw new ConfigException("--" + o[0] + " " + e.plainReason());
            }
        }
        return new LaunchOptions(settings, configFile, false, false);
    }

    private static Path chooseConfigFile(Path workingDir, String configArg) {
        if (configArg != null) {
            Path file = workingDir.resolve(configArg);
            if (!Files.exists(file)) {
                throw new ConfigException("config file '" + configArg + "' not found");
            }
            return file;
        }
        Path implicit = workingDir.resolve(DEFAULT_CONFIG);
        return Files.isRegularFile(implicit) ? implicit : null;
    }

    private static ConfigException unknown(String name) {
        return new ConfigException("unknown option '--" + name + "' (see --help)");
    }

    /** "DiskDB 0.1.0" from the jar manifest, or "DiskDB dev" when run from classes. */
    public static String version() {
        String v = CommandLine.class.getPackage().getImplementationVersion();
        return "DiskDB " + (v == null ? "dev" : v);
    }

    /** The --help text; lists every flag. */
    public static String helpText() {
        return """
                Usage: diskdb [options]

                A persistent, Redis-compatible server. Settings come from the built-in
                defaults, then the config file, then these flags.

                Options (--name value or --name=value):
                  --config FILE        YAML config file (default: ./diskdb.conf if present)
                  --port N             TCP port (default 6380)
                  --bind ADDR          address to listen on (default 127.0.0.1)
                  --dir PATH           data directory (default ./data)
                  --sync POLICY        WAL fsync: always, everysec (default) or no
                  --requirepass PW     password clients must AUTH with
                  --loglevel LEVEL     trace, debug, info (default), warn or error
                  --replicaof HOST:PORT  follow that master (a replica; see docs/replication.md)
                  --restore DIR        start from a snapshot (<dir>/snapshots/<time>)
                  --restore-backup DIR start from the newest backup made by BACKUP DIR
                  --force              with --restore*: replace an existing database
                                       (kept in <dir>/snapshots/pre-restore-<time>)
                  --PARAMETER VALUE    any CONFIG parameter by its Redis name,
                                       e.g. --maxmemory-policy allkeys-lru
                  --help               print this help and exit
                  --version            print the version and exit

                Environment (launcher script): DISKDB_JAVA_OPTS replaces the JVM options.
                """;
    }
}
