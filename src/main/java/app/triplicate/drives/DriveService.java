package app.triplicate.drives;

import app.triplicate.catalog.LocationRepository;
import app.triplicate.catalog.MediaFileRepository;
import app.triplicate.core.DriveRole;
import app.triplicate.core.Location;
import app.triplicate.core.UsageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Registers drives and finds them again by their identity markers, wherever they are mounted now. */
public final class DriveService {
    private static final Logger log = LoggerFactory.getLogger(DriveService.class);

    private final LocationRepository locations;
    private final MediaFileRepository mediaFiles;
    private final app.triplicate.ledger.Ledger ledger;
    private final List<Path> mountRoots;
    private final Clock clock;
    private final SessionFolderCatchUp catchUp;
    /** This catalog's id and generation, written into the markers of drives it registers (null in some tests). */
    private app.triplicate.catalog.CatalogIdentityRepository identity;

    /** Without session folder catch-up (tests of registration alone). */
    public DriveService(LocationRepository locations, MediaFileRepository mediaFiles, app.triplicate.ledger.Ledger ledger,
                        List<Path> mountRoots, Clock clock) {
        this(locations, mediaFiles, ledger, mountRoots, clock, null);
    }

    /**
     * @param catchUp renames, on each drive found connected, the session folders renamed while it was away,
     *                before any caller reads or writes there
     */
    public DriveService(LocationRepository locations, MediaFileRepository mediaFiles, app.triplicate.ledger.Ledger ledger,
                        List<Path> mountRoots, Clock clock, SessionFolderCatchUp catchUp) {
        this.locations = locations;
        this.mediaFiles = mediaFiles;
        this.ledger = ledger;
        this.mountRoots = mountRoots;
        this.clock = clock;
        this.catchUp = catchUp;
    }

    /** Markers this service writes from now on record this catalog's id and generation (the composition root). */
    public void recordCatalogIn(app.triplicate.catalog.CatalogIdentityRepository identity) {
        this.identity = identity;
    }

    /** The folders searched for drives besides the registered drives' own paths. */
    public List<Path> mountRoots() {
        return mountRoots;
    }

    /** Name of the variable that adds folders where drives are mounted (a NAS share, a test's folders). */
    public static final String MOUNT_ROOTS_ENV = "TRIPLICATE_MOUNT_ROOTS";

    /**
     * The folders drives are looked for under: those in {@value #MOUNT_ROOTS_ENV} (separated as in PATH), then the
     * platform's usual mount places. Window and command line use the same.
     */
    public static List<Path> mountRoots(java.util.Map<String, String> env) {
        List<Path> roots = new ArrayList<>();
        String extra = env.get(MOUNT_ROOTS_ENV);
        if (extra != null && !extra.isBlank()) {
            for (String p : extra.split(java.io.File.pathSeparator)) {
                if (!p.isBlank()) {
                    roots.add(Path.of(p.strip()));
                }
            }
        }
        roots.addAll(platformMountRoots());
        return roots;
    }

    /** The folders removable and network drives appear under on this platform. */
    public static List<Path> platformMountRoots() {
        String user = System.getProperty("user.name", "");
        List<Path> roots = new ArrayList<>();
        if (System.getProperty("os.name", "").toLowerCase().contains("win")) {
            for (Path r : java.nio.file.FileSystems.getDefault().getRootDirectories()) {
                roots.add(r);
            }
            return roots;
        }
        for (String p : List.of("/media/" + user, "/run/media/" + user, "/media", "/mnt", "/Volumes")) {
            roots.add(Path.of(p));
        }
        return roots;
    }

    public record Registration(Location location, boolean adopted) {
    }

    /**
     * Registers {@code path} as a drive: writes its marker, or adopts the one already there. Refuses a
     * second folder on a device that already holds a registered drive unless {@code sameDevice} asserts
     * it is a separate copy.
     */
    public Registration add(Path path, String label, DriveRole role, boolean offsite, boolean sameDevice) {
        return add(path, label, role, offsite, sameDevice, false);
    }

