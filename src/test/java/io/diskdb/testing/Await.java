package io.diskdb.testing;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Polling for a condition that another process or thread brings about, with a deadline. */
public final class Await {
    private static final long POLL_MILLIS = 20;

    private Await() {
    }

    /**
     * Returns once {@code condition} holds; fails the test with {@code failure}'s text (built
     * only then, so it can show the state at the deadline) if it does not within the timeout.
     */
    public static void until(long timeoutMillis, Supplier<String> failure, BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                fail(failure.get());
            }
            Sleep.sleep(POLL_MILLIS);
        }
    }
}
