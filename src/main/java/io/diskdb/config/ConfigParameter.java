package io.diskdb.config;

import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One named setting: its Redis-style name and aliases, how it is read from and written
 * to {@link Settings}, whether CONFIG SET may change it, and where it lives in
 * diskdb.conf. Instances are immutable and shared by every server in the JVM.
 */
public final class ConfigParameter {
    private final String name;
    private final List<String> aliases;
    private final boolean mutable;
    private final String yamlPath;
    private final List<String> help;
    private final Binding<?> binding;

    private <T> ConfigParameter(String name, List<String> aliases, boolean mutable, String yamlPath,
            List<String> help, Binding<T> binding) {
        this.name = name;
        this.aliases = List.copyOf(aliases);
        this.mutable = mutable;
        this.yamlPath = yamlPath;
        this.help = List.copyOf(help);
        this.binding = binding;
    }

    /** Canonical Redis-style name, lowercase with dashes, e.g. {@code hash-max-listpack-entries}. */
    public String name() {
        return name;
    }

    /** Other names accepted by CONFIG GET/SET, e.g. {@code hash-max-ziplist-entries}. */
    public List<String> aliases() {
        return aliases;
    }

    public boolean isMutable() {
        return mutable;
    }

    /** Where the value is written in diskdb.conf, e.g. {@code server.port} or {@code redis.hz}. */
    public String yamlPath() {
        return yamlPath;
    }

    /** The explanation written above the key in diskdb.conf, one line per entry. */
    public List<String> help() {
        return help;
    }

    /** True for the canonical name or an alias, ignoring case as Redis does. */
    public boolean answersTo(String anyName) {
        String n = anyName.toLowerCase(Locale.ROOT);
        return name.equals(n) || aliases.contains(n);
    }

    /** The value as CONFIG GET shows it. */
    public String get(Settings settings) {
        return binding.get(settings);
    }

    /** The value as a YAML scalar for diskdb.conf. */
    public String yamlValue(Settings settings) {
        return binding.yaml(settings);
    }

    /**
     * Validates {@code value} now and returns the change to apply later, so that a
     * multi-parameter CONFIG SET can check everything before touching anything.
     */
    public Consumer<Settings> prepare(String value) throws InvalidValueException {
        return binding.prepare(value);
    }

    /** Validates and applies in one step (config file, command line). */
    public void set(Settings settings, String value) throws InvalidValueException {
        prepare(value).accept(settings);
    }

    void copy(Settings from, Settings to) {
        binding.copy(from, to);
    }

    /** A typed getter/setter pair; keeps the generic type out of the public class. */
    private record Binding<T>(ValueType<T> type, Function<Settings, T> getter, BiConsumer<Settings, T> setter) {
        String get(Settings s) {
            return type.format(getter.apply(s));
        }

        String yaml(Settings s) {
            return type.yaml(getter.apply(s));
        }

        Consumer<Settings> prepare(String value) throws InvalidValueException {
            T parsed = type.parse(value);
            return s -> setter.accept(s, parsed);
        }

        void copy(Settings from, Settings to) {
            setter.accept(to, getter.apply(from));
        }
    }

    /** Starts a definition; used only by the table in {@link ConfigParameters}. */
    static <T> Builder<T> define(String name, ValueType<T> type, Function<Settings, T> getter,
            BiConsumer<Settings, T> setter) {
        return new Builder<>(name, new Binding<>(type, getter, setter));
    }

    static final class Builder<T> {
        private final String name;
        private final Binding<T> binding;
        private List<String> aliases = List.of();
        private boolean mutable = true;
        private String yamlPath;
        private List<String> help = List.of();

        private Builder(String name, Binding<T> binding) {
            this.name = name;
            this.binding = binding;
            this.yamlPath = "redis." + name;
        }

        Builder<T> aliases(String... names) {
            this.aliases = List.of(names);
            return this;
        }

        /** CONFIG SET refuses it; only the config file and the command line set it. */
        Builder<T> immutable() {
            this.mutable = false;
            return this;
        }

        Builder<T> yaml(String path) {
            this.yamlPath = path;
            return this;
        }

        Builder<T> help(String... lines) {
            this.help = List.of(lines);
            return this;
        }

        ConfigParameter build() {
            return new ConfigParameter(name, aliases, mutable, yamlPath, help, binding);
        }
    }
}
