package app.triplicate.verify;

import app.triplicate.catalog.CatalogException;
import app.triplicate.catalog.MediaFileRepository;
import app.triplicate.catalog.MediaFileRepository.CopyAt;
import app.triplicate.catalog.SessionRepository;
import app.triplicate.core.CannotRunException;
import app.triplicate.core.CopyCount;
import app.triplicate.core.CopyState;
import app.triplicate.core.MediaTypes;
import app.triplicate.core.Xxh128;
import app.triplicate.core.Session;
import app.triplicate.core.UsageException;
import app.triplicate.core.Words;
import app.triplicate.drives.ConnectedDrive;
import app.triplicate.drives.DriveService;
import app.triplicate.files.ReadBack;
import app.triplicate.files.FileAccess;
import app.triplicate.ledger.Ledger;
import app.triplicate.ledger.Pass;
import app.triplicate.progress.Cancellation;
import app.triplicate.progress.VerifyProgress;
import app.triplicate.catalog.LocationRepository;
import app.triplicate.core.Location;
import app.triplicate.core.VerifyMethod;
import app.triplicate.remote.PushService;
import app.triplicate.remote.RemoteConfig;
import app.triplicate.remote.RemoteException;
import app.triplicate.remote.RemoteStore;
import app.triplicate.remote.RemoteStores;
import app.triplicate.remote.RetryingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Verify-all: re-reads every copy on every connected drive (from the device where the file system
 * allows it), compares it with the hash recorded at ingest, updates its state and last-verified date, and
 * reports what is missing, corrupt, unreadable or untracked. Drives on different disks are verified in
 * parallel, one worker per disk; drives not connected are reported with when they were last verified.
 * <p>
 * When a remote is configured its copies are checked too, in a lane of their own next to the drives: by the
 * provider's checksum where it keeps one (S3: no download), else by reading them back (SFTP), optionally
 * only a sample of them, oldest verified first. A remote that cannot be reached is listed like a drive that
 * is not connected (with when its copies were last verified); one that refuses (credentials, host key,
 * missing bucket or folder) is a problem, since the offsite copy cannot be proven until the user acts.
 */
public final class VerifyService {
    private static final Logger log = LoggerFactory.getLogger(VerifyService.class);

    private final DriveService drives;
    private final MediaFileRepository mediaFiles;
    private final Ledger ledger;
    private final SessionRepository sessions;
    private final FileAccess files;
    private final ExecutorService executor;
    private final Clock clock;
    private final RemoteStores remotes;
    private final PushService push;
    private final LocationRepository locations;
    private final RetryingStore.Backoff backoff;
    private final app.triplicate.mhl.ManifestWriter manifests;

    /**
     * @param remotes   the remote's settings (null: drives only)
     * @param push      gives the remote's catalog location ({@link PushService#useRemote})
     * @param backoff   how often and how patiently a failure that may pass is tried again on the remote
     */
    public VerifyService(DriveService drives, MediaFileRepository mediaFiles, Ledger ledger, SessionRepository sessions,
                         FileAccess files, ExecutorService executor, Clock clock, RemoteStores remotes,
                         PushService push, LocationRepository locations, RetryingStore.Backoff backoff,
                         app.triplicate.mhl.ManifestWriter manifests) {
        this.manifests = manifests;
        this.drives = drives;
        this.mediaFiles = mediaFiles;
        this.ledger = ledger;
        this.sessions = sessions;
        this.files = files;
        this.executor = executor;
        this.clock = clock;
        this.remotes = remotes;
        this.push = push;
        this.locations = locations;
        this.backoff = backoff;
    }

    /** Whether the remote's copies are checked. */
    public enum RemoteMode {
        /** The connected drives and the remote when one is set; with a drive named, that drive only. */
        AUTO,
        /** Drives only ({@code --no-remote}). */
        SKIP,
        /** The remote only ({@code --remote}); an unreachable remote makes the check unable to run. */
        ONLY
    }

