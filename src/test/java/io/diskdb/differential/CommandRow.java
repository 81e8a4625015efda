package io.diskdb.differential;

import java.util.Random;
import java.util.function.BiFunction;

/**
 * A row of a differential command table: the command it exercises (used to select rows) and
 * how to make a random invocation of it over the run's small key space.
 */
public record CommandRow(String command, BiFunction<Random, Arguments, Step> generator) {
    public Step generate(Random random, Arguments arguments) {
        return generator.apply(random, arguments);
    }
}
