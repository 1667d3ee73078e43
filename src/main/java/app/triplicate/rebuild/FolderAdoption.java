package app.triplicate.rebuild;

import app.triplicate.catalog.LocationRepository;
import app.triplicate.catalog.MediaFileRepository;
import app.triplicate.catalog.SessionRepository;
import app.triplicate.core.CannotRunException;
import app.triplicate.core.LibraryLayout;
import app.triplicate.core.Location;
import app.triplicate.core.MediaFile;
import app.triplicate.core.UsageException;
import app.triplicate.drives.ConnectedDrive;
import app.triplicate.drives.DriveService;
import app.triplicate.files.ReadBack;
import app.triplicate.files.SmallFile;
import app.triplicate.ledger.Ledger;
import app.triplicate.mhl.HashList;
import app.triplicate.mhl.ManifestWriter;
import app.triplicate.mhl.MhlHistory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code adopt}: a session folder another tool offloaded onto a registered drive, with its ASC MHL history, taken into
 * the catalog where it stands (SPEC.md: <i>manifest</i>: only adopt, which keeps the folder's layout, continues a
 * history). Every file is read once from the drive and must match the newest hash its history records; nothing is
 * copied, and the folder keeps its name and layout (the session's folder is this folder).
 */
public final class FolderAdoption {
    /** What became of one file of the folder. */
    public enum Outcome {
        /** Read, matched its history: a media file with a verified copy on the drive. */
        ADOPTED,
        /** The catalog already holds a file at this library path: left as it is (adopt run again). */
        ALREADY_ADOPTED,
        /** Its bytes differ from the newest hash its history records: not counted. */
        DIFFERS,
        /** The history does not record it: not counted. */
        NOT_IN_HISTORY,
        /** It could not be read: not counted. */
        UNREADABLE
    }

    /** One file, by its path relative to the adopted folder. */
    public record Item(String path, Outcome outcome, String detail) {
    }

    /** What adopt did: the drive, the folder's library path, its session's name (null when none), each file. */
    public record Report(String drive, String folder, String session, List<Item> items, List<String> warnings) {
        public long count(Outcome o) {
            return items.stream().filter(i -> i.outcome() == o).count();
        }

        /** No file was left uncounted. */
        public boolean ok() {
            return items.stream().allMatch(i -> i.outcome() == Outcome.ADOPTED
                    || i.outcome() == Outcome.ALREADY_ADOPTED);
        }
    }

    private final DriveService drives;
    private final LocationRepository locations;
    private final SessionRepository sessions;
    private final MediaFileRepository mediaFiles;
    private final Ledger ledger;
    private final ReadBack readBack;
    private final ManifestWriter manifests;
    private final CatalogRebuild rebuild;
    private final Clock clock;

    public FolderAdoption(DriveService drives, LocationRepository locations, SessionRepository sessions,
                          MediaFileRepository mediaFiles, Ledger ledger, ReadBack readBack, ManifestWriter manifests,
                          CatalogRebuild rebuild, Clock clock) {
        this.drives = drives;
        this.locations = locations;
        this.sessions = sessions;
        this.mediaFiles = mediaFiles;
        this.ledger = ledger;
        this.readBack = readBack;
        this.manifests = manifests;
        this.rebuild = rebuild;
        this.clock = clock;
    }

    /**
     * Adopts {@code folder} on drive {@code driveLabel} as one session named {@code name} (null: after the folder).
     *
     * @throws UsageException     when the drive is not registered, the folder is not inside its library, or the
     *                            folder has no readable ASC MHL history
     * @throws CannotRunException when the drive is not connected
     */
    public Report adopt(Path folder, String driveLabel, String name) {
        Location l = locations.find(driveLabel).orElseThrow(() -> new UsageException("No drive is registered as \""
                + driveLabel + "\" (see \"drive list\")."));
        ConnectedDrive d = drives.connected().stream().filter(c -> c.location().id().equals(l.id())).findFirst()
                .orElseThrow(() -> new CannotRunException("Drive " + l.label() + " is not connected: connect it and "
                        + "adopt again. Nothing was changed."));
        Path library = real(d.libraryRoot());
        Path at = real(folder);
        if (!Files.isDirectory(at)) {
            throw new UsageException(folder + " is not a folder. Nothing was changed.");
        }
        // a session folder stands where the library's own do, <library>/<year>/<folder>: there catalog rebuild
        // finds it again, and Triplicate's own folders (.triplicate) are never taken for one
        if (!at.startsWith(library) || at.getNameCount() != library.getNameCount() + 2
                || at.getName(library.getNameCount()).toString().startsWith(".")) {
            throw new UsageException(folder + " is not a session folder in drive " + l.label() + "'s library ("
                    + library + "): move it into a folder of the library there, such as "
                    + library.resolve("<year>").resolve(at.getFileName().toString()) + ", and adopt it again. "
                    + "Nothing was changed.");
        }
        String folderPath = CatalogRebuild.relative(library, at);
        if (name != null) {
            LibraryLayout.checkSessionName(name);
        }
        MhlHistory history;
        try {
            history = MhlHistory.read(at);
        } catch (IOException | RuntimeException e) {
            throw new UsageException("The ASC MHL history of " + at + " cannot be read (" + e.getMessage()
                    + "). Nothing was changed.");
        }
        if (history.isEmpty()) {
            throw new UsageException(at + " has no ASC MHL history: use ingest to copy a card. Nothing was changed.");
        }
        Map<String, HashList.Hash> newest = CatalogRebuild.newestHashes(history);
        List<Item> items = new ArrayList<>();
        List<CatalogRebuild.Found> found = new ArrayList<>();
        Map<String, ReadBack.Result> read = new HashMap<>();
        for (Path file : files(at)) {
            String rel = CatalogRebuild.relative(at, file);
            String libraryPath = folderPath + "/" + rel;
            HashList.Hash recorded = newest.get(rel);
            if (mediaFiles.libraryPathTaken(libraryPath)) {
                items.add(new Item(rel, Outcome.ALREADY_ADOPTED, null));
                continue;
            }
            if (recorded == null || recorded.action() == HashList.Action.FAILED) {
                items.add(new Item(rel, Outcome.NOT_IN_HISTORY, recorded == null ? "its ASC MHL history does not "
                        + "list it" : "its history's newest entry records it as failed"));
                continue;
            }
            ReadBack.Result r;
            try {
                r = readBack.hash(file, l.label(), n -> { });
            } catch (IOException e) {
                items.add(new Item(rel, Outcome.UNREADABLE, "cannot be read: " + e.getMessage()));
                continue;
            }
            if (!r.hash().hex().equalsIgnoreCase(recorded.value())) {
                items.add(new Item(rel, Outcome.DIFFERS, "its bytes differ from its ASC MHL history (read "
                        + r.hash().hex() + ", recorded " + recorded.value() + ")"));
                continue;
            }
            items.add(new Item(rel, Outcome.ADOPTED, null));
            read.put(libraryPath, r);
            found.add(new CatalogRebuild.Found(l, at, folderPath, libraryPath, r.hash(), r.size(), file,
                    clock.instant()));
        }
        String sessionName = sessions.findByFolder(folderPath).map(app.triplicate.core.Session::name).orElse(null);
        List<String> warnings = new ArrayList<>();
        if (!found.isEmpty()) {
            if (sessionName == null) {
                // made here, before the files, so it takes the name asked for; insert finds it by its folder
                sessionName = sessions.create(name != null ? name : CatalogRebuild.name(at), folderPath).name();
            }
            Map<String, MediaFile> made = rebuild.insert(found);
            for (CatalogRebuild.Found f : found) {
                ReadBack.Result r = read.get(f.libraryPath());
                ledger.proven(made.get(f.key()).id(), l.id(), f.libraryPath(), r.method(), r.hash());
            }
            // the folder's history continued with what was just read: a verified entry for each adopted file
            manifests.write(ManifestWriter.Process.IN_PLACE).forEach(p -> warnings.add(p.message()));
        }
        return new Report(l.label(), folderPath, sessionName, List.copyOf(items), List.copyOf(warnings));
    }

    /** The folder's files but its history and the files Triplicate and the reference tool pass over. */
    private static List<Path> files(Path folder) {
        try (Stream<Path> all = Files.walk(folder)) {
            return all.filter(Files::isRegularFile).filter(f -> {
                String rel = CatalogRebuild.relative(folder, f);
                String n = f.getFileName().toString();
                return !rel.startsWith(LibraryLayout.MANIFEST_FOLDER + "/") && !MhlHistory.DEFAULT_IGNORE.contains(n)
                        && !n.startsWith("._") && !n.endsWith(SmallFile.TEMP_SUFFIX);
            }).sorted().toList();
        } catch (IOException e) {
            throw new CannotRunException("The folder " + folder + " cannot be listed: " + e.getMessage());
        }
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

}