    /**
     * @param budget       stop when this much time is spent, having checked the copies verified longest ago first
     * @param remote       whether the remote's copies are checked
     * @param remoteSample check only this percentage (above 0, at most 100) of the remote's copies, at least one,
     *                     those verified longest ago first ({@code --remote-sample 5%})
     */
    public record Request(Optional<String> drive, Optional<String> session, Optional<Duration> olderThan,
                          Optional<Duration> budget, RemoteMode remote, Optional<Double> remoteSample) {
        public Request {
            remote = remote == null ? RemoteMode.AUTO : remote;
            remoteSample = remoteSample == null ? Optional.empty() : remoteSample;
            if (remoteSample.isPresent() && !(remoteSample.get() > 0 && remoteSample.get() <= 100)) {
                throw new UsageException("--remote-sample must be more than 0% and at most 100%.");
            }
            if (remote == RemoteMode.ONLY && drive.isPresent()) {
                throw new UsageException("--remote checks only the remote; leave out --drive (or --remote).");
            }
        }

        /** The connected drives (or the one named), and the remote when one is set and no drive is named. */
        public Request(Optional<String> drive, Optional<String> session, Optional<Duration> olderThan,
                       Optional<Duration> budget) {
            this(drive, session, olderThan, budget, RemoteMode.AUTO, Optional.empty());
        }

        /** Every copy on every connected drive, and on the remote when one is set. */
        public static Request everything() {
            return new Request(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }

        boolean includesRemote() {
            return switch (remote) {
                case ONLY -> true;
                case SKIP -> false;
                case AUTO -> drive.isEmpty();
            };
        }
    }

    /**
     * What one drive's (or the remote's) check did.
     *
     * @param bytesRead what was read back; 0 for copies proven by the provider's checksum
     * @param method    how the copies were checked ("direct read", "read-back", "provider-checksum"; for the
     *                  remote several, sorted and comma-separated, when they differed)
     * @param remote    this is the remote, not a drive
     */
    public record DriveResult(String label, long copiesChecked, long bytesRead, long problems, Duration elapsed,
                              String method, boolean remote) {
        public DriveResult(String label, long copiesChecked, long bytesRead, long problems, Duration elapsed,
                           String method) {
            this(label, copiesChecked, bytesRead, problems, elapsed, method, false);
        }

        public double bytesPerSecond() {
            return bytesRead / Math.max(elapsed.toNanos() / 1e9, 1e-3);
        }
    }

    /**
     * @param warnings  e.g. two drives found on one disk that were not registered that way (a folder moved)
     * @param cancelled the check was stopped: the results cover only the copies checked until then
     * @param nothingReachable copies exist on the locations the request covers, but none of those holding them
     *                         could be reached (no drive connected, the remote down): nothing could be checked,
     *                         which a scheduled run must notice (exit 3), unlike filters that leave nothing to check
     */
    public record Report(List<DriveResult> drives, List<Finding> findings, List<String> warnings, boolean cancelled,
                         boolean nothingReachable) {
        public Report(List<DriveResult> drives, List<Finding> findings, List<String> warnings, boolean cancelled) {
            this(drives, findings, warnings, cancelled, false);
        }

        public Report(List<DriveResult> drives, List<Finding> findings, List<String> warnings) {
            this(drives, findings, warnings, false);
        }

        public long copiesChecked() {
            return drives.stream().mapToLong(DriveResult::copiesChecked).sum();
        }

        /** Nothing missing, corrupt or unreadable, and no drive went away before it was checked through. */
        public boolean ok() {
            return findings.stream().noneMatch(f -> f.kind().isProblem() || f.disconnectedDuringRun());
        }
    }

    public Report verify(Request request, Consumer<Finding> sink) {
        return verify(request, sink, new VerifyProgress(), new Cancellation());
    }

    /**
     * As {@link #verify(Request, Consumer)}, telling {@code progress} what each drive's check plans and has
     * done, and stopping between copies once {@code cancellation} is set: a stopped check reports what it did
     * check (without looking for untracked files).
     */
    public Report verify(Request request, Consumer<Finding> sink, VerifyProgress progress, Cancellation cancellation) {
        Optional<Session> session = request.session().map(s -> sessions.findByIdOrName(s)
                .orElseThrow(() -> new UsageException("No session \"" + s + "\" (use the id status prints, or a unique name).")));
        List<DriveService.DriveState> states = drives.list();
        List<ConnectedDrive> targets = new ArrayList<>();
        List<Finding> findings = java.util.Collections.synchronizedList(new ArrayList<>());
        Consumer<Finding> report = f -> {
            findings.add(f);
            synchronized (sink) {
                sink.accept(f);
            }
        };
        if (request.remote() == RemoteMode.ONLY) {
            // the remote only: drives are neither checked nor listed
        } else if (request.drive().isPresent()) {
            String name = request.drive().get();
            DriveService.DriveState s = states.stream().filter(d -> d.location().label().equals(name)
                            || d.location().id().toString().equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> new UsageException("No drive is registered as \"" + name + "\" (see \"drive list\")."));
            if (s.retired()) {
                throw new UsageException("Drive \"" + name + "\" is retired: its copies are no longer checked.");
            }
            if (!s.connected()) {
                throw new CannotRunException("Drive \"" + name + "\" is not connected.");
            }
            targets.add(new ConnectedDrive(s.location(), s.connectedAt().orElseThrow()));
        } else {
            for (DriveService.DriveState s : states) {
                if (s.connected()) {
                    targets.add(new ConnectedDrive(s.location(), s.connectedAt().orElseThrow()));
                } else if (!s.retired()) {
                    report.accept(new Finding(Finding.Kind.NOT_CONNECTED, s.location().label(), null,
                            "not connected; last seen " + s.lastSeenAt(), mediaFiles.lastVerifiedAt(s.location().id())));
                }
            }
        }
        Instant cutoff = request.olderThan().map(d -> clock.instant().minus(d)).orElse(null);
        long deadline = request.budget().map(b -> System.nanoTime() + b.toNanos()).orElse(Long.MAX_VALUE);
        boolean whole = request.olderThan().isEmpty() && request.budget().isEmpty();
        // one worker per physical disk: two folders on one disk would only fight over its head
        Map<String, List<ConnectedDrive>> byDisk = new LinkedHashMap<>();
        targets.forEach(d -> byDisk.computeIfAbsent(CopyCount.countingKey(d.location()), k -> new ArrayList<>()).add(d));
        // every drive's plan first, so the progress shows the whole job from the start
        Map<UUID, List<CopyAt>> plans = new LinkedHashMap<>();
        long folderMoves = drives.sessionFolderMoves(); // the paths planned below are current as of now
        for (ConnectedDrive d : targets) {
            List<CopyAt> copies = mediaFiles.copiesAt(d.location().id(), session.map(Session::id).orElse(null), cutoff)
                    .stream().filter(c -> !c.culled()).toList();
            plans.put(d.location().id(), copies);
            progress.drive(d.label()).planned(copies.size(), copies.stream().mapToLong(CopyAt::size).sum());
        }
        // drives whose check stopped because the studio catalog's server went away
        List<Unrecorded> lost = java.util.Collections.synchronizedList(new ArrayList<>());
        RemotePlan remotePlan = request.includesRemote()
                ? planRemote(request, session, cutoff, progress).orElse(null) : null;
        List<Future<List<DriveResult>>> work = new ArrayList<>();
        for (List<ConnectedDrive> disk : byDisk.values()) {
            work.add(executor.submit(() -> {
                List<DriveResult> out = new ArrayList<>();
                for (ConnectedDrive d : disk) {
                    VerifyProgress.Drive lane = progress.drive(d.label());
                    lane.started();
                    Pass pass = ledger.pass(d.location().id(), d.label());
                    try {
                        out.add(verifyDrive(d, plans.get(d.location().id()), session, whole, deadline, report, lane,
                                cancellation, folderMoves, pass));
                    } catch (CatalogException e) {
                        if (!e.serverLost()) {
                            throw e;
                        }
                        // the studio catalog's server went away: every drive stops, each saying what it proved
                        cancellation.cancel();
                        lost.add(new Unrecorded(d.label(), pass.unrecorded(), e));
                        return out;
                    } finally {
                        lane.finished();
                    }
                }
                return out;
            }));
        }
        Future<RemoteResult> remoteWork = remotePlan == null ? null : executor.submit(() -> {
            VerifyProgress.Drive lane = progress.drive(remotePlan.location().label());
            lane.started();
            try {
                return verifyRemote(remotePlan, deadline, report, lane, cancellation);
            } finally {
                lane.finished();
            }
        });
        List<DriveResult> results = new ArrayList<>(collect(work));
        if (remoteWork != null) {
            RemoteResult r;
            try {
                r = remoteWork.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CannotRunException("verification was interrupted");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof CatalogException c && c.serverLost()) {
                    lost.add(new Unrecorded(remotePlan.location().label(), 0, c));
                    r = new RemoteResult(null, null);
                } else {
                    throw new CannotRunException("verifying the remote failed: " + e.getCause().getMessage(),
                            e.getCause());
                }
            }
            if (!lost.isEmpty()) {
                throw lostCatalog(lost);
            }
            if (r.result() != null) {
                results.add(r.result());
            }
            if (r.unreachable() != null) {
                if (request.remote() == RemoteMode.ONLY) {
                    Instant last = mediaFiles.lastVerifiedAt(remotePlan.location().id());
                    throw new CannotRunException(remotePlan.location().label() + " cannot be reached: "
                            + r.unreachable() + " Its copies were last verified " + (last == null ? "never" : last) + ".");
                }
                report.accept(new Finding(Finding.Kind.NOT_CONNECTED, remotePlan.location().label(), null,
                        "not reachable; " + r.unreachable(), mediaFiles.lastVerifiedAt(remotePlan.location().id())));
            }
        }
        if (!lost.isEmpty()) {
            throw lostCatalog(lost);
        }
        List<String> warnings = new ArrayList<>(byDisk.values().stream().filter(l -> l.size() > 1)
                .map(l -> "drives " + String.join(", ", l.stream().map(ConnectedDrive::label).toList())
                        + " are on one disk (a folder moved?): they count as one copy")
                .toList());
        // what this check proved or found goes into each session folder's ASC MHL history on its drive and on the
        // remote; after a mass change nothing is written anywhere (the cause may still be at work): the next check does
        if (findings.stream().anyMatch(f -> f.kind() == Finding.Kind.MASS_CHANGE)) {
            manifests.discard();
            warnings.add("no manifest was written: many copies changed at once (see above)");
        } else {
            manifests.write(app.triplicate.mhl.ManifestWriter.Process.IN_PLACE).forEach(p -> warnings.add(p.message()));
        }
        return new Report(results, List.copyOf(findings), warnings, cancellation.isCancelled(),
                nothingReachable(request, session, states, targets, remotePlan, results));
    }

