package io.diskdb.cli;

import org.jline.reader.impl.history.DefaultHistory;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The history, minus lines that carry a password (AUTH, HELLO ... AUTH, ACL SETUSER, MIGRATE ...
 * AUTH/AUTH2), so ~/.diskdb_history never stores one.
 */
final class SensitiveFilteringHistory extends DefaultHistory {
    private static final List<Pattern> SENSITIVE = List.of(
            Pattern.compile("^\\s*auth(\\s.*)?$"),
            Pattern.compile("^\\s*hello\\s.*\\sauth\\s.*$"),
            Pattern.compile("^\\s*acl\\s+setuser(\\s.*)?$"),
            Pattern.compile("^\\s*migrate\\s.*\\sauth2?\\s.*$"),
            Pattern.compile("^\\s*config\\s+set\\s.*(masterauth|requirepass).*$"));

    static boolean isSensitive(String line) {
        String lower = line.toLowerCase(Locale.ROOT);
        return SENSITIVE.stream().anyMatch(p -> p.matcher(lower).matches());
    }

    @Override
    public void add(Instant time, String line) {
        if (!isSensitive(line)) {
            super.add(time, line);
        }
    }
}
