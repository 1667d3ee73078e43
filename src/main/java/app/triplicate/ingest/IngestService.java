package app.triplicate.ingest;

import app.triplicate.capture.CaptureReading;
import app.triplicate.capture.SessionGrouper;
import app.triplicate.catalog.CardLease;
import app.triplicate.catalog.CardRepository;
import app.triplicate.catalog.Catalog;
import app.triplicate.catalog.CatalogException;
import app.triplicate.catalog.MediaFileRepository;
import app.triplicate.catalog.SessionRepository;
import app.triplicate.core.CannotRunException;
import app.triplicate.core.Copy;
import app.triplicate.core.CopyCount;
import app.triplicate.core.CopyState;
import app.triplicate.core.LibraryLayout;
import app.triplicate.core.Location;
import app.triplicate.core.MediaFile;
import app.triplicate.core.MediaTypes;
import app.triplicate.core.Session;
import app.triplicate.core.Units;
import app.triplicate.core.UsageException;
import app.triplicate.core.VerifyMethod;
import app.triplicate.core.Xxh128;
import app.triplicate.drives.ConnectedDrive;
import app.triplicate.drives.DriveService;
import app.triplicate.drives.SetAside;
import app.triplicate.ledger.Ledger;
import app.triplicate.files.FileAccess;
import app.triplicate.files.ReadBack;
import app.triplicate.files.Xxh128Hasher;
import app.triplicate.ingest.CardScanner.Scan;
import app.triplicate.ingest.CardScanner.ScannedFile;
import app.triplicate.progress.Cancellation;
import app.triplicate.progress.ProgressListener;
import app.triplicate.progress.TransferProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Copies a card to every destination drive at once: each file is read once, hashed while it is read,
 * written to every drive under a temporary name, read back and compared, and only then moved into place
 * and recorded in the catalog as verified. All catalog work happens on the calling thread.
 */
public final class IngestService {
    private static final Logger log = LoggerFactory.getLogger(IngestService.class);
    static final int CHUNK = 256 * 1024;

    private final DriveService drives;
    private final CardRepository cards;
    private final SessionRepository sessions;
    private final MediaFileRepository mediaFiles;
    private final Ledger ledger;
    private final FileAccess files;
    private final ExecutorService executor;
    private final Clock clock;
    private final ZoneId zone;
    private final CardScanner scanner = new CardScanner();
    private final SessionPlanner planner;
    private final app.triplicate.mhl.ManifestWriter manifests;
    private final Catalog catalog;
    /** The folder of {@link CardLock}'s files: one ingest of a card at a time, whichever process runs it. */
    private final Path cardLocks;
    /** The note of copies proven but not recorded when the studio catalog's server went away. */
    private final UnrecordedCopies unrecordedNotes;

    public IngestService(Catalog catalog, DriveService drives, CardRepository cards, SessionRepository sessions,
                         MediaFileRepository mediaFiles, Ledger ledger, SessionPlanner planner, FileAccess files,
                         ExecutorService executor, Clock clock, app.triplicate.mhl.ManifestWriter manifests,
                         Path cardLocks, UnrecordedCopies unrecordedNotes) {
        this.catalog = catalog;
        this.cardLocks = cardLocks;
        this.unrecordedNotes = unrecordedNotes;
        this.ledger = ledger;
        this.manifests = manifests;
        this.planner = planner;
        this.drives = drives;
        this.cards = cards;
        this.sessions = sessions;
        this.mediaFiles = mediaFiles;
        this.files = files;
        this.executor = executor;
        this.clock = clock;
        this.zone = clock.getZone();
    }

    /**
     * @param sessionName  {@code --session}: every file of the card into one session of this name
     * @param names        {@code --name}: names for the proposed sessions, in order
     * @param gap          a new session starts where consecutive pictures are further apart than this
     * @param folderTemplate the library folder template for new sessions
     * @param toLabels     the drives to copy to; when empty, every connected working and backup drive
     * @param sessionStarts when present, the sessions the user chose by splitting and merging: each starts at the
     *                      shot holding one of these card files (relative paths), whatever the gaps; the first
     *                      shot always starts one (see {@link SessionPlanner#plan})
     */
    public record Request(Path card, Optional<String> sessionName, List<String> names, Duration gap,
                          String folderTemplate, List<String> toLabels, Optional<List<String>> sessionStarts) {

        /** Sessions split at gaps, as the command line asks. */
        public Request(Path card, Optional<String> sessionName, List<String> names, Duration gap,
                       String folderTemplate, List<String> toLabels) {
            this(card, sessionName, names, gap, folderTemplate, toLabels, Optional.empty());
        }
    }

    /** What an ingest of the card would do, without copying anything ({@code scan}). */
    public SessionPlanner.Plan scan(Request request) {
        Scan scan = scanner.scan(request.card());
        return planner.plan(scan, request.gap(), request.sessionName(), request.names(), request.folderTemplate(),
                request.sessionStarts());
    }

    /**
     * The plan of an earlier {@link #scan} again with the request's names and session starts, without reading
     * the card again (the capture times are those already read).
     */
    public SessionPlanner.Plan replan(SessionPlanner.Plan previous, Request request) {
        return planner.replan(previous, request.sessionName(), request.names(), request.folderTemplate(),
                request.sessionStarts());
    }

