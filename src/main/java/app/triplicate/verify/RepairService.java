package app.triplicate.verify;

import app.triplicate.catalog.MediaFileRepository;
import app.triplicate.core.Copy;
import app.triplicate.core.CopyState;
import app.triplicate.core.MediaFile;
import app.triplicate.drives.ConnectedDrive;
import app.triplicate.drives.DriveService;
import app.triplicate.files.AtomicCopier;
import app.triplicate.files.SmallFile;
import app.triplicate.files.FileAccess;
import app.triplicate.files.ReadBack;
import app.triplicate.core.CannotRunException;
import app.triplicate.core.Location;
import app.triplicate.core.UsageException;
import app.triplicate.progress.Cancellation;
import app.triplicate.progress.PushProgress;
import app.triplicate.remote.PushService;
import app.triplicate.remote.RemoteConfig;
import app.triplicate.remote.RemoteStores;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Repairs missing and corrupt copies on connected drives from a verified good copy elsewhere, with the
 * same atomic, read-back-verified write as ingest. A corrupt file is never deleted: it is moved into
 * {@code .triplicate/quarantine/} on its drive, with a note of when and why. Culled files are left alone.
 * <p>
 * Missing and corrupt copies on the remote are sent again by a push of just those files: a missing one
 * under its own name, a corrupt one under the next free alternative name, since Triplicate never
 * overwrites or deletes anything on the remote (the damaged object stays where it is).
 */
public final class RepairService {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final DriveService drives;
    private final MediaFileRepository mediaFiles;
    private final FileAccess files;
    private final Clock clock;
    private final RemoteStores remotes;
    private final PushService push;

    /** Drives only. */
    public RepairService(DriveService drives, MediaFileRepository mediaFiles, FileAccess files, Clock clock) {
        this(drives, mediaFiles, files, clock, null, null);
    }

    /** @param remotes the remote's settings, and {@code push} to send its missing and corrupt copies again */
    public RepairService(DriveService drives, MediaFileRepository mediaFiles, FileAccess files, Clock clock,
                         RemoteStores remotes, PushService push) {
        this.drives = drives;
        this.mediaFiles = mediaFiles;
        this.files = files;
        this.clock = clock;
        this.remotes = remotes;
        this.push = push;
    }

    /** One repair: done, or planned (dry run), or impossible, with why. */
    public record Action(String path, String drive, String from, String outcome, boolean ok) {
    }

    public List<Action> repair(boolean dryRun) {
        Map<UUID, ConnectedDrive> connected = drives.connected().stream()
                .collect(Collectors.toMap(d -> d.location().id(), Function.identity()));
        List<Action> out = new ArrayList<>();
        String stamp = STAMP.format(clock.instant());
        for (Copy bad : mediaFiles.copiesNeedingRepair()) {
            ConnectedDrive target = connected.get(bad.locationId());
            if (target == null) {
                continue; // not connected: repaired when it is
            }
            MediaFile file = mediaFiles.findById(bad.mediaFileId()).orElseThrow();
            Optional<ConnectedDrive> source = mediaFiles.copiesOf(file.id()).stream()
                    .filter(c -> c.state() == CopyState.VERIFIED && connected.containsKey(c.locationId()))
                    .filter(c -> Files.isRegularFile(connected.get(c.locationId()).libraryRoot().resolve(c.path())))
                    .map(c -> connected.get(c.locationId())).findFirst();
            Path dest = target.libraryRoot().resolve(bad.path());
            if (source.isEmpty()) {
                out.add(new Action(bad.path(), target.label(), null, "no verified copy on a connected drive to repair from", false));
                continue;
            }
            String from = source.get().label();
            if (dryRun) {
                out.add(new Action(bad.path(), target.label(), from, switch (bad.state()) {
                    case CORRUPT -> "would quarantine the corrupt file and copy it again";
                    case OUTDATED -> "would keep the earlier version and bring it up to date";
                    default -> "would copy it again";
                }, true));
                continue;
            }
            try {
                if (Files.exists(dest)) {
                    setAside(target, bad.path(), dest, file, stamp, bad.state() == CopyState.OUTDATED);
                }
                Path sourceFile = source.get().libraryRoot().resolve(
                        mediaFiles.copy(file.id(), source.get().location().id()).orElseThrow().path());
                AtomicCopier.Copied copied = new AtomicCopier(files).copy(sourceFile, target.root(), dest, file.hash(), target.label());
                String landed = libraryPath(target, copied.path());
                mediaFiles.recordVerified(file.id(), target.location().id(), landed, clock.instant(), copied.method());
                out.add(new Action(bad.path(), target.label(), from, switch (bad.state()) {
                    case CORRUPT -> "corrupt copy quarantined and replaced";
                    case OUTDATED -> "brought up to date; the earlier version is kept in .triplicate/versions";
                    default -> "copied again";
                } + tookName(bad.path(), landed), true));
            } catch (IOException | RuntimeException e) {
                out.add(new Action(bad.path(), target.label(), from, "failed: " + e.getMessage(), false));
            }
        }
        out.addAll(repairRemote(dryRun));
        return out;
    }

