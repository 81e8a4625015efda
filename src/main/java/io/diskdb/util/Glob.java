package io.diskdb.util;

import java.nio.charset.StandardCharsets;

/**
 * Redis glob matching: a line-by-line port of {@code stringmatchlen} from Redis 7
 * ({@code util.c}), used by CONFIG GET, KEYS, SCAN MATCH and PSUBSCRIBE.
 *
 * <p>Supported syntax: {@code *}, {@code ?}, {@code [abc]}, {@code [^abc]},
 * {@code [a-z]} and {@code \x} to escape. The quirks of the C code are kept on purpose
 * so that DiskDB answers exactly what Redis answers: an unterminated {@code [} matches
 * as if closed at the end of the pattern, ranges may be written backwards
 * ({@code [z-a]}), bytes are compared as signed values (as {@code char} on x86), and in
 * nocase mode an escaped character inside brackets is still compared case-sensitively.
 */
public final class Glob {

    private Glob() {
    }

    /** True if {@code string} matches {@code pattern}, case-sensitively. */
    public static boolean matches(String pattern, String string) {
        return matches(pattern, string, false);
    }

    public static boolean matches(String pattern, String string, boolean nocase) {
        return matches(pattern.getBytes(StandardCharsets.UTF_8),
                string.getBytes(StandardCharsets.UTF_8), nocase);
    }

    /** True if {@code string} matches {@code pattern}, case-sensitively. */
    public static boolean matches(byte[] pattern, byte[] string) {
        return matches(pattern, string, false);
    }

    public static boolean matches(byte[] pattern, byte[] string, boolean nocase) {
        return new Matcher(pattern, string, nocase).match(0, pattern.length, 0, string.length);
    }

    /** True if the pattern has no special characters, so a direct lookup can replace a scan. */
    public static boolean isLiteral(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /** Holds the inputs and the "skip longer matches" flag shared by the recursion. */
    private static final class Matcher {
        private final byte[] pat;
        private final byte[] str;
        private final boolean nocase;
        // Set once a '*' has tried every suffix and failed: an earlier '*' can then stop
        // too (Redis's fix for exponential patterns such as "a*a*a*a*b").
        private boolean skipLongerMatches;

        Matcher(byte[] pat, byte[] str, boolean nocase) {
            this.pat = pat;
            this.str = str;
            this.nocase = nocase;
        }

        /** Reads like C: past the end of the pattern is the terminating NUL. */
        private int p(int i) {
            return i < pat.length ? pat[i] : 0;
        }

        private int lower(int c) {
            return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
        }

        private boolean same(int a, int b) {
            return nocase ? lower(a) == lower(b) : a == b;
        }

        boolean match(int pi, int patternLen, int si, int stringLen) {
            while (patternLen > 0 && stringLen > 0) {
                switch (pat[pi]) {
                    case '*': {
                        while (patternLen > 1 && pat[pi + 1] == '*') {
                            pi++;
                            patternLen--;
                        }
                        if (patternLen == 1) {
                            return true;
                        }
                        while (stringLen > 0) {
                            if (match(pi + 1, patternLen - 1, si, stringLen)) {
                                return true;
                            }
                            if (skipLongerMatches) {
                                return false;
                            }
                            si++;
                            stringLen--;
                        }
                        skipLongerMatches = true;
                        return false;
                    }
                    case '?':
                        si++;
                        stringLen--;
                        break;
                    case '[': {
                        pi++;
                        patternLen--;
                        boolean not = p(pi) == '^';
                        if (not) {
                            pi++;
                            patternLen--;
                        }
                        boolean match = false;
                        int c = str[si];
                        while (true) {
                            if (patternLen <= 0) {
                                // Unterminated class: step back so the outer advance
                                // lands exactly on the end of the pattern.
                                pi--;
                                patternLen++;
                                break;
                            } else if (pat[pi] == '\\' && patternLen >= 2) {
                                pi++;
                                patternLen--;
                                if (pat[pi] == c) {
                                    match = true;
                                }
                            } else if (pat[pi] == ']') {
                                break;
                            } else if (patternLen >= 3 && pat[pi + 1] == '-') {
                                int start = pat[pi];
                                int end = pat[pi + 2];
                                int ch = c;
                                if (start > end) {
                                    int t = start;
                                    start = end;
                                    end = t;
                                }
                                if (nocase) {
                                    start = lower(start);
                                    end = lower(end);
                                    ch = lower(ch);
                                }
                                pi += 2;
                                patternLen -= 2;
                                if (ch >= start && ch <= end) {
                                    match = true;
                                }
                            } else if (same(pat[pi], c)) {
                                match = true;
                            }
                            pi++;
                            patternLen--;
                        }
                        if (not) {
                            match = !match;
                        }
                        if (!match) {
                            return false;
                        }
                        si++;
                        stringLen--;
                        break;
                    }
                    case '\\':
                        if (patternLen >= 2) {
                            pi++;
                            patternLen--;
                        }
                        if (!same(pat[pi], str[si])) {
                            return false;
                        }
                        si++;
                        stringLen--;
                        break;
                    default:
                        if (!same(pat[pi], str[si])) {
                            return false;
                        }
                        si++;
                        stringLen--;
                        break;
                }
                pi++;
                patternLen--;
                if (stringLen == 0) {
                    while (patternLen > 0 && pat[pi] == '*') {
                        pi++;
                        patternLen--;
                    }
                    break;
                }
            }
            return patternLen == 0 && stringLen == 0;
        }
    }
}
