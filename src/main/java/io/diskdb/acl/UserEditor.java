package io.diskdb.acl;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Applies ACL rules ("on", ">secret", "~cache:*", "+@read", "-flushall"...) to a copy of a user,
 * in order, as Redis 7.0's ACLSetUser does; {@link #build()} yields the new immutable user.
 * A rule that fails leaves the original user untouched, since the caller never builds.
 *
 * <p>Command permissions are kept as the set of allowed command and subcommand names plus
 * "allows future commands" (set by +@all, cleared by -@all), and the rules are remembered in
 * order, each rule replacing an earlier one for the same command or category; the user keeps
 * those that still make a difference ({@link EffectiveCommandRules}), which is how Redis
 * describes them back ("-@all +@read -get").
 */
public final class UserEditor {
    private static final String PATTERN_AFTER_ALL_KEYS = "Adding a pattern after the * pattern (or the 'allkeys' flag) "
            + "is not valid and does not have any effect. Try 'resetkeys' to start with an empty list of patterns";
    private static final String PATTERN_AFTER_ALL_CHANNELS = "Adding a pattern after the * pattern (or the 'allchannels' "
            + "flag) is not valid and does not have any effect. Try 'resetchannels' to start with an empty list of channels";
    private static final String UNKNOWN_COMMAND = "Unknown command or category name in ACL";
    private static final String BAD_HASH = "The password hash must be exactly 64 characters and contain only "
            + "lowercase hexadecimal characters";

    private final CommandIndex index;
    private final String name;
    private boolean enabled;
    private boolean nopass;
    private PayloadSanitizing sanitizing = PayloadSanitizing.UNSET;
    private final LinkedHashSet<String> passwords;
    private boolean allKeys;
    private final List<KeyPattern> keys;
    private boolean allChannels;
    private final List<String> channels;
    private boolean allowsFutureCommands;
    private final Set<String> allowed;
    private final Map<String, Set<String>> firstArgs = new HashMap<>();
    private final List<String> rules;

    /** A brand-new user as ACL SETUSER creates it: off, no passwords, no keys, no channels, -@all. */
    public static UserEditor newUser(CommandIndex index, String name) {
        return new UserEditor(index, name);
    }

    /** Starts a change of an existing user. */
    public static UserEditor edit(CommandIndex index, AclUser user) {
        UserEditor editor = new UserEditor(index, user.name());
        editor.enabled = user.enabled();
        editor.nopass = user.nopass();
        editor.sanitizing = user.payloadSanitizing();
        editor.passwords.addAll(user.passwords());
        editor.allKeys = user.allKeys();
        editor.keys.addAll(user.keys());
        editor.allChannels = user.allChannels();
        editor.channels.addAll(user.channels());
        editor.allowsFutureCommands = user.allowsFutureCommands();
        editor.allowed.addAll(user.allowedCommands());
        user.allowedFirstArgs().forEach((cmd, args) -> editor.firstArgs.put(cmd, new HashSet<>(args)));
        editor.rules.addAll(user.commandRules());
        return editor;
    }

    private UserEditor(CommandIndex index, String name) {
        this.index = index;
        this.name = name;
        this.passwords = new LinkedHashSet<>();
        this.keys = new ArrayList<>();
        this.channels = new ArrayList<>();
        this.allowed = new HashSet<>();
        this.rules = new ArrayList<>();
    }

    /** Applies rules in order; stops at the first bad one. */
    public UserEditor apply(List<String> rulesToApply) throws AclRuleException {
        for (String rule : rulesToApply) {
            apply(rule);
        }
        return this;
    }