    /**
     * The remote's missing and corrupt copies (found by verify), sent again by a push of those files only.
     * Nothing when no remote is set: copies on a remote set aside can no longer be reached.
     */
    private List<Action> repairRemote(boolean dryRun) {
        if (remotes == null) {
            return List.of();
        }
        Optional<RemoteConfig> config = remotes.config();
        if (config.isEmpty()) {
            return List.of();
        }
        Location remote = push.useRemote(config.get());
        Map<Long, Copy> bad = new LinkedHashMap<>();
        for (Copy c : mediaFiles.copiesNeedingRepair()) {
            if (c.locationId().equals(remote.id()) && c.state() != CopyState.OUTDATED) {
                bad.put(c.mediaFileId(), c);
            }
        }
        if (bad.isEmpty()) {
            return List.of();
        }
        Map<Long, String> paths = new LinkedHashMap<>();
        bad.keySet().forEach(id -> paths.put(id, mediaFiles.findById(id).orElseThrow().libraryPath()));
        List<Action> out = new ArrayList<>();
        if (dryRun) {
            bad.forEach((id, c) -> out.add(new Action(paths.get(id), remote.label(), null, c.state() == CopyState.CORRUPT
                    ? "would upload again under another name (push); the damaged object " + c.path() + " is left untouched"
                    : "would upload again (push)", true)));
            return out;
        }
        PushService.Report sent;
        try {
            sent = push.push(PushService.Request.all(), new PushProgress(), new Cancellation(), bad::containsKey);
        } catch (CannotRunException | UsageException e) {
            bad.forEach((id, c) -> out.add(new Action(paths.get(id), remote.label(), null,
                    "not uploaded again: " + e.getMessage(), false)));
            return out;
        }
        Map<String, PushService.Uploaded> uploaded = new HashMap<>();
        sent.uploaded().forEach(u -> uploaded.put(u.libraryPath(), u));
        Map<String, String> failed = new HashMap<>();
        sent.failed().forEach(f -> failed.merge(f.libraryPath(), f.message(), (a, b) -> a + "; " + b));
        bad.forEach((id, c) -> {
            String path = paths.get(id);
            PushService.Uploaded u = uploaded.get(path);
            if (u != null) {
                out.add(new Action(path, remote.label(), null, (u.key().equals(c.path())
                        ? "uploaded again" : "uploaded again as " + u.key())
                        + (c.state() == CopyState.CORRUPT ? "; the damaged object " + c.path() + " is left untouched" : "")
                        + " (" + u.method() + ")", true));
            } else if (failed.containsKey(path)) {
                out.add(new Action(path, remote.label(), null, "failed: " + failed.get(path), false));
            } else {
                out.add(new Action(path, remote.label(), null,
                        "not uploaded: no verified copy on a connected drive to upload from", false));
            }
        });
        return out;
    }

