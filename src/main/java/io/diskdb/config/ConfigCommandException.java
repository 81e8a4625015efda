package io.diskdb.config;

/**
 * A failed CONFIG GET/SET/REWRITE. {@link #getMessage()} is the complete Redis error
 * line, prefix included (e.g. {@code ERR Unknown option or number of arguments for
 * CONFIG SET - 'foo'}), ready to be sent as a RESP error.
 */
public class ConfigCommandException extends Exception {
    public ConfigCommandException(String redisError) {
        super(redisError);
    }
}