    /** The drives' results, in order: a worker that failed fails the check. */
    private static List<DriveResult> collect(List<Future<List<DriveResult>>> work) {
        List<DriveResult> results = new ArrayList<>();
        for (Future<List<DriveResult>> f : work) {
            try {
                results.addAll(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CannotRunException("verification was interrupted");
            } catch (ExecutionException e) {
                throw new CannotRunException("verification failed: " + e.getCause().getMessage(), e.getCause());
            }
        }
        return results;
    }

    /** A location whose check stopped when the studio catalog's server went away, with the proofs it did not record. */
    private record Unrecorded(String label, int copies, CatalogException lost) {
    }

    /**
     * The studio catalog's server went away mid-check: one message naming it and the copies proven on each location
     * that it did not record. Nothing was marked verified, missing or corrupt that the catalog did not take; the
     * next verify reads those copies again.
     */
    private static CatalogException lostCatalog(List<Unrecorded> lost) {
        List<String> each = lost.stream().filter(u -> u.copies() > 0)
                .map(u -> Words.count(u.copies(), "copy", "copies") + " on " + u.label()).toList();
        int total = lost.stream().mapToInt(Unrecorded::copies).sum();
        String consequence = (each.isEmpty() ? "No copy this check proved is left unrecorded"
                : String.join(", ", each) + (total == 1 ? " was" : " were") + " proven but not recorded yet")
                + "; nothing was marked missing or corrupt. Run the same command again once the catalog is back: "
                + "it checks them again.";
        return lost.get(0).lost().during("verify", consequence);
    }

    /**
     * Whether the locations the request covers hold copies but none of those was reached. A location that holds
     * nothing does not count as reached: a new, empty drive checks nothing.
     */
    private boolean nothingReachable(Request request, Optional<Session> session, List<DriveService.DriveState> states,
                                     List<ConnectedDrive> targets, RemotePlan remotePlan, List<DriveResult> results) {
        java.util.Set<UUID> holders = mediaFiles.locationsHoldingCopies(session.map(Session::id).orElse(null));
        java.util.Set<UUID> covered = new java.util.HashSet<>();
        if (request.remote() != RemoteMode.ONLY) {
            states.stream().filter(s -> !s.retired())
                    .filter(s -> request.drive().isEmpty() || targets.stream()
                            .anyMatch(t -> t.location().id().equals(s.location().id())))
                    .forEach(s -> covered.add(s.location().id()));
        }
        java.util.Set<UUID> reached = new java.util.HashSet<>();
        targets.forEach(t -> reached.add(t.location().id()));
        if (remotePlan != null) {
            covered.add(remotePlan.location().id());
            if (results.stream().anyMatch(r -> r.remote())) {
                reached.add(remotePlan.location().id());
            }
        }
        covered.retainAll(holders);
        return !covered.isEmpty() && covered.stream().noneMatch(reached::contains);
    }

    /** The remote's copies to check, and how. */
    private record RemotePlan(RemoteConfig config, Location location, List<CopyAt> copies) {
    }

    /**
     * @param result      what was checked (null when the remote was never reached or refused at once)
     * @param unreachable why the remote could not be reached after every retry, else null
     */
    private record RemoteResult(DriveResult result, String unreachable) {
    }

    /** The remote's copies to check (sampled, oldest verified first), or empty when no remote is set. */
    private Optional<RemotePlan> planRemote(Request request, Optional<Session> session, Instant cutoff,
                                            VerifyProgress progress) {
        if (remotes == null) {
            return Optional.empty();
        }
        Optional<RemoteConfig> config = remotes.config();
        if (config.isEmpty()) {
            if (request.remote() == RemoteMode.ONLY) {
                throw new UsageException("No remote is set, so --remote has nothing to check. Set one with "
                        + "\"triplicate remote set ...\".");
            }
            return Optional.empty();
        }
        Location location = push.useRemote(config.get());
        List<CopyAt> copies = mediaFiles.copiesAt(location.id(), session.map(Session::id).orElse(null), cutoff)
                .stream().filter(c -> !c.culled()).toList();
        if (request.remoteSample().isPresent() && !copies.isEmpty()) {
            int n = (int) Math.max(1, Math.ceil(copies.size() * request.remoteSample().get() / 100.0));
            copies = copies.subList(0, Math.min(n, copies.size())); // oldest verified first
        }
        // checksum checks read nothing: their progress goes by copies, read-back's by bytes
        boolean readsBack = !RemoteConfig.S3.equals(config.get().kind());
        progress.drive(location.label()).planned(copies.size(),
                readsBack ? copies.stream().mapToLong(CopyAt::size).sum() : 0);
        return Optional.of(new RemotePlan(config.get(), location, copies));
    }

    /**
     * Checks the remote's copies, {@link #REMOTE_PARALLEL} at a time (one connection: an S3 check is a short
     * request whose round trip dominates; SFTP reads overlap well), those verified longest ago first. A copy
     * found missing or corrupt is marked so (push sends it again); one that cannot be read is reported and left
     * as it was. A remote that cannot be reached ends the lane with {@link RemoteResult#unreachable()}; one
     * that refuses is reported as a problem.
     */
    private RemoteResult verifyRemote(RemotePlan plan, long deadline, Consumer<Finding> report,
                                      VerifyProgress.Drive progress, Cancellation cancellation) {
        long start = System.nanoTime();
        String label = plan.location().label();
        if (plan.copies().isEmpty()) {
            return new RemoteResult(new DriveResult(label, 0, 0, 0, Duration.ZERO, null, true), null);
        }
        RemoteStore opened;
        try {
            opened = remotes.open(plan.config());
        } catch (UsageException e) { // its secret is gone: the user must set it again
            report.accept(refused(plan, e.getMessage()));
            return new RemoteResult(null, null);
        }
        RemoteLane lane = new RemoteLane(plan, deadline, report, progress, cancellation);
        // retries end on the user's Stop and as soon as one worker finds the remote unreachable or refusing
        try (RemoteStore store = new RetryingStore(opened, backoff, lane.stop)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < Math.min(REMOTE_PARALLEL, plan.copies().size()); i++) {
                workers.add(executor.submit(() -> lane.run(store)));
            }
            for (Future<?> w : workers) {
                try {
                    w.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    lane.stop.cancel();
                } catch (ExecutionException e) {
                    lane.stop.cancel();
                    throw new CannotRunException("verifying " + label + " failed: " + e.getCause().getMessage(),
                            e.getCause());
                }
            }
        } catch (RemoteException e) {
            log.warn("{}: {}", label, e.getMessage()); // closing failed: what was checked stands
        }
        if (lane.checked.get() > 0) {
            locations.markRemoteSeen(plan.location().id(), clock.instant());
        }
        // the remote answered for each object it called missing: that answer is the evidence it is there
        long changed = settled(lane.pass, lane.checked.get(), () -> true, lane.held, label, plan.location().id(), report);
        RemoteException ended = lane.ended.get();
        boolean refused = ended != null && ended.kind() != RemoteException.Kind.UNREACHABLE;
        if (refused) {
            report.accept(refused(plan, ended.getMessage()));
        }
        DriveResult result = lane.checked.get() == 0 && ended != null ? null
                : result(label, lane.checked.get(), lane.bytes.get(), changed + lane.unreadable.get() + (refused ? 1 : 0),
                start, lane.methods);
        return new RemoteResult(result, refused || ended == null ? null : ended.getMessage());
    }

