package app.triplicate.verify;

import app.triplicate.catalog.MassChangeRepository;
import app.triplicate.catalog.MediaFileRepository;
import app.triplicate.core.Words;
import app.triplicate.ledger.Ledger;
import app.triplicate.core.Copy;
import app.triplicate.core.CopyState;
import app.triplicate.core.MediaFile;
import app.triplicate.drives.ConnectedDrive;
import app.triplicate.drives.DriveService;
import app.triplicate.drives.SetAside;
import app.triplicate.drives.VanishedDrives;
import app.triplicate.files.AtomicCopier;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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

    private final DriveService drives;
    private final MediaFileRepository mediaFiles;
    private final Ledger ledger;
    private final FileAccess files;
    private final Clock clock;
    private final RemoteStores remotes;
    private final PushService push;
    private final app.triplicate.mhl.ManifestWriter manifests;

    /** @param remotes the remote's settings, and {@code push} to send its missing and corrupt copies again */
    public RepairService(DriveService drives, MediaFileRepository mediaFiles, Ledger ledger, FileAccess files,
                         Clock clock, RemoteStores remotes, PushService push,
                         app.triplicate.mhl.ManifestWriter manifests) {
        this.manifests = manifests;
        this.drives = drives;
        this.mediaFiles = mediaFiles;
        this.ledger = ledger;
        this.files = files;
        this.clock = clock;
        this.remotes = remotes;
        this.push = push;
    }

    /** One repair: done, or planned (dry run), or impossible, with why. */
    public record Action(String path, String drive, String from, String outcome, boolean ok) {
    }

    public List<Action> repair(boolean dryRun) {
        return repair(dryRun, false);
    }

    /**
     * The mass changes verify found that the user has not confirmed: while there is one, repair writes nothing
     * anywhere (the cause, ransomware on this computer or a failing drive, may still be at work).
     */
    public List<MassChangeRepository.MassChange> unconfirmedMassChanges() {
        return ledger.standingMassChanges();
    }

    /**
     * @param confirmMassChange the user knows the cause of the mass changes verify found ({@code
     *                          --confirm-mass-change}, or the window's confirmation): they are confirmed and the
     *                          repair goes ahead; without it, a standing mass change refuses the whole repair
     */
    public List<Action> repair(boolean dryRun, boolean confirmMassChange) {
        Optional<List<Action>> refused = refusedForMassChange(dryRun, confirmMassChange);
        if (refused.isPresent()) {
            return refused.get();
        }
        Map<UUID, ConnectedDrive> connected = drives.connected().stream()
                .collect(Collectors.toMap(d -> d.location().id(), Function.identity()));
        List<Action> out = new ArrayList<>();
        VanishedDrives vanished = new VanishedDrives("repair");
        String stamp = SetAside.stamp(clock.instant());
        for (Copy bad : mediaFiles.copiesNeedingRepair()) {
            ConnectedDrive target = connected.get(bad.locationId());
            if (target == null) {
                continue; // not connected: repaired when it is
            }
            if (vanished.known(target)) {
                vanished.undone(target);
                continue;
            }
            MediaFile file = mediaFiles.findById(bad.mediaFileId()).orElseThrow();
            List<Copy> holders = mediaFiles.copiesOf(file.id()).stream()
                    .filter(c -> c.state() == CopyState.VERIFIED && connected.containsKey(c.locationId())).toList();
            Optional<Copy> good = holders.stream().filter(c -> !vanished.known(connected.get(c.locationId())))
                    .filter(c -> inPlace(connected.get(c.locationId()), c, vanished)).findFirst();
            Optional<ConnectedDrive> source = good.map(c -> connected.get(c.locationId()));
            Path dest = target.libraryRoot().resolve(bad.path());
            if (source.isEmpty()) {
                Optional<ConnectedDrive> goneSource = holders.stream().map(c -> connected.get(c.locationId()))
                        .filter(vanished::known).findFirst();
                if (goneSource.isPresent()) {
                    vanished.undone(goneSource.get()); // its good copy went away with it
                } else {
                    out.add(new Action(bad.path(), target.label(), null, "no verified copy on a connected drive to "
                            + "repair from; connect another drive that holds it, or ingest the card again if you still "
                            + "have it (a card file with the recorded hash replaces a corrupt copy)", false));
                }
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
                    Optional<ReadBack.Result> inPlace = setAside(target, bad.path(), dest, file, stamp,
                            bad.state() == CopyState.OUTDATED);
                    if (inPlace.isPresent()) {
                        // the good bytes are already there (a repair killed after its rename, before its record)
                        ledger.proven(file.id(), target.location().id(), bad.path(), inPlace.get().method());
                        out.add(new Action(bad.path(), target.label(), null,
                                "already good in place (read back and matched); recorded as verified", true));
                        continue;
                    }
                }
                Path sourceFile = source.get().libraryRoot().resolve(good.get().path());
                AtomicCopier.Copied copied = new AtomicCopier(files).copy(sourceFile, target.root(), dest, file.hash(), target.label());
                String landed = libraryPath(target, copied.path());
                ledger.proven(file.id(), target.location().id(), landed, copied.method());
                out.add(new Action(bad.path(), target.label(), from, switch (bad.state()) {
                    case CORRUPT -> "corrupt copy quarantined and replaced";
                    case OUTDATED -> "brought up to date; the earlier version is kept in .triplicate/versions";
                    default -> "copied again";
                } + tookName(bad.path(), landed), true));
            } catch (IOException | RuntimeException e) {
                Optional<ConnectedDrive> gone = goneDuring(target, source.get(), vanished);
                if (gone.isPresent()) {
                    vanished.undone(gone.get());
                } else {
                    out.add(new Action(bad.path(), target.label(), from, "failed: " + VanishedDrives.describe(e), false));
                }
            }
        }
        out.addAll(vanishedActions(vanished, "not repaired"));
        out.addAll(repairRemote(dryRun));
        out.addAll(manifestsWritten());
        return out;
    }

    /**
     * Whether a verified copy is in place on its drive; a drive found gone meanwhile is remembered, so the files it
     * would have served are counted once under its name.
     */
    private static boolean inPlace(ConnectedDrive d, Copy copy, VanishedDrives vanished) {
        if (Files.isRegularFile(d.libraryRoot().resolve(copy.path()))) {
            return true;
        }
        vanished.gone(d, true);
        return false;
    }

    /** After a failed copy: the target (written to) or the source (read from) if it went away, else none. */
    private static Optional<ConnectedDrive> goneDuring(ConnectedDrive target, ConnectedDrive source,
                                                       VanishedDrives vanished) {
        if (vanished.gone(target, false)) {
            return Optional.of(target);
        }
        return vanished.gone(source, true) ? Optional.of(source) : Optional.empty();
    }

    /** One failed action per drive that went away, naming it and how many files it left undone. */
    private static List<Action> vanishedActions(VanishedDrives vanished, String notDone) {
        List<Action> out = new ArrayList<>();
        vanished.messages(notDone).forEach((label, message) -> out.add(new Action(null, label, null, message, false)));
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
        return copyTo(label, target, dryRun, false);
    }

    /** As {@link #copyTo(String, int, boolean)}; a standing mass change refuses it as it refuses a repair. */
    public List<Action> copyTo(String label, int target, boolean dryRun, boolean confirmMassChange) {
        Optional<List<Action>> refused = refusedForMassChange(dryRun, confirmMassChange);
        if (refused.isPresent()) {
            return refused.get();
        }
        ConnectedDrive dest = drives.connected().stream()
                .filter(d -> d.label().equals(label) || d.location().id().toString().equalsIgnoreCase(label)).findFirst()
                .orElseThrow(() -> new app.triplicate.core.CannotRunException("Drive \"" + label + "\" is not connected (or not registered)."));
        Map<UUID, ConnectedDrive> connected = drives.connected().stream()
                .collect(Collectors.toMap(d -> d.location().id(), Function.identity()));
        List<Action> out = new ArrayList<>();
        VanishedDrives vanished = new VanishedDrives("repair");
        for (long id : mediaFiles.filesBelow(target)) {
            if (vanished.known(dest)) {
                vanished.undone(dest);
                continue;
            }
            MediaFile file = mediaFiles.findById(id).orElseThrow();
            List<Copy> copies = mediaFiles.copiesOf(id);
            if (copies.stream().anyMatch(c -> c.locationId().equals(dest.location().id()) && c.state() == CopyState.VERIFIED)) {
                continue;
            }
            List<Copy> holders = copies.stream()
                    .filter(c -> c.state() == CopyState.VERIFIED && connected.containsKey(c.locationId())).toList();
            Optional<Copy> source = holders.stream().filter(c -> !vanished.known(connected.get(c.locationId())))
                    .filter(c -> inPlace(connected.get(c.locationId()), c, vanished)).findFirst();
            if (source.isEmpty()) {
                Optional<ConnectedDrive> goneSource = holders.stream().map(c -> connected.get(c.locationId()))
                        .filter(vanished::known).findFirst();
                if (goneSource.isPresent()) {
                    vanished.undone(goneSource.get());
                } else {
                    out.add(new Action(file.libraryPath(), dest.label(), null, "no verified copy on a connected drive to copy from", false));
                }
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
                    ledger.proven(id, dest.location().id(), file.libraryPath(), there.method());
                } else {
                    AtomicCopier.Copied copied = new AtomicCopier(files).copy(from.libraryRoot().resolve(source.get().path()),
                            dest.root(), targetFile, file.hash(), dest.label());
                    ledger.proven(id, dest.location().id(), libraryPath(dest, copied.path()), copied.method());
                }
                out.add(new Action(file.libraryPath(), dest.label(), from.label(), "copied", true));
            } catch (IOException | RuntimeException e) {
                Optional<ConnectedDrive> gone = goneDuring(dest, from, vanished);
                if (gone.isPresent()) {
                    vanished.undone(gone.get());
                } else {
                    out.add(new Action(file.libraryPath(), dest.label(), from.label(),
                            "failed: " + VanishedDrives.describe(e), false));
                }
            }
        }
        out.addAll(vanishedActions(vanished, "not copied"));
        out.addAll(manifestsWritten());
        return out;
    }

    /**
     * Writes the ASC MHL generations for the copies this run proved; a manifest not written is listed (by drive and
     * session folder) but is not a failed repair: the copies are in place and counted.
     */
    private List<Action> manifestsWritten() {
        return manifests.write(app.triplicate.mhl.ManifestWriter.Process.TRANSFER).stream()
                .map(p -> new Action(p.folder() + "/" + app.triplicate.core.LibraryLayout.MANIFEST_FOLDER, p.drive(),
                        null, "manifest not written: " + p.reason() + " (the copies are unaffected)", true))
                .toList();
    }

    /**
     * One refused action per standing mass change, unless the user confirmed them (then they are confirmed now; a
     * dry run confirms nothing).
     */
    private Optional<List<Action>> refusedForMassChange(boolean dryRun, boolean confirm) {
        List<MassChangeRepository.MassChange> standing = ledger.standingMassChanges();
        if (standing.isEmpty() || (confirm && dryRun)) {
            return Optional.empty();
        }
        if (confirm) {
            ledger.confirmMassChanges();
            return Optional.empty();
        }
        return Optional.of(standing.stream().map(m -> new Action(null, m.label(), null, (dryRun ? "would not repair: "
                : "nothing repaired: ") + "many copies changed at once on " + m.label() + " (" + Words.number(m.changed())
                + " of " + Words.number(m.checked()) + ", found " + m.foundAt() + "). This looks like ransomware or a "
                + "failing drive; find the cause first, then run \"triplicate repair --confirm-mass-change\".", false))
                .toList());
    }

    /**
     * Sets aside a file that does not match its hash. @return the read-back when it matches after all (put back
     * by hand, or placed by a repair that was killed before it recorded it): nothing is set aside then
     */
    private Optional<ReadBack.Result> setAside(ConnectedDrive drive, String libraryPath, Path file, MediaFile expected,
                                               String stamp, boolean earlierVersion) throws IOException {
        ReadBack.Result actual = new ReadBack(files).hash(file, drive.label(), n -> { });
        if (actual.hash().equals(expected.hash())) {
            return Optional.of(actual);
        }
        SetAside.move(files, drive, libraryPath, file, expected.hash(), actual.hash(), stamp, earlierVersion,
                clock.instant(), "repair");
        return Optional.empty();
    }

    /** A file's path in a drive's library, as the catalog records it. */
    private static String libraryPath(ConnectedDrive drive, Path file) {
        return drive.libraryRoot().relativize(file).toString().replace('\\', '/');
    }

    private static String tookName(String wanted, String landed) {
        return wanted.equals(landed) ? "" : " (as " + landed + ": another file took its name meanwhile; nothing was overwritten)";
    }
}
