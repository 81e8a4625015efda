package io.diskdb.command;

import io.diskdb.command.KeySpec.Index;
import io.diskdb.command.KeySpec.KeyNum;
import io.diskdb.command.KeySpec.Keyword;
import io.diskdb.command.KeySpec.Range;

import java.util.List;

/**
 * Finds the key arguments of one command, the way Redis 7's {@code getKeysFromCommandWithSpecs}
 * does: interpret the key specs; if one of them cannot be interpreted (unknown, incomplete, a
 * malformed numkeys) or the key flags depend on the arguments, use the command's native
 * procedure ({@link KeySpecFallback}) if Redis has one, else report no keys.
 *
 * <p>Rows without any key spec (DiskDB's own additions) use the legacy first/last/step range.
 *
 * <p>The dispatcher locks the keys found here, so no input may make this throw: every position
 * returned is inside the argument array, and a malformed call simply yields fewer (or no) keys,
 * leaving the command to report its syntax error.
 */
public final class KeySpecFinder {
    private final List<KeySpec> specs;
    private final KeySpecFallback fallback;
    private final boolean useSpecs;
    private final int firstKey;
    private final int lastKey;
    private final int keyStep;

    public KeySpecFinder(List<KeySpec> specs, KeySpecFallback fallback, int firstKey, int lastKey, int keyStep) {
        this.specs = List.copyOf(specs);
        this.fallback = fallback;
        this.firstKey = firstKey;
        this.lastKey = lastKey;
        this.keyStep = keyStep;
        // Redis prefers the specs only when at least one describes real keys and the flags they
        // declare do not depend on the arguments.
        this.useSpecs = this.specs.stream().anyMatch(spec -> !spec.notKey())
                && this.specs.stream().noneMatch(KeySpec::variableFlags);
    }

    public List<KeySpec> specs() {
        return specs;
    }

    /** Redis's {@code doesCommandHaveKeys}: whether COMMAND GETKEYS makes sense for this command. */
    public boolean hasKeys() {
        return fallback != null || specs.stream().anyMatch(spec -> !spec.notKey())
                || (specs.isEmpty() && firstKey > 0);
    }

    /** The keys of {@code args} (args[0] is the command name), with their flags. */
    public KeySpecResult find(byte[][] args) {
        KeySpecResult result = new KeySpecResult();
        if (useSpecs) {
            if (searchSpecs(args, result)) {
                return result;
            }
            result.clear();
        }
        if (fallback != null) {
            fallback.find(args, result);
            dropIfOutOfBounds(args, result);
        } else if (specs.isEmpty()) {
            legacyRange(args, result);
        }
        return result;
    }

    /**
     * Redis's procedures assume the arity was checked (SET's key is always args[1]); a caller
     * that asks anyway, with too few arguments, gets no keys rather than a position to trip on.
     */
    private static void dropIfOutOfBounds(byte[][] args, KeySpecResult result) {
        for (int i = 0; i < result.count(); i++) {
            if (result.position(i) >= args.length) {
                result.clear();
                return;
            }
        }
    }

    /** Redis's {@code getKeysUsingKeySpecs} without partial results: false if any spec is unusable. */
    private boolean searchSpecs(byte[][] args, KeySpecResult result) {
        int argc = args.length;
        for (KeySpec spec : specs) {
            if (spec.notKey()) {
                continue;
            }
            int first;
            if (spec.beginSearch() instanceof Index index) {
                first = index.position();
            } else if (spec.beginSearch() instanceof Keyword keyword) {
                first = afterKeyword(args, keyword);
                if (first == 0) {
                    continue; // an optional keyword that is absent: no keys from this spec
                }
            } else {
                return false;
            }
            long last;
            int step;
            if (spec.findKeys() instanceof Range range) {
                step = range.keyStep();
                if (range.lastKey() >= 0) {
                    last = (long) first + range.lastKey();
                } else if (range.limit() == 0) {
                    last = (long) argc + range.lastKey();
                } else {
                    last = first + ((argc - first) / range.limit() + range.lastKey());
                }
            } else if (spec.findKeys() instanceof KeyNum keyNum) {
                step = keyNum.keyStep();
                int countAt = first + keyNum.keyNumIndex();
                if (countAt >= argc) {
                    return false;
                }
                Long numKeys = Numbers.parseLong(args[countAt]);
                if (numKeys == null || numKeys < 0) {
                    return false;
                }
                first += keyNum.firstKey();
                last = first + numKeys - 1;
            } else {
                return false;
            }
            if (last >= argc || last < first || first >= argc) {
                return false;
            }
            for (int i = first; i <= last; i += Math.max(1, step)) {
                result.add(i, spec.flags());
            }
            if (spec.incomplete()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Index just after {@code keyword}, or 0 if absent. As in Redis the search stops one short of
     * its end: forward searches never look at the last argument, backward ones never at args[1].
     */
    private static int afterKeyword(byte[][] args, Keyword keyword) {
        int argc = args.length;
        int start = keyword.startFrom() > 0 ? keyword.startFrom() : argc + keyword.startFrom();
        int end = keyword.startFrom() > 0 ? argc - 1 : 1;
        for (int i = start; i != end; i = start <= end ? i + 1 : i - 1) {
            if (i >= argc || i < 1) {
                break;
            }
            if (Keywords.is(args[i], keyword.keyword())) {
                return i + 1;
            }
        }
        return 0;
    }

    /** Redis's {@code getKeysUsingLegacyRangeSpec}: a malformed call of a variadic command has no keys. */
    private void legacyRange(byte[][] args, KeySpecResult result) {
        if (firstKey <= 0) {
            return;
        }
        int last = lastKey < 0 ? args.length + lastKey : lastKey;
        for (int i = firstKey; i <= last; i += Math.max(1, keyStep)) {
            if (i >= args.length) {
                result.clear();
                return;
            }
            result.add(i, List.of());
        }
    }
}
