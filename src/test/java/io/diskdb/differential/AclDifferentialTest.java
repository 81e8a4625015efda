package io.diskdb.differential;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ACL users, permission refusals, the ACL log and permissions inside MULTI/EXEC against Redis
 * 7.0: an admin (client 0) changes users while alice (client 1) works, and both servers must
 * answer byte for byte. ACL LOG entries are compared whole except their age (the servers run
 * a moment apart) and the parts of client-info that name the connection (id, address, fd) or
 * count bytes Redis allocates; flags, db, multi, cmd, user and resp must agree.
 */
class AclDifferentialTest extends DifferentialTest {
    private static final int ADMIN = 0;
    private static final int ALICE = 1;
    private static final Pattern CLIENT_INFO = Pattern.compile("\\$\\d+\r\nid=\\d+ .*? flags=(\\S+) db=(\\d+) .*?"
            + " multi=(-?\\d+) .*? cmd=(\\S+) user=(\\S+) redir=-1 resp=(\\d)[^\r]*\r\n");
    private static final Pattern AGE = Pattern.compile("age-seconds\r\n(\\$\\d+\r\n|,)[0-9.e-]+\r\n");

    @BeforeEach
    void users() {
        admin("ACL", "SETUSER", "alice", "on", ">p1", "~cache:*", "%R~shared:*", "&chan:*", "+@read", "-get", "+set",
                "+multi", "+exec", "+watch", "+publish", "+subscribe", "+client|id");
        admin("ACL", "SETUSER", "bob", "on", ">p2", "~*", "+get");
    }

    private void admin(String... args) {
        runAs(ADMIN, Step.of(args), "admin: ");
    }

    private void alice(String... args) {
        runAs(ALICE, Step.of(args), "alice: ");
    }

    @Test
    void failedLoginsAndRefusalsAreLoggedAndGrouped() {
        alice("auth", "alice", "wrong");
        alice("HELLO", "3", "AUTH", "nobody", "x");
        alice("AUTH", "alice", "wrong");
        alice("AUTH", "alice", "p1");
        alice("GET", "cache:1");
        alice("SET", "other", "v");
        alice("SET", "shared:1", "v");
        alice("PUBLISH", "news", "m");
        alice("SUBSCRIBE", "chan:1", "news");
        alice("CLIENT", "LIST");
        alice("GET", "cache:2");
        admin("ACL", "LOG");
        admin("ACL", "LOG", "3");
        admin("ACL", "LOG", "0");
        admin("ACL", "LOG", "-2");
        admin("ACL", "LOG", "ten");
        admin("ACL", "LOG", "1", "2");
        admin("HELLO", "3");
        admin("ACL", "LOG", "2");
        admin("ACL", "LOG", "RESET");
        admin("ACL", "LOG");
    }

    @Test
    void refusalsInsideMultiAndAtExec() {
        alice("AUTH", "alice", "p1");
        alice("MULTI");
        alice("SET", "cache:1", "v");
        alice("GET", "cache:1");
        alice("EXEC");
        alice("MULTI");
        alice("SET", "cache:1", "v");
        alice("PUBLISH", "chan:1", "m");
        alice("SET", "cache:2", "v");
        alice("HGET", "cache:2", "f");
        alice("AUTH", "bob", "p2");
        alice("SET", "cache:3", "v");
        admin("ACL", "SETUSER", "alice", "resetkeys", "~cache:2", "resetchannels", "-hget");
        alice("EXEC");
        alice("GET", "cache:2");
        admin("GET", "cache:1");
        admin("ACL", "LOG");
    }

    @Test
    void anExecRefusedBeforeItRunsEndsTheTransaction() {
        alice("AUTH", "alice", "p1");
        alice("WATCH", "cache:1");
        alice("MULTI");
        alice("SET", "cache:1", "v");
        alice("EXEC", "extra");
        alice("MULTI");
        admin("SET", "cache:1", "changed");
        admin("ACL", "SETUSER", "alice", "-exec");
        alice("EXEC");
        alice("MULTI");
        alice("SET", "cache:1", "mine");
        admin("ACL", "SETUSER", "alice", "+exec");
        alice("EXEC");
        admin("GET", "cache:1");
        admin("ACL", "LOG");
    }

    @Test
    void acllogMaxLen() {
        admin("CONFIG", "GET", "acllog-max-len");
        admin("CONFIG", "SET", "acllog-max-len", "-1");
        admin("CONFIG", "SET", "acllog-max-len", "2x");
        alice("AUTH", "u1", "x");
        alice("AUTH", "u2", "x");
        alice("AUTH", "u3", "x");
        admin("CONFIG", "SET", "acllog-max-len", "1");
        admin("ACL", "LOG");
        alice("AUTH", "u4", "x");
        admin("ACL", "LOG");
        admin("CONFIG", "SET", "acllog-max-len", "0");
        alice("AUTH", "u4", "x");
        admin("ACL", "LOG");
        alice("AUTH", "u5", "x");
        admin("ACL", "LOG");
        admin("CONFIG", "GET", "acllog-max-len");
    }

