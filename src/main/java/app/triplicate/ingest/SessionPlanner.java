package app.triplicate.ingest;

import app.triplicate.capture.CaptureReader;
import app.triplicate.capture.CaptureReading;
import app.triplicate.capture.SessionGrouper;
import app.triplicate.capture.SessionGrouper.Proposal;
import app.triplicate.catalog.CardRepository;
import app.triplicate.catalog.MediaFileRepository;
import app.triplicate.catalog.SessionRepository;
import app.triplicate.core.LibraryLayout;
import app.triplicate.core.MediaFile;
import app.triplicate.core.Session;
import app.triplicate.core.UsageException;
import app.triplicate.ingest.CardScanner.Scan;
import app.triplicate.ingest.CardScanner.ScannedFile;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns a scanned card into sessions: reads every new file's capture time from its header (files the
 * catalog already knows keep theirs), groups them by gaps, and decides for each group whether it joins an
 * existing session (it holds files already imported, or falls inside or within the gap of one) or is a new
 * session, with its name and library folder.
 */
public final class SessionPlanner {
    private final CaptureReader captures;
    private final CardRepository cards;
    private final MediaFileRepository mediaFiles;
    private final SessionRepository sessions;
    private final SessionGrouper grouper;
    private final java.time.ZoneId zone;

    public SessionPlanner(CaptureReader captures, CardRepository cards, MediaFileRepository mediaFiles,
                          SessionRepository sessions, Clock clock) {
        this.captures = captures;
        this.cards = cards;
        this.mediaFiles = mediaFiles;
        this.sessions = sessions;
        this.grouper = new SessionGrouper(clock.getZone());
        this.zone = clock.getZone();
    }

    /** A card file with its capture time, and the catalog's record when the quick check recognised it. */
    public record PlannedFile(ScannedFile file, CaptureReading reading, Optional<MediaFile> known) {
    }

    /**
     * One session of the plan.
     *
     * @param existing the catalog session the files join, or empty for a new session
     * @param notes    what the user should know ("kept the existing name ...")
     */
    public record PlannedSession(String name, String folder, Optional<Session> existing, Proposal proposal,
                                 List<PlannedFile> files, List<String> notes) {
        public long newFiles() {
            return files.stream().filter(f -> f.known().isEmpty()).count();
        }

        public long knownFiles() {
            return files.size() - newFiles();
        }

        public long newBytes() {
            return files.stream().filter(f -> f.known().isEmpty()).mapToLong(f -> f.file().size()).sum();
        }
    }

    /**
     * What an ingest of the card would do.
     *
     * @param files    the media files, by card path
     * @param sessionOf  the session of each media file and of each other file placed
     * @param shotTime each file's place on the timeline: its shot's time, so a sidecar without a date of its
     *                 own sits with its picture and does not stretch the session's range; for an other file,
     *                 the time of the media file it was placed with
     * @param shotOf   each file's shot: its instant and its time on the camera's clock as well (for an other file,
     *                 the shot it was placed with)
     * @param others   the card's other files (not media), by card path; those in {@code sessionOf} go to that
     *                 session's {@link LibraryLayout#OTHER_FILES} folder, the rest (a card with no media) are
     *                 not copied
     */
    public record Plan(Scan scan, Duration gap, List<PlannedSession> sessions, Map<String, PlannedFile> files,
                       Map<String, PlannedSession> sessionOf, Map<String, LocalDateTime> shotTime,
                       Map<String, SessionGrouper.Shot> shotOf, Map<String, PlannedFile> others) {
        /** A media file or an other file of the card, by its card path. */
        public PlannedFile file(String relativePath) {
            PlannedFile f = files.get(relativePath);
            return f != null ? f : others.get(relativePath);
        }

        /** Whether the card file is an other file (not media). */
        public boolean isOther(String relativePath) {
            return others.containsKey(relativePath);
        }
    }

    /**
     * @param sessionOverride {@code --session}: every file into one session of this name, whatever the gaps
     * @param names           {@code --name}: names for the proposed sessions, in order; a blank one keeps the
     *                        proposed name
     */
    public Plan plan(Scan scan, Duration gap, Optional<String> sessionOverride, List<String> names, String template) {
        return plan(scan, gap, sessionOverride, names, template, Optional.empty());
    }

    /**
     * @param sessionStarts when present, sessions start exactly at the shots holding these files (see
     *                      {@link SessionGrouper#groupAt}) instead of at gaps: a grouping the user chose by
     *                      splitting and merging; ignored with {@code sessionOverride}
     */
    public Plan plan(Scan scan, Duration gap, Optional<String> sessionOverride, List<String> names, String template,
                     Optional<List<String>> sessionStarts) {
        return group(scan, readAll(scan), readOthers(scan), gap, sessionOverride, names, template, sessionStarts);
    }

