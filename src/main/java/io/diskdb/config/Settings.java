package io.diskdb.config;

/** Placeholder until the configuration module lands. */
public final class Settings {
    public volatile String bind = "127.0.0.1";
    public volatile int port = 6380;
    public volatile int databases = 16;
    public volatile int maxclients = 10000;
    public volatile long timeout = 0;
    public volatile String dir = "./data";
    public volatile String requirepass = null;
    public volatile long protoMaxBulkLen = 512L << 20;
}
