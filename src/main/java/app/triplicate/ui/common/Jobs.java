package app.triplicate.ui.common;

import app.triplicate.progress.Cancellation;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The long jobs running now (imports, verification, repairs): shown in the status bar, and asked about
 * when the window closes. Used on the JavaFX thread only.
 */
public final class Jobs {
    private final ObservableList<Job> running = FXCollections.observableArrayList();
    // one wrapper, kept: a wrapper listens weakly, so a fresh one per call would lose its listeners
    private final ObservableList<Job> view = FXCollections.unmodifiableObservableList(running);
    private boolean closing;

    public static final class Job {
        private final String name;
        private final Cancellation cancellation;
        private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

        private Job(String name, Cancellation cancellation) {
            this.name = name;
            this.cancellation = cancellation;
        }

        public String name() {
            return name;
        }

        public Cancellation cancellation() {
            return cancellation;
        }

        /** A short progress text ("Importing 45%") for the status bar. */
        public void setMessage(String text) {
            message.set(text);
        }

        public ReadOnlyStringProperty messageProperty() {
            return message.getReadOnlyProperty();
        }
    }

    /** Registers a job; call {@link #finished} when it ends, however it ends. */
    public Job start(String name, Cancellation cancellation) {
        Job job = new Job(name, cancellation);
        job.setMessage(name);
        running.add(job);
        return job;
    }

    public void finished(Job job) {
        running.remove(job);
    }

    public ObservableList<Job> running() {
        return view;
    }

    /** The window is closing: background work (offsite uploads) does not start any more. */
    public boolean closing() {
        return closing;
    }

    public boolean busy() {
        return !running.isEmpty();
    }

    /** Asks every running job to stop (they stop cleanly; an import resumes next time); no new background work starts. */
    public void cancelAll() {
        closing = true;
        running.forEach(j -> j.cancellation().cancel());
    }
}
