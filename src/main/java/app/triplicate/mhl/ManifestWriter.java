package app.triplicate.mhl;

import app.triplicate.catalog.MediaFileRepository;
import app.triplicate.catalog.SessionFolderRepository;
import app.triplicate.catalog.SessionRepository;
import app.triplicate.core.MediaFile;
import app.triplicate.core.Session;
import app.triplicate.core.ThisComputer;
import app.triplicate.core.Xxh128;
import app.triplicate.drives.ConnectedDrive;
import app.triplicate.drives.DriveService;
import app.triplicate.files.SmallFile;
import app.triplicate.ledger.Ledger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
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
 * Writes the ASC MHL history of every session folder on every connected drive and on the remote (SPEC.md: <i>manifest</i>). It is the
 * ledger's witness: it hears every copy proven, found corrupt, edited, moved or culled; the services that prove
 * bytes (ingest, verify, repair, cull, push) call {@link #write} when their run ends, and each session folder told of
 * something gets one new generation on that drive, holding only what was proven there since the last one (a copy
 * not read again is not "verified" again).
 * <p>
 * A file's first hash in a folder is {@code original}, a proof of the same bytes later {@code verified}, bytes that
 * no longer match {@code failed} (with the hash read now). The reference tool checks every file against its first
 * hash, so a path edited, moved away or culled goes into the ignore list, and an edit's new hash is still recorded.
 * A manifest that cannot be written is logged and reported by place and folder; it never undoes or fails a copy.
 * The remote's session folders get the same histories (push and the remote's verify prove its copies), through
 * {@link ManifestPlace.Elsewhere}; where the histories live is the {@link ManifestPlace}'s business, their rules
 * are this class's and {@link MhlHistory}'s.
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

    /**
     * A session folder whose history could not be continued, and why.
     *
     * @param drive  the label of the drive, or of the remote ("Remote sftp://...")
     * @param remote it is the remote's
     */
    public record Problem(String drive, String folder, String reason, boolean remote) {
        public String message() {
            return (remote ? "" : "drive ") + drive + ": the ASC MHL manifest of " + folder + " was not written (" + reason
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
    private volatile ManifestPlace.Elsewhere elsewhere;

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
        final ManifestPlace place;
        final String folder;
        final Map<String, Event> byPath = new LinkedHashMap<>();
        final Set<String> ignore = new LinkedHashSet<>();

        Batch(ManifestPlace place, String folder) {
            this.place = place;
            this.folder = folder;
        }
    }

    /** From now on, the remote's histories are written too, through {@code elsewhere} (the composition root). */
    public void writesElsewhere(ManifestPlace.Elsewhere elsewhere) {
        this.elsewhere = elsewhere;
    }

    /** Forgets what was heard since the last write (a verify that found a mass change writes no location). */
    public void discard() {
        synchronized (pending) {
            pending.clear();
        }
    }

    /**
     * Writes one new generation in each session folder that something was proven, found or culled in since the last
     * call, on each connected drive and on the remote. Never throws for a manifest: what could not be written is
     * logged and returned.
     */
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
        Map<UUID, Optional<ManifestPlace>> places = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        try {
            Map<String, Batch> batches = new LinkedHashMap<>();
            Map<Long, Optional<MediaFile>> files = new LinkedHashMap<>();
            // each session's folder on each place, asked of the catalog once per write, not once per file
            Map<String, Optional<String>> folders = new java.util.HashMap<>();
            for (Event e : events) {
                Optional<MediaFile> file = files.computeIfAbsent(e.mediaFileId(), mediaFiles::findById);
                if (file.isEmpty()) {
                    continue;
                }
                Optional<ManifestPlace> place = places.computeIfAbsent(e.locationId(),
                        id -> placeOf(id, connected, problems));
                if (place.isEmpty()) {
                    continue; // a drive gone since, or a remote that could not be opened: its next run writes them
                }
                Optional<String> at = folders.computeIfAbsent(file.get().sessionId() + "\n" + e.locationId(),
                        k -> folderAt(file.get().sessionId(), e.locationId()));
                Optional<String> folder = !place.get().keepsFolderNames() || at.isEmpty()
                        || e.path().startsWith(at.get() + "/") ? at : ManifestPlace.folderOf(e.path(), at.get());
                if (folder.isEmpty()) {
                    continue;
                }
                gather(batches.computeIfAbsent(e.locationId() + "\n" + folder.get(),
                        k -> new Batch(place.get(), folder.get())), e);
            }
            for (Batch b : batches.values()) {
                try {
                    writeGeneration(b, process, files);
                } catch (IOException | RuntimeException ex) {
                    Problem p = new Problem(b.place.label(), b.folder,
                            ex.getMessage() == null ? ex.toString() : ex.getMessage(), b.place.keepsFolderNames());
                    log.warn(p.message(), ex);
                    problems.add(p);
                }
            }
        } finally {
            places.values().forEach(p -> p.ifPresent(ManifestPlace::close));
        }
        return problems;
    }

    /** A connected drive, or the remote opened for this write; empty for a drive not connected. */
    private Optional<ManifestPlace> placeOf(UUID locationId, Map<UUID, ConnectedDrive> connected,
                                            List<Problem> problems) {
        ConnectedDrive drive = connected.get(locationId);
        if (drive != null) {
            return Optional.of(ManifestPlace.on(drive, files, clock.getZone()));
        }
        if (elsewhere == null) {
            return Optional.empty();
        }
        try {
            return elsewhere.open(locationId);
        } catch (RuntimeException ex) { // e.g. the remote's secret is gone: its copies were proven, say why no manifest
            Problem p = new Problem("Remote", "its session folders", String.valueOf(ex.getMessage()),
                    true);
            log.warn(p.message(), ex);
            problems.add(p);
            return Optional.empty();
        }
    }

    private static String where(Batch b) {
        return (b.place.keepsFolderNames() ? "" : "drive ") + b.place.label();
    }

    /** Adds one event to its folder's next generation. */
    private static void gather(Batch b, Event e) {
        String prefix = b.folder + "/";
        if (e.from() != null && e.from().startsWith(prefix)) {
            b.ignore.add(MhlHistory.ignorePattern(e.from().substring(prefix.length())));
        }
        if (!e.path().startsWith(prefix)) {
            log.warn("{}: {} is outside its session folder {}; left out of the manifest", where(b), e.path(),
                    b.folder);
            return;
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

    private void writeGeneration(Batch b, Process process, Map<Long, Optional<MediaFile>> mediaFilesById)
            throws IOException {
        ManifestFolder folder = b.place.folder(b.folder);
        MhlHistory history = MhlHistory.read(folder);
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<HashList.Hash> hashes = new ArrayList<>();
        for (Map.Entry<String, Event> en : new java.util.TreeMap<>(b.byPath).entrySet()) {
            String rel = en.getKey();
            Event e = en.getValue();
            OffsetDateTime modified = folder.modified(rel);
            if (e.kind() == Kind.CORRUPT) {
                // what is there now, read again: the ledger was told only that it differs
                try {
                    Optional<ManifestFolder.Found> found = folder.readAgain(rel);
                    found.ifPresent(f -> hashes.add(new HashList.Hash(rel, f.size(), modified, FORMAT, f.hash().hex(),
                            HashList.Action.FAILED, now)));
                    if (found.isEmpty()) {
                        log.warn("{}: {}/{} is gone, so its manifest records no hash for it", where(b),
                                b.folder, rel);
                    }
                } catch (IOException | RuntimeException ex) {
                    log.warn("{}: {}/{} cannot be read again for its manifest: {}", where(b), b.folder, rel,
                            ex.getMessage());
                }
                continue;
            }
            MediaFile mf = mediaFilesById.get(e.mediaFileId()).orElseThrow();
            String value = e.hash() != null ? e.hash().hex() : mf.hash().hex();
            // an edit says its new size; bytes proven otherwise are as large as the file's version they matched
            long size = e.kind() == Kind.EDITED ? e.size() : e.hash() == null || e.hash().equals(mf.hash()) ? mf.size()
                    : folder.size(rel);
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
        ignore.addAll(b.place.ownIgnore());
        ignore.addAll(b.ignore);
        if (hashes.isEmpty() && history.ignorePatterns().containsAll(ignore)) {
            return; // nothing new to say
        }
        history.append(new HashList(0, "", now, ThisComputer.name(), TOOL, version, process.xml, List.copyOf(ignore), hashes));
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
}
