package io.diskdb.command;

/** Case-insensitive comparison of raw arguments with ASCII keywords, without allocating. */
public final class Keywords {
    private Keywords() {
    }

    public static boolean is(byte[] arg, String keyword) {
        int n = keyword.length();
        if (arg.length != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            int a = arg[i];
            if (a >= 'A' && a <= 'Z') {
                a += 32;
            }
            int k = keyword.charAt(i);
            if (k >= 'A' && k <= 'Z') {
                k += 32;
            }
            if (a != k) {
                return false;
            }
        }
        return true;
    }

    /** The ASCII lower-case form of a command or subcommand name. */
    public static String lower(byte[] arg) {
        char[] chars = new char[arg.length];
        for (int i = 0; i < arg.length; i++) {
            int c = arg[i] & 0xff;
            chars[i] = (char) (c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        return new String(chars);
    }
}
