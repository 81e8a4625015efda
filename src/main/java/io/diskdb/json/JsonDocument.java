package io.diskdb.json;

import com.fasterxml.jackson.databind.JsonNode;

/** A document being read or changed by one command: its root may be replaced as a whole. */
public final class JsonDocument {
    private JsonNode root;

    public JsonDocument(JsonNode root) {
        this.root = root;
    }

    public JsonNode root() {
        return root;
    }

    public void replaceRoot(JsonNode newRoot) {
        this.root = newRoot;
    }
}
