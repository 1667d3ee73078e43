package app.triplicate.mhl;

import app.triplicate.catalog.MediaFileRepository;
import app.triplicate.catalog.SessionFolderRepository;
import app.triplicate.catalog.SessionRepository;
import app.triplicate.core.MediaFile;
import app.triplicate.core.Session;
import app.triplicate.core.Xxh128;
import app.triplicate.drives.ConnectedDrive;
import app.triplicate.drives.DriveService;
import app.triplicate.files.SmallFile;
import app.triplicate.files.Xxh128Hasher;
import app.triplicate.ledger.Ledger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Writes the ASC MHL history of every session folder on every connected drive (SPEC.md: <i>manifest</i>). It is the
 * ledger's witness: it hears every copy proven, found corrupt, edited, moved or culled; the services that prove
 * bytes (ingest, verify, repair, cull) call {@link #write} when their run ends, and each session folder told of
 * something gets one new generation on that drive, holding only what was proven there since the last one (a copy
 * not read again is not "verified" again).
 * <p>
 * A file's first hash in a folder is {@code original}, a proof of the same bytes later {@code verified}, bytes that
 * no longer match {@code failed} (with the hash read now). The reference tool checks every file against its first
 * hash, so a path edited, moved away or culled goes into the ignore list, and an edit's new hash is still recorded.
 * A manifest that cannot be written is logged and reported by drive and folder; it never undoes or fails a copy.
 * The remote gets no manifests yet.
 */
public final class ManifestWriter implements Ledger.Witness {
    private static final Logger log = LoggerFactory.getLogger(ManifestWriter.class);
    /** Who writes the manifests, in their {@code <tool>} element. */
    public static final String TOOL = "Triplicate";
    /** Triplicate's own files that may stand in a session folder, ignored by every history it writes. */
    public static final List<String> OWN_IGNORE = List.of("*" + SmallFile.TEMP_SUFFIX, "._*");
    static final String FORMAT = "xxh128";

    /** What a run did, in the manifest's {@code <process>}. */
    public enum Process {
        /** The files were checked where they are (verify, cull). */
        IN_PLACE("in-place"),
        /** The files were copied there (ingest, repair). */
        TRANSFER("transfer");

        final String xml;

        Process(String xml) {
            this.xml = xml;
        }
    }

    /** A session folder on a drive whose history could not be continued, and why. */
    public record Problem(String drive, String folder, String reason) {
        public String message() {
            return "drive " + drive + ": the ASC MHL manifest of " + folder + " was not written (" + reason
                    + "); the copies there are unaffected";
        }
    }

    private enum Kind { PROVEN, CORRUPT, EDITED, MOVED, CULLED }

    private record Event(Kind kind, long mediaFileId, UUID locationId, String path, String from, Xxh128 hash,
                         long size) {
    }

    private final DriveService drives;
    private final MediaFileRepository mediaFiles;
    private final SessionRepository sessions;
    private final SessionFolderRepository sessionFolders;
    private final SmallFile files;
    private final Clock clock;
    private final String version;
    private final List<Event> pending = new ArrayList<>();

    public ManifestWriter(DriveService drives, MediaFileRepository mediaFiles, SessionRepository sessions,
                          SessionFolderRepository sessionFolders, SmallFile files, Clock clock, String version) {
        this.drives = drives;
        this.mediaFiles = mediaFiles;
        this.sessions = sessions;
        this.sessionFolders = sessionFolders;
        this.files = files;
        this.clock = clock;
        this.version = version;
    }

    @Override
    public void proven(long mediaFileId, UUID locationId, String path, Xxh128 hash) {
        add(new Event(Kind.PROVEN, mediaFileId, locationId, path, null, hash, -1));
    }

    @Override
    public void corrupt(long mediaFileId, UUID locationId, String path) {
        add(new Event(Kind.CORRUPT, mediaFileId, locationId, path, null, null, -1));
    }

    @Override
    public void edited(long mediaFileId, UUID locationId, String path, Xxh128 newHash, long newSize) {
        add(new Event(Kind.EDITED, mediaFileId, locationId, path, null, newHash, newSize));
    }

    @Override
    public void moved(long mediaFileId, UUID locationId, String from, String to) {
        add(new Event(Kind.MOVED, mediaFileId, locationId, to, from, null, -1));
    }

    @Override
    public void culled(long mediaFileId, UUID locationId, String path) {
        add(new Event(Kind.CULLED, mediaFileId, locationId, path, null, null, -1));
    }

    private void add(Event e) {
        synchronized (pending) {
            pending.add(e);
        }
    }

    /** One session folder's next generation, as it is gathered. */
    private static final class Batch {
        final ConnectedDrive drive;
        final String folder;
        final Map<String, Event> byPath = new LinkedHashMap<>();
        final Set<String> ignore = new LinkedHashSet<>();

        Batch(ConnectedDrive drive, String folder) {
            this.drive = drive;
            this.folder = folder;
        }
    }

    /**
     * Writes one new generation in each session folder that something was proven, found or culled in since the last
     * call, on each connected drive. Never throws for a manifest: what could not be written is logged and returned.
     */
    /** Forgets what was heard since the last write (a verify that found a mass change writes no drive). */
    public void discard() {
        synchronized (pending) {
            pending.clear();
        }
    }

    public synchronized List<Problem> write(Process process) {
        List<Event> events;
        synchronized (pending) {
            events = new ArrayList<>(pending);
            pending.clear();
        }
        if (events.isEmpty()) {
            return List.of();
        }
        Map<UUID, ConnectedDrive> connected = new LinkedHashMap<>();
        drives.connected().forEach(d -> connected.put(d.location().id(), d));
        Map<String, Batch> batches = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        Map<Long, Optional<MediaFile>> files = new LinkedHashMap<>();
        for (Event e : events) {
            ConnectedDrive drive = connected.get(e.locationId());
            Optional<MediaFile> file = files.computeIfAbsent(e.mediaFileId(), mediaFiles::findById);
            if (drive == null || file.isEmpty()) {
                continue; // the remote (no manifests yet) or a drive gone since: its next run writes them
            }
            Optional<String> folder = folderAt(file.get().sessionId(), e.locationId());
            if (folder.isEmpty()) {
                continue;
            }
            String prefix = folder.get() + "/";
            Batch b = batches.computeIfAbsent(e.locationId() + "\n" + folder.get(), k -> new Batch(drive, folder.get()));
            if (e.from() != null && e.from().startsWith(prefix)) {
                b.ignore.add(MhlHistory.ignorePattern(e.from().substring(prefix.length())));
            }
            if (!e.path().startsWith(prefix)) {
                log.warn("drive {}: {} is outside its session folder {}; left out of the manifest", drive.label(),
                        e.path(), folder.get());
                continue;
            }
            String rel = e.path().substring(prefix.length());
            if (e.kind() == Kind.EDITED || e.kind() == Kind.CULLED) {
                b.ignore.add(MhlHistory.ignorePattern(rel));
            }
            if (e.kind() != Kind.CULLED) {
                b.byPath.put(rel, e);
            } else {
                b.byPath.remove(rel);
            }
        }
        for (Batch b : batches.values()) {
            try {
                writeGeneration(b, process, files);
            } catch (IOException | RuntimeException ex) {
                Problem p = new Problem(b.drive.label(), b.folder, ex.getMessage() == null ? ex.toString() : ex.getMessage());
                log.warn(p.message(), ex);
                problems.add(p);
            }
        }
        return problems;
    }

    private void writeGeneration(Batch b, Process process, Map<Long, Optional<MediaFile>> mediaFilesById)
            throws IOException {
        Path folder = b.drive.libraryRoot().resolve(b.folder);
        if (!Files.isDirectory(folder)) {
            throw new IOException("the folder " + folder + " is not there");
        }
        MhlHistory history = MhlHistory.read(folder);
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<HashList.Hash> hashes = new ArrayList<>();
        for (Map.Entry<String, Event> en : new java.util.TreeMap<>(b.byPath).entrySet()) {
            String rel = en.getKey();
            Event e = en.getValue();
            Path file = folder.resolve(rel);
            OffsetDateTime modified = modified(file);
            if (e.kind() == Kind.CORRUPT) {
                // what is there now, read again: the ledger was told only that it differs
                try {
                    hashes.add(new HashList.Hash(rel, Files.size(file), modified, FORMAT, hash(file).hex(),
                            HashList.Action.FAILED, now));
                } catch (IOException ex) {
                    log.warn("drive {}: {} cannot be read again for its manifest: {}", b.drive.label(), file,
                            ex.getMessage());
                }
                continue;
            }
            MediaFile mf = mediaFilesById.get(e.mediaFileId()).orElseThrow();
            String value = e.hash() != null ? e.hash().hex() : mf.hash().hex();
            // an edit says its new size; bytes proven otherwise are as large as the file's version they matched
            long size = e.kind() == Kind.EDITED ? e.size() : e.hash() == null || e.hash().equals(mf.hash()) ? mf.size()
                    : Files.size(file);
            HashList.Action action = history.recorded(rel, FORMAT, value) ? HashList.Action.VERIFIED
                    : HashList.Action.ORIGINAL;
            if (action == HashList.Action.ORIGINAL && history.original(rel).filter(o -> !o.value().equalsIgnoreCase(value))
                    .isPresent()) {
                // new bytes at a path first recorded with others (an edit, brought here by repair too): the
                // reference tool checks a path against its first hash only, so it must pass over this one
                b.ignore.add(MhlHistory.ignorePattern(rel));
            }
            hashes.add(new HashList.Hash(rel, size, modified, FORMAT, value, action, now));
        }
        Set<String> ignore = new LinkedHashSet<>(OWN_IGNORE);
        ignore.addAll(b.ignore);
        if (hashes.isEmpty() && history.ignorePatterns().containsAll(ignore)) {
            return; // nothing new to say
        }
        history.append(new HashList(0, "", now, HostName.VALUE, TOOL, version, process.xml, List.copyOf(ignore), hashes),
                files);
    }

    /** The session's folder on that drive: its current one, or the earlier name the drive has not caught up from. */
    private Optional<String> folderAt(long sessionId, UUID locationId) {
        for (SessionFolderRepository.Behind behind : sessionFolders.behindOf(sessionId)) {
            if (behind.locationId().equals(locationId)) {
                return Optional.of(behind.folder());
            }
        }
        return sessions.findById(sessionId).map(Session::folder);
    }

    private OffsetDateTime modified(Path file) {
        try {
            return OffsetDateTime.ofInstant(Files.getLastModifiedTime(file).toInstant(), clock.getZone());
        } catch (IOException e) {
            return null;
        }
    }

    private static Xxh128 hash(Path file) throws IOException {
        Xxh128Hasher hasher = new Xxh128Hasher();
        byte[] buf = new byte[256 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                hasher.update(buf, 0, n);
            }
        }
        return hasher.finish();
    }

    /** This computer's name for {@code <hostname>}, looked up once (a slow name service is asked only once). */
    private static final class HostName {
        static final String VALUE = lookUp();

        private static String lookUp() {
            String env = System.getenv("HOSTNAME");
            if (env == null || env.isBlank()) {
                env = System.getenv("COMPUTERNAME");
            }
            if (env != null && !env.isBlank()) {
                return env;
            }
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                return "localhost";
            }
        }
    }

}
