package app.triplicate.verify;

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
import app.triplicate.drives.ConnectedDrive;
import app.triplicate.drives.DriveService;
import app.triplicate.files.ReadBack;
import app.triplicate.files.FileAccess;
import app.triplicate.progress.Cancellation;
import app.triplicate.progress.VerifyProgress;
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
 */
public final class VerifyService {
    private static final Logger log = LoggerFactory.getLogger(VerifyService.class);

    private final DriveService drives;
    private final MediaFileRepository mediaFiles;
    private final SessionRepository sessions;
    private final FileAccess files;
    private final ExecutorService executor;
    private final Clock clock;

    public VerifyService(DriveService drives, MediaFileRepository mediaFiles, SessionRepository sessions,
                         FileAccess files, ExecutorService executor, Clock clock) {
        this.drives = drives;
        this.mediaFiles = mediaFiles;
        this.sessions = sessions;
        this.files = files;
        this.executor = executor;
        this.clock = clock;
    }

    /** @param budget stop when this much time is spent, having checked the copies verified longest ago first */
    public record Request(Optional<String> drive, Optional<String> session, Optional<Duration> olderThan,
                          Optional<Duration> budget) {
        /** Every copy on every connected drive. */
        public static Request everything() {
            return new Request(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    /** What one drive's check did. */
    public record DriveResult(String label, long copiesChecked, long bytesRead, long problems, Duration elapsed,
                              String method) {
        public double bytesPerSecond() {
            return bytesRead / Math.max(elapsed.toNanos() / 1e9, 1e-3);
        }
    }

    /**
     * @param warnings  e.g. two drives found on one disk that were not registered that way (a folder moved)
     * @param cancelled the check was stopped: the results cover only the copies checked until then
     */
    public record Report(List<DriveResult> drives, List<Finding> findings, List<String> warnings, boolean cancelled) {
        public Report(List<DriveResult> drives, List<Finding> findings, List<String> warnings) {
            this(drives, findings, warnings, false);
        }

        public long copiesChecked() {
            return drives.stream().mapToLong(DriveResult::copiesChecked).sum();
        }

        public boolean ok() {
            return findings.stream().noneMatch(f -> f.kind().isProblem());
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
        if (request.drive().isPresent()) {
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
        for (ConnectedDrive d : targets) {
            List<CopyAt> copies = mediaFiles.copiesAt(d.location().id(), session.map(Session::id).orElse(null), cutoff)
                    .stream().filter(c -> !c.culled()).toList();
            plans.put(d.location().id(), copies);
            progress.drive(d.label()).planned(copies.size(), copies.stream().mapToLong(CopyAt::size).sum());
        }
        List<Future<List<DriveResult>>> work = new ArrayList<>();
        for (List<ConnectedDrive> disk : byDisk.values()) {
            work.add(executor.submit(() -> {
                List<DriveResult> out = new ArrayList<>();
                for (ConnectedDrive d : disk) {
                    VerifyProgress.Drive lane = progress.drive(d.label());
                    lane.started();
                    try {
                        out.add(verifyDrive(d, plans.get(d.location().id()), session, whole, deadline, report, lane,
                                cancellation));
                    } finally {
                        lane.finished();
                    }
                }
                return out;
            }));
        }
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
        List<String> warnings = byDisk.values().stream().filter(l -> l.size() > 1)
                .map(l -> "drives " + String.join(", ", l.stream().map(ConnectedDrive::label).toList())
                        + " are on one disk (a folder moved?): they count as one copy")
                .toList();
        return new Report(results, List.copyOf(findings), warnings, cancellation.isCancelled());
    }

    private DriveResult verifyDrive(ConnectedDrive drive, List<CopyAt> copies, Optional<Session> session,
                                    boolean wholeDrive, long deadline, Consumer<Finding> report,
                                    VerifyProgress.Drive progress, Cancellation cancellation) {
        long start = System.nanoTime();
        ReadBack readBack = new ReadBack(files);
        AtomicLong bytes = new AtomicLong();
        long checked = 0;
        long problems = 0;
        String method = null;
        UUID loc = drive.location().id();
        List<CopyAt> missing = new ArrayList<>();
        for (CopyAt copy : copies) {
            if (System.nanoTime() >= deadline) {
                break; // the budget is spent: the copies checked longest ago went first
            }
            if (cancellation.isCancelled()) {
                break;
            }
            checked++;
            Path file = drive.libraryRoot().resolve(copy.path());
            if (!Files.exists(file)) {
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
                    mediaFiles.recordVerified(copy.mediaFileId(), loc, copy.path(), clock.instant(), r.method());
                } else if (sidecar && mediaFiles.isEarlierVersion(copy.mediaFileId(), r.hash())) {
                    mediaFiles.markOutdated(copy.mediaFileId(), loc);
                    report.accept(new Finding(Finding.Kind.OUTDATED, drive.label(), copy.path(),
                            "holds an earlier version of this edited sidecar; repair brings it up to date", null));
                } else if (sidecar) {
                    mediaFiles.recordNewVersion(copy.mediaFileId(), loc, r.hash(), r.size(), clock.instant(), r.method());
                    report.accept(new Finding(Finding.Kind.SIDECAR_CHANGED, drive.label(), copy.path(),
                            "edited (an edit, not corruption): recorded as the current version; copies elsewhere are now outdated",
                            null));
                } else {
                    mediaFiles.markCorrupt(copy.mediaFileId(), loc);
                    report.accept(new Finding(Finding.Kind.CORRUPT, drive.label(), copy.path(),
                            "content changed: " + r.hash() + " instead of " + copy.hash(), null));
                    problems++;
                }
            } catch (IOException e) {
                report.accept(new Finding(Finding.Kind.UNREADABLE, drive.label(), copy.path(), e.toString(), null));
                problems++;
            } finally {
                progress.copyChecked();
            }
        }
        // a stopped check still settles the missing copies it found, but does not list the whole library
        boolean lookForUntracked = wholeDrive && !cancellation.isCancelled();
        if (lookForUntracked || !missing.isEmpty()) {
            Path under = lookForUntracked ? session.map(s -> drive.libraryRoot().resolve(s.folder()))
                    .orElse(drive.libraryRoot()) : drive.libraryRoot();
            Set<String> known = new HashSet<>();
            for (CopyAt c : mediaFiles.copiesAt(loc, null, null)) {
                known.add(c.path());
            }
            List<String> strays = new ArrayList<>(untracked(drive, under, known));
            for (CopyAt copy : missing) {
                Optional<String> movedTo = findMoved(drive, copy, strays, readBack);
                if (movedTo.isPresent()) {
                    strays.remove(movedTo.get());
                    report.accept(new Finding(Finding.Kind.MOVED, drive.label(), copy.path(),
                            "found at " + movedTo.get() + " (renamed on the drive); the catalog now points there", null));
                } else {
                    if (copy.state() != CopyState.MISSING) {
                        mediaFiles.markMissing(copy.mediaFileId(), loc);
                    }
                    report.accept(new Finding(Finding.Kind.MISSING, drive.label(), copy.path(), "not on the drive", null));
                    problems++;
                }
            }
            if (lookForUntracked) {
                for (String stray : strays) {
                    report.accept(new Finding(Finding.Kind.UNTRACKED, drive.label(), stray,
                            "in the library but not in the catalog", null));
                }
            }
        }
        return new DriveResult(drive.label(), checked, bytes.get(), problems,
                Duration.ofNanos(System.nanoTime() - start), method);
    }

    /** A missing copy's bytes at another path of the same drive, among files the catalog does not know. */
    private Optional<String> findMoved(ConnectedDrive drive, CopyAt copy, List<String> strays, ReadBack readBack) {
        for (String stray : strays) {
            Path candidate = drive.libraryRoot().resolve(stray);
            try {
                if (Files.size(candidate) != copy.size()) {
                    continue;
                }
                ReadBack.Result r = readBack.hash(candidate, drive.label(), n -> { });
                if (r.hash().equals(copy.hash())) {
                    mediaFiles.moveCopy(copy.mediaFileId(), drive.location().id(), stray, clock.instant(), r.method());
                    return Optional.of(stray);
                }
            } catch (IOException e) {
                log.warn("drive {}: cannot read {}: {}", drive.label(), candidate, e.getMessage());
            }
        }
        return Optional.empty();
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
