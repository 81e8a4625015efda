package io.diskdb.replication;

import io.diskdb.cli.Reply;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a replication checkpoint holds: its files and the RocksDB sequence number of its data (the
 * last write it contains; the replica continues from the next one). Sent by
 * {@code REPLCHECKPOINT MANIFEST} as a map: id, sequence, files (an array of [name, size, crc32c]).
 */
public record CheckpointManifest(String id, long sequence, List<CheckpointFile> files) {
    public long totalBytes() {
        return files.stream().mapToLong(CheckpointFile::size).sum();
    }

    public Map<String, CheckpointFile> byName() {
        return files.stream().collect(Collectors.toMap(CheckpointFile::name, Function.identity()));
    }

    /** Reads the reply of REPLCHECKPOINT MANIFEST (RESP2 flat array or RESP3 map). */
    static CheckpointManifest parse(Reply reply) throws IOException {
        List<Reply> items;
        if (reply instanceof Reply.Pairs pairs) {
            items = pairs.items();
        } else if (reply instanceof Reply.Aggregate array) {
            items = array.items();
        } else if (reply instanceof Reply.Error error) {
            throw new IOException("master refused the manifest: " + error.text());
        } else {
            throw new IOException("unexpected manifest reply: " + reply);
        }
        String id = null;
        Long sequence = null;
        List<CheckpointFile> files = null;
        for (int i = 0; i + 1 < items.size(); i += 2) {
            String field = text(items.get(i));
            Reply value = items.get(i + 1);
            switch (field) {
                case "id" -> id = text(value);
                case "sequence" -> sequence = number(value);
                case "files" -> files = files(value);
                default -> {
                    // a later master may say more; what is not known is not needed
                }
            }
        }
        if (id == null || sequence == null || files == null) {
            throw new IOException("incomplete manifest reply: " + reply);
        }
        return new CheckpointManifest(id, sequence, List.copyOf(files));
    }

    private static List<CheckpointFile> files(Reply value) throws IOException {
        if (!(value instanceof Reply.Aggregate array)) {
            throw new IOException("manifest files are not an array: " + value);
        }
        List<CheckpointFile> files = new ArrayList<>();
        for (Reply entry : array.items()) {
            if (!(entry instanceof Reply.Aggregate triple) || triple.items().size() != 3) {
                throw new IOException("bad manifest entry: " + entry);
            }
            files.add(new CheckpointFile(text(triple.items().get(0)), number(triple.items().get(1)),
                    number(triple.items().get(2))));
        }
        return files;
    }

    private static String text(Reply reply) throws IOException {
        if (reply instanceof Reply.Bulk bulk) {
            return new String(bulk.value(), StandardCharsets.UTF_8);
        }
        if (reply instanceof Reply.Status status) {
            return status.text();
        }
        throw new IOException("expected a string in the manifest, got " + reply);
    }

    private static long number(Reply reply) throws IOException {
        if (reply instanceof Reply.Number number) {
            return number.value();
        }
        throw new IOException("expected a number in the manifest, got " + reply);
    }
}