    /** Files checked at once on the remote. */
    static final int REMOTE_PARALLEL = 4;

    /** The remote's copies being checked by several workers: a queue, what was found, and why it ended early. */
    private final class RemoteLane {
        final RemotePlan plan;
        final long deadline;
        final Consumer<Finding> report;
        final VerifyProgress.Drive progress;
        /** The user's Stop, or one worker ending the check for all. */
        final Cancellation stop;
        final java.util.concurrent.ConcurrentLinkedQueue<CopyAt> queue;
        final AtomicLong checked = new AtomicLong();
        final AtomicLong unreadable = new AtomicLong();
        /** Missing and corrupt copies, settled together when the lane ends (the canary). */
        final Pass pass;
        /** What is reported for each change once the pass settles without a mass change. */
        final List<Finding> held = java.util.Collections.synchronizedList(new ArrayList<>());
        final AtomicLong bytes = new AtomicLong();
        final Set<String> methods = java.util.Collections.synchronizedSet(new java.util.TreeSet<>());
        /** Unreachable after every retry, or refused: checking the rest is pointless. */
        final java.util.concurrent.atomic.AtomicReference<RemoteException> ended =
                new java.util.concurrent.atomic.AtomicReference<>();

        RemoteLane(RemotePlan plan, long deadline, Consumer<Finding> report, VerifyProgress.Drive progress,
                   Cancellation cancellation) {
            this.plan = plan;
            this.deadline = deadline;
            this.report = report;
            this.progress = progress;
            this.stop = cancellation.child();
            this.queue = new java.util.concurrent.ConcurrentLinkedQueue<>(plan.copies()); // oldest verified first
            this.pass = ledger.pass(plan.location().id(), plan.location().label());
        }

