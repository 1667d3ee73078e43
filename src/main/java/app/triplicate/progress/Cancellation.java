package app.triplicate.progress;

/** A flag a long job checks between chunks; set from another thread (Ctrl-C, a Cancel button). */
public final class Cancellation {
    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }
}
