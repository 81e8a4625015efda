package io.diskdb.acl;

/** Rules about the text of user names and patterns, shared by ACL SETUSER and the rule parser. */
public final class AclText {
    private AclText() {
    }

    /**
     * Redis's ACLStringHasSpaces: C whitespace or NUL. Such a name or pattern could not be
     * written as one word of an ACL file line, so Redis refuses it, and so does DiskDB.
     */
    public static boolean hasSpaces(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r' || c == '\0') {
                return true;
            }
        }
        return false;
    }
}
