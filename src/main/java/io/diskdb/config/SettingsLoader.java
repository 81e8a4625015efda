package io.diskdb.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads diskdb.conf (YAML) into {@link Settings}. Sections server, persistence, cache,
 * logging, security and limits hold DiskDB's keys (see the shipped diskdb.conf); a
 * {@code redis:} section takes any CONFIG parameter by its Redis name. Missing sections
 * and an empty file mean defaults. Every problem is a {@link ConfigException} with one
 * line naming the file and the key.
 */
public final class SettingsLoader {
    private static final ObjectMapper YAML = YAMLMapper.builder(new YAMLFactory())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
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
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new ConfigException(fileName + ": invalid YAML" + where + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse("").trim());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return;
        }
        if (!root.isObject()) {
            throw new ConfigException(fileName + ": expected sections such as 'server:' at the top level");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> section = it.next();
            applySection(fileName, section.getKey(), section.getValue(), settings);
        }
    }

    private static void applySection(String fileName, String section, JsonNode body, Settings settings) {
        if (!ConfigFileWriter.SECTIONS.contains(section)) {
            throw new ConfigException(fileName + ": unknown section '" + section + "' (expected one of "
                    + String.join(", ", ConfigFileWriter.SECTIONS) + ")");
        }
        if (body.isNull()) {
            return; // "server:" with every key commented out
        }
        if (!body.isObject()) {
            throw new ConfigException(fileName + ": '" + section + "' must be a section of 'key: value' lines");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = section + "." + entry.getKey();
            ConfigParameter p = section.equals("redis")
                    ? ConfigParameters.find(entry.getKey())
                    : ConfigParameters.findByYamlPath(key);
            if (p == null) {
                throw new ConfigException(fileName + ": unknown key '" + key + "'" + suggestion(section, key));
            }
            applyValue(fileName, key, p, entry.getValue(), settings);
        }
    }

    private static void applyValue(String fileName, String key, ConfigParameter p, JsonNode value,
            Settings settings) {
        if (value.isNull()) {
            return; // "requirepass:" with nothing after it keeps the default
        }
        if (!value.isValueNode()) {
            throw new ConfigException(fileName + ": " + key + " must be a single value, not a list or section");
        }
        try {
            p.set(settings, value.asText());
        } catch (InvalidValueException e) {
            throw new ConfigException(fileName + ": " + key + " " + e.plainReason());
        }
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