    /**
     * Brings sessions up to the policy by copying every file that has fewer than {@code target} copies, and
     * none on the given drive, to that drive from a verified copy elsewhere ({@code repair --to LABEL}).
     */
    public List<Action> copyTo(String label, int target, boolean dryRun) {
        ConnectedDrive dest = drives.connected().stream()
                .filter(d -> d.label().equals(label) || d.location().id().toString().equalsIgnoreCase(label)).findFirst()
                .orElseThrow(() -> new app.triplicate.core.CannotRunException("Drive \"" + label + "\" is not connected (or not registered)."));
        Map<UUID, ConnectedDrive> connected = drives.connected().stream()
                .collect(Collectors.toMap(d -> d.location().id(), Function.identity()));
        List<Action> out = new ArrayList<>();
        for (long id : mediaFiles.filesBelow(target)) {
            MediaFile file = mediaFiles.findById(id).orElseThrow();
            List<Copy> copies = mediaFiles.copiesOf(id);
            if (copies.stream().anyMatch(c -> c.locationId().equals(dest.location().id()) && c.state() == CopyState.VERIFIED)) {
                continue;
            }
            Optional<Copy> source = copies.stream().filter(c -> c.state() == CopyState.VERIFIED && connected.containsKey(c.locationId()))
                    .filter(c -> Files.isRegularFile(connected.get(c.locationId()).libraryRoot().resolve(c.path()))).findFirst();
            if (source.isEmpty()) {
                out.add(new Action(file.libraryPath(), dest.label(), null, "no verified copy on a connected drive to copy from", false));
                continue;
            }
            ConnectedDrive from = connected.get(source.get().locationId());
            Path targetFile = dest.libraryRoot().resolve(file.libraryPath());
            if (dryRun) {
                out.add(new Action(file.libraryPath(), dest.label(), from.label(), "would copy it", true));
                continue;
            }
            try {
                if (Files.exists(targetFile)) {
                    ReadBack.Result there = new ReadBack(files).hash(targetFile, dest.label(), n -> { });
                    if (!there.hash().equals(file.hash())) {
                        out.add(new Action(file.libraryPath(), dest.label(), from.label(),
                                "another file already has this name there; nothing was overwritten", false));
                        continue;
                    }
                    mediaFiles.recordVerified(id, dest.location().id(), file.libraryPath(), clock.instant(), there.method());
                } else {
                    AtomicCopier.Copied copied = new AtomicCopier(files).copy(from.libraryRoot().resolve(source.get().path()),
                            dest.root(), targetFile, file.hash(), dest.label());
                    mediaFiles.recordVerified(id, dest.location().id(), libraryPath(dest, copied.path()), clock.instant(),
                            copied.method());
                }
                out.add(new Action(file.libraryPath(), dest.label(), from.label(), "copied", true));
            } catch (IOException | RuntimeException e) {
                out.add(new Action(file.libraryPath(), dest.label(), from.label(), "failed: " + e.getMessage(), false));
            }
        }
        return out;
    }

    /**
     * Moves a file that does not match its hash out of the library, never deleting it: a corrupt one into
     * {@code .triplicate/quarantine}, an earlier version of an edited sidecar into {@code .triplicate/versions}.
     */
    private void setAside(ConnectedDrive drive, String libraryPath, Path file, MediaFile expected, String stamp,
                          boolean earlierVersion) throws IOException {
        ReadBack.Result actual = new ReadBack(files).hash(file, drive.label(), n -> { });
        if (actual.hash().equals(expected.hash())) {
            return; // it is good after all (put back by hand): copying would fail on the existing name
        }
        Path root = drive.root().resolve(earlierVersion ? ".triplicate/versions" : ".triplicate/quarantine").resolve(stamp);
        files.createDirectories(drive.root(), root.resolve(libraryPath).getParent());
        Path into = AtomicCopier.moveToFreeName(files, file, root.resolve(libraryPath));
        SmallFile.write(into.resolveSibling(into.getFileName() + ".why.txt"),
                ("Moved here by Triplicate repair at " + clock.instant() + ".\n"
                        + "It was " + drive.label() + ":" + libraryPath + (earlierVersion
                        ? ", an earlier version (XXH128 " + actual.hash() + ") of a sidecar edited since; the current"
                        + " version has XXH128 " + expected.hash() + ".\n"
                        : ", whose content should have XXH128 " + expected.hash() + " but had " + actual.hash() + ".\n")
                        + "A verified copy was written in its place. This file was kept, not deleted.\n")
                        .getBytes(StandardCharsets.UTF_8));
    }

    /** A file's path in a drive's library, as the catalog records it. */
    private static String libraryPath(ConnectedDrive drive, Path file) {
        return drive.libraryRoot().relativize(file).toString().replace('\\', '/');
    }

    private static String tookName(String wanted, String landed) {
        return wanted.equals(landed) ? "" : " (as " + landed + ": another file took its name meanwhile; nothing was overwritten)";
    }
}
