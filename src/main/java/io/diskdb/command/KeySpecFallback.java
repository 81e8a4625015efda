package io.diskdb.command;

import java.util.List;
import java.util.Map;

/**
 * The key-finding procedures Redis keeps beside the key specs ({@code getkeys_proc} in its
 * command table), used when the specs of a command cannot answer: SORT's keys hide among
 * options, MIGRATE's KEYS spec is incomplete, SET's and BITFIELD's flags depend on the
 * arguments, and a numkeys that the specs reject is re-read the lenient way (atoi).
 * Each one follows its Redis 7.0 counterpart, quirks included, so that COMMAND GETKEYS and
 * the dispatcher's locks agree with Redis.
 */
@FunctionalInterface
public interface KeySpecFallback {
    void find(byte[][] args, KeySpecResult into);

    List<String> RO_ACCESS = List.of("RO", "access");
    List<String> OW_UPDATE = List.of("OW", "update");
    List<String> RW_ACCESS_UPDATE = List.of("RW", "access", "update");
    List<String> RW_ACCESS_DELETE = List.of("RW", "access", "delete");
    List<String> NO_FLAGS = List.of();

    /** Redis's procedure for a command, or null when it has none. */
    static KeySpecFallback forCommand(String name) {
        return Procedures.BY_COMMAND.get(name);
    }

    /** The procedures themselves; see the Redis function named on each. */
    final class Procedures {
        private Procedures() {
        }

        /** genericGetKeys: [store] numkeys key... with numkeys read by atoi. */
        static KeySpecFallback numKeys(int storeAt, int countAt, int firstAt) {
            return (args, into) -> {
                if (countAt >= args.length) {
                    return;
                }
                long num = atoi(args[countAt]);
                if (num < 1 || num > args.length - firstAt) {
                    return;
                }
                for (int i = 0; i < num; i++) {
                    into.add(firstAt + i, NO_FLAGS);
                }
                if (storeAt > 0) {
                    into.add(storeAt, NO_FLAGS);
                }
            };
        }

        /** sortGetKeys: the sorted key, then the last STORE target, skipping option arguments. */
        static void sort(byte[][] args, KeySpecResult into) {
            into.add(1, RO_ACCESS);
            int store = -1;
            for (int i = 2; i < args.length; i++) {
                if (Keywords.is(args[i], "limit")) {
                    i += 2;
                } else if (Keywords.is(args[i], "get") || Keywords.is(args[i], "by")) {
                    i += 1;
                } else if (Keywords.is(args[i], "store") && i + 1 < args.length) {
                    store = i + 1;
                }
            }
            if (store > 0) {
                into.add(store, OW_UPDATE);
            }
        }

        /** migrateGetKeys: the key argument, or with KEYS (and an empty key) everything after it. */
        static void migrate(byte[][] args, KeySpecResult into) {
            int first = 3;
            int num = 1;
            for (int i = 6; i < args.length; i++) {
                if (Keywords.is(args[i], "keys")) {
                    if (args[3].length > 0) {
                        num = 0; // a syntax error MIGRATE itself reports
                    } else {
                        first = i + 1;
                        num = args.length - first;
                    }
                    break;
                }
                if (Keywords.is(args[i], "auth")) {
                    i += 1;
                } else if (Keywords.is(args[i], "auth2")) {
                    i += 2;
                }
            }
            for (int i = 0; i < num && first + i < args.length; i++) {
                into.add(first + i, RW_ACCESS_DELETE);
            }
        }

        /** georadiusGetKeys: the key and the last STORE/STOREDIST target. */
        static void georadius(byte[][] args, KeySpecResult into) {
            into.add(1, NO_FLAGS);
            int stored = -1;
            for (int i = 5; i < args.length; i++) {
                if ((Keywords.is(args[i], "store") || Keywords.is(args[i], "storedist")) && i + 1 < args.length) {
                    stored = ++i;
                }
            }
            if (stored > 0) {
                into.add(stored, NO_FLAGS);
            }
        }

