package io.diskdb.types;

import java.util.List;

/** One stream entry: its id and its fields and values, alternating, in the order they were added. */
public record StreamEntry(StreamId id, List<byte[]> fieldsAndValues) {
}
