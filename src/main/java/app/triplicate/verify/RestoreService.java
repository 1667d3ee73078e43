package app.triplicate.verify;

import app.triplicate.catalog.CullRepository;
import app.triplicate.catalog.MediaFileRepository;
import app.triplicate.catalog.SessionRepository;
import app.triplicate.core.CannotRunException;
import app.triplicate.core.Copy;
import app.triplicate.core.CopyState;
import app.triplicate.core.LibraryLayout;
import app.triplicate.core.MediaFile;
import app.triplicate.core.Session;
import app.triplicate.core.UsageException;
import app.triplicate.drives.ConnectedDrive;
import app.triplicate.drives.DriveMarker;
import app.triplicate.drives.DriveService;
import app.triplicate.drives.VanishedDrives;
import app.triplicate.files.AtomicCopier;
import app.triplicate.files.FileAccess;
import app.triplicate.files.ReadBack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Restores a session's files into a folder outside every library: each file from a connected drive holding a
 * verified copy, written the way ingest writes (temporary name, forced, read back and compared with the hash
 * recorded at ingest, then renamed into place), so a copy that went bad since it was last verified is refused
 * and the next drive is tried.
 *
 * <p>The folder is flat: each file is written as {@code DIR/<its file name in the library>} (the camera's name,
 * made portable, as the user sees it in the library). Nothing in the folder is overwritten: a name held by other
 * content gets {@code -2}, {@code -3}...; a name already holding the same bytes counts as restored. Culled files
 * are not restored.
 */
public final class RestoreService {
    private static final String FOLDER_LABEL = "the restore folder";

    private final DriveService drives;
    private final SessionRepository sessions;
    private final MediaFileRepository mediaFiles;
    private final CullRepository culls;
    private final FileAccess files;

    public RestoreService(DriveService drives, SessionRepository sessions, MediaFileRepository mediaFiles,
                          CullRepository culls, FileAccess files) {
        this.drives = drives;
        this.sessions = sessions;
        this.mediaFiles = mediaFiles;
        this.culls = culls;
        this.files = files;
    }

    /**
     * One file restored.
     *
     * @param path       its library path
     * @param restoredAs its name in the restore folder
     * @param from       the drive it was copied from, or null when the folder already held it
     * @param method     how the written copy was proven (direct-read, cached-read), or null when nothing was written
     * @param notes      drives tried first whose copies failed, and why
     */
    public record Restored(String path, String restoredAs, String from, String method, List<String> notes) {
    }

    /** A file not restored, and why. */
    public record Missing(String path, String reason) {
    }

    public record Report(String session, String sessionName, Path to, List<Restored> restored, List<Missing> missing,
                         long culledSkipped) {
        public boolean ok() {
            return missing.isEmpty();
        }
    }

