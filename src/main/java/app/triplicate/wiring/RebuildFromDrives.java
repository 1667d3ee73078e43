package app.triplicate.wiring;

import app.triplicate.catalog.CatalogSnapshots;
import app.triplicate.core.CannotRunException;
import app.triplicate.core.UsageException;
import app.triplicate.drives.CatalogMemory;
import app.triplicate.drives.CatalogRestorer;
import app.triplicate.drives.DriveMarker;
import app.triplicate.drives.DriveService;
import app.triplicate.files.FileAccess;
import app.triplicate.progress.RebuildProgress;
import app.triplicate.rebuild.CatalogRebuild;
import app.triplicate.settings.Home;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code catalog rebuild} from start to end, for the command line and the window alike: the newest backup on the
 * drives restored and checked against their manifests, or, without one, the catalog made from the manifests alone;
 * the catalog it replaces moved aside, never deleted; then the run's generation, the drives' backups and this
 * computer's memory of the catalog. It opens the catalog itself (it may be missing, damaged or lost, which is why
 * it is rebuilt), and closes it again.
 */
public final class RebuildFromDrives {
    private final Home home;
    private final FileAccess files;
    private final List<Path> mountRoots;
    private final Clock clock;

    public RebuildFromDrives(Home home, FileAccess files, List<Path> mountRoots, Clock clock) {
        this.home = home;
        this.files = files;
        this.mountRoots = List.copyOf(mountRoots);
        this.clock = clock;
    }

    /**
     * What the rebuild did.
     *
     * @param restored   the backup restored first, when a drive held one
     * @param movedAside where the catalog it replaced went, when there was one
     * @param drives     the labels of the drives it read
     * @param warnings   drives that missed their catalog backup, a memory that could not be noted
     */
    public record Result(Optional<CatalogRestorer.Restored> restored, Optional<Path> movedAside, List<String> drives,
                         CatalogRebuild.Report report, List<String> warnings) {
        /** True when every copy found is confirmed by its manifest and every file found is counted. */
        public boolean allConfirmed() {
            return report.unconfirmed().isEmpty() && report.notCounted().isEmpty();
        }
    }

    /** Every drive found by its marker in the usual mount places. */
    public List<CatalogRebuild.Drive> found() {
        List<CatalogRebuild.Drive> out = new ArrayList<>();
        for (var f : DriveService.markersUnder(mountRoots)) {
            out.add(new CatalogRebuild.Drive(f.root(), f.marker()));
        }
        return out;
    }

    /** The drive folders {@code paths}, each with its marker; a folder without one is a usage error. */
    public static List<CatalogRebuild.Drive> named(List<Path> paths) {
        List<CatalogRebuild.Drive> out = new ArrayList<>();
        for (Path p : paths) {
            Path root = p.toAbsolutePath().normalize();
            var m = DriveMarker.read(root);
            if (m.isEmpty()) {
                throw new UsageException(root + " is not a Triplicate drive: it has no readable "
                        + DriveMarker.fileIn(root) + ". Nothing was changed.");
            }
            out.add(new CatalogRebuild.Drive(root, m.get()));
        }
        return out;
    }

    /**
     * Rebuilds the catalog from {@code drives}.
     *
     * @param replace a catalog that holds sessions is replaced (moved aside) only when true
     * @throws UsageException     when the catalog holds sessions and {@code replace} is false (nothing changed)
     * @throws CannotRunException when no drive is given or found, or the catalog is open elsewhere
     */
    public Result run(List<CatalogRebuild.Drive> drives, boolean replace, RebuildProgress progress) {
        Path base = home.catalogBase();
        if (drives.isEmpty()) {
            throw new CannotRunException("No drive was found in " + String.join(", ",
                    mountRoots.stream().map(Object::toString).toList()) + ". Nothing was changed. Connect your "
                    + "drives, or name their folders: triplicate catalog rebuild PATH...");
        }
        if (!replace && CatalogSnapshots.sessionCount(base) > 0) {
            throw new UsageException("The catalog at " + base.getParent() + " already holds sessions; a rebuild "
                    + "would replace it. Nothing was changed. Add --replace to rebuild it anyway (the current "
                    + "catalog is moved aside into " + base.getFileName() + ".broken-<time>, never deleted).");
        }
        progress.step("Looking for the newest catalog backup on the drives", 0, drives.size());
        var restored = new CatalogRestorer(base, mountRoots, new CatalogMemory(home.catalogMemoryFile()), clock)
                .restoreNewestOn(drives.stream().map(CatalogRebuild.Drive::root).toList());
        Optional<Path> aside;
        if (restored.isPresent()) {
            aside = restored.get().movedAside();
        } else {
            CatalogSnapshots.refuseIfInUse(base);
            try {
                aside = CatalogSnapshots.moveAside(base, clock.instant());
            } catch (IOException e) {
                throw new CannotRunException("The current catalog could not be moved aside in " + base.getParent()
                        + ": " + e.getMessage() + ". Nothing was rebuilt.", e);
            }
        }
        List<String> warnings = new ArrayList<>();
        restored.flatMap(CatalogRestorer.Restored::warning).ifPresent(warnings::add);
        // the guard would stop a new catalog beside drives of another: the rebuild is what makes it theirs
        try (Services services = Services.open(home, files, mountRoots, clock, false)) {
            CatalogRebuild.Report report = restored.isPresent()
                    ? services.rebuild.check(drives, restored.get().backup().takenAt(), progress)
                    : services.rebuild.build(drives, progress);
            warnings.addAll(services.backups.afterWork("catalog rebuild").warnings());
            // the rebuilt catalog is the one chosen, even where its generation is below what this computer noted
            services.acceptCatalog().warning().ifPresent(warnings::add);
            return new Result(restored, aside, drives.stream().map(d -> d.marker().label()).toList(), report,
                    warnings);
        }
    }
}
