package io.diskdb.protocol;

/** Emitted by the decoder instead of a command: the connection answers it and closes. */
public record ProtocolError(String message) {
}