    @Test
    void theRestOfTheAclSurface() {
        for (List<String> call : List.of(
                List.of("ACL", "WHOAMI"), List.of("ACL", "WHOAMI", "x"), List.of("ACL", "USERS"),
                List.of("ACL", "GETUSER", "nobody"), List.of("ACL", "GETUSER"),
                List.of("ACL", "LIST", "x"), List.of("ACL", "CAT", "nosuch"),
                List.of("ACL", "CAT", "read", "write"), List.of("ACL", "GENPASS", "0"), List.of("ACL", "GENPASS", "x"),
                List.of("ACL", "GENPASS", "4097"), List.of("ACL", "GENPASS", "1", "2"),
                List.of("ACL", "DRYRUN", "alice", "get", "cache:1"), List.of("ACL", "DRYRUN", "alice", "set", "cache:1", "v"),
                List.of("ACL", "DRYRUN", "alice", "set", "shared:1", "v"), List.of("ACL", "DRYRUN", "alice", "hget", "x", "f"),
                List.of("ACL", "DRYRUN", "alice", "publish", "news", "m"), List.of("ACL", "DRYRUN", "alice", "client", "list"),
                List.of("ACL", "DRYRUN", "alice", "CONFIG", "FOO"), List.of("ACL", "DRYRUN", "alice", "config"),
                List.of("ACL", "DRYRUN", "alice", "auth", "bob", "p2"), List.of("ACL", "DRYRUN", "alice", "get"),
                List.of("ACL", "DRYRUN", "nobody", "get", "x"), List.of("ACL", "DRYRUN", "alice", "nosuch"),
                List.of("ACL", "SETUSER", "carol", ""), List.of("ACL", "SETUSER", "carol", "bogus"),
                List.of("ACL", "SETUSER", "carol", "+nosuch"), List.of("ACL", "SETUSER", "carol", "#abc"),
                List.of("ACL", "SETUSER", "carol", "<nosuch"), List.of("ACL", "SETUSER", "carol", "~*", "~x"),
                List.of("ACL", "SETUSER", "carol", "&*", "&x"), List.of("ACL", "SETUSER", "a b"),
                List.of("ACL", "GETUSER", "carol"), List.of("ACL", "DELUSER", "default"),
                List.of("ACL", "SETUSER", "kp", "%R~a*", "~b*", "%W~a*", "%r~c*", "~c*"), List.of("ACL", "GETUSER", "kp"),
                List.of("ACL", "SETUSER", "kp", "~a b"), List.of("ACL", "SETUSER", "kp", "&a\tb"),
                List.of("ACL", "SETUSER", "kp", "%RWR~x"), List.of("ACL", "SETUSER", "kp", "%~x"),
                List.of("ACL", "SETUSER", "kp", "%"), List.of("ACL", "SETUSER", "kp", "%X~x"),
                List.of("ACL", "SETUSER", "kp", "%wR"), List.of("ACL", "GETUSER", "kp"),
                List.of("ACL", "SETUSER", "a\tb"), List.of("ACL", "SETUSER", "all", "allkeys", "%X~x"),
                List.of("ACL", "DELUSER", "carol", "nobody"), List.of("ACL", "NOSUCH"), List.of("ACL"))) {
            admin(call.toArray(String[]::new));
        }
        alice("AUTH", "alice", "p1");
        alice("ACL", "WHOAMI");
        alice("CLIENT", "KILL", "USER", "bob");
        // Command rules are described back as given; Redis 7.0 recomputes them from a bitmap, can fold
        // several commands into a category (+multi +exec +watch -> +@transaction -discard -unwatch) and
        // lists single commands in its dict's order, which its random hash seed changes from one run to
        // the next. So GETUSER and LIST are compared for users with at most one single-command rule.
        admin("ACL", "DELUSER", "alice", "bob");
        admin("ACL", "SETUSER", "dave", "on", ">p3", "~cache:*", "%R~shared:*", "%W~out:*", "&chan:*", "+@read", "-get");
        admin("ACL", "SETUSER", "erin", "reset", "on", "nopass", "~*", "+get");
        admin("ACL", "GETUSER", "erin");
        admin("ACL", "SETUSER", "erin", "skip-sanitize-payload");
        admin("ACL", "SETUSER", "frank", "on", "skip-sanitize-payload", ">p4");
        admin("ACL", "GETUSER", "dave");
        List<List<String>> ruleLists = List.of(List.of("+@read", "+get"), List.of("+get", "+@read"),
                List.of("+get", "-get"), List.of("+@read", "-@read"), List.of("+@read", "-get", "+get"),
                List.of("nocommands", "+get", "-@read"), List.of("+@all", "-get", "+get"),
                List.of("+@all", "-@read", "+@read"), List.of("+@all", "-@read", "+get"), List.of("+@string", "-set"),
                List.of("+@all", "-@dangerous", "+@dangerous"), List.of("-get"));
        for (int i = 0; i < ruleLists.size(); i++) {
            List<String> setUser = new java.util.ArrayList<>(List.of("ACL", "SETUSER", "rules" + i));
            setUser.addAll(ruleLists.get(i));
            admin(setUser.toArray(String[]::new));
            admin("ACL", "GETUSER", "rules" + i);
        }
        admin("ACL", "GETUSER", "frank");
        admin("ACL", "LIST");
        admin("ACL", "USERS");
    }

    @Override
    protected boolean equivalent(String command, String ours, String theirs) {
        return super.equivalent(command, ours, theirs)
                || command.equals("acl") && comparableLog(ours).equals(comparableLog(theirs))
                || command.equals("hello") && withoutClientId(ours).equals(withoutClientId(theirs));
    }

    /** HELLO's reply names the connection's id, which the two servers number differently. */
    private static String withoutClientId(String reply) {
        return reply.replaceFirst("\\$2\r\nid\r\n:\\d+\r\n", "");
    }

    /** An ACL LOG reply without what differs between two servers and two connections. */
    private static String comparableLog(String reply) {
        String withoutAges = AGE.matcher(reply).replaceAll("age-seconds\r\n<age>\r\n");
        Matcher info = CLIENT_INFO.matcher(withoutAges);
        return info.replaceAll(m -> Matcher.quoteReplacement("<client flags=" + m.group(1) + " db=" + m.group(2)
                + " multi=" + m.group(3) + " cmd=" + m.group(4) + " user=" + m.group(5) + " resp=" + m.group(6) + ">\r\n"));
    }
}
