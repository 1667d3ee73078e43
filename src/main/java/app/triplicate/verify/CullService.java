package app.triplicate.verify;

import app.triplicate.catalog.CullRepository;
import app.triplicate.catalog.CullRepository.Candidate;
import app.triplicate.catalog.MediaFileRepository;
import app.triplicate.core.CannotRunException;
import app.triplicate.core.Copy;
import app.triplicate.core.UsageException;
import app.triplicate.drives.ConnectedDrive;
import app.triplicate.drives.DriveService;
import app.triplicate.files.FileAccess;
import app.triplicate.files.ReadBack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Culling: the photographer deleted rejects on purpose, usually on the working drive after import. A culled
 * file no longer counts against the copy policy and is not repaired back; its copies elsewhere are kept
 * (Triplicate deletes nothing). A file is culled only on evidence: its copy is confirmed absent from a
 * connected drive, or the user names it. A copy that was only renamed on the drive (its bytes are found at an
 * unknown path of the same library) is not culled.
 */
public final class CullService {
    private static final Logger log = LoggerFactory.getLogger(CullService.class);

    private final DriveService drives;
    private final CullRepository culls;
    private final MediaFileRepository mediaFiles;
    private final app.triplicate.ledger.Ledger ledger;
    private final FileAccess files;
    private final app.triplicate.mhl.ManifestWriter manifests;

    public CullService(DriveService drives, CullRepository culls, MediaFileRepository mediaFiles,
                       app.triplicate.ledger.Ledger ledger, FileAccess files,
                       app.triplicate.mhl.ManifestWriter manifests) {
        this.ledger = ledger;
        this.manifests = manifests;
        this.drives = drives;
        this.culls = culls;
        this.mediaFiles = mediaFiles;
        this.files = files;
    }

    public enum Outcome {
        /** Marked culled now. */
        CULLED,
        /** Dry run: would be marked culled. */
        WOULD_CULL,
        /** Was culled before; nothing changed. */
        ALREADY_CULLED,
        /** Absent at its recorded path but found at another path of the same drive: renamed, not culled. */
        RENAMED,
        /** A path that names no file the catalog knows. */
        UNKNOWN;

        public boolean culled() {
            return this == CULLED || this == WOULD_CULL || this == ALREADY_CULLED;
        }
    }

    /**
     * One file considered.
     *
     * @param input   the path as given ({@code cull PATH}), or null ({@code --missing-on})
     * @param drive   the drive it was found on, or null
     * @param path    its library path, or null when unknown
     * @param session the stable id of its session, or null
     */
    public record Item(String input, String drive, String path, String session, String sessionName,
                       Outcome outcome, String detail) {
    }

    /** @param warnings what did not stop the cull but needs saying (a manifest not written, by drive and folder) */
    public record Report(boolean dryRun, List<Item> items, List<String> warnings) {
        public Report(boolean dryRun, List<Item> items) {
            this(dryRun, items, List.of());
        }

        /** Nothing named was unknown. */
        public boolean ok() {
            return items.stream().noneMatch(i -> i.outcome() == Outcome.UNKNOWN);
        }

        public long count(Outcome outcome) {
            return items.stream().filter(i -> i.outcome() == outcome).count();
        }
    }