    /**
     * As above; a drive whose marker says it belongs to another catalog is refused (its catalog is lost or older:
     * restore it) unless {@code adoptFromOtherCatalog}, which makes the drive this catalog's.
     */
    public Registration add(Path path, String label, DriveRole role, boolean offsite, boolean sameDevice,
                            boolean adoptFromOtherCatalog) {
        if (!Files.isDirectory(path)) {
            throw new UsageException("Cannot register " + path + ": it is not a folder (is the drive connected?).");
        }
        if (label == null || label.isBlank()) {
            throw new UsageException("A drive needs a label (--label).");
        }
        Path root = path.toAbsolutePath().normalize();
        // live device numbers for connected drives: they can change between connections
        List<DriveState> states = list();
        List<Location> known = states.stream().map(DriveState::location).toList();
        if (known.stream().anyMatch(l -> l.label().equals(label))) {
            throw new UsageException("A drive labelled \"" + label + "\" is already registered; choose another label.");
        }
        Optional<String> damage = DriveMarker.damage(root);
        if (damage.isPresent()) {
            throw new UsageException("Not registered: the drive marker " + DriveMarker.fileIn(root) + " is damaged ("
                    + damage.get() + "). This folder was registered as a drive; if it is one of yours, give it its "
                    + "marker back with: triplicate drive readopt DRIVE " + root + " (see \"drive list\"). "
                    + "Only if it is not, delete that file and add the folder again.");
        }
        Optional<DriveMarker> existing = DriveMarker.read(root);
        if (existing.isPresent()) {
            Optional<Location> same = known.stream().filter(l -> l.id().equals(existing.get().uuid())).findFirst();
            if (same.isPresent()) {
                throw new UsageException(root + " is already registered as drive \"" + same.get().label() + "\".");
            }
            app.triplicate.catalog.CatalogIdentity ours = identity == null ? null : identity.current();
            UUID theirs = existing.get().catalogId();
            if (ours != null && theirs != null && !theirs.equals(ours.id()) && !adoptFromOtherCatalog) {
                throw new LostCatalogException("Not registered: " + CatalogGuard.otherCatalog(root, existing.get(),
                        ours) + " " + CatalogGuard.wayBack() + " To make it this catalog's drive instead (what is on "
                        + "it is then recognised by its content), register it with 'triplicate drive add "
                        + "--adopt-from-other-catalog'.");
            }
        }
        refuseNested(root, states);
        String device;
        try {
            device = DeviceIds.of(root);
        } catch (IOException e) {
            throw new UsageException("Cannot tell which device " + root + " is on: " + e.getMessage());
        }
        List<Location> onDevice = known.stream().filter(l -> device.equals(l.deviceId())).toList();
        if (!onDevice.isEmpty() && !sameDevice) {
            throw new SameDeviceException(root, onDevice.get(0).label(), "Not registered: " + root + " is on the same disk as drive \""
                    + onDevice.get(0).label() + "\", and two folders on one disk are one copy: if that disk fails, "
                    + "both are lost. Choose a folder on another drive, or, if you really mean this folder to count "
                    + "as a separate copy, add --same-device.");
        }
        Instant now = clock.instant();
        DriveMarker marker = existing.map(m -> new DriveMarker(m.uuid(), label, m.created()))
                .orElseGet(() -> new DriveMarker(UUID.randomUUID(), label, now));
        marker = stamped(marker);
        try {
            marker.writeTo(root);
        } catch (IOException e) {
            throw new UsageException("Cannot write the drive marker at " + DriveMarker.fileIn(root) + ": " + e.getMessage());
        }
        Location location = new Location(marker.uuid(), label, role, offsite, root.toString(), device,
                sameDevice && !onDevice.isEmpty(), now, now);
        locations.insert(location);
        log.info("registered drive {} ({}) at {}{}", label, marker.uuid(), root, existing.isPresent() ? ", adopting its marker" : "");
        return new Registration(location, existing.isPresent());
    }

