package io.diskdb.acl;

import io.diskdb.command.CommandSpec;
import io.diskdb.command.KeySpecResult;

import java.nio.charset.StandardCharsets;

/**
 * The ACL check of one call, in Redis's order: the command (or subcommand), then its keys as
 * the command table finds them, then its channels. The dispatcher turns a {@link Denial} into
 * a NOPERM error, ACL DRYRUN into its sentence.
 */
public final class Permissions {
    /** What a user may not do, and on which argument. */
    public record Denial(Reason reason, String object) {
        /** The error a client gets (Redis 7.0.15's wording). */
        public String error() {
            return switch (reason) {
                case COMMAND -> "NOPERM this user has no permissions to run the '" + object + "' command";
                case KEY -> "NOPERM this user has no permissions to access one of the keys used as arguments";
                case CHANNEL -> "NOPERM this user has no permissions to access one of the channels used as arguments";
            };
        }

        /**
         * The error EXEC puts in place of a queued command the user may no longer run, its ACL
         * rules having changed since it was queued (Redis 7.0.15's wording).
         */
        public String errorAtExec() {
            return "NOPERM ACLs rules changed between the moment the transaction was accumulated and the EXEC call. "
                    + "This command is no longer allowed for the following reason: " + switch (reason) {
                        case COMMAND -> "no permission to execute the command or subcommand";
                        case KEY -> "no permission to touch the specified keys";
                        case CHANNEL -> "no permission to access one of the channels used as arguments";
                    };
        }

        /** ACL DRYRUN's answer. */
        public String dryRun() {
            return "This user has no permissions to " + switch (reason) {
                case COMMAND -> "run the '" + object + "' command";
                case KEY -> "access the '" + object + "' key";
                case CHANNEL -> "access the '" + object + "' channel";
            };
        }
    }

    public enum Reason { COMMAND, KEY, CHANNEL }

    private Permissions() {
    }

    /** Null if {@code user} may run this call; {@code spec} is the resolved (sub)command. */
    public static Denial check(AclUser user, CommandSpec spec, byte[][] args) {
        if (spec.hasFlag("no_auth")) {
            return null; // AUTH and HELLO are open to every user, as in Redis, so one can always log in as another
        }
        if (user == null) {
            return new Denial(Reason.COMMAND, spec.name()); // deleted while connected: nothing is allowed
        }
        if (user.unrestricted()) {
            return null;
        }
        if (!user.permitsCommand(spec, args)) {
            return new Denial(Reason.COMMAND, spec.name());
        }
        if (spec.hasKeys()) {
            KeySpecResult keys = spec.keys(args);
            int denied = user.deniedKey(keys, args);
            if (denied >= 0) {
                return new Denial(Reason.KEY, text(args[denied]));
            }
        }
        int[] channels = ChannelArguments.range(spec.name(), args.length);
        if (channels != null) {
            boolean patterns = ChannelArguments.arePatterns(spec.name());
            for (int i = channels[0]; i <= channels[1] && i < args.length; i++) {
                if (!user.permitsChannel(args[i], patterns)) {
                    return new Denial(Reason.CHANNEL, text(args[i]));
                }
            }
        }
        return null;
    }

    private static String text(byte[] arg) {
        return new String(arg, StandardCharsets.UTF_8);
    }
}