    /**
     * The bytes an ingest of the plan would write to each drive: every file the drive does not already hold a
     * verified copy of (a new file, or a known one imported to other drives before), culled files excepted.
     * Read from the catalog only; the drives are not opened.
     */
    public Map<UUID, Long> bytesNeeded(SessionPlanner.Plan plan, List<Location> drives) {
        Map<UUID, Long> out = new LinkedHashMap<>();
        drives.forEach(d -> out.put(d.id(), 0L));
        for (SessionPlanner.PlannedFile f : toCopy(plan).stream().map(s -> plan.file(s.relativePath())).toList()) {
            Optional<MediaFile> known = f.known();
            if (known.isPresent() && mediaFiles.isCulled(known.get().id())) {
                continue;
            }
            for (Location d : drives) {
                boolean held = known.isPresent() && mediaFiles.copy(known.get().id(), d.id())
                        .map(c -> c.state() == CopyState.VERIFIED).orElse(false);
                if (!held) {
                    out.merge(d.id(), f.file().size(), Long::sum);
                }
            }
        }
        return out;
    }

    public IngestReport ingest(Request request, ProgressListener listener, Cancellation cancel) {
        Instant started = clock.instant();
        Scan scan = scanner.scan(request.card());
        // before anything on the drives is touched: another process importing this card would copy the same files,
        // on this computer (the home's lock) or on another workstation of a studio catalog (the server's lease)
        try (CardLock lock = CardLock.take(cardLocks, scan.fingerprint(), scan.card());
             CardLease lease = CardLease.take(catalog, scan.fingerprint(), scan.card());
             RunningIngests running = new RunningIngests()) {
            return ingestScanned(request, scan, started, listener, cancel, running);
        }
    }

    private IngestReport ingestScanned(Request request, Scan scan, Instant started, ProgressListener listener,
                                       Cancellation cancel, RunningIngests running) {
        List<ConnectedDrive> destinations = destinations(request.toLabels());
        List<String> warnings = new ArrayList<>(deviceWarnings(destinations));
        if (request.toLabels().isEmpty()) {
            warnings.addAll(damagedMarkers(destinations)); // a drive that would have received copies
        }
        for (ConnectedDrive d : destinations) {
            // another ingest writing to this drive now (another card, in another process, the window or another
            // workstation) is writing its own temporary files: only an ingest alone there clears them
            if (!running.enter(d.root().resolve(app.triplicate.drives.DriveMarker.FOLDER))) {
                continue;
            }
            int removed = removeTemporaryFiles(d);
            if (removed > 0) {
                warnings.add("drive " + d.label() + ": removed " + app.triplicate.core.Words.count(removed,
                        "temporary file") + " left by an interrupted copy");
            }
        }
        for (String u : scan.unreadable()) {
            warnings.add("could not read on the card: " + u);
        }
        long cardId = cards.remember(scan.fingerprint(), scan.files().stream()
                .map(f -> new CardRepository.CardFile(f.relativePath(), f.size(), f.modifiedMillis())).toList(), started);

        SessionPlanner.Plan plan = planner.plan(scan, request.gap(), request.sessionName(), request.names(),
                request.folderTemplate(), request.sessionStarts());
        for (SessionPlanner.PlannedSession s : plan.sessions()) {
            s.notes().forEach(n -> warnings.add("session \"" + s.name() + "\": " + n));
        }
        List<ScannedFile> toCopy = toCopy(plan);
        Run run = new Run(scan, plan, toCopy, destinations, cardId, listener, cancel);
        run.cardHistories = app.triplicate.mhl.CardHistories.read(scan.card(), scan.histories());
        warnings.addAll(run.cardHistories.problems());
        run.execute();
        if (run.lost != null) {
            if (!run.unrecorded.isEmpty()) {
                catalog.server().ifPresent(server -> unrecordedNotes.note(server.address(), scan.card(),
                        scan.fingerprint(), run.unrecorded, clock.instant()));
            }
            throw lostCatalog(run);
        }
        if (!cancel.isCancelled() && run.failures.isEmpty() && request.toLabels().isEmpty()) {
            // every file of the card went to every drive with the catalog there: what was noted is recorded now
            unrecordedNotes.cleared(scan.fingerprint());
        }
        keepCardHistories(run.cardHistories, scan.fingerprint(), destinations, warnings);
        // each session folder filled gets its next ASC MHL generation on each drive; a manifest not written is said
        manifests.write(app.triplicate.mhl.ManifestWriter.Process.TRANSFER).forEach(p -> warnings.add(p.message()));
        Duration elapsed = Duration.between(started, clock.instant());
        TransferProgress.Snapshot snap = run.progress.snapshot();
        List<IngestReport.Destination> dests = new ArrayList<>();
        for (int i = 0; i < destinations.size(); i++) {
            ConnectedDrive d = destinations.get(i);
            TransferProgress.LaneSnapshot lane = snap.lanes().get(i);
            // bytes that landed under their final names; the speed is the drive's, counting a copy cut short too
            dests.add(new IngestReport.Destination(d.label(), d.root().toString(), run.written.getOrDefault(d.label(), 0L),
                    run.writtenBytes.getOrDefault(d.label(), 0L),
                    lane.bytesWritten() / Math.max(snap.elapsed().toNanos() / 1e9, 1e-3),
                    run.methods.getOrDefault(d.label(), VerifyMethod.DIRECT_READ).word()));
        }
        List<ScannedFile> placedOthers = toCopy.stream().filter(f -> plan.isOther(f.relativePath())).toList();
        return new IngestReport(scan.card().toString(), scan.fingerprint(), dests, scan.media().size(), scan.mediaBytes(),
                run.newFiles, run.alreadyThere, run.failures, scan.notMedia(),
                java.util.stream.Stream.concat(scan.skipped().stream(),
                        run.skippedCulled.stream().map(f -> f + " (culled: deleted on purpose, not copied back)")).toList(),
                warnings,
                snap.bytesRead(), elapsed, cancel.isCancelled(),
                placedOthers.size(), placedOthers.stream().mapToLong(ScannedFile::size).sum(),
                scan.notMedia().stream().filter(f -> !plan.sessionOf().containsKey(f))
                        .map(f -> f + " (no picture or video on the card to place it with)").toList(),
                sessionsFilled(plan, toCopy, run));
    }

