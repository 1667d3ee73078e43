package app.triplicate.ui;

import app.triplicate.catalog.CatalogException;
import app.triplicate.core.CannotRunException;
import app.triplicate.drives.CatalogRestorer;
import app.triplicate.drives.LostCatalogException;
import app.triplicate.settings.Home;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * What the window offers when the catalog is missing, cannot be opened or is out of date: restore the newest
 * backup from a drive ({@code catalog restore}). Plain Java, so the choice and its words are tested without a
 * window; {@link TriplicateApp} only shows them.
 */
final class CatalogRecovery {
    static final String RESTORE = "Restore the newest backup from a drive";
    static final String QUIT = "Quit";
    static final String HEADER = "The catalog cannot be used";

    private final Home home;
    private final List<Path> mountRoots;
    private final Clock clock;

    CatalogRecovery(Home home, List<Path> mountRoots, Clock clock) {
        this.home = home;
        this.mountRoots = List.copyOf(mountRoots);
        this.clock = clock;
    }

    /**
     * True for a catalog a backup can stand in for: lost or out of date by the drives' markers, or one that cannot
     * be opened. Not for a catalog open in another window, which is fine where it is.
     */
    static boolean offersRestore(Throwable e) {
        return e instanceof LostCatalogException || e instanceof CatalogException c && !c.inUse();
    }

    /** The dialog's text: what is wrong, and what the restore does. */
    static String question(String problem) {
        return problem + "\n\n" + RESTORE + "? The current catalog is moved aside into a folder beside it, never "
                + "deleted. (Without a backup, 'triplicate catalog rebuild' in a terminal rebuilds the catalog from the drives' "
                + "manifests alone.)";
    }

    /** The outcome of the restore, in words: what was restored, or why nothing was. */
    record Outcome(boolean restored, String message) {
    }

    Outcome restore() {
        try {
            CatalogRestorer.Restored r = new CatalogRestorer(home.catalogBase(), mountRoots,
                    new app.triplicate.drives.CatalogMemory(home.catalogMemoryFile()), clock)
                    .restoreNewest(Optional.empty());
            return new Outcome(true, "The catalog was restored from drive \"" + r.drive() + "\" (generation "
                    + r.identity().generation() + ", taken " + r.backup().takenAt() + ")."
                    + r.movedAside().map(p -> " The catalog it replaced is in " + p + ".").orElse("")
                    + r.drivesSaw().map(g -> " The drives had seen generation " + g + ": the runs after generation "
                    + r.identity().generation() + " are not in it.").orElse("")
                    + r.computerSaw().map(g -> " This computer had seen generation " + g + ": its newer backups are "
                    + "on drives that were not found.").orElse("")
                    + r.warning().map(w -> " " + w).orElse("")
                    + " Work done after that backup is not in it: verify to check the copies.");
        } catch (CannotRunException e) {
            return new Outcome(false, e.getMessage());
        }
    }
}
