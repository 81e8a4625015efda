package io.diskdb.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads diskdb.conf (YAML) into {@link Settings}. Sections server, persistence, cache,
 * logging, security and limits hold DiskDB's keys (see the shipped diskdb.conf); a
 * {@code redis:} section takes any CONFIG parameter by its Redis name. Missing sections
 * and an empty file mean defaults. Every problem is a {@link ConfigException} with one
 * line naming the file and the key.
 */
public final class SettingsLoader {
    // Read token by token rather than as a tree, so every scalar keeps its text as written.
    // EMPTY_STRING_AS_NULL is set explicitly: the builder does not turn it on, and without it
    // "server:" with every key commented out would read as the string "".
    private static final YAMLFactory YAML = YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .build();

    private SettingsLoader() {
    }

    /** Defaults overridden by the file. */
    public static Settings load(Path file) {
        Settings settings = new Settings();
        apply(file, settings);
        return settings;
    }

    /** Applies the file's values on top of {@code settings}. */
    public static void apply(Path file, Settings settings) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file '" + file + "': " + ConfigFileWriter.describe(e));
        }
        applyText(text, file.toString(), settings);
    }

    /** Applies YAML text; {@code fileName} is only used in error messages. */
    public static void applyText(String text, String fileName, Settings settings) {
        try (JsonParser parser = YAML.createParser(text)) {
            JsonToken root = parser.nextToken();
            if (root == null || root == JsonToken.VALUE_NULL) {
                return; // empty file or only comments
            }
            if (root != JsonToken.START_OBJECT) {
                throw new ConfigException(fileName + ": expected sections such as 'server:' at the top level");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String section = parser.currentName();
                parser.nextToken();
                applySection(fileName, section, parser, settings);
            }
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new ConfigException(fileName + ": invalid YAML" + where + ": " + oneLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ConfigException(fileName + ": " + e.getMessage(), e);
        }
    }

    /** Called with the parser on the section's value token. */
    private static void applySection(String fileName, String section, JsonParser parser, Settings settings)
            throws IOException {
        if (!ConfigFileWriter.SECTIONS.contains(section)) {
            throw new ConfigException(fileName + ": unknown section '" + section + "' (expected one of "
                    + String.join(", ", ConfigFileWriter.SECTIONS) + ")");
        }
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return; // "server:" with every key commented out
        }
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new ConfigException(fileName + ": '" + section + "' must be a section of 'key: value' lines");
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            String key = section + "." + name;
            ConfigParameter p = section.equals("redis")
                    ? ConfigParameters.find(name)
                    : ConfigParameters.findByYamlPath(key);
            if (p == null) {
                throw new ConfigException(fileName + ": unknown key '" + key + "'" + suggestion(section, key));
            }
            JsonToken value = parser.nextToken();
            if (value == JsonToken.VALUE_NULL) {
                continue; // "requirepass:" with nothing after it keeps the default
            }
            if (!value.isScalarValue()) {
                throw new ConfigException(fileName + ": " + key + " must be a single value, not a list or section");
            }
            try {
                // The scalar exactly as written: YAML would read requirepass 0123 as the number 83.
                p.set(settings, parser.getText());
            } catch (InvalidValueException e) {
                throw new ConfigException(fileName + ": " + key + " " + e.plainReason());
            }
        }
    }

    /**
     * SnakeYAML explains over several lines with the offending text and a caret; keep
     * only its sentences ("while scanning a quoted scalar, found unexpected end of stream").
     */
    private static String oneLine(String message) {
        return String.join(", ", message.lines()
                .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                .map(String::trim)
                .toList());
    }

    /** " (did you mean 'server.port'?)" for a near miss in the same section, else "". */
    private static String suggestion(String section, String key) {
        String best = null;
        int bestDistance = 3;
        for (ConfigParameter p : ConfigParameters.all()) {
            String candidate = section.equals("redis") ? "redis." + p.name() : p.yamlPath();
            if (!candidate.startsWith(section + ".")) {
                continue;
            }
            int d = editDistance(key, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
