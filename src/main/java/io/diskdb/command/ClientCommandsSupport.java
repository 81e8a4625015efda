package io.diskdb.command;

/** Rules shared by CLIENT SETNAME and HELLO SETNAME. */
final class ClientCommandsSupport {
    private ClientCommandsSupport() {
    }

    /** Redis forbids spaces, newlines and other non-printable characters in client names. */
    static void validateName(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '!' || c > '~') {
                throw new CommandError("ERR Client names cannot contain spaces, newlines or special characters.");
            }
        }
    }
}
