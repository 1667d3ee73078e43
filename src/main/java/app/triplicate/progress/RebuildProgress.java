package app.triplicate.progress;

/**
 * Steps of {@code catalog rebuild}: which drive or session folder is being read, and how far along the drives it
 * is. Plain Java; the window copies the newest step into its controls on a fixed schedule. Calls come from the
 * rebuilding thread.
 */
public interface RebuildProgress {

    RebuildProgress NONE = (what, done, total) -> {
    };

    /**
     * @param what  what is being done, in words ("Checking drive \"A\" against its manifests")
     * @param done  steps finished so far (drives, or a drive's session folders)
     * @param total steps in all, 0 when not known
     */
    void step(String what, int done, int total);
}
