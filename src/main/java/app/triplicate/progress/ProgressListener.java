package app.triplicate.progress;

/**
 * Events of a long job, for front doors that print a line per event (scripts, the crash tests). Live
 * displays poll {@link TransferProgress#snapshot()} on a fixed schedule instead of reacting to every event.
 * Calls may come from several threads.
 */
public interface ProgressListener {

    ProgressListener NONE = new ProgressListener() {
    };

    /** The transfer has begun; a live display polls this object's snapshots. */
    default void started(TransferProgress progress) {
    }

    /** A source file has been read to its end (and hashed). */
    default void fileRead(String file, long filesRead, long bytesRead) {
    }

    /** One copy of a file on one destination is finished, proven or failed. */
    default void copyFinished(String destination, String file, boolean ok, long filesDone) {
    }
}
