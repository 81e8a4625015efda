package io.diskdb.command;

/** The error replies shared by many commands, worded exactly as Redis 7 words them. */
public final class Errors {
    public static final String NOT_INTEGER = "ERR value is not an integer or out of range";
    public static final String NOT_FLOAT = "ERR value is not a valid float";
    public static final String SYNTAX = "ERR syntax error";
    public static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    public static final String NO_SUCH_KEY = "ERR no such key";
    public static final String OVERFLOW = "ERR increment or decrement would overflow";
    public static final String DB_OUT_OF_RANGE = "ERR DB index is out of range";
    public static final String NOAUTH = "NOAUTH Authentication required.";

    private Errors() {
    }

    public static CommandError notInteger() {
        return new CommandError(NOT_INTEGER);
    }

    public static CommandError notFloat() {
        return new CommandError(NOT_FLOAT);
    }

    public static CommandError syntax() {
        return new CommandError(SYNTAX);
    }

    public static CommandError wrongType() {
        return new CommandError(WRONGTYPE);
    }

    public static CommandError wrongArity(String commandName) {
        return new CommandError("ERR wrong number of arguments for '" + commandName + "' command");
    }

    /** "ERR unknown subcommand 'x'. Try CONFIG HELP." */
    public static CommandError unknownSubcommand(String sub, String container) {
        return new CommandError("ERR unknown subcommand '" + sub + "'. Try " + container.toUpperCase() + " HELP.");
    }

    /**
     * "ERR unknown subcommand or wrong number of arguments for 'x'. Try CMD HELP.": Redis's answer
     * when a subcommand gets more arguments than it takes, with the names as the client typed them.
     */
    public static CommandError subcommandSyntax(CommandContext ctx) {
        String sub = ctx.argString(1);
        return new CommandError("ERR unknown subcommand or wrong number of arguments for '"
                + (sub.length() > 128 ? sub.substring(0, 128) : sub) + "'. Try "
                + ctx.argString(0).toUpperCase(java.util.Locale.ROOT) + " HELP.");
    }

    public static CommandError invalidExpireTime(String commandName) {
        return new CommandError("ERR invalid expire time in '" + commandName + "' command");
    }

    public static final String NAN_OR_INFINITY = "ERR increment would produce NaN or Infinity";
    public static final String STRING_TOO_LONG = "ERR string exceeds maximum allowed size (proto-max-bulk-len)";
    public static final String OFFSET_OUT_OF_RANGE = "ERR offset is out of range";

    public static CommandError overflow() {
        return new CommandError(OVERFLOW);
    }

    public static CommandError nanOrInfinity() {
        return new CommandError(NAN_OR_INFINITY);
    }

    /** A string would grow beyond proto-max-bulk-len (SETRANGE, APPEND, SETBIT...). */
    public static CommandError stringTooLong() {
        return new CommandError(STRING_TOO_LONG);
    }

    public static CommandError offsetOutOfRange() {
        return new CommandError(OFFSET_OUT_OF_RANGE);
    }

    public static final String VALUE_OUT_OF_RANGE = "ERR value is out of range";

    /** Redis's getRangeLongFromObjectOrReply without a custom message (its wording, "must between", kept). */
    public static CommandError outOfRange(long min, long max) {
        return new CommandError("ERR value is out of range, value must between " + min + " and " + max);
    }

    public static CommandError valueOutOfRange() {
        return new CommandError(VALUE_OUT_OF_RANGE);
    }
}