    /**
     * The card's files to copy: every media file, then every other file placed with one (an other file never
     * starts a session, so on a card with no media file there is none to place it in).
     */
    private static List<ScannedFile> toCopy(SessionPlanner.Plan plan) {
        List<ScannedFile> out = new ArrayList<>(plan.scan().media());
        plan.scan().others().stream().filter(f -> plan.sessionOf().containsKey(f.relativePath())).forEach(out::add);
        return out;
    }

    /** The sessions the run's files were placed in, in the plan's order, with their ids once they exist. */
    private List<IngestReport.SessionFilled> sessionsFilled(SessionPlanner.Plan plan, List<ScannedFile> toCopy, Run run) {
        java.util.Set<String> written = new java.util.HashSet<>(run.newFiles);
        // by identity: a planned session's own hashCode walks all its files (a hot spot on a card of hundreds)
        Map<SessionPlanner.PlannedSession, int[]> counts = new java.util.IdentityHashMap<>();
        plan.sessions().forEach(s -> counts.put(s, new int[2]));
        for (ScannedFile f : toCopy) {
            int[] c = counts.get(plan.sessionOf().get(f.relativePath()));
            c[0]++;
            c[1] += written.contains(f.relativePath()) ? 1 : 0;
        }
        List<IngestReport.SessionFilled> out = new ArrayList<>();
        plan.sessions().forEach(planned -> {
            int[] c = counts.get(planned);
            Optional<Session> made = Optional.ofNullable(run.sessionsUsed.get(planned))
                    .or(planned::existing).or(() -> sessions.findByFolder(planned.folder()));
            out.add(new IngestReport.SessionFilled(made.map(Session::stableId).orElse(null),
                    made.map(Session::name).orElse(planned.name()), made.map(Session::folder).orElse(planned.folder()),
                    planned.existing().isEmpty(), c[0], c[1]));
        });
        return out;
    }

    private List<ConnectedDrive> destinations(List<String> labels) {
        List<ConnectedDrive> connected = drives.connected();
        if (labels.isEmpty()) {
            List<ConnectedDrive> out = connected.stream().filter(d -> d.location().role().receivesIngest()).toList();
            if (out.isEmpty()) {
                List<String> damaged = damagedMarkers(out);
                throw new CannotRunException("No destination drive is connected. " + (damaged.isEmpty()
                        ? "Register one with \"drive add PATH --label NAME\", or connect a registered working or backup drive."
                        : String.join(". ", damaged) + "."));
            }
            return out;
        }
        List<ConnectedDrive> out = new ArrayList<>();
        for (String label : labels) {
            var registered = drives.list().stream()
                    .filter(s -> s.location().label().equals(label) || s.location().id().toString().equalsIgnoreCase(label))
                    .findFirst()
                    .orElseThrow(() -> new UsageException("No drive is registered as \"" + label + "\" (see \"drive list\")."));
            ConnectedDrive d = connected.stream().filter(c -> c.location().id().equals(registered.location().id()))
                    .findFirst()
                    .orElseThrow(() -> new CannotRunException(drives.damagedMarker(registered.location())
                            .map(folder -> "Cannot copy to " + DriveService.damagedMarkerAdvice(registered.location(), folder) + ".")
                            .orElse("Drive \"" + label + "\" is not connected.")));
            if (out.stream().noneMatch(o -> o.location().id().equals(d.location().id()))) {
                out.add(d);
            }
        }
        return out;
    }

    /** The ingest drives, other than {@code destinations}, that are not found because their marker is damaged. */
    private List<String> damagedMarkers(List<ConnectedDrive> destinations) {
        List<String> out = new ArrayList<>();
        for (DriveService.DriveState s : drives.list()) {
            boolean destination = destinations.stream().anyMatch(d -> d.location().id().equals(s.location().id()));
            if (!destination && !s.retired() && !s.connected() && s.location().role().receivesIngest()) {
                drives.damagedMarker(s.location()).ifPresent(folder ->
                        out.add(DriveService.damagedMarkerAdvice(s.location(), folder)));
            }
        }
        return out;
    }

