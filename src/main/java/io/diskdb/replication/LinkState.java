package io.diskdb.replication;

/** Where a replica's link to its master is, in the words ROLE uses. */
public enum LinkState {
    CONNECT("connect"),
    CONNECTING("connecting"),
    HANDSHAKE("handshake"),
    SYNC("sync"),
    CONNECTED("connected");

    private final String word;

    LinkState(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
