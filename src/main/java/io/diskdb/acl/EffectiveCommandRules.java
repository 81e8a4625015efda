package io.diskdb.acl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A user's command rules without the ones that no longer make a difference, which is how they
 * are shown back (ACL GETUSER, ACL LIST, the ACL file). Redis 7.0 describes the permissions a
 * user ends up with rather than the rules given, so it never shows such rules: "+get +@read" and
 * "+@read +get" are both "+@read", "+@read -@read" is nothing. Replaying the rules kept gives
 * exactly the same permissions as replaying all of them.
 */
final class EffectiveCommandRules {
    private final CommandIndex index;

    EffectiveCommandRules(CommandIndex index) {
        this.index = index;
    }

    /** @param allowsAll whether the rules start from +@all (else from -@all) */
    List<String> of(boolean allowsAll, List<String> rules) {
        List<String> notOverridden = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            if (!overriddenLater(rules, i)) {
                notOverridden.add(rules.get(i));
            }
        }
        Set<String> allowed = new HashSet<>();
        if (allowsAll) {
            index.allNames().forEach(allowed::add);
        }
        List<String> kept = new ArrayList<>();
        for (String rule : notOverridden) {
            Set<String> affected = affected(rule);
            boolean allow = rule.charAt(0) == '+';
            if (affected == null) {
                kept.add(rule); // a first-argument rule ("+select|0") adds what no bit records
            } else if (allow ? !allowed.containsAll(affected) : affected.stream().anyMatch(allowed::contains)) {
                kept.add(rule);
                if (allow) {
                    allowed.addAll(affected);
                } else {
                    allowed.removeAll(affected);
                }
            }
        }
        return kept;
    }

    /**
     * Whether a later rule sets everything rule {@code i} set: a category containing the command
     * and all its subcommands, or, for a first-argument rule, a rule about its whole command.
     */
    private boolean overriddenLater(List<String> rules, int i) {
        String target = rules.get(i).substring(1);
        if (target.startsWith("@")) {
            return false;
        }
        Set<String> affected = affected(rules.get(i));
        String command = target.contains("|") && affected == null ? target.substring(0, target.indexOf('|')) : null;
        for (String later : rules.subList(i + 1, rules.size())) {
            String laterTarget = later.substring(1);
            if (command != null ? laterTarget.equals(command)
                    : laterTarget.startsWith("@") && index.category(laterTarget.substring(1)).containsAll(affected)) {
                return true;
            }
        }
        return false;
    }

    /** The commands and subcommands a rule allows or denies; null for a first-argument rule. */
    private Set<String> affected(String rule) {
        String target = rule.substring(1);
        if (target.startsWith("@")) {
            return new HashSet<>(index.category(target.substring(1)));
        }
        var spec = index.command(target);
        if (spec == null) {
            return null;
        }
        Set<String> affected = new HashSet<>(spec.subcommands().keySet());
        affected.add(target);
        return affected;
    }
}