        /** xreadGetKeys: half of what follows the STREAMS option, found by parsing the options. */
        static void xread(byte[][] args, KeySpecResult into) {
            int streams = -1;
            for (int i = 1; i < args.length; i++) {
                if (Keywords.is(args[i], "block") || Keywords.is(args[i], "count")) {
                    i += 1;
                } else if (Keywords.is(args[i], "group")) {
                    i += 2;
                } else if (Keywords.is(args[i], "streams")) {
                    streams = i;
                    break;
                } else if (!Keywords.is(args[i], "noack")) {
                    break;
                }
            }
            int num = streams < 0 ? 0 : args.length - streams - 1;
            if (num == 0 || num % 2 != 0) {
                return;
            }
            for (int i = streams + 1; i < args.length - num / 2; i++) {
                into.add(i, NO_FLAGS);
            }
        }

        /** setGetKeys: with GET the old value is read, so the key is read-write. */
        static void set(byte[][] args, KeySpecResult into) {
            for (int i = 3; i < args.length; i++) {
                if (Keywords.is(args[i], "get")) {
                    into.add(1, RW_ACCESS_UPDATE);
                    return;
                }
            }
            into.add(1, OW_UPDATE);
        }

        /** bitfieldGetKeys: read-only when made of GET (and OVERFLOW) operations only. */
        static void bitfield(byte[][] args, KeySpecResult into) {
            boolean readOnly = true;
            for (int i = 2; i < args.length; i++) {
                int remaining = args.length - i - 1;
                if (Keywords.is(args[i], "get") && remaining >= 2) {
                    i += 2;
                } else if (Keywords.is(args[i], "overflow") && remaining >= 1) {
                    i += 1;
                } else {
                    readOnly = false; // a write, or a syntax error: assume the worst
                    break;
                }
            }
            into.add(1, readOnly ? RO_ACCESS : RW_ACCESS_UPDATE);
        }

        /** C's atoi: optional blanks and sign, then digits up to the first non-digit. */
        static long atoi(byte[] text) {
            int i = 0;
            while (i < text.length && (text[i] == ' ' || (text[i] >= '\t' && text[i] <= '\r'))) {
                i++;
            }
            boolean negative = false;
            if (i < text.length && (text[i] == '-' || text[i] == '+')) {
                negative = text[i] == '-';
                i++;
            }
            long value = 0;
            for (; i < text.length && text[i] >= '0' && text[i] <= '9' && value < Integer.MAX_VALUE; i++) {
                value = value * 10 + (text[i] - '0');
            }
            return negative ? -value : value;
        }

        private static final KeySpecFallback NUMKEYS_AT_1 = numKeys(0, 1, 2);
        private static final KeySpecFallback NUMKEYS_AT_2 = numKeys(0, 2, 3);

        static final Map<String, KeySpecFallback> BY_COMMAND = Map.ofEntries(
                Map.entry("zunionstore", numKeys(1, 2, 3)),
                Map.entry("zinterstore", numKeys(1, 2, 3)),
                Map.entry("zdiffstore", numKeys(1, 2, 3)),
                Map.entry("zunion", NUMKEYS_AT_1),
                Map.entry("zinter", NUMKEYS_AT_1),
                Map.entry("zdiff", NUMKEYS_AT_1),
                Map.entry("zintercard", NUMKEYS_AT_1),
                Map.entry("sintercard", NUMKEYS_AT_1),
                Map.entry("lmpop", NUMKEYS_AT_1),
                Map.entry("zmpop", NUMKEYS_AT_1),
                Map.entry("blmpop", NUMKEYS_AT_2),
                Map.entry("bzmpop", NUMKEYS_AT_2),
                Map.entry("eval", NUMKEYS_AT_2),
                Map.entry("evalsha", NUMKEYS_AT_2),
                Map.entry("eval_ro", NUMKEYS_AT_2),
                Map.entry("evalsha_ro", NUMKEYS_AT_2),
                Map.entry("fcall", NUMKEYS_AT_2),
                Map.entry("fcall_ro", NUMKEYS_AT_2),
                Map.entry("sort", Procedures::sort),
                Map.entry("sort_ro", (args, into) -> into.add(1, RO_ACCESS)),
                Map.entry("migrate", Procedures::migrate),
                Map.entry("georadius", Procedures::georadius),
                Map.entry("georadiusbymember", Procedures::georadius),
                Map.entry("xread", Procedures::xread),
                Map.entry("xreadgroup", Procedures::xread),
                Map.entry("set", Procedures::set),
                Map.entry("bitfield", Procedures::bitfield));
    }
}
