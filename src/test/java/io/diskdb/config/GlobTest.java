package io.diskdb.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.diskdb.util.Glob;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Glob against Redis: the CASES table was produced by running KEYS with each pattern
 * on a real redis-server 7.0.15 holding exactly the KEYS below. The lone "*" is left
 * out: KEYS answers it without calling stringmatchlen (so it also lists the empty key).
 */
class GlobTest {

    static final String[] KEYS = {
        "", "a", "A", "b", "ab", "abc", "aXc", "a*b", "a[b", "a\\b", "a-b", "a]b", "]", "^", "[", "\\", "-", "hello", "hallo", "hxllo", "hllo", "heeeello", "Hello", "HELLO", "h]llo", "h-llo", "h[llo", "h^llo", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "\u00e9a", "\u00e9", "ab*", "a?c", "a\nb", "x1", "x9", "xz"
    };
    static final Object[][] CASES = {
        {"**", new String[] {"a", "A", "b", "ab", "abc", "aXc", "a*b", "a[b", "a\\b", "a-b", "a]b", "]", "^", "[", "\\", "-", "hello", "hallo", "hxllo", "hllo", "heeeello", "Hello", "HELLO", "h]llo", "h-llo", "h[llo", "h^llo", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "\u00e9a", "\u00e9", "ab*", "a?c", "a\nb", "x1", "x9", "xz"}},
        {"?", new String[] {"a", "A", "b", "]", "^", "[", "\\", "-"}},
        {"??", new String[] {"ab", "\u00e9", "x1", "x9", "xz"}},
        {"???", new String[] {"abc", "aXc", "a*b", "a[b", "a\\b", "a-b", "a]b", "\u00e9a", "ab*", "a?c", "a\nb"}},
        {"a*", new String[] {"a", "ab", "abc", "aXc", "a*b", "a[b", "a\\b", "a-b", "a]b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "ab*", "a?c", "a\nb"}},
        {"*b", new String[] {"b", "ab", "a*b", "a[b", "a\\b", "a-b", "a]b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "a\nb"}},
        {"a*b", new String[] {"ab", "a*b", "a[b", "a\\b", "a-b", "a]b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "a\nb"}},
        {"a?c", new String[] {"abc", "aXc", "a?c"}},
        {"h?llo", new String[] {"hello", "hallo", "hxllo", "h]llo", "h-llo", "h[llo", "h^llo"}},
        {"h*llo", new String[] {"hello", "hallo", "hxllo", "hllo", "heeeello", "h]llo", "h-llo", "h[llo", "h^llo"}},
        {"h[ae]llo", new String[] {"hello", "hallo"}},
        {"h[^e]llo", new String[] {"hallo", "hxllo", "h]llo", "h-llo", "h[llo", "h^llo"}},
        {"h[a-b]llo", new String[] {"hallo"}},
        {"h[b-a]llo", new String[] {"hallo"}},
        {"h[a-]llo", new String[] {}},
        {"h[-a]llo", new String[] {"hallo", "h-llo"}},
        {"a\\*b", new String[] {"a*b"}},
        {"a\\[b", new String[] {"a[b"}},
        {"a\\\\b", new String[] {"a\\b"}},
        {"\\a", new String[] {"a"}},
        {"\\", new String[] {"\\"}},
        {"a\\", new String[] {}},
        {"[", new String[] {}},
        {"[a", new String[] {"a"}},
        {"a[", new String[] {}},
        {"[]", new String[] {}},
        {"[]]", new String[] {}},
        {"[^]", new String[] {"a", "A", "b", "]", "^", "[", "\\", "-"}},
        {"[\\]]", new String[] {"]"}},
        {"[\\", new String[] {"\\"}},
        {"[\\]", new String[] {"]"}},
        {"*[", new String[] {}},
        {"h*e*l*o", new String[] {"hello", "heeeello"}},
        {"a*a*a*a*a*a*b", new String[] {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaab"}},
        {"a*a*a*a*a*a*c", new String[] {}},
        {"[\u00e9]*", new String[] {"\u00e9a", "\u00e9"}},
        {"?a", new String[] {}},
        {"??a", new String[] {"\u00e9a"}},
        {"*\u00e9*", new String[] {"\u00e9a", "\u00e9"}},
        {"[^a-z]*", new String[] {"A", "]", "^", "[", "\\", "-", "Hello", "HELLO", "\u00e9a", "\u00e9"}},
        {"[A-Z]*", new String[] {"A", "Hello", "HELLO"}},
        {"h[[]llo", new String[] {"h[llo"}},
        {"h[]]llo", new String[] {}},
        {"h[^]]llo", new String[] {}},
        {"[a-\u00e9]", new String[] {"a", "A", "]", "^", "[", "\\", "-"}},
        {"*\\", new String[] {"\\"}},
        {"x[0-9]", new String[] {"x1", "x9"}},
        {"x[9-0]", new String[] {"x1", "x9"}},
        {"x[^0-9]", new String[] {"xz"}},
        {"[abc", new String[] {"a", "b"}},
        {"a[^", new String[] {"ab"}},
        {"h[^^]llo", new String[] {"hello", "hallo", "hxllo", "h]llo", "h-llo", "h[llo"}},
        {"*?", new String[] {"a", "A", "b", "ab", "abc", "aXc", "a*b", "a[b", "a\\b", "a-b", "a]b", "]", "^", "[", "\\", "-", "hello", "hallo", "hxllo", "hllo", "heeeello", "Hello", "HELLO", "h]llo", "h-llo", "h[llo", "h^llo", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "\u00e9a", "\u00e9", "ab*", "a?c", "a\nb", "x1", "x9", "xz"}},
        {"?*", new String[] {"a", "A", "b", "ab", "abc", "aXc", "a*b", "a[b", "a\\b", "a-b", "a]b", "]", "^", "[", "\\", "-", "hello", "hallo", "hxllo", "hllo", "heeeello", "Hello", "HELLO", "h]llo", "h-llo", "h[llo", "h^llo", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "\u00e9a", "\u00e9", "ab*", "a?c", "a\nb", "x1", "x9", "xz"}},
        {"*?*c", new String[] {"abc", "aXc", "a?c"}},
        {"a\nb", new String[] {"a\nb"}},
        {"a?b", new String[] {"a*b", "a[b", "a\\b", "a-b", "a]b", "a\nb"}},
        {"*-*", new String[] {"a-b", "-", "h-llo"}},
        {"[--]", new String[] {"A", "]", "[", "\\", "-"}},
        {"[\\-]", new String[] {"-"}},
        {"[a\\-z]", new String[] {"a", "-"}},
        {"h[e-e]llo", new String[] {"hello"}},
        {"[*]", new String[] {}},
        {"[?]", new String[] {}},
        {"a[*]b", new String[] {"a*b"}},
        {"[\u00e9-\u00e9]a", new String[] {}},
        {"H*", new String[] {"Hello", "HELLO"}},
        {"h*", new String[] {"hello", "hallo", "hxllo", "hllo", "heeeello", "h]llo", "h-llo", "h[llo", "h^llo"}},
        {"HELLO", new String[] {"HELLO"}},
        {"[h]ELLO", new String[] {}},
        {"\\h\\e\\l\\l\\o", new String[] {"hello"}},
        {"h\\[llo", new String[] {"h[llo"}},
    };

    @Test
    void matchesExactlyWhatRedisKeysReturned() {
        List<String> failures = new ArrayList<>();
        for (Object[] c : CASES) {
            String pattern = (String) c[0];
            List<String> expected = Arrays.asList((String[]) c[1]);
            List<String> actual = new ArrayList<>();
            for (String key : KEYS) {
                if (Glob.matches(pattern.getBytes(StandardCharsets.UTF_8), key.getBytes(StandardCharsets.UTF_8))) {
                    actual.add(key);
                }
            }
            if (!actual.equals(expected)) {
                failures.add("pattern '" + pattern + "': expected " + expected + " got " + actual);
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void stringVariantAgreesWithBytes() {
        for (Object[] c : CASES) {
            for (String key : KEYS) {
                String pattern = (String) c[0];
                assertEquals(Glob.matches(pattern.getBytes(StandardCharsets.UTF_8),
                        key.getBytes(StandardCharsets.UTF_8)), Glob.matches(pattern, key), pattern + " vs " + key);
            }
        }
    }

    @Test
    void nocaseFoldsAsciiLettersOnly() {
        assertTrue(Glob.matches("HZ", "hz", true));
        assertTrue(Glob.matches("h?", "HZ", true));
        assertTrue(Glob.matches("H[Z]", "hz", true));
        assertTrue(Glob.matches("[A-C]x", "bX", true));
        assertTrue(Glob.matches("[^A-C]x", "dx", true));
        assertFalse(Glob.matches("HZ", "hz", false));
        assertFalse(Glob.matches("\u00c9", "\u00e9", true));
        // Redis compares an escaped character inside [] case-sensitively even in nocase mode.
        assertFalse(Glob.matches("[\\A]", "a", true));
        assertTrue(Glob.matches("[\\A]", "A", true));
    }

    @Test
    void emptyStringOnlyMatchesEmptyPattern() {
        // Like stringmatchlen: callers such as KEYS short-circuit a lone "*" themselves.
        assertTrue(Glob.matches("", ""));
        assertFalse(Glob.matches("*", ""));
        assertFalse(Glob.matches("a", ""));
    }

    @Test
    void pathologicalPatternStaysFast() {
        String key = "a".repeat(5000);
        long start = System.nanoTime();
        assertFalse(Glob.matches("a*a*a*a*a*a*a*a*a*a*a*a*b", key));
        assertTrue(System.nanoTime() - start < 2_000_000_000L);
    }

    @Test
    void literalDetection() {
        assertTrue(Glob.isLiteral("maxmemory"));
        assertFalse(Glob.isLiteral("max*"));
        assertFalse(Glob.isLiteral("a\\b"));
    }
}
