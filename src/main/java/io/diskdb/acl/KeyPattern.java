package io.diskdb.acl;

import io.diskdb.util.Glob;

import java.nio.charset.StandardCharsets;

/**
 * One key pattern of a user: {@code ~pattern} (read and write), {@code %R~pattern} (read only)
 * or {@code %W~pattern} (write only). Kept as bytes too, since keys are binary.
 */
record KeyPattern(String pattern, byte[] bytes, boolean read, boolean write) {

    static KeyPattern of(String pattern, boolean read, boolean write) {
        return new KeyPattern(pattern, pattern.getBytes(StandardCharsets.UTF_8), read, write);
    }

    /**
     * Redis's ACLSelectorCheckKey: the pattern must grant every permission the command needs on
     * the key (a key the command neither reads nor writes, as EXISTS, needs none), then match.
     */
    boolean permits(byte[] key, boolean needsRead, boolean needsWrite) {
        return (!needsRead || read) && (!needsWrite || write) && Glob.matches(bytes, key);
    }

    /** The rule as ACL LIST and ACL GETUSER show it; "%RW~" is shown as "~", as Redis does. */
    String describe() {
        if (read && write) {
            return "~" + pattern;
        }
        return (read ? "%R~" : "%W~") + pattern;
    }
}