    /** Culls the files whose recorded copy on the drive {@code label} (label or UUID) is now absent from it. */
    public Report cullMissingOn(String label, boolean dryRun) {
        DriveService.DriveState state = drives.list().stream()
                .filter(d -> d.location().label().equals(label) || d.location().id().toString().equalsIgnoreCase(label))
                .findFirst()
                .orElseThrow(() -> new UsageException("No drive is registered as \"" + label + "\" (see \"drive list\")."));
        if (!state.connected()) {
            throw new UsageException("Drive \"" + state.location().label() + "\" is not connected: cannot tell what "
                    + "was deleted from a drive that is not connected. Connect it and run this again.");
        }
        ConnectedDrive drive = new ConnectedDrive(state.location(), state.connectedAt().orElseThrow());
        Path library = drive.libraryRoot();
        if (!Files.isDirectory(library)) {
            // a whole library gone is not a cull: a wrong mount, a failed disk, or the wrong folder deleted
            throw new CannotRunException("Drive \"" + drive.label() + "\" has no library folder (" + library
                    + "), so nothing was culled. If you really deleted everything on it, name the files: cull PATH...");
        }
        List<Candidate> recorded = culls.copiesAt(drive.location().id());
        List<Candidate> absent = new ArrayList<>();
        for (Candidate c : recorded) {
            // notExists, not !exists: a file that cannot be checked is not evidence of a deletion; nor is a file
            // absent from a drive that went away (checked when one is found absent, and again before culling)
            if (!c.culled() && Files.notExists(library.resolve(c.copyPath()), LinkOption.NOFOLLOW_LINKS)) {
                requirePresent(drive);
                if (Files.notExists(library.resolve(c.copyPath()), LinkOption.NOFOLLOW_LINKS)) {
                    absent.add(c);
                }
            }
        }
        Map<Long, List<String>> unknownBySize = absent.isEmpty() ? Map.of() : unknownFilesBySize(drive, recorded);
        ReadBack readBack = new ReadBack(files);
        List<Item> items = new ArrayList<>();
        List<Candidate> toCull = new ArrayList<>();
        for (Candidate c : absent) {
            Optional<String> renamed = foundElsewhere(drive, c, unknownBySize.getOrDefault(c.size(), List.of()), readBack);
            if (renamed.isPresent()) {
                items.add(new Item(null, drive.label(), c.libraryPath(), c.sessionId(), c.sessionName(), Outcome.RENAMED,
                        "its bytes are at " + renamed.get() + " (renamed on the drive): not culled; run verify so the "
                                + "catalog follows it"));
                continue;
            }
            toCull.add(c);
        }
        requirePresent(drive);
        for (Candidate c : toCull) {
            items.add(cull(null, drive.label(), c, dryRun, List.of(drive)));
        }
        return new Report(dryRun, items, dryRun ? List.of() : manifestProblems());
    }

    /** Refuses to go on when the drive went away: what cannot be found on a drive that is not there was not deleted. */
    private static void requirePresent(ConnectedDrive drive) {
        if (!drive.libraryPresent()) {
            throw new CannotRunException("Drive \"" + drive.label() + "\" was disconnected while cull looked for "
                    + "deleted files, so nothing was culled. Connect it and run this again.");
        }
    }

    /**
     * Culls single files, each named by its path inside a connected drive's library, or by its library path
     * (relative to the library root). A path the catalog does not know is reported, not thrown.
     */
    public Report cull(List<String> paths, boolean dryRun) {
        List<ConnectedDrive> connected = drives.connected();
        List<Item> items = new ArrayList<>();
        for (String input : paths) {
            items.add(cullOne(input, connected, dryRun));
        }
        return new Report(dryRun, items, dryRun ? List.of() : manifestProblems());
    }

    /** The culled paths go into the ignore lists of their session folders' ASC MHL histories. */
    private List<String> manifestProblems() {
        return manifests.write(app.triplicate.mhl.ManifestWriter.Process.IN_PLACE).stream()
                .map(app.triplicate.mhl.ManifestWriter.Problem::message).toList();
    }

    private Item cullOne(String input, List<ConnectedDrive> connected, boolean dryRun) {
        Path given;
        try {
            given = Path.of(input);
        } catch (InvalidPathException e) {
            return unknown(input, "not a valid path: " + e.getMessage());
        }
        Path absolute = given.toAbsolutePath().normalize();
        for (ConnectedDrive d : connected) {
            Path library = d.libraryRoot().toAbsolutePath().normalize();
            if (absolute.startsWith(library) && !absolute.equals(library)) {
                String relative = slashes(library.relativize(absolute));
                Optional<Candidate> found = culls.findAt(d.location().id(), relative)
                        .or(() -> culls.findByLibraryPath(relative));
                return found.map(c -> cull(input, d.label(), c, dryRun, connected))
                        .orElseGet(() -> unknown(input, "in the library of " + d.label()
                                + ", but not a file the catalog knows"));
            }
        }
        if (given.isAbsolute()) {
            return unknown(input, "not inside the library of a connected drive");
        }
        String relative = slashes(Path.of(input.replace('\\', '/')).normalize());
        if (relative.isEmpty() || relative.startsWith("..")) {
            return unknown(input, "not a library path");
        }
        return culls.findByLibraryPath(relative).map(c -> cull(input, null, c, dryRun, connected))
                .orElseGet(() -> unknown(input, "not a file the catalog knows (give its path inside a connected "
                        + "drive's library, or its library path such as 2026/2026-05-01 Smith wedding/IMG_0001.CR3)"));
    }