    /**
     * Refuses a folder inside a registered drive or containing one, whatever the disk: the outer drive's tree
     * holds the inner one's files, so the same bytes would be counted as two copies. Real paths are compared,
     * so a link or a second name for the same folder is seen through; a drive that is not found where it was
     * last seen is still found above the folder by its marker. Retired drives no longer count any copy, so
     * they are left out.
     */
    private static void refuseNested(Path root, List<DriveState> states) {
        Path real;
        try {
            real = root.toRealPath();
        } catch (IOException e) {
            throw new UsageException("Cannot register " + root + ": cannot read where it is (" + e.getMessage() + ").");
        }
        for (DriveState s : states) {
            if (s.retired()) {
                continue;
            }
            Optional<Path> at = s.connectedAt().flatMap(DriveService::realPath)
                    .or(() -> markerAbove(real, s.location().id()));
            if (at.isEmpty()) {
                continue;
            }
            String drive = "drive \"" + s.location().label() + "\" (" + at.get() + ")";
            if (real.startsWith(at.get())) {
                throw new UsageException("Not registered: " + root + " is inside " + drive + ". Its files would be "
                        + "counted twice, as copies on both drives, though they are one copy. Choose a folder "
                        + "outside every registered drive.");
            }
            if (at.get().startsWith(real)) {
                throw new UsageException("Not registered: " + root + " contains " + drive + ". That drive's files "
                        + "would be counted twice, as copies on both drives, though they are one copy. Choose a "
                        + "folder outside every registered drive.");
            }
        }
    }

