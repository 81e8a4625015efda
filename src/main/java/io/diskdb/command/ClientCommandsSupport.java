package io.diskdb.command;

/** Rules shared by CLIENT SETNAME, CLIENT SETINFO and HELLO SETNAME. */
final class ClientCommandsSupport {
    private ClientCommandsSupport() {
    }

    /** Redis forbids spaces, newlines and other non-printable characters in client names. */
    static void validateName(String name) {
        if (!printableWithoutSpaces(name)) {
            throw new CommandError("ERR Client names cannot contain spaces, newlines or special characters.");
        }
    }

    /** CLIENT SETINFO values follow the client name rule; the error names the attribute as typed. */
    static void validateLibAttribute(String attribute, String value) {
        if (!printableWithoutSpaces(value)) {
            throw new CommandError("ERR " + attribute + " cannot contain spaces, newlines or special characters.");
        }
    }

    /** Only '!' to '~': these values appear in space-separated CLIENT LIST lines. */
    private static boolean printableWithoutSpaces(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '!' || c > '~') {
                return false;
            }
        }
        return true;
    }
}