        void run(RemoteStore store) {
            String label = plan.location().label();
            UUID loc = plan.location().id();
            CopyAt copy;
            while (!stop.isCancelled() && System.nanoTime() < deadline
                    && (copy = queue.poll()) != null) {
                RemoteStore.Check check;
                try {
                    // the provider's own (maybe composite) checksum where it reported one, else the SHA-256 sent
                    Optional<String> recorded = Optional.ofNullable(
                            copy.providerChecksum() != null ? copy.providerChecksum() : copy.sha256());
                    check = store.verify(copy.path(), copy.hash(), copy.size(), recorded);
                } catch (java.util.concurrent.CancellationException e) {
                    return;
                } catch (RemoteException e) {
                    switch (e.kind()) {
                        case UNREACHABLE, AUTH, HOST_KEY_UNKNOWN, HOST_KEY_CHANGED, NOT_FOUND -> {
                            ended.compareAndSet(null, e);
                            stop.cancel();
                            return;
                        }
                        default -> {
                            // this object only (a refused read, a failure that outlasted the retries): the rest goes on
                            checked.incrementAndGet();
                            unreadable.incrementAndGet();
                            report.accept(new Finding(Finding.Kind.UNREADABLE, label, copy.path(), e.getMessage(), null));
                            progress.copyChecked();
                            continue;
                        }
                    }
                }
                checked.incrementAndGet();
                methods.add(check.method());
                switch (check.outcome()) {
                    case OK -> pass.goodOffsite(copy.mediaFileId(), copy.path(), VerifyMethod.fromWord(check.method()),
                            copy.sha256(), copy.providerChecksum(), copy.hash());
                    case MISSING -> {
                        pass.found(Pass.Change.missing(copy.mediaFileId(), copy.path(), copy.state()));
                        held.add(new Finding(Finding.Kind.MISSING, label, copy.path(),
                                "not on the remote (" + check.detail() + "); push sends it again", null));
                    }
                    case CORRUPT -> {
                        pass.found(Pass.Change.corrupt(copy.mediaFileId(), copy.path(), copy.state()));
                        held.add(new Finding(Finding.Kind.CORRUPT, label, copy.path(),
                                "content changed (" + check.method() + "): " + check.detail()
                                        + "; push sends a good copy under another name, leaving this one untouched",
                                null));
                    }
                    case UNREADABLE -> {
                        report.accept(new Finding(Finding.Kind.UNREADABLE, label, copy.path(), check.detail(), null));
                        unreadable.incrementAndGet();
                    }
                }
                if ("read-back".equals(check.method()) && check.outcome() != RemoteStore.Outcome.MISSING) {
                    bytes.addAndGet(copy.size());
                    progress.addRead(copy.size());
                }
                progress.copyChecked();
            }
        }
    }

