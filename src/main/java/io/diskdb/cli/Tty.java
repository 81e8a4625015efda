package io.diskdb.cli;

import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;

/**
 * Whether stdin and stdout are terminals, which decides the CLI's mode and output format as
 * isatty() does for redis-cli. Java 17 can only tell whether both are (System.console()), so
 * this asks JLine's native provider, or its exec provider (runs "test -t"), first.
 */
final class Tty {
    private Tty() {
    }

    static boolean stdin() {
        return isTerminal(SystemStream.Input);
    }

    static boolean stdout() {
        return isTerminal(SystemStream.Output);
    }

    private static boolean isTerminal(SystemStream stream) {
        for (String provider : new String[]{"jni", "exec"}) {
            try {
                return TerminalProvider.load(provider).isSystemStream(stream);
            } catch (Throwable e) {
                // provider unavailable on this platform: try the next one
            }
        }
        return System.console() != null;
    }
}
