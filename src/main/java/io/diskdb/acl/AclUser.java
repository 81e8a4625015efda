package io.diskdb.acl;

import io.diskdb.command.CommandSpec;
import io.diskdb.command.KeySpecResult;
import io.diskdb.util.Glob;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One ACL user, immutable: ACL SETUSER builds a new one with a {@link UserEditor} and swaps it
 * in, so event loops checking permissions never see a user half-changed and need no lock.
 */
public final class AclUser {
    private final String name;
    private final boolean enabled;
    private final boolean nopass;
    private final PayloadSanitizing payloadSanitizing;
    private final List<String> passwords;
    private final boolean allKeys;
    private final List<KeyPattern> keys;
    private final boolean allChannels;
    private final List<String> channels;
    private final boolean allowsFutureCommands;
    private final boolean allowsEveryCommand;
    private final Set<String> allowedCommands;
    private final Map<String, Set<String>> allowedFirstArgs;
    private final List<String> commandRules;

    AclUser(String name, boolean enabled, boolean nopass, PayloadSanitizing payloadSanitizing, List<String> passwords,
            boolean allKeys, List<KeyPattern> keys, boolean allChannels, List<String> channels, boolean allowsFutureCommands,
            boolean allowsEveryCommand, Set<String> allowedCommands, Map<String, Set<String>> allowedFirstArgs,
            List<String> commandRules) {
        this.name = name;
        this.enabled = enabled;
        this.nopass = nopass;
        this.payloadSanitizing = payloadSanitizing;
        this.passwords = List.copyOf(passwords);
        this.allKeys = allKeys;
        this.keys = List.copyOf(keys);
        this.allChannels = allChannels;
        this.channels = List.copyOf(channels);
        this.allowsFutureCommands = allowsFutureCommands;
        this.allowsEveryCommand = allowsEveryCommand;
        this.allowedCommands = Set.copyOf(allowedCommands);
        this.allowedFirstArgs = Map.copyOf(allowedFirstArgs);
        this.commandRules = List.copyOf(commandRules);
    }

    public String name() {
        return name;
    }

    public boolean enabled() {
        return enabled;
    }

    public boolean nopass() {
        return nopass;
    }

    /** SHA-256 hex of each password, in the order they were added. */
    public List<String> passwords() {
        return passwords;
    }

    /** Whether AUTH with this password logs in as this user (Redis: on, and nopass or a matching hash). */
    public boolean acceptsPassword(byte[] password) {
        if (!enabled) {
            return false;
        }
        if (nopass) {
            return true;
        }
        String hash = PasswordHash.of(password);
        boolean match = false;
        for (String stored : passwords) {
            match |= PasswordHash.sameHash(stored, hash);
        }
        return match;
    }

    /** May run anything on any key and channel: the common case, checked without looking further. */
    public boolean unrestricted() {
        return allowsEveryCommand && allKeys && allChannels;
    }

    /**
     * May this user run the command (a resolved subcommand for containers)? A first-argument
     * rule ("+select|0") allows one first argument of a command without subcommands.
     */
    public boolean permitsCommand(CommandSpec spec, byte[][] args) {
        if (allowsEveryCommand || allowedCommands.contains(spec.name())) {
            return true;
        }
        Set<String> firstArgs = allowedFirstArgs.get(spec.name());
        return firstArgs != null && args.length > 1
                && firstArgs.contains(new String(args[1], StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
    }

    /** Whether a command unknown to the command index (none today) would be allowed: "+@all" last. */
    boolean allowsFutureCommands() {
        return allowsFutureCommands;
    }

    /** The first key of the call this user may not touch, or -1 (keys as the command table finds them). */
    public int deniedKey(KeySpecResult found, byte[][] args) {
        if (allKeys) {
            return -1;
        }
        for (int i = 0; i < found.count(); i++) {
            List<String> flags = found.flags(i);
            boolean read = flags.contains("access");
            boolean write = flags.contains("insert") || flags.contains("delete") || flags.contains("update");
            if (!permitsKey(args[found.position(i)], read, write)) {
                return found.position(i);
            }
        }
        return -1;
    }

    public boolean permitsKey(byte[] key, boolean read, boolean write) {
        if (allKeys) {
            return true;
        }
        for (KeyPattern pattern : keys) {
            if (pattern.permits(key, read, write)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The channel check for PUBLISH, SUBSCRIBE and friends: a channel must match one of the
     * user's channel patterns; a PSUBSCRIBE pattern must BE one of them, literally, because a
     * subscription pattern could otherwise match channels the user may not see (Redis's rule).
     */
    public boolean permitsChannel(byte[] channel, boolean isPattern) {
        if (allChannels) {
            return true;
        }
        String text = new String(channel, StandardCharsets.UTF_8);
        for (String pattern : channels) {
            if (isPattern ? pattern.equals(text) : Glob.matches(pattern.getBytes(StandardCharsets.UTF_8), channel)) {
                return true;
            }
        }
        return false;
    }

    /** ACL GETUSER "flags", in Redis's order, which ACL LIST and the ACL file use too. */
    public List<String> flags() {
        List<String> flags = new ArrayList<>();
        flags.add(enabled ? "on" : "off");
        if (nopass) {
            flags.add("nopass");
        }
        if (payloadSanitizing.flag() != null) {
            flags.add(payloadSanitizing.flag());
        }
        return flags;
    }

    /** ACL GETUSER "commands": "+@all", or "-@all" then the rules in the order they were given. */
    public String commandsDescription() {
        StringBuilder text = new StringBuilder(allowsFutureCommands ? "+@all" : "-@all");
        for (String rule : commandRules) {
            text.append(' ').append(rule);
        }
        return text.toString();
    }

    /** ACL GETUSER "keys": "~*", or the patterns ("~a* %R~b*"), or "" for none. */
    public String keysDescription() {
        if (allKeys) {
            return "~*";
        }
        List<String> parts = new ArrayList<>();
        keys.forEach(k -> parts.add(k.describe()));
        return String.join(" ", parts);
    }

    /** ACL GETUSER "channels": "&*", or the patterns ("&news:*"), or "" for none. */
    public String channelsDescription() {
        if (allChannels) {
            return "&*";
        }
        List<String> parts = new ArrayList<>();
        channels.forEach(c -> parts.add("&" + c));
        return String.join(" ", parts);
    }

    /** The user as one line of ACL LIST and of the ACL file; applying its rules rebuilds this user. */
    public String describe() {
        StringBuilder line = new StringBuilder("user ").append(name).append(' ').append(String.join(" ", flags()));
        passwords.forEach(hash -> line.append(" #").append(hash));
        String keyRules = keysDescription();
        if (!keyRules.isEmpty()) {
            line.append(' ').append(keyRules);
        }
        if (!allChannels) {
            line.append(" resetchannels");
        }
        String channelRules = channelsDescription();
        if (!channelRules.isEmpty()) {
            line.append(' ').append(channelRules);
        }
        return line.append(' ').append(commandsDescription()).toString();
    }

    // Read by UserEditor to start a change from this user.
    PayloadSanitizing payloadSanitizing() {
        return payloadSanitizing;
    }

    boolean allKeys() {
        return allKeys;
    }

    List<KeyPattern> keys() {
        return keys;
    }

    boolean allChannels() {
        return allChannels;
    }

    List<String> channels() {
        return channels;
    }

    Set<String> allowedCommands() {
        return allowedCommands;
    }

    Map<String, Set<String>> allowedFirstArgs() {
        return allowedFirstArgs;
    }

    List<String> commandRules() {
        return commandRules;
    }
}
