package app.triplicate.drives;

import app.triplicate.catalog.CatalogIdentity;
import app.triplicate.catalog.CatalogSnapshots;
import app.triplicate.core.CannotRunException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * {@code catalog restore}: puts the newest catalog backup that opens, from the drives, in place of the current
 * catalog. It works without opening the current catalog (which may be missing, damaged or out of date), refuses
 * while another process holds it, tries the next backup when one is damaged, and moves the current catalog's
 * files aside into {@code catalog.broken-<time>} beside it, never deleting them. The restored catalog is the one
 * this computer then remembers ({@link CatalogMemory}): the user chose it.
 */
public final class CatalogRestorer {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogRestorer.class);

    private final Path catalogBase;
    private final List<Path> mountRoots;
    private final CatalogMemory memory;
    private final Clock clock;

    public CatalogRestorer(Path catalogBase, List<Path> mountRoots, CatalogMemory memory, Clock clock) {
        this.catalogBase = catalogBase.toAbsolutePath();
        this.mountRoots = List.copyOf(mountRoots);
        this.memory = memory;
        this.clock = clock;
    }

    /** A backup that was not used, and why (damaged, or a newer one opened first is not listed). */
    public record Skipped(Path file, String reason) {
    }

    /**
     * What was restored, from which drive, and where the catalog it replaced went.
     *
     * @param drivesSaw   the newest generation of this catalog a drive found had seen, when newer than the backup:
     *                    the work of the runs in between is not in the restored catalog
     * @param computerSaw the newest generation of this catalog this computer had seen, when newer than the catalog
     *                    restored: its newer backups are on drives that were not found (the catalog keeps its own
     *                    generation, so those drives, once connected, say it is out of date and a new restore
     *                    finds their backups)
     * @param warning     when this computer could not note the restored catalog as its own
     */
    public record Restored(CatalogBackups.Backup backup, String drive, Path driveRoot, CatalogIdentity identity,
                           Optional<Path> movedAside, List<Skipped> skipped, Optional<Long> drivesSaw,
                           Optional<Long> computerSaw, Optional<String> warning) {
    }

    /** A drive folder found by its marker, with its backups. */
    record Source(Path root, DriveMarker marker) {
    }

    /**
     * Restores the newest backup that opens, from drive {@code from} (a label, or the drive's folder) or from every
     * drive that can be found: the drives the current catalog lists, and those in the usual mount places.
     *
     * @throws CannotRunException (exit 3) when the catalog is in use, the named drive is not found, or no backup
     *                            found opens; the current catalog is then untouched
     */
    public Restored restoreNewest(Optional<String> from) {
        CatalogSnapshots.refuseIfInUse(catalogBase);
        List<Source> sources = sources(from);
        return restore(candidates(sources), sources, from);
    }

    /**
     * {@code catalog rebuild}: restores the newest backup that opens from the drive folders {@code driveRoots}
     * (each with its marker), or returns empty when none of them holds a backup (nothing is changed then).
     *
     * @throws CannotRunException as {@link #restoreNewest}, when backups are there but none opens
     */
    public Optional<Restored> restoreNewestOn(List<Path> driveRoots) {
        CatalogSnapshots.refuseIfInUse(catalogBase);
        List<Source> sources = new ArrayList<>();
        for (Path root : driveRoots) {
            DriveMarker.read(root).ifPresent(m -> sources.add(new Source(root.toAbsolutePath().normalize(), m)));
        }
        List<Candidate> candidates = candidates(sources);
        return candidates.isEmpty() ? Optional.empty() : Optional.of(restore(candidates, sources, Optional.empty()));
    }

    private static List<Candidate> candidates(List<Source> sources) {
        List<Candidate> candidates = new ArrayList<>();
        for (Source s : sources) {
            for (CatalogBackups.Backup b : CatalogBackups.list(DriveMarker.catalogBackupsIn(s.root()))) {
                candidates.add(new Candidate(b, s));
            }
        }
        candidates.sort(Comparator.comparing(Candidate::backup, CatalogBackups.NEWEST_FIRST));
        return candidates;
    }

    private Restored restore(List<Candidate> candidates, List<Source> sources, Optional<String> from) {
        if (candidates.isEmpty()) {
            throw new CannotRunException("No catalog backup was found " + where(from, sources) + ". Nothing was "
                    + "changed. Connect a drive that a version of Triplicate after 0.1.0 wrote to, or name its folder with "
                    + "--from PATH.");
        }
        Path workDir = catalogBase.resolveSibling(catalogBase.getFileName() + ".restoring");
        Path work = workDir.resolve(catalogBase.getFileName());
        List<Skipped> skipped = new ArrayList<>();
        try {
            clear(workDir);
            Files.createDirectories(workDir);
            for (Candidate c : candidates) {
                CatalogIdentity identity;
                try {
                    identity = CatalogSnapshots.restoreInto(c.backup().file(), work);
                } catch (IOException e) {
                    LOG.warn("catalog backup {} not restored: {}", c.backup().file(), e.getMessage());
                    skipped.add(new Skipped(c.backup().file(), e.getMessage()));
                    continue;
                }
                // the drives found may have seen later runs than the newest backup that opened (its newer copy
                // damaged): the user chose this restore and is told so, so the catalog takes their generation
                long saw = sources.stream().filter(s -> identity.id().equals(s.marker().catalogId()))
                        .mapToLong(s -> s.marker().seenGeneration()).max().orElse(0);
                Optional<Long> drivesSaw = saw > identity.generation() ? Optional.of(saw) : Optional.empty();
                if (drivesSaw.isPresent()) {
                    CatalogSnapshots.raiseGeneration(work, saw);
                }
                Optional<Path> aside = CatalogSnapshots.moveAside(catalogBase, clock.instant());
                CatalogSnapshots.putInPlace(work, catalogBase);
                LOG.info("catalog restored from {} (catalog {}, generation {}); the old one is in {}",
                        c.backup().file(), identity.id(), identity.generation(), aside.orElse(null));
                long now = Math.max(identity.generation(), saw);
                Optional<Long> computerSaw = memory.read().filter(m -> m.catalogId().equals(identity.id())
                        && m.generation() > now).map(CatalogMemory.Seen::generation);
                Optional<String> warning = memory.note(new CatalogIdentity(identity.id(), now), clock.instant());
                return new Restored(c.backup(), c.source().marker().label(), c.source().root(), identity, aside,
                        skipped, drivesSaw, computerSaw, warning);
            }
        } catch (IOException e) {
            throw new CannotRunException("The catalog could not be restored in " + catalogBase.getParent() + ": "
                    + e.getMessage() + ". If the current catalog was moved, it is in a folder named "
                    + catalogBase.getFileName() + ".broken-<time> beside it.", e);
        } finally {
            clear(workDir);
        }
        StringBuilder why = new StringBuilder("None of the " + candidates.size() + " catalog backups found "
                + where(from, sources) + " could be read; the current catalog was not changed.");
        skipped.forEach(s -> why.append("\n  ").append(s.reason()));
        throw new CannotRunException(why.toString());
    }

    private record Candidate(CatalogBackups.Backup backup, Source source) {
    }

    /** The drives to look on: the one named, or all that can be found (one entry per drive id). */
    List<Source> sources(Optional<String> from) {
        Map<UUID, Source> found = new LinkedHashMap<>();
        if (from.isPresent()) {
            Path asPath = Path.of(from.get());
            Optional<DriveMarker> there = Files.isDirectory(asPath) ? DriveMarker.read(asPath) : Optional.empty();
            if (there.isPresent()) {
                return List.of(new Source(asPath.toAbsolutePath().normalize(), there.get()));
            }
        }
        for (Path p : CatalogSnapshots.drivePaths(catalogBase)) {
            DriveMarker.read(p).ifPresent(m -> found.putIfAbsent(m.uuid(), new Source(p, m)));
        }
        for (DriveService.FoundMarker f : DriveService.markersUnder(mountRoots)) {
            found.putIfAbsent(f.marker().uuid(), new Source(f.root(), f.marker()));
        }
        if (from.isEmpty()) {
            return List.copyOf(found.values());
        }
        List<Source> named = found.values().stream().filter(s -> from.get().equals(s.marker().label())
                || from.get().equals(s.marker().uuid().toString())).toList();
        if (named.isEmpty()) {
            throw new CannotRunException("No drive \"" + from.get() + "\" was found: it is not connected where "
                    + "Triplicate looks (" + String.join(", ", mountRoots.stream().map(Path::toString).toList())
                    + "). Name the drive's folder instead: --from PATH.");
        }
        return named;
    }

    private String where(Optional<String> from, List<Source> sources) {
        if (from.isPresent()) {
            return "on drive \"" + from.get() + "\"";
        }
        if (sources.isEmpty()) {
            return "on any drive (no drive was found in " + String.join(", ",
                    mountRoots.stream().map(Path::toString).toList()) + ")";
        }
        return "on the drives found (" + String.join(", ", sources.stream()
                .map(s -> "\"" + s.marker().label() + "\" at " + s.root()).toList()) + ")";
    }

    /** Removes the leftovers of a restore in {@code dir}: Triplicate's own work folder, never the catalog. */
    private static void clear(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("could not remove {}: {}", dir, e.toString());
        }
    }
}