    public UserEditor apply(String rule) throws AclRuleException {
        if (rule.isEmpty()) {
            return this; // Redis's ACLSetUser takes an empty rule as a no-op ("ACL SETUSER bob ''")
        }
        String lower = rule.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "on" -> enabled = true;
            case "off" -> enabled = false;
            case "nopass" -> {
                nopass = true;
                passwords.clear();
            }
            case "resetpass" -> {
                nopass = false;
                passwords.clear();
            }
            case "allkeys", "~*" -> {
                allKeys = true;
                keys.clear();
            }
            case "resetkeys" -> {
                allKeys = false;
                keys.clear();
            }
            case "allchannels", "&*" -> {
                allChannels = true;
                channels.clear();
            }
            case "resetchannels" -> {
                allChannels = false;
                channels.clear();
            }
            case "allcommands", "+@all" -> setAllCommands(true);
            case "nocommands", "-@all" -> setAllCommands(false);
            case "reset" -> {
                for (String step : List.of("resetpass", "resetkeys", "resetchannels", "off", "sanitize-payload", "-@all")) {
                    apply(step);
                }
            }
            case "sanitize-payload" -> sanitizing = PayloadSanitizing.SANITIZE;
            case "skip-sanitize-payload" -> sanitizing = PayloadSanitizing.SKIP;
            // Accepted for ACL files written by Redis: there are no selectors to clear.
            case "clearselectors" -> { }
            default -> applyPrefixed(rule);
        }
        return this;
    }

    private void applyPrefixed(String rule) throws AclRuleException {
        char first = rule.charAt(0);
        String rest = rule.substring(1);
        switch (first) {
            case '>' -> addHash(PasswordHash.of(rest.getBytes(StandardCharsets.UTF_8)));
            case '#' -> {
                requireValidHash(rule, rest);
                addHash(rest);
            }
            case '<' -> removeHash(rule, PasswordHash.of(rest.getBytes(StandardCharsets.UTF_8)));
            case '!' -> {
                requireValidHash(rule, rest);
                removeHash(rule, rest);
            }
            case '~' -> addKeyPattern(rule, rest, true, true);
            case '%' -> addFlaggedKeyPattern(rule);
            case '&' -> {
                if (allChannels) {
                    throw new AclRuleException(rule, PATTERN_AFTER_ALL_CHANNELS);
                }
                requireNoSpaces(rule, rest);
                if (!channels.contains(rest)) {
                    channels.add(rest);
                }
            }
            case '+', '-' -> changeCommands(rule, rest.toLowerCase(Locale.ROOT), first == '+');
            case '(' -> throw new AclRuleException(rule, "Selectors are not supported by DiskDB");
            default -> throw new AclRuleException(rule, "Syntax error");
        }
    }

    private static void requireValidHash(String rule, String hash) throws AclRuleException {
        if (!PasswordHash.isValid(hash)) {
            throw new AclRuleException(rule, BAD_HASH);
        }
    }

    private void addHash(String hash) {
        passwords.add(hash);
        nopass = false;
    }

    private void removeHash(String rule, String hash) throws AclRuleException {
        if (!passwords.remove(hash)) {
            throw new AclRuleException(rule, "The password you are trying to remove from the user does not exist");
        }
    }

    /**
     * %R~pattern, %W~pattern, %RW~pattern, read as Redis 7.0.15 reads them: R and W at most once
     * each, in any case and order, at least one of them, then "~" and the pattern; letters that
     * run to the end of the rule ("%RW") stand for the empty pattern.
     */
    private void addFlaggedKeyPattern(String rule) throws AclRuleException {
        if (allKeys) {
            throw new AclRuleException(rule, PATTERN_AFTER_ALL_KEYS);
        }
        boolean read = false;
        boolean write = false;
        int at = 1;
        for (; at < rule.length(); at++) {
            char c = Character.toUpperCase(rule.charAt(at));
            if (c == 'R' && !read) {
                read = true;
            } else if (c == 'W' && !write) {
                write = true;
            } else if (c == '~' && (read || write)) {
                at++;
                break;
            } else {
                throw new AclRuleException(rule, "Syntax error");
            }
        }
        if (!read && !write) {
            throw new AclRuleException(rule, "Syntax error");
        }
        addKeyPattern(rule, rule.substring(at), read, write);
    }

    /**
     * Adds a key pattern; a pattern the user already has keeps its place and gains the new
     * permissions (%R~a* then %W~a* is ~a*), as in Redis. Read-write "*" is "allkeys": Redis
     * keeps it as a pattern, but then describes it as "~*", which a later pattern in the same
     * ACL file line would make invalid.
     */
    private void addKeyPattern(String rule, String pattern, boolean read, boolean write) throws AclRuleException {
        if (allKeys) {
            throw new AclRuleException(rule, PATTERN_AFTER_ALL_KEYS);
        }
        requireNoSpaces(rule, pattern);
        int index = indexOfKeyPattern(pattern);
        KeyPattern merged = index < 0 ? KeyPattern.of(pattern, read, write)
                : KeyPattern.of(pattern, read || keys.get(index).read(), write || keys.get(index).write());
        if (merged.read() && merged.write() && pattern.equals("*")) {
            allKeys = true;
            keys.clear();
        } else if (index < 0) {
            keys.add(merged);
        } else {
            keys.set(index, merged);
        }
    }

    private int indexOfKeyPattern(String pattern) {
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).pattern().equals(pattern)) {
                return i;
            }
        }
        return -1;
    }

    private static void requireNoSpaces(String rule, String pattern) throws AclRuleException {
        if (AclText.hasSpaces(pattern)) {
            throw new AclRuleException(rule, "Syntax error");
        }
    }

    private void setAllCommands(boolean allow) {
        allowsFutureCommands = allow;
        allowed.clear();
        firstArgs.clear();
        rules.clear();
        if (allow) {
            index.allNames().forEach(allowed::add);
        }
    }

    /** +cmd, -cmd, +@category, -@category, +cmd|sub, -cmd|sub, +cmd|firstarg. */
    private void changeCommands(String rule, String target, boolean allow) throws AclRuleException {
        if (target.startsWith("@")) {
            String category = target.substring(1);
            if (!index.isCategory(category)) {
                throw new AclRuleException(rule, UNKNOWN_COMMAND);
            }
            for (String command : index.category(category)) {
                setAllowed(command, allow);
            }
        } else if (index.command(target) != null) {
            setAllowed(target, allow);
            for (String sub : index.command(target).subcommands().keySet()) {
                setAllowed(sub, allow);
            }
            firstArgs.remove(target);
        } else {
            changeFirstArg(rule, target, allow);
        }
        updateRules((allow ? "+" : "-") + target);
    }

    /** "cmd|arg" for a command without subcommands allows just that first argument (as +select|0). */
    private void changeFirstArg(String rule, String target, boolean allow) throws AclRuleException {
        int bar = target.indexOf('|');
        if (bar <= 0 || !allow) {
            throw new AclRuleException(rule, UNKNOWN_COMMAND);
        }
        String command = target.substring(0, bar);
        var spec = index.command(command);
        if (spec == null || !spec.subcommands().isEmpty() || target.indexOf('|', bar + 1) >= 0) {
            throw new AclRuleException(rule, UNKNOWN_COMMAND);
        }
        firstArgs.computeIfAbsent(command, c -> new HashSet<>()).add(target.substring(bar + 1));
    }

    private void setAllowed(String command, boolean allow) {
        if (allow) {
            allowed.add(command);
        } else {
            allowed.remove(command);
        }
    }

    /** A rule replaces an earlier one about the same command or category, then goes last. */
    private void updateRules(String rule) {
        String subject = rule.substring(1);
        rules.removeIf(existing -> existing.substring(1).equals(subject));
        rules.add(rule);
    }

    public AclUser build() {
        List<String> shown = new EffectiveCommandRules(index).of(allowsFutureCommands, rules);
        boolean everyCommand = allowsFutureCommands && shown.stream().noneMatch(r -> r.startsWith("-"));
        return new AclUser(name, enabled, nopass, sanitizing, new ArrayList<>(passwords), allKeys, keys, allChannels,
                channels, allowsFutureCommands, everyCommand, allowed, firstArgs, shown);
    }
}