    private Item cull(String input, String drive, Candidate c, boolean dryRun, List<ConnectedDrive> connected) {
        if (c.culled()) {
            return new Item(input, drive, c.libraryPath(), c.sessionId(), c.sessionName(), Outcome.ALREADY_CULLED, null);
        }
        if (dryRun) {
            return new Item(input, drive, c.libraryPath(), c.sessionId(), c.sessionName(), Outcome.WOULD_CULL, null);
        }
        boolean now = ledger.culled(c.mediaFileId(), absentOn(c.mediaFileId(), connected));
        return new Item(input, drive, c.libraryPath(), c.sessionId(), c.sessionName(),
                now ? Outcome.CULLED : Outcome.ALREADY_CULLED, null);
    }

    /** The connected drives whose recorded copy of the file is gone: recorded as missing, so the catalog stays true. */
    private List<UUID> absentOn(long mediaFileId, List<ConnectedDrive> connected) {
        Map<UUID, ConnectedDrive> byId = new HashMap<>();
        connected.forEach(d -> byId.put(d.location().id(), d));
        List<UUID> out = new ArrayList<>();
        for (Copy copy : mediaFiles.copiesOf(mediaFileId)) {
            ConnectedDrive d = byId.get(copy.locationId());
            if (d != null && Files.notExists(d.libraryRoot().resolve(copy.path()), LinkOption.NOFOLLOW_LINKS)
                    && d.libraryPresent()) { // absent from a drive that is there, not from one that went away
                out.add(copy.locationId());
            }
        }
        return out;
    }

    private static Item unknown(String input, String why) {
        return new Item(input, null, null, null, null, Outcome.UNKNOWN, why);
    }

    private static String slashes(Path relative) {
        return relative.toString().replace('\\', '/');
    }

    /** Files in the drive's library at paths the catalog does not record there, by size. */
    private static Map<Long, List<String>> unknownFilesBySize(ConnectedDrive drive, List<Candidate> recorded) {
        Set<String> known = new HashSet<>();
        recorded.forEach(c -> known.add(c.copyPath()));
        Path library = drive.libraryRoot();
        Map<Long, List<String>> out = new HashMap<>();
        try {
            Files.walkFileTree(library, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    // a session folder's ASC MHL history is Triplicate's record of it, not a file it lost track of
                    return dir.getFileName().toString().equals(app.triplicate.core.LibraryLayout.MANIFEST_FOLDER)
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String rel = slashes(library.relativize(file));
                    if (attrs.isRegularFile() && !rel.endsWith(".triplicate-tmp") && !known.contains(rel)) {
                        out.computeIfAbsent(attrs.size(), k -> new ArrayList<>()).add(rel);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    log.warn("drive {}: cannot look into {}: {}", drive.label(), file, e.getMessage());
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            log.warn("drive {}: cannot list the library: {}", drive.label(), e.getMessage());
        }
        return out;
    }

    private static Optional<String> foundElsewhere(ConnectedDrive drive, Candidate c, List<String> sameSize,
                                                   ReadBack readBack) {
        for (String other : sameSize) {
            try {
                if (readBack.hash(drive.libraryRoot().resolve(other), drive.label(), n -> { }).hash().equals(c.hash())) {
                    return Optional.of(other);
                }
            } catch (IOException e) {
                log.warn("drive {}: cannot read {}: {}", drive.label(), other, e.getMessage());
            }
        }
        return Optional.empty();
    }
}