    private static Optional<Path> realPath(Path p) {
        try {
            return Optional.of(p.toRealPath());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The nearest folder above {@code real} (itself included) that holds drive {@code id}'s marker. */
    private static Optional<Path> markerAbove(Path real, UUID id) {
        for (Path p = real; p != null; p = p.getParent()) {
            if (hasMarker(p, id)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Changes whenever a session folder is moved on a drive (see {@link SessionFolderCatchUp#moves()}). */
    public long sessionFolderMoves() {
        return catchUp == null ? 0 : catchUp.moves();
    }

    /** Runs {@code work} while no session folder is being moved (see {@link SessionFolderCatchUp#whileStill}). */
    public <T> T withSessionFoldersStill(java.util.function.Supplier<T> work) {
        return catchUp == null ? work.get() : catchUp.whileStill(work);
    }

    /**
     * Where a drive that is not found has a damaged marker: its last known path or the path it was registered
     * at, when the marker file there cannot be read. Such a drive is damaged, not gone; {@link #readopt} mends it.
     */
    public Optional<Path> damagedMarker(Location l) {
        List<Path> candidates = new ArrayList<>();
        locations.lastSeenPath(l.id()).map(Path::of).ifPresent(candidates::add);
        if (l.registeredPath() != null) {
            candidates.add(Path.of(l.registeredPath()));
        }
        return candidates.stream().filter(p -> DriveMarker.damage(p).isPresent()).findFirst();
    }

    /** What to tell the user about a drive whose marker at {@code folder} is damaged, and how to mend it. */
    public static String damagedMarkerAdvice(Location l, Path folder) {
        return "drive \"" + l.label() + "\": its marker " + DriveMarker.fileIn(folder) + " is damaged ("
                + DriveMarker.damage(folder).orElse("it cannot be read") + "), so the drive cannot be recognised. If "
                + folder + " is that drive, give it its marker back with: triplicate drive readopt \"" + l.label()
                + "\" " + folder;
    }

    /**
     * Writes a fresh marker for registered drive {@code labelOrId} into {@code path}: for a drive whose marker
     * was damaged or deleted. A folder holding another drive's readable marker is refused.
     */
    public Location readopt(String labelOrId, Path path) {
        Location l = find(labelOrId);
        if (!Files.isDirectory(path)) {
            throw new UsageException("Cannot readopt " + path + ": it is not a folder (is the drive connected?).");
        }
        Path root = path.toAbsolutePath().normalize();
        refuseNested(root, list().stream().filter(s -> !s.location().id().equals(l.id())).toList());
        Optional<DriveMarker> there = DriveMarker.read(root);
        if (there.isPresent() && !there.get().uuid().equals(l.id())) {
            throw new UsageException("Not readopted: " + root + " holds the marker of another drive, \""
                    + there.get().label() + "\" (" + there.get().uuid() + ").");
        }
        try {
            stamped(new DriveMarker(l.id(), l.label(), l.createdAt())).writeTo(root);
        } catch (IOException e) {
            throw new UsageException("Cannot write the drive marker at " + DriveMarker.fileIn(root) + ": " + e.getMessage());
        }
        String device = null;
        try {
            device = DeviceIds.of(root);
        } catch (IOException e) {
            log.warn("drive {}: cannot tell which device it is on: {}", l.label(), e.getMessage());
        }
        locations.markSeen(l.id(), root.toString(), device, clock.instant());
        log.info("drive {} ({}): marker written again at {}", l.label(), l.id(), root);
        return locations.byId(l.id()).orElseThrow();
    }

    /** {@code marker} recording this catalog and its generation (as it is, without a catalog identity). */
    private DriveMarker stamped(DriveMarker marker) {
        if (identity == null) {
            return marker;
        }
        app.triplicate.catalog.CatalogIdentity now = identity.current();
        return marker.withCatalog(now.id(), now.generation());
    }

    /** When a drive's copies were last verified (null when never). */
    public Instant lastVerified(Location l) {
        return mediaFiles.lastVerifiedAt(l.id());
    }

    /**
     * Why a drive needs looking at, if it does: not seen or not verified for longer than 90 days (365 for
     * an archive drive kept in a drawer).
     */
    public Optional<String> staleness(DriveState s) {
        if (s.retired()) {
            return Optional.empty();
        }
        java.time.Duration limit = java.time.Duration.ofDays(s.location().role() == DriveRole.ARCHIVE ? 365 : 90);
        Instant now = clock.instant();
        if (s.lastSeenAt() == null || s.lastSeenAt().isBefore(now.minus(limit))) {
            return Optional.of("not seen for more than " + limit.toDays() + " days");
        }
        Instant verified = lastVerified(s.location());
        if (verified != null && verified.isBefore(now.minus(limit))) {
            return Optional.of("not verified for more than " + limit.toDays() + " days");
        }
        return Optional.empty();
    }

    /** A registered drive and where it is now. */
    public record DriveState(Location location, Optional<Path> connectedAt, Optional<Long> freeBytes,
                             Instant lastSeenAt, boolean retired) {
        public boolean connected() {
            return connectedAt.isPresent() && !retired;
        }
    }

    public Location rename(String labelOrId, String newLabel) {
        Location l = find(labelOrId);
        if (newLabel == null || newLabel.isBlank()) {
            throw new UsageException("A drive needs a label.");
        }
        if (locations.find(newLabel).isPresent()) {
            throw new UsageException("A drive labelled \"" + newLabel + "\" is already registered.");
        }
        locations.rename(l.id(), newLabel);
        locate(l).ifPresent(root -> DriveMarker.read(root).ifPresent(m -> {
            try {
                m.withLabel(newLabel).writeTo(root);
            } catch (IOException e) {
                log.warn("drive {}: could not update the label in its marker: {}", newLabel, e.getMessage());
            }
        }));
        return locations.byId(l.id()).orElseThrow();
    }

    public Location setOffsite(String labelOrId, boolean offsite) {
        Location l = find(labelOrId);
        locations.setOffsite(l.id(), offsite);
        ledger.locationChanged(l.id());
        return locations.byId(l.id()).orElseThrow();
    }

    /** Takes a drive out of service: its copies stop counting; nothing on it is touched. */
    public Location retire(String labelOrId) {
        Location l = find(labelOrId);
        locations.retire(l.id());
        ledger.locationChanged(l.id());
        return l;
    }

    private Location find(String labelOrId) {
        return locations.find(labelOrId)
                .orElseThrow(() -> new UsageException("No drive is registered as \"" + labelOrId + "\" (see \"drive list\")."));
    }

    public List<DriveState> list() {
        List<DriveState> out = new ArrayList<>();
        java.util.Set<UUID> retired = locations.retiredIds();
        for (Location l : locations.all()) {
            if (retired.contains(l.id())) {
                out.add(new DriveState(l, Optional.empty(), Optional.empty(), l.lastSeenAt(), true));
                continue;
            }
            Optional<Path> at = locate(l);
            Instant lastSeen = l.lastSeenAt();
            Optional<Long> free = Optional.empty();
            if (at.isPresent()) {
                sweepOnce(l, at.get());
                lastSeen = clock.instant();
                String device = null;
                try {
                    device = DeviceIds.of(at.get());
                } catch (IOException e) {
                    log.warn("drive {}: cannot tell which device it is on: {}", l.label(), e.getMessage());
                }
                locations.markSeen(l.id(), at.get().toString(), device, lastSeen);
                if (device != null) {
                    l = new Location(l.id(), l.label(), l.role(), l.offsite(), l.registeredPath(), device,
                            l.sameDevice(), l.createdAt(), lastSeen);
                }
                if (catchUp != null) {
                    catchUp.catchUp(new ConnectedDrive(l, at.get()));
                }
                try {
                    free = Optional.of(Files.getFileStore(at.get()).getUsableSpace());
                } catch (IOException e) {
                    log.warn("drive {}: cannot read free space: {}", l.label(), e.getMessage());
                }
            }
            out.add(new DriveState(l, at, free, lastSeen, false));
        }
        return out;
    }

    public List<ConnectedDrive> connected() {
        return list().stream().filter(DriveState::connected)
                .map(s -> new ConnectedDrive(s.location(), s.connectedAt().orElseThrow())).toList();
    }

    /** The drives whose marker folder was swept of leftover temporary files in this process. */
    private final java.util.Set<UUID> swept = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Once per drive and process: the temporary files a kill left beside its marker are deleted (those older than
     * {@link #LEFTOVER_AGE}, so another process's write in progress is left alone).
     */
    private void sweepOnce(Location l, Path root) {
        if (swept.add(l.id())) {
            app.triplicate.files.SmallFile.sweepLeftovers(DriveMarker.fileIn(root).getParent(), LEFTOVER_AGE)
                    .forEach(p -> log.info("drive {}: deleted {}, left by a write that was cut short", l.label(), p));
        }
    }

    /** A temporary file older than this beside a marker or a setting was left by a write that was cut short. */
    public static final java.time.Duration LEFTOVER_AGE = java.time.Duration.ofMinutes(10);

    /** Where the drive's marker is now: its last known path first, then the platform's mount roots. */
    public Optional<Path> locate(Location l) {
        List<Path> candidates = new ArrayList<>();
        locations.lastSeenPath(l.id()).map(Path::of).ifPresent(candidates::add);
        if (l.registeredPath() != null) {
            candidates.add(Path.of(l.registeredPath()));
        }
        for (Path c : candidates) {
            if (hasMarker(c, l.id())) {
                return Optional.of(c);
            }
        }
        for (Path mountRoot : mountRoots) {
            Optional<Path> found = search(mountRoot, l.id(), 2);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static boolean hasMarker(Path folder, UUID id) {
        return DriveMarker.read(folder).map(m -> m.uuid().equals(id)).orElse(false);
    }

    /** A drive folder found by its marker, registered in this catalog or not. */
    public record FoundMarker(Path root, DriveMarker marker) {
    }

    /**
     * Every readable drive marker in the folders up to two levels below {@code roots} (the same places a
     * registered drive is looked for): how drives are found when the catalog knows none of them.
     */
    public static List<FoundMarker> markersUnder(List<Path> roots) {
        List<FoundMarker> out = new ArrayList<>();
        for (Path root : roots) {
            collect(root, 2, out);
        }
        return out;
    }

    private static void collect(Path root, int depth, List<FoundMarker> out) {
        if (depth == 0 || !Files.isDirectory(root)) {
            return;
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path child : children) {
                Optional<DriveMarker> m = DriveMarker.read(child);
                if (m.isPresent()) {
                    out.add(new FoundMarker(child, m.get()));
                } else {
                    collect(child, depth - 1, out);
                }
            }
        } catch (IOException | SecurityException e) {
            // an unreadable mount point holds no drive we can use
        }
    }

    /** Looks for the marker in the folders up to {@code depth} levels below {@code root}. */
    private static Optional<Path> search(Path root, UUID id, int depth) {
        if (depth == 0 || !Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path child : children) {
                if (hasMarker(child, id)) {
                    return Optional.of(child);
                }
                Optional<Path> deeper = search(child, id, depth - 1);
                if (deeper.isPresent()) {
                    return deeper;
                }
            }
        } catch (IOException | SecurityException e) {
            // an unreadable mount point is not where the drive is
        }
        return Optional.empty();
    }
}
