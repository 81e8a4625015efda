package io.diskdb.json;

import java.util.ArrayList;
import java.util.List;

/**
 * The steps of a static JSONPath ({@code $.a['b'][0]}): member names and indexes only. Used to
 * find where JSON.SET may add a member, which only a static path names unambiguously.
 */
final class StaticPath {
    private StaticPath() {
    }

    /** Member names (String) and indexes (Long), or null if the path is not static. */
    static List<Object> tokens(String expression) {
        if (!expression.startsWith("$")) {
            return null;
        }
        List<Object> tokens = new ArrayList<>();
        int i = 1;
        int n = expression.length();
        while (i < n) {
            char c = expression.charAt(i);
            if (c == '.') {
                int start = ++i;
                while (i < n && expression.charAt(i) != '.' && expression.charAt(i) != '[') {
                    i++;
                }
                String name = expression.substring(start, i);
                if (name.isEmpty() || name.equals("*")) {
                    return null;
                }
                tokens.add(name);
            } else if (c == '[') {
                if (i + 1 >= n) {
                    return null;
                }
                char quote = expression.charAt(i + 1);
                if (quote == '\'' || quote == '"') {
                    StringBuilder name = new StringBuilder();
                    int j = i + 2;
                    while (j < n && expression.charAt(j) != quote) {
                        if (expression.charAt(j) == '\\' && j + 1 < n) {
                            j++;
                        }
                        name.append(expression.charAt(j++));
                    }
                    if (j + 1 >= n || expression.charAt(j + 1) != ']') {
                        return null;
                    }
                    tokens.add(name.toString());
                    i = j + 2;
                } else {
                    int end = expression.indexOf(']', i);
                    if (end < 0) {
                        return null;
                    }
                    try {
                        tokens.add(Long.parseLong(expression.substring(i + 1, end).trim()));
                    } catch (NumberFormatException e) {
                        return null;
                    }
                    i = end + 1;
                }
            } else {
                return null;
            }
        }
        return tokens;
    }

    /** A JSONPath for the given steps, quoting member names so any name survives. */
    static JsonPathQuery render(List<Object> tokens) {
        StringBuilder out = new StringBuilder("$");
        for (Object token : tokens) {
            if (token instanceof String name) {
                out.append("['").append(name.replace("\\", "\\\\").replace("'", "\\'")).append("']");
            } else {
                out.append('[').append(token).append(']');
            }
        }
        return JsonPathQuery.parse(out.toString());
    }
}
