package io.diskdb.config;

/**
 * How one kind of parameter value is parsed, validated and printed.
 *
 * @param <T> the typed value stored in {@link Settings}
 */
interface ValueType<T> {

    /** Parses and validates; the exception carries both the Redis and the plain wording. */
    T parse(String text) throws InvalidValueException;

    /** The text CONFIG GET answers with (Redis form: bytes, yes/no ...). */
    String format(T value);

    /** The YAML scalar written by CONFIG REWRITE, quoted where YAML needs it. */
    default String yaml(T value) {
        return Yaml.quote(format(value));
    }
}
