package io.diskdb.differential;

import java.util.Arrays;

/**
 * One command of a differential run. {@code pauseMillis} lets a step that sets a
 * millisecond-scale expiry wait until the key has certainly expired on both servers, so the
 * two never disagree only because they ran a moment apart.
 */
public record Step(String[] args, long pauseMillis) {
    public static Step of(String... args) {
        return new Step(args, 0);
    }

    /** A step whose expiry of a millisecond or two must have passed before the next step. */
    public static Step expiringSoon(String... args) {
        return new Step(args, 5);
    }

    public String name() {
        return args[0].toLowerCase();
    }

    @Override
    public String toString() {
        return String.join(" ", Arrays.stream(args).map(a -> a.isEmpty() || a.contains(" ") ? '"' + a + '"' : a).toList());
    }
}
