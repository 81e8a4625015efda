package io.diskdb.acl;

/**
 * A user's choice about sanitizing RESTORE payloads: Redis 7.0 keeps it as a user flag that
 * GETUSER and ACL LIST show ("sanitize-payload", set by "reset", or "skip-sanitize-payload")
 * and that is absent until a rule sets it. DiskDB never needs to sanitize (it stores no Redis
 * encodings), but it keeps the flag so users read back, and survive ACL files, as in Redis.
 */
public enum PayloadSanitizing {
    UNSET(null), SKIP("skip-sanitize-payload"), SANITIZE("sanitize-payload");

    private final String flag;

    PayloadSanitizing(String flag) {
        this.flag = flag;
    }

    /** The flag GETUSER and ACL LIST show, or null. */
    public String flag() {
        return flag;
    }
}
