package app.triplicate.cli;

import app.triplicate.progress.Cancellation;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C during a long command: sets the job's cancellation and holds the exit (up to 20 s) until the job has
 * stopped cleanly — in-flight copies proven or set aside, temporary files removed, what arrived on the remote
 * kept for the next run. Closing it (when the job has returned) lets the exit go on and removes the hook.
 */
final class CtrlC implements AutoCloseable {
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    CtrlC(Cancellation cancel) {
        hook = new Thread(() -> {
            cancel.cancel();
            try {
                finished.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "triplicate-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
    }
}
