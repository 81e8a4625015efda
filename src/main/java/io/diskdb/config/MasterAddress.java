package io.diskdb.config;

/** Where a replica's master listens: the replicaof setting ("host port", or "host:port" as on the command line). */
public record MasterAddress(String host, int port) {

    /** The address in {@code text}, or null for "" (no master). */
    public static MasterAddress parse(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            return null;
        }
        int split = trimmed.indexOf(' ');
        if (split < 0) {
            split = trimmed.lastIndexOf(':');
        }
        if (split <= 0 || split == trimmed.length() - 1) {
            throw new IllegalArgumentException("must be \"host port\" or \"host:port\"");
        }
        String host = trimmed.substring(0, split).trim();
        Long port = ValueTypes.strictLong(trimmed.substring(split + 1).trim());
        if (host.isEmpty() || port == null || port < 1 || port > 65535) {
            throw new IllegalArgumentException("must be \"host port\" or \"host:port\" with a port from 1 to 65535");
        }
        return new MasterAddress(host, port.intValue());
    }

    /** The setting's canonical form. */
    @Override
    public String toString() {
        return host + " " + port;
    }
}
