package app.triplicate.progress;

/** A flag a long job checks between chunks; set from another thread (Ctrl-C, a Cancel button). */
public final class Cancellation {
    private final Cancellation parent;
    private volatile boolean cancelled;

    public Cancellation() {
        this(null);
    }

    private Cancellation(Cancellation parent) {
        this.parent = parent;
    }

    /**
     * A flag of a part of the job: cancelled when the job is, or on its own (one worker stopping the others
     * without cancelling the caller's flag).
     */
    public Cancellation child() {
        return new Cancellation(this);
    }

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled || parent != null && parent.isCancelled();
    }
}