    private static List<String> deviceWarnings(List<ConnectedDrive> destinations) {
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        for (ConnectedDrive d : destinations) {
            byKey.computeIfAbsent(CopyCount.countingKey(d.location()), k -> new ArrayList<>()).add(d.label());
        }
        return byKey.values().stream().filter(l -> l.size() > 1)
                .map(l -> "drives " + String.join(", ", l) + " are on one physical disk: they count as one copy")
                .toList();
    }

    /** The card's own ASC MHL histories, kept verbatim on each destination; a drive that cannot take them is said. */
    private void keepCardHistories(app.triplicate.mhl.CardHistories histories, String fingerprint,
                                   List<ConnectedDrive> destinations, List<String> warnings) {
        if (histories.isEmpty()) {
            return;
        }
        for (ConnectedDrive d : destinations) {
            try {
                histories.keep(d.root(), fingerprint, new app.triplicate.files.SmallFile(files));
            } catch (IOException | RuntimeException e) {
                log.warn("drive {}: the card's ASC MHL history was not kept", d.label(), e);
                warnings.add("drive " + d.label() + ": the card's ASC MHL history was not kept in .triplicate/"
                        + app.triplicate.mhl.CardHistories.FOLDER + " (" + IoErrors.describe(e) + "); the copies are unaffected");
            }
        }
    }

    /**
     * The studio catalog's server went away mid-run: one message naming it and the copies proven on each drive that
     * it did not record. They are under their final names, proven; the same ingest run again once the server is
     * back finds them there, reads them back and records them instead of copying them again.
     */
    private CatalogException lostCatalog(Run run) {
        String consequence;
        if (run.unrecorded.isEmpty()) {
            consequence = "No copy this run proved is left unrecorded; once the catalog is back, import the card "
                    + "again (run the same command again) to copy the rest.";
        } else {
            List<String> each = new ArrayList<>();
            run.unrecorded.forEach((label, n) -> each.add(app.triplicate.core.Words.count(n, "copy", "copies")
                    + " on drive " + label));
            long total = run.unrecorded.values().stream().mapToLong(Long::longValue).sum();
            consequence = String.join(", ", each) + (total == 1 ? " was" : " were") + " proven but not recorded yet; "
                    + (total == 1 ? "it stays" : "they stay") + " on the drives under final names. Once the "
                    + "catalog is back, import the card again (run the same command again): it reads them back and "
                    + "records them, without copying " + (total == 1 ? "it" : "them") + " again, and copies the rest.";
        }
        return run.lost.during("ingest", consequence);
    }

