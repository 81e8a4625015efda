package io.diskdb.config;

/**
 * A start-up configuration problem (config file, command line, data directory). The
 * message is one line meant for the operator, e.g.
 * {@code diskdb.conf: unknown key 'server.prot'}; print it and exit, no stack trace.
 */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
