package app.triplicate.ui;

import app.triplicate.catalog.CatalogException;
import app.triplicate.core.CannotRunException;
import app.triplicate.drives.CatalogRestorer;
import app.triplicate.drives.LostCatalogException;
import app.triplicate.core.UsageException;
import app.triplicate.core.Words;
import app.triplicate.files.LocalFileAccess;
import app.triplicate.progress.RebuildProgress;
import app.triplicate.settings.Home;
import app.triplicate.wiring.RebuildFromDrives;
import app.triplicate.wiring.Services;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * What the window offers when the catalog is missing, cannot be opened, is lost or out of date: restore the newest
 * backup from a drive ({@code catalog restore}), or rebuild the catalog from the drives ({@code catalog rebuild},
 * the same {@link RebuildFromDrives}). Plain Java, so the choices, their words and the work behind them are tested
 * without a window; {@link CatalogRecoveryView} only shows them and runs them in the background.
 */
final class CatalogRecovery {
    static final String RESTORE = "Restore the newest backup from a drive";
    static final String REBUILD = "Rebuild from the drives";
    static final String ACCEPT = "Keep this catalog";
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

    /**
     * True when only this computer's memory says the catalog is lost or out of date (no drive does): then keeping
     * it on purpose is a way on, as {@code catalog accept} is.
     */
    static boolean offersAccept(Throwable e) {
        return e instanceof LostCatalogException l && l.onlyThisComputer();
    }

    /** What keeping the catalog means, under the choices when it is offered. */
    static String acceptMeans() {
        return ACCEPT + ": start a new catalog on purpose, or go on from this older one; this computer then takes "
                + "it as its own (what the other one knew stays in the backups and manifests on its drives).";
    }

    /** The question under the problem: what each choice does. */
    static String question() {
        return RESTORE + ": the newest catalog backup that opens, from the drives found. " + REBUILD + ": the "
                + "newest backup there checked against the manifests in every session folder, or, without a backup, "
                + "the catalog made from the manifests alone (connect every drive first). Either way the current "
                + "catalog is moved aside into a folder beside it, never deleted.";
    }

    /** The outcome of the restore, in words: what was restored, or why nothing was. */
    record Outcome(boolean restored, String message) {
    }

    /**
     * Rebuilds the catalog from every drive found in the mount places, replacing the current one (moved aside):
     * choosing it is the user's say-so that {@code catalog rebuild --replace} asks for on the command line.
     */
    Outcome rebuild(RebuildProgress progress) {
        try {
            RebuildFromDrives rebuild = new RebuildFromDrives(home, new LocalFileAccess(), mountRoots, clock);
            RebuildFromDrives.Result r = rebuild.run(rebuild.found(), true, progress);
            String drives = String.join(", ", r.drives().stream().map(l -> "\"" + l + "\"").toList());
            var report = r.report();
            return new Outcome(true, "The catalog was rebuilt from " + drives + ": " + r.restored().map(b ->
                    "the newest backup, from drive \"" + b.drive() + "\" (taken " + b.backup().takenAt() + "), checked "
                    + "against their manifests.").orElse("their markers, session folders and manifests (no backup "
                    + "was found).") + " " + Words.count(report.sessions(), "session") + ", "
                    + Words.count(report.files(), "file") + "; " + Words.count(report.confirmed(), "copy", "copies")
                    + " confirmed by the manifests."
                    + (r.allConfirmed() ? "" : " Not counted until verified (verify proves them): "
                    + Words.count(report.unconfirmed().size() + report.notCounted().size(), "copy or file",
                    "copies or files") + ".")
                    + (report.notChecked().isEmpty() ? "" : " Not connected, so not checked: "
                    + String.join(", ", report.notChecked()) + ".")
                    + r.movedAside().map(p -> " The catalog it replaced is in " + p + ".").orElse("")
                    + (r.warnings().isEmpty() ? "" : " " + String.join(" ", r.warnings())));
        } catch (CannotRunException | UsageException e) {
            return new Outcome(false, e.getMessage());
        }
    }

    /** Keeps the catalog as it is, on purpose ({@code catalog accept}), and returns the services opened on it. */
    Services accept() {
        Services services = Services.open(home, new LocalFileAccess(), mountRoots, Clock.systemDefaultZone(), false);
        try {
            services.acceptCatalog();
            return services;
        } catch (RuntimeException e) {
            services.close();
            throw e;
        }
    }

    /** The services on the restored or rebuilt catalog, for the main window (the guard checks it again). */
    Services open() {
        return Services.open(home, new LocalFileAccess(), mountRoots, Clock.systemDefaultZone());
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
