package io.diskdb.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * diskdb-cli's command line, redis-cli's flags: -h -p -a --user -n -3 --tls --cacert --cert --key
 * --sni --insecure --raw --no-raw --no-auth-warning; what follows the options is a command to run once.
 */
public record CliOptions(String host, int port, String user, String password, int db, boolean resp3,
                         Tls tls, OutputMode output, boolean authWarning, boolean help, List<String> command) {
    public static final int DEFAULT_PORT = 6380;

    /** A plain-socket RESP2 connection to db 0 with optional credentials, for server-to-server links. */
    public static CliOptions plain(String host, int port, String user, String password) {
        return new CliOptions(host, port, user, password, 0, false, new Tls(false, null, null, null, null, false),
                OutputMode.RAW, false, false, List.of());
    }

    /** TLS settings; {@code enabled} false means a plain socket. */
    public record Tls(boolean enabled, String caCert, String cert, String key, String sni, boolean insecure) {
    }

    /** How replies are printed: decided by stdout being a terminal, unless --raw/--no-raw say. */
    public enum OutputMode { AUTO, TTY, RAW }

    /** Bad flags: the message is printed as redis-cli prints it, and the CLI exits 1. */
    public static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    public static CliOptions parse(String[] args) {
        String host = "127.0.0.1";
        int port = DEFAULT_PORT;
        String user = null;
        String password = System.getenv("DISKDB_CLI_AUTH");
        int db = 0;
        boolean resp3 = false;
        boolean tls = false;
        String caCert = null, cert = null, key = null, sni = null;
        boolean insecure = false;
        OutputMode output = OutputMode.AUTO;
        boolean authWarning = true;
        boolean help = false;
        int i = 0;
        for (; i < args.length; i++) {
            String arg = args[i];
            boolean hasValue = i + 1 < args.length;
            switch (arg) {
                case "-h" -> {
                    if (!hasValue) {
                        help = true; // a bare -h is a request for help, as in redis-cli
                    } else {
                        host = args[++i];
                    }
                }
                case "-p" -> port = number(arg, value(args, ++i, arg));
                case "-a", "--pass" -> password = value(args, ++i, arg);
                case "--user" -> user = value(args, ++i, arg);
                case "-n" -> db = number(arg, value(args, ++i, arg));
                case "-3" -> resp3 = true;
                case "-2" -> resp3 = false;
                case "--tls" -> tls = true;
                case "--cacert" -> caCert = value(args, ++i, arg);
                case "--cert" -> cert = value(args, ++i, arg);
                case "--key" -> key = value(args, ++i, arg);
                case "--sni" -> sni = value(args, ++i, arg);
                case "--insecure" -> insecure = true;
                case "--raw" -> output = OutputMode.RAW;
                case "--no-raw" -> output = OutputMode.TTY;
                case "--no-auth-warning" -> authWarning = false;
                case "--help" -> help = true;
                default -> {
                    if (arg.startsWith("-") && arg.length() > 1) {
                        throw new UsageException("Unrecognized option or bad number of args for: '" + arg + "'");
                    }
                }
            }
            if (!arg.startsWith("-") || arg.length() == 1) {
                break;
            }
        }
        List<String> command = new ArrayList<>(List.of(args).subList(Math.min(i, args.length), args.length));
        return new CliOptions(host, port, user, password, db, resp3,
                new Tls(tls, caCert, cert, key, sni, insecure), output, authWarning, help, command);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new UsageException("Unrecognized option or bad number of args for: '" + flag + "'");
        }
        return args[i];
    }

    private static int number(String flag, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException("Invalid value for " + flag + ": '" + value + "'");
        }
    }

    /** The address as the prompt and the connection errors show it. */
    public String address() {
        return host + ":" + port;
    }

    public static String usage() {
        return """
                Usage: diskdb-cli [OPTIONS] [cmd [arg [arg ...]]]
                  -h <hostname>      Server hostname (default: 127.0.0.1).
                  -p <port>          Server port (default: 6380).
                  -a <password>      Password to use when connecting to the server.
                                     The DISKDB_CLI_AUTH environment variable is used too.
                  --user <username>  Used to send ACL style 'AUTH username pass'. Needs -a.
                  --pass <password>  Alias of -a for consistency with the new --user option.
                  --no-auth-warning  Don't show warning message when using password on command line interface.
                  -n <db>            Database number.
                  -2                 Start session in RESP2 protocol mode.
                  -3                 Start session in RESP3 protocol mode.
                  --raw              Use raw formatting for replies (default when STDOUT is not a tty).
                  --no-raw           Force formatted output even when STDOUT is not a tty.
                  --tls              Establish a secure TLS connection.
                  --sni <host>       Server name indication for TLS.
                  --cacert <file>    CA Certificate file to verify with.
                  --insecure         Allow insecure TLS connection by skipping cert validation.
                  --cert <file>      Client certificate to authenticate with.
                  --key <file>       Private key file to authenticate with.
                  --help             Output this help and exit.

                With no command, an interactive prompt starts (or, when STDIN is not a terminal,
                each line of STDIN is run as a command). The history is kept in ~/.diskdb_history
                (DISKDB_CLI_HISTFILE overrides it).
                Examples:
                  diskdb-cli -p 6380 SET greeting "hello world"
                  cat commands.txt | diskdb-cli -n 2
                """;
    }
}
