package app.triplicate.remote;

import app.triplicate.progress.Cancellation;

import java.util.concurrent.CancellationException;

/** A wait that a cancel (Stop, Ctrl-C) cuts short within a tenth of a second: between retries, under a rate limit. */
final class Pause {
    private Pause() {
    }

    /** Waits {@code nanos}; throws {@link CancellationException} as soon as {@code cancel} is set or the thread is interrupted. */
    static void sleep(long nanos, Cancellation cancel) {
        long until = System.nanoTime() + nanos;
        long left;
        while ((left = until - System.nanoTime()) > 0) {
            if (cancel.isCancelled()) {
                throw new CancellationException("stopped");
            }
            try {
                Thread.sleep(Math.min(left / 1_000_000 + 1, 100));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted");
            }
        }
    }
}
