package io.diskdb.acl;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Passwords as Redis stores them: the lowercase hex SHA-256 of the password bytes. Only hashes
 * are kept in memory and in the ACL file, so a leaked file or ACL GETUSER shows no password.
 */
public final class PasswordHash {
    private static final int HEX_LENGTH = 64;

    private PasswordHash() {
    }

    public static String of(byte[] password) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(password));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides SHA-256", e);
        }
    }

    /** What Redis accepts after '#' or '!': exactly 64 lowercase hex digits. */
    public static boolean isValid(String hash) {
        if (hash.length() != HEX_LENGTH) {
            return false;
        }
        for (int i = 0; i < HEX_LENGTH; i++) {
            char c = hash.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** Compares in constant time, so response timing does not reveal how much of a hash matched. */
    public static boolean sameHash(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                b.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
}
