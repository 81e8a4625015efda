package io.diskdb.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a typed line into arguments as redis-cli does (Redis's sdssplitargs): blanks separate,
 * "double quotes" take \n \r \t \b \a \xNN and \-escapes, 'single quotes' only \', and a closing
 * quote must end the argument.
 */
public final class ArgSplitter {
    /** Past the end of the line (C's terminating NUL; bytes here are signed, so never -1000). */
    private static final int END = -1000;

    private ArgSplitter() {
    }

    /** The arguments, or null when the quoting is unbalanced ("Invalid argument(s)" in redis-cli). */
    public static List<byte[]> split(String line) {
        byte[] p = line.getBytes(StandardCharsets.UTF_8);
        List<byte[]> args = new ArrayList<>();
        int i = 0;
        while (true) {
            while (i < p.length && isSpace(p[i])) {
                i++;
            }
            if (i == p.length) {
                return args;
            }
            ByteArrayOutputStream current = new ByteArrayOutputStream();
            boolean inDouble = false;
            boolean inSingle = false;
            boolean done = false;
            while (!done) {
                int c = i < p.length ? p[i] : END;
                int next = i + 1 < p.length ? p[i + 1] : END;
                if (inDouble) {
                    if (c == '\\' && next == 'x' && i + 3 < p.length && isHex(p[i + 2]) && isHex(p[i + 3])) {
                        current.write(Character.digit(p[i + 2], 16) * 16 + Character.digit(p[i + 3], 16));
                        i += 3;
                    } else if (c == '\\' && next != END) {
                        i++;
                        current.write(switch (next) {
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case 't' -> '\t';
                            case 'b' -> '\b';
                            case 'a' -> 7;
                            default -> next;
                        });
                    } else if (c == '"') {
                        if (next != END && !isSpace((byte) next)) {
                            return null;
                        }
                        done = true;
                    } else if (c == END) {
                        return null;
                    } else {
                        current.write(c);
                    }
                } else if (inSingle) {
                    if (c == '\\' && next == '\'') {
                        i++;
                        current.write('\'');
                    } else if (c == '\'') {
                        if (next != END && !isSpace((byte) next)) {
                            return null;
                        }
                        done = true;
                    } else if (c == END) {
                        return null;
                    } else {
                        current.write(c);
                    }
                } else {
                    switch (c) {
                        case ' ', '\n', '\r', '\t', END -> done = true;
                        case '"' -> inDouble = true;
                        case '\'' -> inSingle = true;
                        default -> current.write(c);
                    }
                }
                if (i < p.length) {
                    i++;
                }
            }
            args.add(current.toByteArray());
        }
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }

    private static boolean isHex(byte c) {
        return Character.digit(c, 16) >= 0;
    }
}
