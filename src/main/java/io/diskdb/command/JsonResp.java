package io.diskdb.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.diskdb.protocol.ReplyWriter;

import java.util.Iterator;
import java.util.Map;

/**
 * A JSON value in RedisJSON's RESP form (JSON.RESP): null as nil, booleans as the simple
 * strings "true"/"false", integers as integers, floats as doubles, strings as bulk strings,
 * arrays as an array led by the simple string "[", objects as a flat array led by "{" followed
 * by name, value pairs. RedisJSON sends the same shapes to RESP3 clients.
 */
final class JsonResp {
    private JsonResp() {
    }

    static void write(ReplyWriter reply, JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                reply.arrayHeader(1 + 2 * node.size());
                reply.simple("{");
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> member = it.next();
                    reply.bulk(member.getKey());
                    write(reply, member.getValue());
                }
            }
            case ARRAY -> {
                reply.arrayHeader(1 + node.size());
                reply.simple("[");
                for (JsonNode element : node) {
                    write(reply, element);
                }
            }
            case STRING -> reply.bulk(node.textValue());
            case BOOLEAN -> reply.simple(node.booleanValue() ? "true" : "false");
            case NUMBER -> {
                if (node.isIntegralNumber()) {
                    reply.integer(node.longValue());
                } else {
                    reply.doubleValue(node.doubleValue());
                }
            }
            default -> reply.nullBulk();
        }
    }
}
