package io.diskdb.config;

/**
 * A value that a parameter rejects. It carries two wordings of the same problem: the
 * exact Redis 7 text that CONFIG SET must answer with, and a plain one for config file
 * and command line messages, which name the key in front of it.
 */
public class InvalidValueException extends Exception {
    private final String redisReason;

    /**
     * @param redisReason what Redis says after "possibly related to argument 'x') - "
     * @param plainReason the operator wording, starting with a verb, e.g. "must be one of a, b (got 'c')"
     */
    public InvalidValueException(String redisReason, String plainReason) {
        super(plainReason);
        this.redisReason = redisReason;
    }

    public String redisReason() {
        return redisReason;
    }

    public String plainReason() {
        return getMessage();
    }
}