    /**
     * @param sessionIdOrName the session, by the id status prints or a unique name
     * @param to              the folder to restore into; created (but not its parent) when absent
     * @param from            the drive (label or UUID) to copy from first, or empty for the first connected one
     */
    public Report restore(String sessionIdOrName, Path to, Optional<String> from) {
        Session session = sessions.findByIdOrName(sessionIdOrName).orElseThrow(() -> new UsageException(
                "No session \"" + sessionIdOrName + "\" (use the id status prints, or a unique name)."));
        List<DriveService.DriveState> states = drives.list();
        Optional<UUID> preferred = from.map(name -> {
            DriveService.DriveState s = states.stream().filter(d -> d.location().label().equals(name)
                            || d.location().id().toString().equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> new UsageException("No drive is registered as \"" + name + "\" (see \"drive list\")."));
            if (!s.connected()) {
                throw new CannotRunException("Drive \"" + s.location().label() + "\" is not connected.");
            }
            return s.location().id();
        });
        Path dir = checkFolder(to, states);

        // the preferred drive first, then the others in the order drive list shows them
        Map<UUID, ConnectedDrive> connected = new LinkedHashMap<>();
        Map<UUID, String> labels = new HashMap<>();
        for (DriveService.DriveState s : states) {
            labels.put(s.location().id(), s.location().label());
            if (s.connected() && preferred.map(p -> p.equals(s.location().id())).orElse(false)) {
                connected.put(s.location().id(), new ConnectedDrive(s.location(), s.connectedAt().orElseThrow()));
            }
        }
        for (DriveService.DriveState s : states) {
            if (s.connected()) {
                connected.putIfAbsent(s.location().id(), new ConnectedDrive(s.location(), s.connectedAt().orElseThrow()));
            }
        }

        AtomicCopier copier = new AtomicCopier(files);
        ReadBack readBack = new ReadBack(files);
        List<Restored> restored = new ArrayList<>();
        List<Missing> missing = new ArrayList<>();
        VanishedDrives vanished = new VanishedDrives("restore");
        long culled = 0;
        for (CullRepository.SessionFile sf : culls.filesOf(session.id())) {
            if (sf.culled()) {
                culled++;
                continue;
            }
            MediaFile file = sf.file();
            String name = LibraryLayout.fileName(file.libraryPath());
            Target target;
            try {
                target = target(dir, name, file, readBack);
            } catch (IOException e) {
                missing.add(new Missing(file.libraryPath(), "cannot check " + e.getMessage() + " in " + dir));
                continue;
            }
            if (target.alreadyThere()) {
                restored.add(new Restored(file.libraryPath(), target.name(), null, null, List.of()));
                continue;
            }
            List<String> notes = new ArrayList<>();
            List<String> elsewhere = new ArrayList<>();
            Restored done = null;
            for (Copy copy : sources(file, connected, elsewhere, labels)) {
                ConnectedDrive d = connected.get(copy.locationId());
                Path source = d.libraryRoot().resolve(copy.path());
                // a drive that went away is named once per file, not tried again file by file
                if (vanished.known(d)) {
                    notes.add(d.label() + ": disconnected during restore");
                    continue;
                }
                if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
                    notes.add(d.label() + (vanished.gone(d, true) ? ": disconnected during restore" : ": not on the drive"));
                    continue;
                }
                try {
                    AtomicCopier.Copied copied = copier.copy(source, dir, dir.resolve(target.name()), file.hash(), FOLDER_LABEL);
                    done = new Restored(file.libraryPath(), copied.path().getFileName().toString(), d.label(),
                            copied.method().word(), List.copyOf(notes));
                    break;
                } catch (IOException | RuntimeException e) {
                    notes.add(d.label() + (vanished.gone(d, true) ? ": disconnected during restore"
                            : ": " + (e instanceof IOException io ? VanishedDrives.describe(io) : e.getMessage())));
                }
            }
            if (done != null) {
                restored.add(done);
            } else {
                List<String> why = new ArrayList<>(notes);
                if (!elsewhere.isEmpty()) {
                    why.add("verified copies on " + String.join(", ", elsewhere) + " (not connected)");
                }
                missing.add(new Missing(file.libraryPath(), why.isEmpty()
                        ? "no verified copy on any drive" : "no good copy on a connected drive: " + String.join("; ", why)));
            }
        }
        return new Report(session.stableId(), session.name(), dir, restored, missing, culled);
    }

    /** The file's verified copies on connected drives, in the drives' order; the others' labels go to {@code elsewhere}. */
    private List<Copy> sources(MediaFile file, Map<UUID, ConnectedDrive> connected, List<String> elsewhere,
                               Map<UUID, String> labels) {
        Map<UUID, Copy> verified = new HashMap<>();
        for (Copy c : mediaFiles.copiesOf(file.id())) {
            if (c.state() != CopyState.VERIFIED) {
                continue;
            }
            if (connected.containsKey(c.locationId())) {
                verified.put(c.locationId(), c);
            } else {
                elsewhere.add(labels.getOrDefault(c.locationId(), c.locationId().toString()));
            }
        }
        List<Copy> out = new ArrayList<>();
        for (UUID id : connected.keySet()) {
            if (verified.containsKey(id)) {
                out.add(verified.get(id));
            }
        }
        return out;
    }

    private record Target(String name, boolean alreadyThere) {
    }

    /** The first name in the folder that is free, or already holds these bytes. */
    private static Target target(Path dir, String name, MediaFile file, ReadBack readBack) throws IOException {
        for (int n = 1; ; n++) {
            String candidate = n == 1 ? name : LibraryLayout.alternative(name, n);
            Path p = dir.resolve(candidate);
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                return new Target(candidate, false);
            }
            if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && Files.size(p) == file.size()
                    && readBack.hash(p, FOLDER_LABEL, x -> { }).hash().equals(file.hash())) {
                return new Target(candidate, true);
            }
        }
    }

    /**
     * The restore folder, made absolute; refused when it lies inside any registered drive's library (or any
     * Triplicate library found by its drive marker), because nothing may be written into a library except by
     * ingest and repair.
     */
    private static Path checkFolder(Path to, List<DriveService.DriveState> states) {
        Path dir;
        try {
            dir = to.toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new UsageException("--to: not a valid path: " + e.getMessage());
        }
        Path real = real(dir);
        for (DriveService.DriveState s : states) {
            List<Path> roots = new ArrayList<>();
            s.connectedAt().ifPresent(roots::add);
            if (s.location().registeredPath() != null) {
                roots.add(Path.of(s.location().registeredPath()));
            }
            for (Path root : roots) {
                Path library = root.toAbsolutePath().normalize().resolve(LibraryLayout.ROOT);
                if (dir.startsWith(library) || real.startsWith(real(library))) {
                    throw intoLibrary(dir, s.location().label());
                }
            }
        }
        for (Path p = real; p != null; p = p.getParent()) {
            if (real.startsWith(p.resolve(LibraryLayout.ROOT)) && DriveMarker.read(p).isPresent()) {
                throw intoLibrary(dir, DriveMarker.read(p).get().label());
            }
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageException("--to " + dir + " is a file, not a folder.");
        }
        if (!Files.isDirectory(dir)) {
            if (dir.getParent() == null || !Files.isDirectory(dir.getParent())) {
                throw new UsageException("Cannot restore into " + dir + ": its parent folder does not exist.");
            }
            try {
                Files.createDirectory(dir);
            } catch (IOException e) {
                throw new CannotRunException("Cannot create the restore folder " + dir + ": " + e.getMessage(), e);
            }
        }
        return dir;
    }

    private static UsageException intoLibrary(Path dir, String drive) {
        return new UsageException("Will not restore into " + dir + ": it is inside the library of drive \"" + drive
                + "\", where only ingest and repair write. Choose a folder outside every drive's Triplicate folder.");
    }

    /** The path with its longest existing ancestor resolved through symbolic links. */
    private static Path real(Path absolute) {
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
        } catch (IOException e) {
            return absolute;
        }
    }
}
