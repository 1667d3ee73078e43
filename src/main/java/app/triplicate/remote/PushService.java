package app.triplicate.remote;

import app.triplicate.catalog.LocationRepository;
import app.triplicate.catalog.MediaFileRepository;
import app.triplicate.catalog.MediaFileRepository.PushCandidate;
import app.triplicate.catalog.SessionRepository;
import app.triplicate.core.CannotRunException;
import app.triplicate.core.Copy;
import app.triplicate.core.CopyState;
import app.triplicate.core.LibraryLayout;
import app.triplicate.core.Location;
import app.triplicate.core.Session;
import app.triplicate.core.UsageException;
import app.triplicate.core.VerifyMethod;
import app.triplicate.drives.ConnectedDrive;
import app.triplicate.drives.DriveService;
import app.triplicate.drives.VanishedDrives;
import app.triplicate.progress.Cancellation;
import app.triplicate.progress.PushProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Sends the offsite copy ({@code push}): every file that lacks a verified copy on the remote is read from a
 * connected drive that holds a verified copy, uploaded under its library path, checked (the provider's
 * checksum, or reading it back), and only then recorded as a verified copy on the remote location.
 * <p>
 * Several files go at once. A failure that may pass is retried with backoff ({@link RetryingStore}); one
 * that needs the user (wrong password, refused host key, missing bucket or folder) stops the push at once
 * with the store's message; a file whose drive copy no longer matches is tried from another drive and
 * otherwise reported, and the rest goes on. The remote is never overwritten: when a name holds other
 * content (a copy found corrupt there, or someone else's file), the file goes under the next free
 * alternative name and the catalog records where.
 */
public final class PushService {
    private static final Logger LOG = LoggerFactory.getLogger(PushService.class);
    /** More channels than this gain nothing on one connection and crowd the server. */
    public static final int MAX_PARALLEL = 8;
    public static final int DEFAULT_PARALLEL = 4;

    private final RemoteStores stores;
    private final LocationRepository locations;
    private final MediaFileRepository mediaFiles;
    private final app.triplicate.ledger.Ledger ledger;
    private final SessionRepository sessions;
    private final DriveService drives;
    private final ExecutorService workers;
    private final Clock clock;
    private final RetryingStore.Backoff backoff;
    private final app.triplicate.mhl.ManifestWriter manifests;

    /** @param manifests writes the pushed copies' ASC MHL generations into their session folders on the remote */
    public PushService(RemoteStores stores, LocationRepository locations, MediaFileRepository mediaFiles,
                       app.triplicate.ledger.Ledger ledger, SessionRepository sessions, DriveService drives, ExecutorService workers, Clock clock,
                       RetryingStore.Backoff backoff, app.triplicate.mhl.ManifestWriter manifests) {
        this.manifests = manifests;
        this.stores = stores;
        this.locations = locations;
        this.mediaFiles = mediaFiles;
        this.ledger = ledger;
        this.sessions = sessions;
        this.drives = drives;
        this.workers = workers;
        this.clock = clock;
        this.backoff = backoff;
    }

    /**
     * @param session        only this session (the id status prints, or a unique name)
     * @param bytesPerSecond the upload limit for all files together; 0 for none
     * @param parallel       files at once, 1 to {@link #MAX_PARALLEL}
     */
    public record Request(Optional<String> session, long bytesPerSecond, int parallel) {
        public Request {
            if (parallel < 1 || parallel > MAX_PARALLEL) {
                throw new UsageException("--parallel must be 1 to " + MAX_PARALLEL + ".");
            }
        }

        public static Request all() {
            return new Request(Optional.empty(), 0, DEFAULT_PARALLEL);
        }
    }

    /** @param key where it is on the remote (its library path, or an alternative when that was taken) */
    public record Uploaded(String libraryPath, String key, long size, long bytesSent, boolean alreadyThere,
                           String method) {
    }

    public record Failed(String libraryPath, String message) {
    }

    /**
     * @param remote         the remote, described without secrets
     * @param waiting        files with no verified copy on a connected drive to send from (not failures: they go
     *                       when such a drive is connected)
     * @param waitingOn      the drives that hold those files' copies, by label
     * @param stopped        the push was stopped before the end (cancelled); what finished is recorded
     * @param warnings       e.g. a drive copy that no longer matched its hash (the file went from another drive)
     */
    public record Report(String remote, List<Uploaded> uploaded, List<Failed> failed, long waiting,
                         List<String> waitingOn, boolean stopped, PushProgress.Snapshot totals, List<String> warnings) {
        /** Everything that could be sent was sent and checked, and no drive copy turned out bad on the way. */
        public boolean ok() {
            return failed.isEmpty() && warnings.isEmpty() && !stopped;
        }
    }

    /**
     * Runs a push; returns when every file is done or the push was stopped.
     *
     * @throws UsageException      no remote is set, or no such session
     * @throws CannotRunException  the remote refused in a way that needs the user, or stayed unreachable
     */
    public Report push(Request request, PushProgress progress, Cancellation cancel) {
        return push(request, progress, cancel, id -> true);
    }

    /**
     * As {@link #push(Request, PushProgress, Cancellation)}, sending only the files {@code only} accepts (by
     * media file id): {@code repair} re-sends just the remote copies verify found missing or corrupt.
     */
    public Report push(Request request, PushProgress progress, Cancellation cancel,
                       java.util.function.LongPredicate only) {
        RemoteConfig config = stores.config().orElseThrow(() -> new UsageException(
                "No remote is set. Set one with \"triplicate remote set sftp://USER@HOST/PATH ...\" or "
                        + "\"triplicate remote set s3://BUCKET --endpoint URL ...\"."));
        Long sessionId = request.session().map(s -> sessions.findByIdOrName(s).orElseThrow(() -> new UsageException(
                "No session \"" + s + "\" (use the id status prints, or a unique name).")).id()).orElse(null);
        Location remote = useRemote(config);

        Map<UUID, ConnectedDrive> connected = drives.connected().stream()
                .collect(Collectors.toMap(d -> d.location().id(), Function.identity(), (a, b) -> a, LinkedHashMap::new));
        Map<UUID, String> labels = new LinkedHashMap<>();
        drives.list().forEach(s -> labels.put(s.location().id(), s.location().label()));

        List<Job> jobs = new ArrayList<>();
        long waiting = 0;
        TreeSet<String> waitingOn = new TreeSet<>();
        for (PushCandidate c : mediaFiles.lackingVerifiedCopyAt(remote.id(), sessionId)) {
            if (!only.test(c.mediaFileId())) {
                continue;
            }
            Map<UUID, Copy> verified = new LinkedHashMap<>();
            for (Copy copy : mediaFiles.copiesOf(c.mediaFileId())) {
                if (copy.state() == CopyState.VERIFIED && labels.containsKey(copy.locationId())) {
                    verified.put(copy.locationId(), copy);
                }
            }
            List<Source> sources = new ArrayList<>();
            for (ConnectedDrive d : connected.values()) { // in the drives' order, so the choice is predictable
                Copy copy = verified.get(d.location().id());
                if (copy != null && Files.isRegularFile(d.libraryRoot().resolve(copy.path()))) {
                    sources.add(new Source(d, d.libraryRoot().resolve(copy.path())));
                }
            }
            if (sources.isEmpty()) {
                verified.keySet().forEach(id -> waitingOn.add(labels.get(id)));
            }
            if (sources.isEmpty()) {
                waiting++;
            } else {
                jobs.add(new Job(c, sources));
            }
        }
        Map<Long, Long> perSession = new LinkedHashMap<>();
        jobs.forEach(j -> perSession.merge(j.file.sessionId(), j.file.size(), Long::sum));
        progress.plan(jobs.size(), jobs.stream().mapToLong(j -> j.file.size()).sum(), perSession);
        LOG.info("push to {}: {} files to send, {} waiting for a drive", config.describe(), jobs.size(), waiting);

        List<Uploaded> uploaded = Collections.synchronizedList(new ArrayList<>());
        List<Failed> failed = Collections.synchronizedList(new ArrayList<>());
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<RuntimeException> fatal = new AtomicReference<>();
        VanishedDrives vanished = new VanishedDrives("push");
        Cancellation stop = cancel.child(); // set by the caller's cancel, or by a failure that stops everything
        boolean interrupted = false;
        if (!jobs.isEmpty()) {
            RateLimit limit = new RateLimit(request.bytesPerSecond(), stop);
            try (RemoteStore store = new RetryingStore(stores.open(config), backoff, stop)) {
                ConcurrentLinkedQueue<Job> queue = new ConcurrentLinkedQueue<>(jobs);
                List<Future<?>> running = new ArrayList<>();
                for (int i = 0; i < Math.min(request.parallel(), jobs.size()); i++) {
                    running.add(workers.submit(() -> {
                        Job job;
                        while (!stop.isCancelled() && (job = queue.poll()) != null) {
                            send(store, remote, job, limit, progress, stop, cancel, uploaded, failed, warnings, fatal,
                                    vanished);
                        }
                    }));
                }
                for (Future<?> f : running) {
                    // wait for every worker even when interrupted: the store must not close under an upload
                    while (true) {
                        try {
                            f.get();
                            break;
                        } catch (InterruptedException e) {
                            interrupted = true;
                            stop.cancel();
                        } catch (java.util.concurrent.ExecutionException e) {
                            fatal.compareAndSet(null, new IllegalStateException(e.getCause()));
                            stop.cancel();
                            break;
                        }
                    }
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (fatal.get() != null) {
            RuntimeException e = fatal.get();
            throw e instanceof RemoteException r ? new CannotRunException(r.getMessage()) : e;
        }
        if (!uploaded.isEmpty()) {
            locations.markRemoteSeen(remote.id(), clock.instant()); // it answered: "last reached" in the window
        }
        // the copies proven on the remote go into its session folders' ASC MHL histories, as on the drives; one not
        // written is a warning, never a failed push (the copies are there and counted)
        manifests.write(app.triplicate.mhl.ManifestWriter.Process.TRANSFER).forEach(p -> warnings.add(p.message()));
        List<Uploaded> done = new ArrayList<>(uploaded);
        done.sort(java.util.Comparator.comparing(Uploaded::libraryPath));
        List<Failed> bad = new ArrayList<>(failed);
        bad.sort(java.util.Comparator.comparing(Failed::libraryPath));
        // a drive that went away is named once; its files stay unsent, so the next push sends them
        vanished.messages("not sent").forEach((label, message) -> warnings.add("Drive " + label + " was "
                + message + "."));
        return new Report(config.describe(), done, bad, waiting, List.copyOf(waitingOn),
                cancel.isCancelled() || interrupted, progress.snapshot(), List.copyOf(warnings));
    }

    /** The remote's location in the catalog, made current; copies of a remote set aside stop counting. */
    public Location useRemote(RemoteConfig config) {
        return locations.useRemote(config.describe(), clock.instant()).location();
    }

    private record Job(PushCandidate file, List<Source> sources) {
    }

    private record Source(ConnectedDrive from, Path path) {
        String drive() {
            return from.label();
        }
    }

    private void send(RemoteStore store, Location remote, Job job, RateLimit limit, PushProgress progress,
                      Cancellation stop, Cancellation outside, List<Uploaded> uploaded, List<Failed> failed,
                      List<String> warnings, AtomicReference<RuntimeException> fatal, VanishedDrives vanished) {
        PushCandidate f = job.file;
        List<Source> goneBefore = job.sources.stream().filter(src -> vanished.known(src.from())).toList();
        job.sources.removeAll(goneBefore);
        if (job.sources.isEmpty()) { // its drives went away earlier in this push: counted under their names
            notSent(job, goneBefore.get(0).from(), vanished, progress);
            return;
        }
        String key = f.remoteState() == CopyState.MISSING && f.remotePath() != null ? f.remotePath() : f.libraryPath();
        try {
            RemoteStore.Upload up = null;
            for (int n = 1; up == null; ) {
                Path source = job.sources.get(0).path();
                try {
                    up = store.upload(key, source, f.hash(), f.size(), sent -> {
                        progress.sent(sent);
                        limit.take(sent);
                    }, stop);
                } catch (RemoteException e) {
                    if (e.kind() == RemoteException.Kind.EXISTS) {
                        n++;
                        if (n > 50) {
                            throw e;
                        }
                        key = LibraryLayout.alternative(f.libraryPath(), n);
                    } else if (e.kind() == RemoteException.Kind.SOURCE && vanished.gone(job.sources.get(0).from(), true)) {
                        // not this file's fault: its drive went away; the other drives' copies, if any, are as good
                        Source gone = job.sources.remove(0);
                        if (job.sources.isEmpty()) {
                            notSent(job, gone.from(), vanished, progress);
                            return;
                        }
                    } else if (e.kind() == RemoteException.Kind.SOURCE && job.sources.size() > 1) {
                        Source bad = job.sources.remove(0);
                        LOG.warn("push: {}; trying another drive", e.getMessage());
                        warnings.add("The copy of " + f.libraryPath() + " on drive " + bad.drive() + " could not be"
                                + " sent (" + e.getMessage() + "); it was sent from drive " + job.sources.get(0).drive()
                                + ". Run \"triplicate verify --drive " + bad.drive() + "\".");
                    } else {
                        throw e;
                    }
                }
            }
            // a composite checksum ("...-N") cannot be derived from the whole file's SHA-256, so the provider's is
            // the reference; any other form must match the SHA-256 we computed, never just the provider's own word
            RemoteStore.Check check = store.verify(key, f.hash(), f.size(),
                    Optional.of(up.checksum().filter(c -> c.contains("-")).orElse(up.sha256())));
            if (check.outcome() != RemoteStore.Outcome.OK) {
                failed.add(new Failed(f.libraryPath(), "uploaded to " + key + ", but the check after the upload found it "
                        + check.outcome().name().toLowerCase(java.util.Locale.ROOT) + ": " + check.detail()));
                progress.fileFinished(f.libraryPath(), f.sessionId(), f.size(), false);
                return;
            }
            ledger.provenOffsite(f.mediaFileId(), remote.id(), key, VerifyMethod.fromWord(check.method()), up.sha256(),
                    up.checksum().orElse(null), f.hash());
            uploaded.add(new Uploaded(f.libraryPath(), key, f.size(), up.bytesSent(), up.alreadyThere(), check.method()));
            progress.fileFinished(f.libraryPath(), f.sessionId(), f.size(), true);
        } catch (CancellationException e) {
            if (!outside.isCancelled() && fatal.get() == null) {
                fatal.compareAndSet(null, new IllegalStateException("upload stopped unexpectedly", e));
            }
        } catch (RemoteException e) {
            if (stopsEverything(e)) {
                if (fatal.compareAndSet(null, e)) {
                    LOG.error("push to {} stopped: {}", store.describe(), e.getMessage());
                }
                stop.cancel();
                return;
            }
            LOG.warn("push: {}: {}", f.libraryPath(), e.getMessage());
            failed.add(new Failed(f.libraryPath(), e.getMessage()));
            progress.fileFinished(f.libraryPath(), f.sessionId(), f.size(), false);
        }
    }

    /** A file not sent because every drive holding it went away during the push: counted under the first one. */
    private static void notSent(Job job, ConnectedDrive drive, VanishedDrives vanished, PushProgress progress) {
        vanished.undone(drive);
        progress.fileFinished(job.file.libraryPath(), job.file.sessionId(), job.file.size(), false);
    }

    /**
     * What makes going on pointless: credentials, host key or the bucket or folder itself, or a remote that
     * stayed unreachable through every retry (the next file would wait just as long).
     */
    private static boolean stopsEverything(RemoteException e) {
        return switch (e.kind()) {
            case AUTH, HOST_KEY_UNKNOWN, HOST_KEY_CHANGED, NOT_FOUND, UNREACHABLE -> true;
            default -> false;
        };
    }
}