    private static DriveResult result(String label, long checked, long bytes, long problems, long start,
                                      java.util.Set<String> methods) {
        return new DriveResult(label, checked, bytes, problems, Duration.ofNanos(System.nanoTime() - start),
                methods.isEmpty() ? null : String.join(", ", methods), true);
    }

    /** The remote refused (credentials, host key, bucket or folder): its copies cannot be proven; the user must act. */
    private Finding refused(RemotePlan plan, String why) {
        return new Finding(Finding.Kind.UNREADABLE, plan.location().label(), null,
                "the remote refused, so its copies cannot be checked: " + why,
                mediaFiles.lastVerifiedAt(plan.location().id()));
    }

    private DriveResult verifyDrive(ConnectedDrive drive, List<CopyAt> copies, Optional<Session> session,
                                    boolean wholeDrive, long deadline, Consumer<Finding> report,
                                    VerifyProgress.Drive progress, Cancellation cancellation, long folderMoves,
                                    Pass pass) {
        long start = System.nanoTime();
        ReadBack readBack = new ReadBack(files);
        AtomicLong bytes = new AtomicLong();
        long checked = 0;
        long problems = 0;
        String method = null;
        UUID loc = drive.location().id();
        if (!copies.isEmpty() && !drive.libraryPresent()) {
            boolean markerThere = drive.isPresent(); // gone since it was found, or there without its library
            report.accept(markerThere ? libraryGone(drive, copies.size()) : disconnected(drive, copies.size()));
            return new DriveResult(drive.label(), 0, 0, markerThere ? 1 : 0,
                    Duration.ofNanos(System.nanoTime() - start), null);
        }
        List<CopyAt> missing = new ArrayList<>();
        boolean gone = false;
        // changes are settled together at the end (the canary); their findings wait for that
        List<Finding> held = new ArrayList<>();
        for (CopyAt copy : copies) {
            if (System.nanoTime() >= deadline) {
                break; // the budget is spent: the copies checked longest ago went first
            }
            if (cancellation.isCancelled()) {
                break;
            }
            Path file = drive.libraryRoot().resolve(copy.path());
            // absent means missing only on a drive provably still there, and only if still absent once it is
            if (!Files.exists(file) && !drive.libraryPresent()) {
                gone = true;
                break;
            }
            if (!Files.exists(file)) {
                checked++;
                missing.add(copy);
                progress.copyChecked();
                continue;
            }
            boolean sidecar = MediaTypes.kindOf(copy.path()).orElse(null) == MediaTypes.Kind.SIDECAR;
            try {
                ReadBack.Result r = readBack.hash(file, drive.label(), n -> {
                    bytes.addAndGet(n);
                    progress.addRead(n);
                });
                method = r.method().word();
                // another drive's worker may have recorded a new version of a sidecar meanwhile
                Xxh128 expected = sidecar ? mediaFiles.findById(copy.mediaFileId()).orElseThrow().hash() : copy.hash();
                if (r.hash().equals(expected)) {
                    // read just before a session rename moved it: the same bytes, recorded at their new path
                    String at = renamedTo(copy, loc, folderMoves).orElse(copy.path());
                    pass.good(copy.mediaFileId(), copy.path(), at, r.method(), r.hash());
                } else if (sidecar && ledger.isEarlierVersion(copy.mediaFileId(), r.hash())) {
                    pass.outdated(copy.mediaFileId());
                    report.accept(new Finding(Finding.Kind.OUTDATED, drive.label(), copy.path(),
                            "holds an earlier version of this edited sidecar; repair brings it up to date", null));
                } else if (sidecar) {
                    // a damaged sidecar is never adopted as an edit: it would replace the good copies elsewhere
                    Optional<String> implausible = ledger.implausibleEdit(file, copy.verifiedAt());
                    if (implausible.isEmpty()) {
                        pass.found(Pass.Change.edited(copy.mediaFileId(), copy.path(), r.hash(), r.size(), r.method()));
                        held.add(new Finding(Finding.Kind.SIDECAR_CHANGED, drive.label(), copy.path(),
                                "edited (an edit, not corruption): recorded as the current version; copies elsewhere "
                                        + "are now outdated", null));
                    } else {
                        pass.found(Pass.Change.corrupt(copy.mediaFileId(), copy.path(), copy.state()));
                        held.add(new Finding(Finding.Kind.CORRUPT, drive.label(), copy.path(),
                                "content changed, and not by an edit (" + implausible.get() + "): " + r.hash()
                                        + " instead of " + expected + "; repair restores it from a good copy", null));
                    }
                } else {
                    pass.found(Pass.Change.corrupt(copy.mediaFileId(), copy.path(), copy.state()));
                    held.add(new Finding(Finding.Kind.CORRUPT, drive.label(), copy.path(),
                            "content changed: " + r.hash() + " instead of " + copy.hash(), null));
                }
            } catch (IOException e) {
                if (renamedTo(copy, loc, folderMoves).isPresent()) {
                    checked++; // moved by a session rename while being read; checked at its new path next time
                    progress.copyChecked();
                    continue;
                }
                if (!drive.libraryPresent()) {
                    gone = true; // not this file's fault: the drive went away under it
                    break;
                }
                report.accept(new Finding(Finding.Kind.UNREADABLE, drive.label(), copy.path(), e.toString(), null));
                problems++;
            }
            checked++;
            progress.copyChecked();
        }
        if (gone) {
            // what was proven changed before it went stands; the copies not found prove nothing now
            problems += settled(pass, checked - missing.size(), drive::libraryPresent, held, drive.label(), loc, report);
            report.accept(disconnected(drive, copies.size() - checked + missing.size()));
            return new DriveResult(drive.label(), checked - missing.size(), bytes.get(), problems,
                    Duration.ofNanos(System.nanoTime() - start), method);
        }
        // a stopped check still settles the missing copies it found, but does not list the whole library
        boolean lookForUntracked = wholeDrive && !cancellation.isCancelled();
        if (lookForUntracked || !missing.isEmpty()) {
            // no session folder is moved while the drive's files are matched with the catalog's paths
            Settled settled = drives.withSessionFoldersStill(() -> settleMissing(drive, missing, session,
                    lookForUntracked, report, readBack, folderMoves, bytes, pass, held));
            checked -= settled.unchecked();
        }
        long checkedThere = checked;
        // no session folder is moved while the changes are recorded at the paths where they were found
        problems += drives.withSessionFoldersStill(() -> settled(pass, checkedThere, drive::libraryPresent, held,
                drive.label(), loc, report));
        return new DriveResult(drive.label(), checked, bytes.get(), problems,
                Duration.ofNanos(System.nanoTime() - start), method);
    }

