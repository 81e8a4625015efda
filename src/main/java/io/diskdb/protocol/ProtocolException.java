package io.diskdb.protocol;

/** Malformed input from a client; the message is the text after "ERR Protocol error: ". */
public final class ProtocolException extends Exception {
    public ProtocolException(String message) {
        super(message, null, false, false);
    }
}