    /**
     * The same card planned again with other names or session starts, reusing the capture times already read:
     * no card file is opened, so a window can follow every split and merge at once.
     */
    public Plan replan(Plan previous, Optional<String> sessionOverride, List<String> names, String template,
                       Optional<List<String>> sessionStarts) {
        return group(previous.scan(), previous.files(), previous.others(), previous.gap(), sessionOverride, names,
                template, sessionStarts);
    }

    private Plan group(Scan scan, Map<String, PlannedFile> files, Map<String, PlannedFile> others, Duration gap,
                       Optional<String> sessionOverride,
                       List<String> names, String template, Optional<List<String>> sessionStarts) {
        List<SessionGrouper.Item> items = files.values().stream()
                .map(p -> new SessionGrouper.Item(p.file().relativePath(), p.file().size(), p.reading())).toList();
        List<Proposal> proposals;
        if (sessionOverride.isPresent()) {
            proposals = grouper.group(items, Duration.ofDays(365_000));
        } else if (sessionStarts.isPresent()) {
            proposals = grouper.groupAt(items, Set.copyOf(sessionStarts.get()));
            if (names.size() > proposals.size()) {
                throw new UsageException(names.size() + " session names given, but the chosen grouping makes "
                        + app.triplicate.core.Words.count(proposals.size(), "session") + ".");
            }
        } else {
            proposals = grouper.group(items, gap);
            if (names.size() > proposals.size()) {
                throw new UsageException(names.size() + " names given with --name, but the card makes "
                        + app.triplicate.core.Words.count(proposals.size(), "session") + "; run scan to see them.");
            }
        }
        List<PlannedSession> planned = new ArrayList<>();
        Set<String> foldersTaken = new HashSet<>();
        for (int i = 0; i < proposals.size(); i++) {
            Proposal p = proposals.get(i);
            List<PlannedFile> members = p.items().stream().map(it -> files.get(it.relativePath())).toList();
            Optional<String> name = sessionOverride.isPresent() ? sessionOverride
                    : Optional.ofNullable(i < names.size() ? names.get(i) : null).filter(n -> !n.isBlank());
            planned.add(decide(p, members, name, sessionOverride.isPresent(), gap, template, foldersTaken));
        }
        Map<String, PlannedSession> sessionOf = new HashMap<>();
        Map<String, LocalDateTime> shotTime = new HashMap<>();
        Map<String, SessionGrouper.Shot> shotOf = new HashMap<>();
        for (PlannedSession s : planned) {
            for (PlannedFile f : s.files()) {
                sessionOf.put(f.file().relativePath(), s);
            }
            for (SessionGrouper.Shot shot : s.proposal().shots()) {
                shot.items().forEach(i -> shotTime.put(i.relativePath(), shot.time()));
                shot.items().forEach(i -> shotOf.put(i.relativePath(), shot));
            }
        }
        placeOthers(others, planned, sessionOf, shotTime, shotOf);
        return new Plan(scan, gap, List.copyOf(planned), files, sessionOf, shotTime, shotOf, others);
    }

    /** Where an other file's time came from: it is not a capture time, and never makes a session. */
    static final String OTHER_FILE_SOURCE = "file modification time (not media)";

    /**
     * Puts each other file in the session of the media file nearest to it in time (its modification instant against
     * the shots' instants, which grouping uses; the earlier on a tie), at that shot's place on the timeline, so it
     * never starts or stretches a session. With no media file on the card, nothing is placed.
     */
    private void placeOthers(Map<String, PlannedFile> others, List<PlannedSession> planned,
                             Map<String, PlannedSession> sessionOf, Map<String, LocalDateTime> shotTime,
                             Map<String, SessionGrouper.Shot> shotOf) {
        java.util.TreeMap<java.time.Instant, SessionGrouper.Shot> byInstant = new java.util.TreeMap<>();
        Map<SessionGrouper.Shot, PlannedSession> sessionOfShot = new java.util.IdentityHashMap<>();
        for (PlannedSession s : planned) {
            for (SessionGrouper.Shot shot : s.proposal().shots()) {
                byInstant.putIfAbsent(shot.instant(), shot);
                sessionOfShot.put(shot, s);
            }
        }
        if (byInstant.isEmpty()) {
            return;
        }
        for (PlannedFile f : others.values()) {
            java.time.Instant t = java.time.Instant.ofEpochMilli(f.file().modifiedMillis());
            Map.Entry<java.time.Instant, SessionGrouper.Shot> before = byInstant.floorEntry(t);
            Map.Entry<java.time.Instant, SessionGrouper.Shot> after = byInstant.ceilingEntry(t);
            SessionGrouper.Shot nearest = (before == null ? after : after == null ? before
                    : Duration.between(before.getKey(), t).compareTo(Duration.between(t, after.getKey())) <= 0
                    ? before : after).getValue();
            sessionOf.put(f.file().relativePath(), sessionOfShot.get(nearest));
            shotTime.put(f.file().relativePath(), nearest.time());
            shotOf.put(f.file().relativePath(), nearest);
        }
    }