    /** What settling the copies not found came to: how many were left unchecked (the drive went away). */
    private record Settled(long unchecked) {
    }

    /**
     * Settles a pass: its changes are recorded one by one, with their findings, or, when they are a mass change,
     * reported as one (SPEC.md: nothing adopted or repaired until the user confirms). Returns the problems found.
     */
    private long settled(Pass pass, long checked, Ledger.Presence presence, List<Finding> held, String label, UUID loc,
                         Consumer<Finding> report) {
        Pass.Settlement s = pass.settle(checked, presence);
        if (s.massChange()) {
            report.accept(Finding.massChange(label, s.changed(), s.checked(), mediaFiles.lastVerifiedAt(loc)));
            return s.changed();
        }
        held.forEach(report);
        if (s.notRecorded() > 0) {
            report.accept(disconnected(label, s.notRecorded(), loc));
        }
        return held.stream().filter(f -> f.kind().isProblem()).count();
    }

    /**
     * Reports the copies not found during the check as missing, unless a session rename or the user moved them
     * (then the catalog follows: each unknown file of the drive is read at most once to find them), and with
     * {@code lookForUntracked} the files the catalog does not know. Nothing is recorded missing unless the drive is
     * provably still there right before writing: a drive that went away has lost nothing.
     */
    private Settled settleMissing(ConnectedDrive drive, List<CopyAt> missing, Optional<Session> session,
                                  boolean lookForUntracked, Consumer<Finding> report, ReadBack readBack,
                                  long folderMoves, AtomicLong bytes, Pass pass, List<Finding> held) {
        UUID loc = drive.location().id();
        Path under = lookForUntracked ? session.map(s -> drive.libraryRoot().resolve(s.folder()))
                .orElse(drive.libraryRoot()) : drive.libraryRoot();
        Set<String> known = new HashSet<>();
        for (CopyAt c : mediaFiles.copiesAt(loc, null, null)) {
            known.add(c.path());
        }
        Strays strays = new Strays(drive, untracked(drive, under, known), readBack, bytes::addAndGet);
        List<CopyAt> notFound = new ArrayList<>();
        for (CopyAt copy : missing) {
            if (renamedTo(copy, loc, folderMoves).isPresent()) {
                continue; // a session rename moved its folder during this check: not missing, moved
            }
            Optional<Strays.Found> movedTo = strays.find(copy);
            if (movedTo.isPresent()) {
                pass.found(Pass.Change.moved(copy.mediaFileId(), copy.path(), movedTo.get().path(),
                        movedTo.get().method()));
                held.add(new Finding(Finding.Kind.MOVED, drive.label(), copy.path(), "found at "
                        + movedTo.get().path() + " (renamed on the drive); the catalog now points there", null));
            } else {
                notFound.add(copy);
            }
        }
        // once more right before writing: a drive that went away during the search has lost nothing
        if (!notFound.isEmpty() && !drive.libraryPresent()) {
            report.accept(disconnected(drive, notFound.size()));
            return new Settled(notFound.size());
        }
        for (CopyAt copy : notFound) {
            pass.found(Pass.Change.missing(copy.mediaFileId(), copy.path(), copy.state()));
            held.add(new Finding(Finding.Kind.MISSING, drive.label(), copy.path(), "not on the drive", null));
        }
        // a session rename during this check may have moved a folder between the catalog's paths and the listing:
        // its files would look untracked; they are listed by the next check instead (untracked is never a loss)
        if (lookForUntracked && drives.sessionFolderMoves() == folderMoves) {
            for (String stray : strays.left()) {
                report.accept(new Finding(Finding.Kind.UNTRACKED, drive.label(), stray,
                        "in the library but not in the catalog", null));
            }
        }
        return new Settled(0);
    }

