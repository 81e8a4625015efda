package io.diskdb.cli;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads RESP2 and RESP3 replies from a stream, one whole reply per call. */
final class RespParser {
    private final InputStream in;

    RespParser(InputStream in) {
        this.in = in;
    }

    Reply read() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("Server closed the connection");
        }
        String line = readLine();
        return switch (type) {
            case '+' -> new Reply.Status(line);
            case '-' -> new Reply.Error(line);
            case ':' -> new Reply.Number(Long.parseLong(line));
            case '$' -> bulkOrNil(line);
            case '!' -> new Reply.Error(new String(readBlob(Integer.parseInt(line)), StandardCharsets.UTF_8));
            case '=' -> verbatim(readBlob(Integer.parseInt(line)));
            case ',' -> new Reply.Real(line);
            case '(' -> new Reply.BigNumber(line);
            case '#' -> new Reply.Bool(line.equals("t"));
            case '_' -> new Reply.Nil();
            case '*' -> aggregate(Reply.Kind.ARRAY, line);
            case '~' -> aggregate(Reply.Kind.SET, line);
            case '>' -> aggregate(Reply.Kind.PUSH, line);
            case '%' -> new Reply.Pairs(items(Integer.parseInt(line) * 2));
            case '|' -> {
                items(Integer.parseInt(line) * 2); // attributes: redis-cli does not show them either
                yield read();
            }
            default -> throw new IOException("Protocol error, got '" + (char) type + "' as reply type byte");
        };
    }

    private Reply bulkOrNil(String line) throws IOException {
        int length = Integer.parseInt(line);
        return length < 0 ? new Reply.Nil() : new Reply.Bulk(readBlob(length));
    }

    private static Reply verbatim(byte[] blob) {
        // "txt:" prefix: three letters of format and a colon
        if (blob.length >= 4 && blob[3] == ':') {
            byte[] text = new byte[blob.length - 4];
            System.arraycopy(blob, 4, text, 0, text.length);
            return new Reply.Verbatim(new String(blob, 0, 3, StandardCharsets.US_ASCII), text);
        }
        return new Reply.Verbatim("", blob);
    }

    private Reply aggregate(Reply.Kind kind, String line) throws IOException {
        int count = Integer.parseInt(line);
        return count < 0 ? new Reply.Nil() : new Reply.Aggregate(kind, items(count));
    }

    private List<Reply> items(int count) throws IOException {
        List<Reply> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(read());
        }
        return items;
    }

    private byte[] readBlob(int length) throws IOException {
        byte[] blob = in.readNBytes(length);
        if (blob.length < length || in.read() != '\r' || in.read() != '\n') {
            throw new EOFException("Server closed the connection");
        }
        return blob;
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) {
                throw new EOFException("Server closed the connection");
            }
            line.write(c);
        }
        if (in.read() != '\n') {
            throw new IOException("Protocol error: CR without LF");
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
