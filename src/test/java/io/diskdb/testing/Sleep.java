package io.diskdb.testing;

/** Thread.sleep for tests that let time pass on purpose (an expiry, a timeout that must not fire yet). */
public final class Sleep {
    private Sleep() {
    }

    /** Sleeps {@code millis}; an interrupt ends it early and stays set on the thread. */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