    /**
     * Where a session rename moved a copy since the check was planned, if it did; looked up only when a session
     * folder was moved meanwhile, so a check with no rename going on costs nothing more.
     */
    private Optional<String> renamedTo(CopyAt copy, UUID loc, long folderMovesAtPlan) {
        if (drives.sessionFolderMoves() == folderMovesAtPlan) {
            return Optional.empty();
        }
        // a move may be under way: wait until the catalog follows it
        return drives.withSessionFoldersStill(() -> mediaFiles.copy(copy.mediaFileId(), loc)
                .map(app.triplicate.core.Copy::path).filter(p -> !p.equals(copy.path())));
    }

    private Finding disconnected(ConnectedDrive drive, long unchecked) {
        log.warn("drive {}: marker or library folder gone at {}", drive.label(), drive.root());
        return disconnected(drive.label(), unchecked, drive.location().id());
    }

    private Finding disconnected(String label, long unchecked, UUID loc) {
        log.warn("drive {} went away during verify; {} copies keep their standing", label, unchecked);
        return Finding.disconnectedDuringVerify(label, unchecked, mediaFiles.lastVerifiedAt(loc));
    }

    /**
     * The drive's marker is there but its library folder is not: a mount not finished, or the folder moved or
     * deleted. Nothing is called missing on that alone (a drive half there is not proof of loss), but the check
     * fails so the user looks.
     */
    private Finding libraryGone(ConnectedDrive drive, long copies) {
        return new Finding(Finding.Kind.UNREADABLE, drive.label(), null, "its library folder " + drive.libraryRoot()
                + " is not there, though the drive's marker is: its " + copies + (copies == 1 ? " copy was" : " copies were")
                + " not checked and keep their standing. Put the folder back (or finish mounting the drive) and verify"
                + " again; if it was deleted on purpose, retire the drive.", mediaFiles.lastVerifiedAt(drive.location().id()));
    }

    /**
     * A drive's files that the catalog does not know, searched for the bytes of its missing copies (renamed on the
     * drive). Each is hashed at most once per run, only when a missing copy of its size is looked for, however many
     * missing copies there are: with many renamed (as ransomware does), the search reads each unknown file once
     * instead of once per missing copy.
     */
    private static final class Strays {
        record Found(String path, VerifyMethod method) {
        }

        private final ConnectedDrive drive;
        private final ReadBack readBack;
        private final java.util.function.LongConsumer read;
        /** Not yet claimed by a missing copy, in path order. */
        private final List<String> left;
        private final Map<String, Long> sizes = new java.util.HashMap<>();
        /** The strays hashed so far; an unreadable one is remembered as null, and not tried again. */
        private final Map<String, ReadBack.Result> hashes = new java.util.HashMap<>();

        Strays(ConnectedDrive drive, List<String> paths, ReadBack readBack, java.util.function.LongConsumer read) {
            this.drive = drive;
            this.left = new ArrayList<>(paths);
            this.readBack = readBack;
            this.read = read;
        }

        Optional<Found> find(CopyAt copy) {
            for (String stray : left) {
                if (size(stray) != copy.size()) {
                    continue;
                }
                ReadBack.Result r = hash(stray);
                if (r != null && r.hash().equals(copy.hash())) {
                    left.remove(stray);
                    return Optional.of(new Found(stray, r.method()));
                }
            }
            return Optional.empty();
        }

        List<String> left() {
            return left;
        }

        private long size(String stray) {
            return sizes.computeIfAbsent(stray, s -> {
                try {
                    return Files.size(drive.libraryRoot().resolve(s));
                } catch (IOException e) {
                    return -1L;
                }
            });
        }

        private ReadBack.Result hash(String stray) {
            if (hashes.containsKey(stray)) {
                return hashes.get(stray);
            }
            Path candidate = drive.libraryRoot().resolve(stray);
            ReadBack.Result r = null;
            try {
                r = readBack.hash(candidate, drive.label(), read);
            } catch (IOException e) {
                log.warn("drive {}: cannot read {}: {}", drive.label(), candidate, e.getMessage());
            }
            hashes.put(stray, r);
            return r;
        }
    }

    private static List<String> untracked(ConnectedDrive drive, Path under, Set<String> known) {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(under)) {
            return out;
        }
        Path library = drive.libraryRoot();
        try {
            Files.walkFileTree(under, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    // a session folder's ASC MHL history is Triplicate's record of it, not a file it lost track of
                    return dir.getFileName().toString().equals(app.triplicate.core.LibraryLayout.MANIFEST_FOLDER)
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String name = file.getFileName().toString();
                    String rel = library.relativize(file).toString().replace('\\', '/');
                    if (attrs.isRegularFile() && !name.endsWith(".triplicate-tmp") && !known.contains(rel)) {
                        out.add(rel);
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
        out.sort(null);
        return out;
    }
}
