package app.triplicate.drives;

import app.triplicate.catalog.CatalogIdentity;
import app.triplicate.catalog.CatalogIdentityRepository;
import app.triplicate.catalog.LocationRepository;
import app.triplicate.core.Location;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Stops a lost catalog from passing for the real one. Deleting the catalog used to make a new, empty one without
 * a word (status "No sessions yet", verify "all good", exit 0), and a catalog put back from an old copy silently
 * showed an older state. Each drive's marker records the catalog it belongs to and the newest generation it has
 * seen; opening a catalog that is new while a drive in the usual mount places belongs to another catalog, or one
 * whose generation is older than a connected drive's marker says, stops with a {@link LostCatalogException}.
 * A marker that names no catalog yet (0.1.0, or never connected since) is adopted silently into this catalog.
 * With no drive connected, what this computer remembers of its catalog ({@link CatalogMemory}) stands in for the
 * markers: a catalog that is new, another, or older than the one last seen here stops the same way. A computer that
 * remembers no catalog (a new home) starts without a word.
 */
public final class CatalogGuard {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogGuard.class);

    private final CatalogIdentityRepository identity;
    private final LocationRepository locations;
    private final DriveService drives;
    private final CatalogMemory memory;
    private final java.time.Clock clock;

    public CatalogGuard(CatalogIdentityRepository identity, LocationRepository locations, DriveService drives,
                        CatalogMemory memory, java.time.Clock clock) {
        this.identity = identity;
        this.locations = locations;
        this.drives = drives;
        this.memory = memory;
        this.clock = clock;
    }

    /** Throws {@link LostCatalogException} when the connected drives say this catalog is lost or out of date. */
    public void check() {
        CatalogIdentity ours = identity.current();
        boolean isNew = identity.isNew();
        checkDrives(ours, isNew);
        checkMemory(ours, isNew);
    }

    /** The markers of the drives found: the more precise check, naming the drive, so it comes first. */
    private void checkDrives(CatalogIdentity ours, boolean isNew) {
        if (isNew) {
            for (DriveService.FoundMarker found : DriveService.markersUnder(drives.mountRoots())) {
                UUID theirs = found.marker().catalogId();
                if (theirs != null && !theirs.equals(ours.id())) {
                    throw new LostCatalogException("This catalog is new: it has no drive and no session. "
                            + otherCatalog(found.root(), found.marker(), ours) + " " + wayBack());
                }
            }
            return;
        }
        Set<UUID> retired = locations.retiredIds();
        for (Location l : locations.all()) {
            if (retired.contains(l.id())) {
                continue;
            }
            Optional<Path> at = drives.locate(l);
            if (at.isEmpty()) {
                continue;
            }
            Optional<DriveMarker> m = DriveMarker.read(at.get());
            if (m.isEmpty()) {
                continue;
            }
            if (m.get().catalogId() == null) {
                adopt(at.get(), m.get(), ours);
            } else if (m.get().catalogId().equals(ours.id()) && m.get().seenGeneration() > ours.generation()) {
                throw new LostCatalogException("This catalog is older than drive \"" + l.label() + "\" (" + at.get()
                        + ") has seen: the catalog is at generation " + ours.generation() + ", the drive's marker "
                        + "records generation " + m.get().seenGeneration() + " of the same catalog (" + ours.id()
                        + "). It was probably put back from an old copy or cut short, and the work since then "
                        + "is missing from it. " + wayBack());
            }
        }
    }

    /** What this computer remembers: the same catalog at the same generation or a newer one, else it stops. */
    private void checkMemory(CatalogIdentity ours, boolean isNew) {
        Optional<CatalogMemory.Seen> seen = memory.read();
        if (seen.isEmpty()) {
            if (!isNew) {
                memory.note(ours, clock.instant()); // a home from before this file: it starts remembering now
            }
            return;
        }
        CatalogIdentity last = seen.get().identity();
        if (!last.id().equals(ours.id())) {
            String what = isNew ? "This catalog is new: it has no drive and no session. This computer last used "
                    + "catalog " + last.id() + " at generation " + last.generation() + " (noted in "
                    + memory.file() + "), which may have been deleted, moved or replaced."
                    : "This catalog is not the one this computer last used: it is catalog " + ours.id()
                    + " at generation " + ours.generation() + ", and this computer last used catalog " + last.id()
                    + " at generation " + last.generation() + " (noted in " + memory.file() + "). It may have "
                    + "been replaced by another library's catalog.";
            throw new LostCatalogException(what + " " + wayBack() + " " + connectFirst() + " " + acceptOnPurpose(isNew
                    ? "To start a new catalog on purpose instead" : "To use this catalog on purpose instead"), true);
        }
        if (ours.generation() < last.generation()) {
            throw new LostCatalogException("This catalog is older than this computer has seen: the catalog is at "
                    + "generation " + ours.generation() + ", and this computer last saw generation "
                    + last.generation() + " of the same catalog (" + ours.id() + ", noted in " + memory.file()
                    + "). It was probably put back from an old copy or cut short, and the work since then is "
                    + "missing from it. " + wayBack() + " " + connectFirst() + " "
                    + acceptOnPurpose("To go on from this older catalog on purpose instead"), true);
        }
        if (ours.generation() > last.generation()) {
            memory.noteAdvanced(ours, clock.instant()); // a shared catalog moved on from another workstation
        }
    }

    /** The drive that has seen the newest work may be in a drawer: the way back needs it connected, or named. */
    private String connectFirst() {
        return "Both need a drive that has seen the newest work: when it is not connected where Triplicate looks ("
                + String.join(", ", drives.mountRoots().stream().map(Path::toString).toList()) + "), connect it "
                + "first, or name its folder ('triplicate catalog restore --from PATH', 'triplicate catalog rebuild "
                + "PATH...').";
    }

    /** The deliberate way forward, worded as {@code drive add --adopt-from-other-catalog} is. */
    static String acceptOnPurpose(String lead) {
        return lead + ", run 'triplicate catalog accept': this computer then takes this catalog as its own "
                + "(what the other one knew stays in the backups and manifests on its drives).";
    }

    /** Makes a marker that names no catalog (0.1.0) this catalog's, on its first connection. */
    private static void adopt(Path root, DriveMarker m, CatalogIdentity ours) {
        try {
            m.withCatalog(ours.id(), ours.generation()).writeTo(root);
            LOG.info("drive {} at {}: its marker now records catalog {}", m.label(), root, ours.id());
        } catch (IOException e) {
            LOG.warn("drive {} at {}: could not record the catalog in its marker: {}", m.label(), root, e.toString());
        }
    }

    /** Says that the drive at {@code root} belongs to another catalog than {@code ours}. */
    static String otherCatalog(Path root, DriveMarker marker, CatalogIdentity ours) {
        return "Drive \"" + marker.label() + "\" (" + root + ") belongs to another catalog: its marker records "
                + "catalog " + marker.catalogId() + " at generation " + marker.seenGeneration() + ", and this "
                + "catalog is " + ours.id() + " at generation " + ours.generation() + ". The catalog it belongs "
                + "to may have been deleted, moved or replaced.";
    }

    /** What the user can do: restore the newest backup from the drives, or rebuild the catalog from them. */
    public static String wayBack() {
        return "Nothing on your drives is affected. Restore the newest catalog backup from your drives with "
                + "'triplicate catalog restore' (or '--from DRIVE' to take it from one drive; the current catalog is "
                + "moved aside, never deleted), or rebuild it from the drives with 'triplicate catalog rebuild' (it takes "
                + "the newest backup there and checks it against the manifests in every session folder; without a "
                + "backup it reads the manifests alone).";
    }
}
