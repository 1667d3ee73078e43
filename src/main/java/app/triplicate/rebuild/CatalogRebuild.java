package app.triplicate.rebuild;

import app.triplicate.capture.CaptureReader;
import app.triplicate.capture.CaptureReading;
import app.triplicate.capture.SessionGrouper;
import app.triplicate.catalog.CatalogIdentityRepository;
import app.triplicate.catalog.LocationRepository;
import app.triplicate.catalog.MediaFileRepository;
import app.triplicate.catalog.SessionRepository;
import app.triplicate.core.CopyState;
import app.triplicate.core.DriveRole;
import app.triplicate.core.LibraryLayout;
import app.triplicate.core.Location;
import app.triplicate.core.MediaFile;
import app.triplicate.core.Session;
import app.triplicate.core.Xxh128;
import app.triplicate.drives.DriveMarker;
import app.triplicate.ledger.Ledger;
import app.triplicate.mhl.HashList;
import app.triplicate.mhl.MhlHistory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code catalog rebuild}: the catalog made again from what the drives say about themselves, their markers, the
 * library layout and each session folder's ASC MHL history, without reading any card or any file whole (SPEC.md:
 * <i>manifest</i>). A restored backup is {@linkplain #check checked} against the histories; without one the catalog
 * is {@linkplain #build built} from them. A copy counts only where a history records its path with its hash.
 */
public final class CatalogRebuild {
    /** A session folder of the default layout: {@code <yyyy>/<yyyy-MM-dd> <name>}. */
    private static final Pattern DATED = Pattern.compile("\\d{4}-\\d{2}-\\d{2} (.+)");

    private final LocationRepository locations;
    private final SessionRepository sessions;
    private final MediaFileRepository mediaFiles;
    private final CatalogIdentityRepository identity;
    private final Ledger ledger;
    private final CaptureReader capture;
    private final Clock clock;

    public CatalogRebuild(LocationRepository locations, SessionRepository sessions, MediaFileRepository mediaFiles,
                          CatalogIdentityRepository identity, Ledger ledger, CaptureReader capture, Clock clock) {
        this.locations = locations;
        this.sessions = sessions;
        this.mediaFiles = mediaFiles;
        this.identity = identity;
        this.ledger = ledger;
        this.capture = capture;
        this.clock = clock;
    }

    /** A drive folder found by its marker. */
    public record Drive(Path root, DriveMarker marker) {
        Path library() {
            return root.resolve(LibraryLayout.ROOT);
        }
    }

    /**
     * What the rebuild found.
     *
     * @param files       media files with at least one confirmed copy
     * @param confirmed   copies a history records with the catalog's hash (counted)
     * @param newer       of those, copies whose history records a proof newer than the catalog had (adopted)
     * @param unconfirmed copies the catalog counted that no history confirms ("drive: path (why)"), not counted
     * @param notCounted  files on a drive that no history records ("drive: path"), not in the catalog
     * @param addedDrives drives the catalog did not list, added with a role and place that are guesses
     * @param notChecked  drives the restored backup lists that were not among those given: their copies stand as
     *                    the backup records them
     */
    public record Report(int sessions, int files, int confirmed, int newer, List<String> unconfirmed,
                         List<String> notCounted, List<String> addedDrives, List<String> notChecked) {
    }

    /**
     * Checks the catalog just restored from a backup against the histories on {@code drives}: a verified copy
     * whose history does not record its path with its hash, or whose file is gone, stops counting until verify
     * proves it; a proof the history records after the backup's is adopted with its date, and a file it records
     * that the backup does not know (ingested after it was taken) is added as {@link #build} adds one.
     *
     * @param backupTakenAt when the restored backup was taken: a copy it did not count, proven after, counts again
     */
    public Report check(List<Drive> drives, Instant backupTakenAt) {
        return check(drives, backupTakenAt, app.triplicate.progress.RebuildProgress.NONE);
    }

    /** As {@link #check(List, Instant)}, saying which drive it checks. */
    public Report check(List<Drive> drives, Instant backupTakenAt, app.triplicate.progress.RebuildProgress progress) {
        Tally t = new Tally();
        List<Found> found = new ArrayList<>();
        Map<String, Found> firstOf = new LinkedHashMap<>();
        int done = 0;
        for (Drive d : drives) {
            progress.step("Checking drive \"" + d.marker().label() + "\" against its manifests", done++,
                    drives.size());
            Location l = location(d, t);
            Map<String, Optional<MhlHistory>> histories = new HashMap<>();
            Map<Long, Optional<Session>> sessionOf = new HashMap<>();
            java.util.Set<String> known = new java.util.HashSet<>();
            for (MediaFileRepository.CopyAt c : mediaFiles.copiesAt(l.id(), null, null)) {
                known.add(c.path());
                if (c.culled()) {
                    continue;
                }
                if (c.state() != CopyState.VERIFIED) {
                    laterProof(d, l, c, backupTakenAt, t);
                    continue;
                }
                Optional<Session> s = sessionOf.computeIfAbsent(c.sessionId(), sessions::findById);
                String folder = s.map(Session::folder).filter(f -> c.path().startsWith(f + "/")).orElse(null);
                String why = null;
                Optional<HashList.Hash> entry = Optional.empty();
                if (folder == null) {
                    why = "it is outside its session folder";
                } else if (!Files.isRegularFile(d.library().resolve(c.path()))) {
                    why = "the file is not on the drive";
                } else {
                    Optional<MhlHistory> h = histories.computeIfAbsent(folder, f -> history(d.library().resolve(f)));
                    String rel = c.path().substring(folder.length() + 1);
                    entry = h.flatMap(x -> newestProof(x, rel, c.hash().hex()));
                    if (h.isEmpty()) {
                        why = "its session folder has no manifest";
                    } else if (entry.isEmpty()) {
                        why = "the manifest does not record it with the catalog's hash";
                    }
                }
                if (why != null) {
                    ledger.unconfirmed(c.mediaFileId(), l.id());
                    t.unconfirmed.add(d.marker().label() + ": " + c.path() + " (" + why + ")");
                    continue;
                }
                t.confirmed++;
                t.files.add(c.mediaFileId());
                Instant at = entry.get().hashDate().toInstant();
                if (c.verifiedAt() == null || at.isAfter(c.verifiedAt())) {
                    ledger.provenByManifest(c.mediaFileId(), l.id(), c.path(), at);
                    t.newer++;
                }
            }
            // files the drive's histories record that the backup does not know: ingested after it was taken
            collect(d, l, known, t, found, firstOf);
            t.notCounted.addAll(unrecorded(d));
        }
        progress.step("Recording " + found.size() + " copies and reading their capture times", drives.size(),
                drives.size());
        record(found, firstOf, t);
        java.util.Set<java.util.UUID> given = new java.util.HashSet<>();
        drives.forEach(d -> given.add(d.marker().uuid()));
        java.util.Set<java.util.UUID> retired = locations.retiredIds();
        Optional<java.util.UUID> remote = locations.currentRemote().map(Location::id);
        for (Location l : locations.all()) {
            if (!given.contains(l.id()) && !retired.contains(l.id()) && !remote.equals(Optional.of(l.id()))) {
                t.notChecked.add(l.label());
            }
        }
        return t.report(sessions.all().size());
    }

    /**
     * A copy the backup did not count (written, missing, corrupt, outdated) that its history proves with the
     * catalog's hash after the backup was taken (verified or repaired since): it counts again as of then.
     */
    private void laterProof(Drive d, Location l, MediaFileRepository.CopyAt c, Instant backupTakenAt, Tally t) {
        Optional<Session> s = sessions.findById(c.sessionId());
        if (s.isEmpty() || !c.path().startsWith(s.get().folder() + "/")
                || !Files.isRegularFile(d.library().resolve(c.path()))) {
            return;
        }
        String rel = c.path().substring(s.get().folder().length() + 1);
        history(d.library().resolve(s.get().folder())).flatMap(h -> newestProof(h, rel, c.hash().hex()))
                .map(e -> e.hashDate().toInstant()).filter(at -> at.isAfter(backupTakenAt)).ifPresent(at -> {
                    ledger.provenByManifest(c.mediaFileId(), l.id(), c.path(), at);
                    t.confirmed++;
                    t.newer++;
                    t.files.add(c.mediaFileId());
                });
    }

    /**
     * Builds an empty catalog from {@code drives} alone: their markers (the catalog's id and generation, each drive's
     * id and label), the session folders of the library and the newest hash each history records per path.
     */
    public Report build(List<Drive> drives) {
        return build(drives, app.triplicate.progress.RebuildProgress.NONE);
    }

    /** As {@link #build(List)}, saying which drive it reads. */
    public Report build(List<Drive> drives, app.triplicate.progress.RebuildProgress progress) {
        Tally t = new Tally();
        drives.stream().filter(d -> d.marker().catalogId() != null)
                .max(java.util.Comparator.comparingLong(d -> d.marker().seenGeneration()))
                .ifPresent(d -> identity.adopt(d.marker().catalogId(), d.marker().seenGeneration()));
        // first what every drive's histories prove, then the media files, placed on one timeline together: a file
        // without an offset of its own takes the one most of the library's files record, as it took its card's
        List<Found> found = new ArrayList<>();
        Map<String, Found> firstOf = new LinkedHashMap<>();
        int done = 0;
        for (Drive d : drives) {
            progress.step("Reading the manifests on drive \"" + d.marker().label() + "\"", done++, drives.size());
            collect(d, location(d, t), java.util.Set.of(), t, found, firstOf);
            t.notCounted.addAll(unrecorded(d));
        }
        progress.step("Recording " + found.size() + " copies and reading their capture times", drives.size(),
                drives.size());
        record(found, firstOf, t);
        return t.report(sessions.all().size());
    }

    /** Adds to {@code found} each path of {@code d}'s histories that proves a file there, but those in {@code skip}. */
    private static void collect(Drive d, Location l, java.util.Set<String> skip, Tally t, List<Found> found,
                                Map<String, Found> firstOf) {
        for (Path folderPath : sessionFolders(d.library())) {
            String folder = relative(d.library(), folderPath);
            Optional<MhlHistory> h = history(folderPath);
            if (h.isEmpty()) {
                continue;
            }
            for (Map.Entry<String, HashList.Hash> e : newestHashes(h.get()).entrySet()) {
                String rel = e.getKey();
                HashList.Hash newest = e.getValue();
                String libraryPath = folder + "/" + rel;
                Path file = folderPath.resolve(rel);
                if (skip.contains(libraryPath) || !Files.isRegularFile(file)) {
                    continue; // known already; or recorded, since gone (culled or moved ones are ignored anyway)
                }
                Optional<HashList.Hash> proof = newestProof(h.get(), rel, newest.value());
                if (proof.isEmpty() || newest.action() == HashList.Action.FAILED) {
                    t.unconfirmed.add(d.marker().label() + ": " + libraryPath + " (its manifest's newest "
                            + "entry records no proof of these bytes)");
                    continue;
                }
                Found f = new Found(l, folderPath, folder, libraryPath, Xxh128.parse(newest.value()),
                        newest.size() >= 0 ? newest.size() : sizeOf(file), file, proof.get().hashDate().toInstant());
                found.add(f);
                firstOf.putIfAbsent(f.key(), f);
            }
        }
    }

    /** The media files of {@code found} made (or found), and each copy counted as of its proof. */
    private void record(List<Found> found, Map<String, Found> firstOf, Tally t) {
        Map<String, MediaFile> files = insert(firstOf.values());
        for (Found f : found) {
            MediaFile m = files.get(f.key());
            ledger.provenByManifest(m.id(), f.location().id(), f.libraryPath(), f.provenAt());
            t.confirmed++;
            t.files.add(m.id());
        }
    }

    /** A path a drive's history proves (or {@link FolderAdoption} read): one copy. */
    record Found(Location location, Path folderPath, String folder, String libraryPath, Xxh128 hash,
                         long size, Path file, Instant provenAt) {
        /** The same media file on two drives: the same library path and hash. */
        String key() {
            return libraryPath + "\n" + hash.hex();
        }
    }

    /**
     * The media files, their capture times and cameras read from each one's first bytes, placed as ingest does;
     * a file its folder's session does not hold yet goes into it (made, named after the folder, when there is none).
     * Shared with {@link FolderAdoption}, which makes its session first to give it the name asked for.
     */
    Map<String, MediaFile> insert(java.util.Collection<Found> all) {
        List<SessionGrouper.Item> items = new ArrayList<>();
        Map<String, CaptureReading> readings = new HashMap<>();
        for (Found f : all) {
            long modified;
            try {
                modified = Files.getLastModifiedTime(f.file()).toMillis();
            } catch (IOException e) {
                modified = clock.millis();
            }
            CaptureReading r = capture.read(f.file(), modified);
            readings.put(f.libraryPath(), r);
            items.add(new SessionGrouper.Item(f.libraryPath(), f.size(), r));
        }
        Map<String, SessionGrouper.Shot> shotOf = new HashMap<>();
        for (SessionGrouper.Proposal p : new SessionGrouper(clock.getZone()).groupAt(items, java.util.Set.of())) {
            for (SessionGrouper.Shot shot : p.shots()) {
                shot.items().forEach(i -> shotOf.put(i.relativePath(), shot));
            }
        }
        Map<String, MediaFile> out = new HashMap<>();
        for (Found f : all) {
            Optional<MediaFile> known = mediaFiles.findByHashAndName(f.hash(), LibraryLayout.fileName(f.libraryPath()))
                    .stream().filter(m -> m.libraryPath().equals(f.libraryPath())).findFirst();
            if (known.isPresent()) {
                out.put(f.key(), known.get());
                continue;
            }
            Session session = sessions.findByFolder(f.folder()).orElseGet(() -> sessions.create(name(f.folderPath()),
                    f.folder()));
            CaptureReading r = readings.get(f.libraryPath());
            SessionGrouper.Shot shot = shotOf.get(f.libraryPath());
            out.put(f.key(), mediaFiles.insert(new MediaFile(0, f.hash(), f.size(), session.id(), f.libraryPath(),
                    LibraryLayout.fileName(f.libraryPath()), r.time(), shot.time(), r.suspicious(), r.camera(),
                    clock.instant()), shot.instant(), shot.wallClock()));
        }
        return out;
    }

    /** The drive's location in the catalog; added (as a backup drive kept on site, which may be wrong) when new. */
    private Location location(Drive d, Tally t) {
        Instant now = clock.instant();
        Optional<Location> known = locations.byId(d.marker().uuid());
        if (known.isEmpty()) {
            locations.insert(new Location(d.marker().uuid(), d.marker().label(), DriveRole.BACKUP, false,
                    d.root().toString(), null, false, d.marker().created() == null ? now : d.marker().created(), now));
            t.addedDrives.add(d.marker().label());
        }
        locations.markSeen(d.marker().uuid(), d.root().toString(), null, now);
        return locations.byId(d.marker().uuid()).orElseThrow();
    }

    /** The newest entry per path the history records, paths in its ignore list (edited, culled, moved) left out. */
    static Map<String, HashList.Hash> newestHashes(MhlHistory h) {
        List<String> ignored = h.ignorePatterns();
        Map<String, HashList.Hash> out = new LinkedHashMap<>();
        for (HashList g : h.generations()) {
            for (HashList.Hash x : g.hashes()) {
                if (!"xxh128".equals(x.format()) || ignored.contains(MhlHistory.ignorePattern(x.path()))) {
                    continue;
                }
                out.put(x.path(), x);
            }
        }
        return out;
    }

    /** The newest entry that proves {@code value} at {@code path} (original or verified), if any. */
    static Optional<HashList.Hash> newestProof(MhlHistory h, String path, String value) {
        HashList.Hash found = null;
        for (HashList g : h.generations()) {
            for (HashList.Hash x : g.hashes()) {
                if (x.path().equals(path) && "xxh128".equals(x.format())
                        && x.value().equalsIgnoreCase(value) && x.action() != HashList.Action.FAILED
                        && x.hashDate() != null) {
                    found = x;
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /** Files in the drive's session folders that no history records: not counted, and named. */
    private static List<String> unrecorded(Drive d) {
        List<String> out = new ArrayList<>();
        for (Path folderPath : sessionFolders(d.library())) {
            Optional<MhlHistory> h = history(folderPath);
            java.util.Set<String> known = new java.util.HashSet<>();
            h.ifPresent(x -> x.generations().forEach(g -> g.hashes().forEach(e -> known.add(e.path()))));
            try (Stream<Path> all = Files.walk(folderPath)) {
                for (Path f : all.filter(Files::isRegularFile).toList()) {
                    String rel = relative(folderPath, f);
                    if (rel.startsWith(LibraryLayout.MANIFEST_FOLDER + "/") || known.contains(rel)
                            || MhlHistory.DEFAULT_IGNORE.contains(f.getFileName().toString())) {
                        continue;
                    }
                    out.add(d.marker().label() + ": " + relative(d.library(), f));
                }
            } catch (IOException e) {
                out.add(d.marker().label() + ": " + relative(d.library(), folderPath) + " (cannot be listed: "
                        + e.getMessage() + ")");
            }
        }
        return out;
    }

    /** The session folders under a drive's library: {@code <yyyy>/<folder>}, those with a manifest folder first. */
    private static List<Path> sessionFolders(Path library) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(library)) {
            return out;
        }
        try (Stream<Path> years = Files.list(library)) {
            for (Path year : years.filter(Files::isDirectory).sorted().toList()) {
                if (year.getFileName().toString().startsWith(".")) {
                    continue;
                }
                try (Stream<Path> folders = Files.list(year)) {
                    folders.filter(Files::isDirectory).sorted().forEach(out::add);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot list the library at " + library + ": " + e.getMessage(), e);
        }
        return out;
    }

    static Optional<MhlHistory> history(Path folder) {
        if (!Files.isDirectory(folder.resolve(LibraryLayout.MANIFEST_FOLDER))) {
            return Optional.empty();
        }
        try {
            MhlHistory h = MhlHistory.read(folder);
            return h.isEmpty() ? Optional.empty() : Optional.of(h);
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // a history that cannot be read confirms nothing: its copies are not counted
        }
    }

    /**
     * The session's name from its folder. The default layout leaves out a name's leading date, so "2024-05-01
     * Afternoon" may be an automatic name or "Afternoon" named by hand: a part of the day is taken for the
     * automatic name (with its date), anything else for a name given by hand (without it).
     */
    static String name(Path folder) {
        String n = folder.getFileName().toString();
        var m = DATED.matcher(n);
        if (!m.matches() || AUTOMATIC.contains(m.group(1))) {
            return n;
        }
        return m.group(1);
    }

    /** The parts of the day {@link SessionGrouper#defaultName} names sessions by. */
    private static final java.util.Set<String> AUTOMATIC = java.util.Set.of("Morning", "Afternoon", "Evening",
            "Night");

    static String relative(Path base, Path p) {
        return base.relativize(p).toString().replace('\\', '/');
    }

    private static long sizeOf(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            return 0;
        }
    }

    private static final class Tally {
        int confirmed;
        int newer;
        final List<String> unconfirmed = new ArrayList<>();
        final List<String> notCounted = new ArrayList<>();
        final List<String> addedDrives = new ArrayList<>();
        final List<String> notChecked = new ArrayList<>();

        final java.util.Set<Long> files = new java.util.HashSet<>();

        Report report(int sessions) {
            return new Report(sessions, files.size(), confirmed, newer, List.copyOf(unconfirmed), List.copyOf(notCounted),
                    List.copyOf(addedDrives), List.copyOf(notChecked));
        }
    }
}
