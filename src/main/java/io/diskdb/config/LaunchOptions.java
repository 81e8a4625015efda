package io.diskdb.config;

import java.nio.file.Path;

/**
 * What the command line asked for.
 *
 * @param settings         defaults, then the config file, then the flags
 * @param configFile       the config file that was read (CONFIG REWRITE target), or null
 * @param helpRequested    --help: print {@link CommandLine#helpText()} and exit 0
 * @param versionRequested --version: print {@link CommandLine#version()} and exit 0
 */
public record LaunchOptions(Settings settings, Path configFile, boolean helpRequested,
        boolean versionRequested) {
}