    /** The other files, with their modification time (never read: they are not pictures). */
    private Map<String, PlannedFile> readOthers(Scan scan) {
        Map<String, Long> knownIds = cards.quickMatchAll(scan.others().stream()
                .map(f -> new CardRepository.CardFile(f.relativePath(), f.size(), f.modifiedMillis())).toList());
        Map<String, PlannedFile> out = new LinkedHashMap<>();
        for (ScannedFile f : scan.others()) {
            app.triplicate.core.CaptureTime modified = app.triplicate.core.CaptureTime.fallback(
                    java.time.Instant.ofEpochMilli(f.modifiedMillis()), zone);
            CaptureReading reading = new CaptureReading(new app.triplicate.core.CaptureTime(modified.local(),
                    modified.offset(), OTHER_FILE_SOURCE, false), app.triplicate.core.Camera.UNKNOWN, false, null);
            Optional<MediaFile> known = Optional.ofNullable(knownIds.get(f.relativePath())).flatMap(mediaFiles::findById);
            out.put(f.relativePath(), new PlannedFile(f, reading, known));
        }
        return out;
    }

    private Map<String, PlannedFile> readAll(Scan scan) {
        Map<String, Long> knownIds = cards.quickMatchAll(scan.media().stream()
                .map(f -> new CardRepository.CardFile(f.relativePath(), f.size(), f.modifiedMillis())).toList());
        Map<Long, MediaFile> known = new HashMap<>();
        for (long id : new HashSet<>(knownIds.values())) {
            mediaFiles.findById(id).ifPresent(m -> known.put(id, m));
        }
        // header reads are independent: read on both cores
        List<PlannedFile> read = scan.media().parallelStream().map(f -> {
            Optional<MediaFile> k = Optional.ofNullable(knownIds.get(f.relativePath())).map(known::get);
            CaptureReading reading = k.map(m -> new CaptureReading(m.capture(), m.camera(), m.suspicious(), null))
                    .orElseGet(() -> captures.read(f.path(), f.modifiedMillis()));
            return new PlannedFile(f, reading, k);
        }).toList();
        return read.stream().collect(Collectors.toMap(p -> p.file().relativePath(), Function.identity(), (a, b) -> a,
                LinkedHashMap::new));
    }

    private PlannedSession decide(Proposal p, List<PlannedFile> members, Optional<String> givenName, boolean override,
                                  Duration gap, String template, Set<String> foldersTaken) {
        List<String> notes = new ArrayList<>();
        Optional<Session> existing;
        if (override) {
            existing = sessions.findByName(givenName.orElseThrow());
        } else {
            existing = sessionOfKnownFiles(members)
                    .or(() -> givenName.flatMap(sessions::findByName))
                    .or(() -> sessions.findNear(p.firstInstant(), p.lastInstant(), gap));
        }
        if (existing.isPresent()) {
            Session s = existing.get();
            if (givenName.isPresent() && !givenName.get().equals(s.name())) {
                notes.add("joins the existing session \"" + s.name() + "\"; the name \"" + givenName.get() + "\" was not used");
            }
            foldersTaken.add(s.folder());
            return new PlannedSession(s.name(), s.folder(), existing, p, members, notes);
        }
        String base = givenName.orElseGet(p::defaultName);
        String camera = p.cameras().isEmpty() ? null : p.cameras().get(0);
        // dated by the camera's clock, as the default name is: a morning in Lisbon is a morning wherever it is imported
        LocalDateTime first = p.firstWallClock();
        String name = base;
        String folder = LibraryLayout.sessionFolder(template, first.toLocalDate(), name, camera);
        for (int n = 2; foldersTaken.contains(folder) || sessions.findByFolder(folder).isPresent(); n++) {
            name = base + " (" + n + ")";
            folder = LibraryLayout.sessionFolder(template, first.toLocalDate(), name, camera);
        }
        foldersTaken.add(folder);
        return new PlannedSession(name, folder, Optional.empty(), p, members, notes);
    }

    /** The session most of the already-imported files in a group belong to. */
    private Optional<Session> sessionOfKnownFiles(List<PlannedFile> members) {
        return members.stream().flatMap(f -> f.known().stream()).collect(Collectors.groupingBy(MediaFile::sessionId,
                        Collectors.counting()))
                .entrySet().stream().max(Map.Entry.<Long, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey(
                        Comparator.reverseOrder())))
                .flatMap(e -> sessions.findById(e.getKey()));
    }
}
