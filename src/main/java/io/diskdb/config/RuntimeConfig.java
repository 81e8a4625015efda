package io.diskdb.config;

import io.diskdb.util.Glob;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CONFIG GET / SET / REWRITE for one server: the live {@link Settings}, the config file
 * it was started from (or none), and the listeners to tell about changes. Replies are
 * Redis 7's, errors come as {@link ConfigCommandException} holding the exact error line.
 */
public final class RuntimeConfig {
    private static final Logger LOG = LoggerFactory.getLogger(RuntimeConfig.class);

    private final Settings settings;
    private final Path configFile;
    private final Map<ConfigParameter, List<ConfigListener>> listeners = new LinkedHashMap<>();
    private final List<ConfigListener> anyChangeListeners = new CopyOnWriteArrayList<>();

    /**
     * @param configFile the file the server was started with, or null when it runs on
     *                   defaults and flags only (CONFIG REWRITE then fails, as in Redis)
     */
    public RuntimeConfig(Settings settings, Path configFile) {
        this.settings = settings;
        this.configFile = configFile;
        // The log level is the one setting this package applies itself.
        addListener("loglevel", (name, value) -> Logging.setLevel(settings.getLogLevel()));
    }

    public Settings settings() {
        return settings;
    }

    /** The config file, or null. */
    public Path configFile() {
        return configFile;
    }

    /**
     * CONFIG GET: name/value pairs of every parameter name (or alias, as Redis lists
     * them too) matching any of the glob patterns, ignoring case; each name once, in
     * table order.
     */
    public List<Map.Entry<String, String>> get(String... patterns) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (String name : ConfigParameters.allNames()) {
            for (String pattern : patterns) {
                if (Glob.matches(pattern, name, true)) {
                    out.add(Map.entry(name, ConfigParameters.find(name).get(settings)));
                    break;
                }
            }
        }
        return out;
    }

    /**
     * CONFIG SET name value [name value ...]: all names and values are checked before
     * anything changes, so either every value is applied or none is. Listeners run after.
     */
    public void set(String... nameValuePairs) throws ConfigCommandException {
        if (nameValuePairs.length == 0 || nameValuePairs.length % 2 != 0) {
            throw new ConfigCommandException("ERR wrong number of arguments for 'config|set' command");
        }
        int n = nameValuePairs.length / 2;
        List<ConfigParameter> params = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = nameValuePairs[2 * i];
            ConfigParameter p = ConfigParameters.find(name);
            if (p == null) {
                throw new ConfigCommandException(
                        "ERR Unknown option or number of arguments for CONFIG SET - '" + name + "'");
            }
            if (!p.isMutable()) {
                throw failed(name, "can't set immutable config");
            }
            if (params.contains(p)) {
                // An alias and its name count as the same parameter (as in Redis 7.2).
                throw failed(name, "duplicate parameter");
            }
            params.add(p);
        }
        synchronized (this) {
            List<Consumer<Settings>> changes = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                try {
                    changes.add(params.get(i).prepare(nameValuePairs[2 * i + 1]));
                } catch (InvalidValueException e) {
                    throw failed(nameValuePairs[2 * i].toLowerCase(Locale.ROOT), e.redisReason());
                }
            }
            changes.forEach(change -> change.accept(settings));
        }
        for (ConfigParameter p : params) {
            notifyListeners(p);
        }
    }

    /**
     * CONFIG REWRITE: writes the current settings to the config file the server was
     * started with, replacing it atomically.
     */
    public synchronized void rewrite() throws ConfigCommandException {
        if (configFile == null) {
            throw new ConfigCommandException("ERR The server is running without a config file");
        }
        try {
            ConfigFileWriter.write(settings, configFile);
        } catch (IOException e) {
            throw new ConfigCommandException("ERR Rewriting config file: " + ConfigFileWriter.describe(e));
        }
    }

    /**
     * Calls {@code listener} after each CONFIG SET of this parameter (name or alias).
     *
     * @throws IllegalArgumentException if no such parameter exists
     */
    public void addListener(String parameter, ConfigListener listener) {
        ConfigParameter p = ConfigParameters.find(parameter);
        if (p == null) {
            throw new IllegalArgumentException("no config parameter '" + parameter + "'");
        }
        synchronized (listeners) {
            listeners.computeIfAbsent(p, k -> new CopyOnWriteArrayList<>()).add(listener);
        }
    }

    /** Calls {@code listener} after every CONFIG SET of any parameter. */
    public void addListener(ConfigListener listener) {
        anyChangeListeners.add(listener);
    }

    private void notifyListeners(ConfigParameter p) {
        List<ConfigListener> forParam;
        synchronized (listeners) {
            forParam = listeners.getOrDefault(p, List.of());
        }
        String value = p.get(settings);
        for (ConfigListener l : forParam) {
            call(l, p.name(), value);
        }
        for (ConfigListener l : anyChangeListeners) {
            call(l, p.name(), value);
        }
    }

    private static void call(ConfigListener l, String name, String value) {
        try {
            l.changed(name, value);
        } catch (RuntimeException e) {
            // The value is already in place; one failing component must not undo it for the rest.
            LOG.warn("listener for config '{}' failed", name, e);
        }
    }

    private static ConfigCommandException failed(String name, String reason) {
        return new ConfigCommandException(
                "ERR CONFIG SET failed (possibly related to argument '" + name + "') - " + reason);
    }
}
