package io.diskdb.acl;

/** A rule ACL SETUSER (or the ACL file) cannot apply; the message is Redis's reason. */
public final class AclRuleException extends Exception {
    private final String rule;

    AclRuleException(String rule, String reason) {
        super(reason);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }

    /** Redis's reply: "ERR Error in ACL SETUSER modifier 'rule': reason". */
    public String redisError() {
        return "ERR Error in ACL SETUSER modifier '" + rule + "': " + getMessage();
    }
}
