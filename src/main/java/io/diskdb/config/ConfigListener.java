package io.diskdb.config;

/** Told after CONFIG SET has applied a new value (e.g. storage re-reads {@code sync}). */
@FunctionalInterface
public interface ConfigListener {
    /**
     * @param name  the canonical parameter name, even when the client used an alias
     * @param value the new value as CONFIG GET shows it
     */
    void changed(String name, String value);
}