    /** Removes temporary files an interrupted copy left in the drive's library. */
    private int removeTemporaryFiles(ConnectedDrive drive) {
        Path library = drive.libraryRoot();
        if (!Files.isDirectory(library)) {
            return 0;
        }
        int[] removed = {0};
        try {
            Files.walkFileTree(library, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (file.getFileName().toString().endsWith(DestinationLane.TEMP_SUFFIX)) {
                        files.deleteIfExists(file);
                        removed[0]++;
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
            log.warn("drive {}: could not clear temporary files: {}", drive.label(), e.getMessage());
        }
        return removed[0];
    }

    /** The state of one ingest run. */
    private final class Run {
        final Scan scan;
        final SessionPlanner.Plan plan;
        final List<ScannedFile> toCopy;
        final List<ConnectedDrive> destinations;
        final long cardId;
        /** The card's own ASC MHL histories: each file they recorded is checked against them as it is read. */
        app.triplicate.mhl.CardHistories cardHistories;
        final Cancellation cancel;
        final TransferProgress progress;
        final LinkedBlockingQueue<DestinationLane.Result> results = new LinkedBlockingQueue<>();
        final List<String> newFiles = new ArrayList<>();
        final List<String> alreadyThere = new ArrayList<>();
        final List<String> skippedCulled = new ArrayList<>();
        final List<IngestReport.Failure> failures = new ArrayList<>();
        final Map<String, Long> written = new HashMap<>();
        final Map<String, Long> writtenBytes = new HashMap<>();
        final Map<String, VerifyMethod> methods = new HashMap<>();
        /** Per file in flight: media file id once placed, and what is still awaited. */
        final Map<CopyJob, Pending> pending = new HashMap<>();
        /** Sessions created or joined in this run (by identity: see {@link #sessionsFilled}). */
        final Map<SessionPlanner.PlannedSession, Session> sessionsUsed = new java.util.IdentityHashMap<>();
        /** Files placed whose media file is not in the catalog yet: it is recorded with the file's first copy. */
        final List<Pending> unsettled = new ArrayList<>();
        /** The library paths those files take ({@link MediaFileRepository#nameKey}), so no other file takes one. */
        final java.util.Set<String> reservedPaths = new java.util.HashSet<>();
        final ReadBack readBack = new ReadBack(files);
        /** Where this run sets aside copies it replaces from the card. */
        final String quarantineStamp = SetAside.stamp(clock.instant());
        /** Drives with a mass change the user has not confirmed: nothing on them is replaced (it would be a repair). */
        final Map<UUID, String> underMassChange = new HashMap<>();
        /**
         * Set when the studio catalog's server went away: the run stops (the lanes drop what they have not proven),
         * and what was proven from then on is counted in {@link #unrecorded} instead of recorded.
         */
        volatile CatalogException lost;
        /** Per drive label: copies proven and under their final names that the lost catalog did not record. */
        final Map<String, Long> unrecorded = new LinkedHashMap<>();

        Run(Scan scan, SessionPlanner.Plan plan, List<ScannedFile> toCopy, List<ConnectedDrive> destinations,
            long cardId, ProgressListener listener, Cancellation cancel) {
            this.scan = scan;
            this.plan = plan;
            this.toCopy = toCopy;
            this.destinations = destinations;
            this.cardId = cardId;
            this.cancel = cancel;
            ledger.standingMassChanges().forEach(mc -> underMassChange.put(mc.locationId(), "many copies changed at once "
                    + "on " + mc.label() + " and the user has not confirmed it yet (triplicate repair --confirm-mass-change)"));
            this.progress = new TransferProgress(toCopy.size(), toCopy.stream().mapToLong(ScannedFile::size).sum(),
                    destinations.stream().map(ConnectedDrive::label).toList(), listener);
            listener.started(progress);
        }

        final class Pending {
            final ScannedFile file;
            int awaited;
            boolean anyWritten;
            boolean anyFailed;
            long mediaFileId = -1;
            String libraryPath;
            /** A new media file to record (its id comes then), with its shot's instant and wall-clock time. */
            MediaFile toInsert;
            Instant shotInstant;
            LocalDateTime shotWallClock;
            /** Whether the card file still has to be linked to its media file. */
            boolean toLink;
            /** Drives found already holding these bytes at the library path (read to prove it), to record. */
            final List<Map.Entry<UUID, VerifyMethod>> heldAlready = new ArrayList<>();

            Pending(ScannedFile file, int awaited) {
                this.file = file;
                this.awaited = awaited;
            }
        }

        void execute() {
            Map<ConnectedDrive, DestinationLane> lanes = new LinkedHashMap<>();
            for (ConnectedDrive d : destinations) {
                lanes.put(d, new DestinationLane(d, files, readBack, progress.lane(d.label()), executor,
                        results::add, () -> cancel.isCancelled() || lost != null));
            }
            try {
                for (ScannedFile f : toCopy) {
                    if (cancel.isCancelled() || lost != null) {
                        break;
                    }
                    copyOne(f, lanes);
                    drainResults(false);
                }
            } catch (CatalogException e) {
                if (!e.serverLost()) {
                    throw e;
                }
                lost = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancel.cancel();
            } finally {
                for (DestinationLane lane : lanes.values()) {
                    try {
                        lane.stopAndWait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                try {
                    drainResults(true);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private void copyOne(ScannedFile f, Map<ConnectedDrive, DestinationLane> lanes) throws InterruptedException {
            Optional<MediaFile> known = plan.file(f.relativePath()).known();
            if (known.isPresent() && mediaFiles.isCulled(known.get().id())) {
                skippedCulled.add(f.relativePath()); // a reject the photographer deleted on purpose: not copied back
                progress.addSkipped(f.size());
                progress.fileRead(f.relativePath());
                return;
            }
            List<ConnectedDrive> targets = new ArrayList<>();
            for (ConnectedDrive d : destinations) {
                if (known.isEmpty() || !holdsVerifiedCopy(known.get(), d)) {
                    targets.add(d);
                }
            }
            if (targets.isEmpty()) {
                alreadyThere.add(f.relativePath());
                progress.addSkipped(f.size());
                destinations.forEach(d -> {
                    progress.lane(d.label()).addSkipped(f.size());
                    progress.lane(d.label()).copyFinished(f.relativePath(), true);
                });
                progress.fileRead(f.relativePath());
                return;
            }
            String folder = known.map(m -> parentOf(m.libraryPath())).orElseGet(() -> plannedFolder(f));
            CopyJob job = new CopyJob(f, UUID.randomUUID().toString().substring(0, 13));
            Pending p = new Pending(f, targets.size());
            pending.put(job, p);
            List<DestinationLane> active = targets.stream().map(lanes::get).toList();
            for (DestinationLane lane : active) {
                lane.begin(job, lane.drive().libraryRoot().resolve(folder));
            }
            // a drive that cannot hold a file this big (FAT: 4 GiB less a byte) is told so before a byte is copied
            List<DestinationLane> tooBig = active.stream()
                    .filter(l -> f.size() > files.maxFileSize(l.drive().root())).toList();
            for (DestinationLane lane : tooBig) {
                lane.abort("drive " + lane.drive().label() + " is a FAT drive, which cannot hold a file over 4 GiB ("
                        + "this one is " + Units.bytes(f.size()) + "); nothing was copied there. Copy it to an exFAT or"
                        + " NTFS drive.");
            }
            if (!tooBig.isEmpty()) {
                active = active.stream().filter(l -> !tooBig.contains(l)).toList();
                if (active.isEmpty()) {
                    progress.addSkipped(f.size());
                    progress.fileRead(f.relativePath());
                    return;
                }
            }
            Xxh128 hash;
            try (FileChannel in = files.openRead(f.path())) {
                Xxh128Hasher hasher = new Xxh128Hasher();
                while (true) {
                    if (cancel.isCancelled()) {
                        for (DestinationLane lane : active) {
                            lane.abort(DestinationLane.CANCELLED);
                        }
                        return;
                    }
                    byte[] chunk = new byte[CHUNK];
                    int n = readFully(in, chunk);
                    if (n <= 0) {
                        break;
                    }
                    hasher.update(chunk, 0, n);
                    progress.addRead(n);
                    for (DestinationLane lane : active) {
                        lane.chunk(chunk, n);
                    }
                    if (n < CHUNK) {
                        break;
                    }
                }
                hash = hasher.finish();
            } catch (IOException e) {
                String reason = "cannot read it from the card: " + IoErrors.describe(e);
                for (DestinationLane lane : active) {
                    lane.abort(reason);
                }
                return;
            }
            progress.fileRead(f.relativePath());
            Optional<String> unlike = cardHistories == null ? Optional.empty() : cardHistories.mismatch(f.relativePath(), hash);
            if (unlike.isPresent()) {
                // source verification: bytes the card's own history does not vouch for never become a copy
                for (DestinationLane lane : active) {
                    lane.abort(unlike.get());
                }
                return;
            }
            Map<ConnectedDrive, Path> placement;
            try {
                placement = place(p, hash, targets, known);
            } catch (RuntimeException e) {
                // the catalog failed (its server went away): the file the drives are writing goes nowhere
                for (DestinationLane lane : active) {
                    lane.abort(DestinationLane.CANCELLED);
                }
                throw e;
            }
            for (DestinationLane lane : active) {
                ConnectedDrive d = lane.drive();
                if (placement.containsKey(d)) {
                    lane.finish(hash, placement.get(d));
                } else {
                    lane.abort(conflicts.getOrDefault(d, "not placed"));
                }
            }
        }

        /** Reasons a drive cannot take a file, filled by {@link #place}. */
        private final Map<ConnectedDrive, String> conflicts = new HashMap<>();

        /**
         * Decides where the file goes now that its hash is known: the library path it already has, or a new
         * one free of other content on every destination. A drive that already holds the same bytes there gets
         * a null target (the temporary file is dropped) and is recorded as verified by that read.
         */
        private Map<ConnectedDrive, Path> place(Pending p, Xxh128 hash, List<ConnectedDrive> targets,
                                                Optional<MediaFile> quick) {
            conflicts.clear();
            Map<ConnectedDrive, Path> out = new HashMap<>();
            settleTwins(p.file, hash);
            Optional<MediaFile> byHash = quick.filter(m -> m.hash().equals(hash)).or(() -> sameFile(p.file, hash));
            if (byHash.isPresent()) {
                MediaFile m = byHash.get();
                p.mediaFileId = m.id();
                p.libraryPath = m.libraryPath();
                p.toLink = true;
                for (ConnectedDrive d : targets) {
                    Path target = d.libraryRoot().resolve(m.libraryPath());
                    Existing e = existing(d, target, hash);
                    switch (e.kind) {
                        case NONE -> out.put(d, target);
                        case SAME -> {
                            out.put(d, null);
                            recordExisting(p, d, e.method);
                        }
                        case OTHER -> {
                            if (replacesProvenCorrupt(d, m, target, hash)) {
                                out.put(d, target);
                            } else if (underMassChange.containsKey(d.location().id())) {
                                conflicts.put(d, "drive " + d.label() + ": " + m.libraryPath() + " is corrupt, but it "
                                        + "was not replaced: " + underMassChange.get(d.location().id()));
                            } else {
                                conflicts.put(d, "drive " + d.label() + ": " + m.libraryPath()
                                        + " holds other content there; nothing was overwritten");
                            }
                        }
                    }
                }
                return out;
            }
            String folder = plannedFolder(p.file);
            String base = LibraryLayout.filePath(folder, p.file.fileName());
            for (int n = 1; ; n++) {
                String candidate = n == 1 ? base : LibraryLayout.alternative(base, n);
                if (reservedPaths.contains(MediaFileRepository.nameKey(candidate))
                        || mediaFiles.libraryPathTaken(candidate)) {
                    continue;
                }
                Map<ConnectedDrive, Existing> found = new HashMap<>();
                boolean free = true;
                for (ConnectedDrive d : targets) {
                    Existing e = existing(d, d.libraryRoot().resolve(candidate), hash);
                    if (e.kind == Existing.Kind.OTHER) {
                        free = false;
                        break;
                    }
                    found.put(d, e);
                }
                if (!free) {
                    continue;
                }
                Session session = session(p.file);
                CaptureReading reading = plan.file(p.file.relativePath()).reading();
                SessionGrouper.Shot shot = plan.shotOf().get(p.file.relativePath());
                // recorded with the file's first copy, in that batch's one transaction (see settle)
                p.toInsert = new MediaFile(0, hash, p.file.size(), session.id(), candidate,
                        p.file.fileName(), reading.time(), plan.shotTime().get(p.file.relativePath()), reading.suspicious(),
                        reading.camera(), clock.instant());
                p.shotInstant = shot.instant();
                p.shotWallClock = shot.wallClock();
                p.toLink = true;
                p.libraryPath = candidate;
                reservedPaths.add(MediaFileRepository.nameKey(candidate));
                unsettled.add(p);
                for (ConnectedDrive d : targets) {
                    Existing e = found.get(d);
                    if (e.kind == Existing.Kind.SAME) {
                        out.put(d, null);
                        recordExisting(p, d, e.method);
                    } else {
                        out.put(d, d.libraryRoot().resolve(candidate));
                    }
                }
                return out;
            }
        }

        /**
         * The media file this card file is, by SPEC.md's identity: the same bytes under the same name (a dual-slot
         * card, a card inserted twice), and for a sidecar beside the same picture, i.e. in the folder it would go
         * to now. The same bytes under another name, or a sidecar of another picture, are another file.
         */
        private Optional<MediaFile> sameFile(ScannedFile f, Xxh128 hash) {
            List<MediaFile> candidates = mediaFiles.findByHashAndName(hash, f.fileName());
            if (MediaTypes.kindOf(f.fileName()).orElse(null) != MediaTypes.Kind.SIDECAR) {
                return candidates.stream().findFirst();
            }
            String folder = plannedFolder(f);
            return candidates.stream().filter(m -> parentOf(m.libraryPath()).equals(folder)).findFirst();
        }

        /**
         * A copy that verify proved corrupt is replaced from the card when the card's bytes have the recorded
         * hash: the card is a good source (a copy damaged on every drive is mended from the card in hand). The
         * damaged file is set aside in the drive's quarantine, as repair does, never deleted.
         */
        private boolean replacesProvenCorrupt(ConnectedDrive d, MediaFile m, Path target, Xxh128 cardHash) {
            Optional<Copy> copy = mediaFiles.copy(m.id(), d.location().id());
            if (!cardHash.equals(m.hash()) || copy.isEmpty() || copy.get().state() != CopyState.CORRUPT
                    || underMassChange.containsKey(d.location().id())) {
                return false;
            }
            try {
                Xxh128 actual = readBack.hash(target, d.label(), n -> { }).hash();
                SetAside.move(files, d, m.libraryPath(), target, m.hash(), actual, quarantineStamp,
                        false, clock.instant(), "ingest from the card");
                log.info("drive {}: {} was proven corrupt; set aside and copied again from the card", d.label(),
                        m.libraryPath());
                return true;
            } catch (IOException e) {
                log.warn("drive {}: cannot set aside the corrupt {}: {}", d.label(), target, e.getMessage());
                return false;
            }
        }

        private void recordExisting(Pending p, ConnectedDrive d, VerifyMethod method) {
            p.heldAlready.add(Map.entry(d.location().id(), method)); // recorded with the file (see settle)
        }

        /**
         * Records what placing the file decided and the catalog does not hold yet: its new media file, the card
         * file's link to it, and the drives found already holding it. Runs inside the batch's transaction.
         */
        private void settle(Pending p) {
            if (p.toInsert != null) {
                p.mediaFileId = mediaFiles.insert(p.toInsert, p.shotInstant, p.shotWallClock).id();
                p.toInsert = null;
                unsettled.remove(p);
            }
            if (p.toLink) {
                cards.link(cardId, p.file.relativePath(), p.mediaFileId);
                p.toLink = false;
            }
            for (Map.Entry<UUID, VerifyMethod> held : p.heldAlready) {
                ledger.proven(p.mediaFileId, held.getKey(), p.libraryPath, held.getValue());
            }
            p.heldAlready.clear();
        }

        /**
         * A file of this run with the same identity (these bytes under this name) that is not in the catalog yet
         * is recorded now, so that {@link #sameFile} finds it: the card holds the file twice.
         */
        private void settleTwins(ScannedFile f, Xxh128 hash) {
            String key = MediaFileRepository.nameKey(f.fileName());
            for (Pending q : List.copyOf(unsettled)) {
                if (q.toInsert.hash().equals(hash) && MediaFileRepository.nameKey(q.file.fileName()).equals(key)) {
                    catalog.together(() -> settle(q));
                }
            }
        }

        private record Existing(Kind kind, VerifyMethod method) {
            enum Kind { NONE, SAME, OTHER }
        }

        /** What a drive holds at a library path: nothing, these bytes (read to prove it), or other content. */
        private Existing existing(ConnectedDrive d, Path target, Xxh128 hash) {
            if (!Files.exists(target)) {
                return new Existing(Existing.Kind.NONE, null);
            }
            try {
                ReadBack.Result r = readBack.hash(target, d.label(), n -> { });
                return r.hash().equals(hash) ? new Existing(Existing.Kind.SAME, r.method())
                        : new Existing(Existing.Kind.OTHER, null);
            } catch (IOException e) {
                log.warn("drive {}: cannot read {}: {}", d.label(), target, e.getMessage());
                return new Existing(Existing.Kind.OTHER, null);
            }
        }

        private boolean holdsVerifiedCopy(MediaFile m, ConnectedDrive d) {
            Optional<Copy> copy = mediaFiles.copy(m.id(), d.location().id());
            if (copy.isEmpty() || copy.get().state() != CopyState.VERIFIED) {
                return false;
            }
            Path file = d.libraryRoot().resolve(copy.get().path());
            try {
                if (Files.size(file) == m.size()) {
                    return true;
                }
            } catch (IOException e) {
                // absent or unreadable: copy it again below
            }
            log.warn("drive {}: the verified copy {} is missing or changed; copying it again", d.label(), copy.get().path());
            ledger.absent(m.id(), d.location().id(), copy.get().path(), d::libraryPresent);
            return false;
        }

        private String plannedFolder(ScannedFile f) {
            String folder = plan.sessionOf().get(f.relativePath()).folder();
            return plan.isOther(f.relativePath()) ? folder + "/" + LibraryLayout.OTHER_FILES : folder;
        }

        /** The session a new file goes to: the one it joins, or a new one created on its first file. */
        private Session session(ScannedFile f) {
            SessionPlanner.PlannedSession planned = plan.sessionOf().get(f.relativePath());
            return sessionsUsed.computeIfAbsent(planned, p -> p.existing()
                    .or(() -> sessions.findByFolder(p.folder()))
                    .orElseGet(() -> sessions.create(p.name(), p.folder())));
        }

        /**
         * Records the results the lanes reported, each burst (a lane's batch) in one catalog transaction; with
         * {@code all}, waits until every file in flight is reported.
         */
        private void drainResults(boolean all) throws InterruptedException {
            while (true) {
                List<DestinationLane.Result> got = new ArrayList<>();
                results.drainTo(got);
                if (got.isEmpty()) {
                    DestinationLane.Result r = all && !pending.isEmpty() ? results.poll(10, TimeUnit.MINUTES) : null;
                    if (r == null) {
                        return;
                    }
                    got.add(r);
                    results.drainTo(got);
                }
                if (lost == null) {
                    try {
                        catalog.together(() -> got.forEach(this::record));
                        continue;
                    } catch (CatalogException e) {
                        if (!e.serverLost()) {
                            throw e;
                        }
                        lost = e; // nothing of this burst was kept: counted below with what comes after it
                    }
                }
                for (DestinationLane.Result r : got) {
                    if (r.outcome() == DestinationLane.Outcome.WRITTEN) {
                        unrecorded.merge(r.drive().label(), 1L, Long::sum);
                    }
                    Pending p = pending.get(r.job());
                    if (p != null && --p.awaited <= 0) { // a result the failed burst counted already
                        pending.remove(r.job());
                    }
                }
            }
        }

        private void record(DestinationLane.Result r) {
            Pending p = pending.get(r.job());
            String label = r.drive().label();
            if (p.toInsert != null || p.mediaFileId >= 0) {
                settle(p); // placed: its media file, card link and copies found in place go in with this batch
            }
            switch (r.outcome()) {
                case WRITTEN -> {
                    String path = r.landed() == null ? p.libraryPath
                            : r.drive().libraryRoot().relativize(r.landed()).toString().replace('\\', '/');
                    if (!path.equals(p.libraryPath)) {
                        log.warn("drive {}: another file took {} while it was being copied; the copy is at {} "
                                + "(nothing was overwritten)", label, p.libraryPath, path);
                    }
                    ledger.proven(p.mediaFileId, r.drive().location().id(), path, r.method());
                    written.merge(label, 1L, Long::sum);
                    writtenBytes.merge(label, p.file.size(), Long::sum);
                    methods.merge(label, r.method(), (a, b) -> a == VerifyMethod.CACHED_READ ? a : b);
                    p.anyWritten = true;
                }
                case DISCARDED -> {
                    // the drive already held these bytes; recorded when they were read in place()
                }
                case FAILED -> {
                    p.anyFailed = true;
                    String reason = r.error();
                    boolean sourceFault = reason != null && reason.startsWith("cannot read it from the card");
                    // the terminal's summary goes with the terminal; the log keeps each failure for later
                    if (sourceFault) {
                        if (failures.stream().noneMatch(x -> x.file().equals(p.file.relativePath()) && x.drive() == null)) {
                            failures.add(new IngestReport.Failure(p.file.relativePath(), null, reason));
                            log.warn("ingest from {}: {} was not copied: {}", scan.card(), p.file.relativePath(),
                                    reason);
                        }
                    } else {
                        failures.add(new IngestReport.Failure(p.file.relativePath(), label, reason));
                        log.warn("ingest from {}: {} was not copied to drive {}: {}", scan.card(),
                                p.file.relativePath(), label, reason);
                    }
                }
            }
            if (--p.awaited == 0) {
                pending.remove(r.job());
                if (!p.anyFailed) {
                    (p.anyWritten ? newFiles : alreadyThere).add(p.file.relativePath());
                } else if (p.anyWritten) {
                    newFiles.add(p.file.relativePath());
                }
            }
        }
    }

    private static String parentOf(String libraryPath) {
        int slash = libraryPath.lastIndexOf('/');
        return slash < 0 ? "" : libraryPath.substring(0, slash);
    }

    private static int readFully(FileChannel in, byte[] chunk) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(chunk);
        while (buf.hasRemaining()) {
            int n = in.read(buf);
            if (n < 0) {
                break;
            }
        }
        return buf.position();
    }
}
