package io.diskdb.config;

import io.diskdb.util.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Renders settings as diskdb.conf: the fixed section layout, every key with its
 * explanation, defaults commented out and changed values live. The shipped diskdb.conf
 * is this output for the defaults; CONFIG REWRITE writes it for the current values.
 */
public final class ConfigFileWriter {
    /** Sections in file order; "redis" holds Redis-standard parameters by their own names. */
    static final List<String> SECTIONS = List.of("server", "persistence", "snapshots", "replication", "cache", "logging", "security",
            "tls",
            "limits", "redis");

    private ConfigFileWriter() {
    }

    /** The whole file for these settings. */
    public static String render(Settings settings) {
        Settings defaults = new Settings();
        StringBuilder b = new StringBuilder();
        b.append("# DiskDB configuration (YAML).\n")
                .append("#\n")
                .append("# Every key is optional; a commented-out key shows its built-in default.\n")
                .append("# Command-line flags (--port, --dir, --sync, ...) override this file: diskdb --help.\n")
                .append("# Sizes: 512kb, 100mb, 1gb or plain bytes (k, m, g without b are powers of 1000,\n")
                .append("# as in Redis). Durations: 1000ms, 1s, 5m; a plain number is milliseconds.\n")
                .append("# CONFIG REWRITE regenerates this file from the running server.\n");
        for (String section : SECTIONS) {
            b.append('\n');
            if (section.equals("redis")) {
                renderRedisSection(b, settings, defaults);
            } else {
                renderSection(b, section, settings, defaults);
            }
        }
        return b.toString();
    }

    /** Writes {@link #render} to {@code file} through a temporary file, so readers never see half a file. */
    public static void write(Settings settings, Path file) throws IOException {
        AtomicFiles.replace(file, render(settings).getBytes(StandardCharsets.UTF_8));
    }

    /** A short reason for an I/O failure, like strerror. */
    static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void renderSection(StringBuilder b, String section, Settings settings, Settings defaults) {
        b.append(section).append(":\n");
        boolean first = true;
        for (ConfigParameter p : ConfigParameters.all()) {
            if (!p.yamlPath().startsWith(section + ".")) {
                continue;
            }
            if (!first) {
                b.append('\n');
            }
            first = false;
            for (String line : p.help()) {
                b.append("  # ").append(line).append('\n');
            }
            String key = p.yamlPath().substring(section.length() + 1);
            if (isDefault(p, settings, defaults)) {
                b.append("  # ").append(key).append(": ").append(p.yamlValue(defaults)).append('\n');
            } else {
                b.append("  ").append(key).append(": ").append(p.yamlValue(settings)).append('\n');
            }
        }
    }

    private static void renderRedisSection(StringBuilder b, Settings settings, Settings defaults) {
        b.append("# Redis-standard parameters under their Redis names, as CONFIG GET/SET know them\n")
                .append("# (values are kept and reported back to clients and tools), e.g.\n")
                .append("#   maxmemory-policy: allkeys-lru\n")
                .append("#   notify-keyspace-events: \"Ex\"\n")
                .append("#   hash-max-listpack-entries: 256\n")
                .append("# Only values that differ from the Redis 7 defaults are listed here.\n")
                .append("redis:\n");
        for (ConfigParameter p : ConfigParameters.all()) {
            if (p.yamlPath().startsWith("redis.") && !isDefault(p, settings, defaults)) {
                b.append("  ").append(p.name()).append(": ").append(p.yamlValue(settings)).append('\n');
            }
        }
    }

    private static boolean isDefault(ConfigParameter p, Settings settings, Settings defaults) {
        return p.yamlValue(settings).equals(p.yamlValue(defaults));
    }
}
