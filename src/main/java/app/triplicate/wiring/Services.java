package app.triplicate.wiring;

import app.triplicate.capture.CaptureReaders;
import app.triplicate.catalog.CardRepository;
import app.triplicate.catalog.Catalog;
import app.triplicate.catalog.LocationRepository;
import app.triplicate.catalog.MediaFileRepository;
import app.triplicate.catalog.SessionRepository;
import app.triplicate.catalog.StatusService;
import app.triplicate.drives.DriveService;
import app.triplicate.files.FileAccess;
import app.triplicate.ingest.IngestService;
import app.triplicate.ingest.SessionPlanner;
import app.triplicate.settings.Home;
import app.triplicate.verify.CardCheckService;
import app.triplicate.verify.RepairService;
import app.triplicate.verify.VerifyService;
import app.triplicate.settings.SettingsStore;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one composition root: builds the catalog, repositories, services and the worker executor for a
 * home folder, and hands them to a front door (command line now, the window later) by constructor.
 */
public final class Services implements AutoCloseable {

    public final Home home;
    public final SettingsStore settings;
    public final DriveService drives;
    public final IngestService ingest;
    public final StatusService status;
    public final VerifyService verify;
    public final RepairService repair;
    public final CardCheckService cardCheck;
    public final app.triplicate.verify.CullService cull;
    public final app.triplicate.verify.RestoreService restore;
    public final app.triplicate.catalog.SessionFilesService sessionFiles;
    /** Session renames, in the catalog and on the drives (window and command line). */
    public final app.triplicate.drives.SessionRenameService sessionRename;
    /** The remote's settings, secret and known hosts (config folder). */
    public final app.triplicate.remote.RemoteStores remotes;
    public final app.triplicate.remote.PushService push;
    /** The remote's settings as the window changes them (the command line's remote commands use the same). */
    public final app.triplicate.remote.RemoteSettingsService remoteSettings;
    /** The one writer of copy states and kept figures (its full recount is catalog check). */
    public final app.triplicate.ledger.Ledger ledger;
    /** Writes each session folder's ASC MHL history on the drives (the ledger's witness). */
    public final app.triplicate.mhl.ManifestWriter manifests;
    /** The hook every command calls after its work: generation, catalog backups on the drives, drive markers. */
    public final app.triplicate.drives.CatalogBackups backups;
    /** {@code catalog rebuild}: the catalog checked against, or made from, the drives' manifests. */
    public final app.triplicate.rebuild.CatalogRebuild rebuild;
    /** {@code adopt}: a folder another tool offloaded onto a drive, with its ASC MHL history, taken in where it is. */
    public final app.triplicate.rebuild.FolderAdoption adopt;
    private final Catalog catalog;
    private final app.triplicate.catalog.CatalogIdentityRepository identity;
    private final app.triplicate.drives.CatalogMemory memory;
    private final Clock clock;
    private final ExecutorService workers;
    private final List<app.triplicate.catalog.CatalogWatch> watches = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Path> mountRoots;

    private Services(Home home, FileAccess files, List<Path> mountRoots, Clock clock,
                     app.triplicate.remote.RetryingStore.Backoff backoff, boolean guard) {
        this.home = home;
        this.mountRoots = List.copyOf(mountRoots);
        // a write cut short by a kill leaves its temporary file beside the settings, remote or known hosts
        app.triplicate.files.SmallFile.sweepLeftovers(home.configDir(), DriveService.LEFTOVER_AGE).forEach(p ->
                LoggerFactory.getLogger(Services.class).info("deleted {}, left by a write that was cut short", p));
        this.settings = new SettingsStore(home.settingsFile(), Version.current());
        if (!java.nio.file.Files.exists(home.settingsFile())) {
            settings.save(settings.load()); // the defaults, written once so there is a file to find and edit
        }
        // this computer's embedded catalog, or the studio's on a server when 'catalog connect' said so
        this.catalog = new CatalogChoice(home.configDir()).open(home);
        LocationRepository locations = new LocationRepository(catalog);
        MediaFileRepository mediaFiles = new MediaFileRepository(catalog);
        app.triplicate.catalog.CullRepository culls = new app.triplicate.catalog.CullRepository(catalog);
        this.ledger = new app.triplicate.ledger.Ledger(mediaFiles, culls,
                new app.triplicate.catalog.MassChangeRepository(catalog), new app.triplicate.catalog.FigureCheck(catalog),
                clock);
        var sessionFolders = new app.triplicate.catalog.SessionFolderRepository(catalog);
        var catchUp = new app.triplicate.drives.SessionFolderCatchUp(sessionFolders, files);
        this.drives = new DriveService(locations, mediaFiles, ledger, mountRoots, clock, catchUp);
        var identity = new app.triplicate.catalog.CatalogIdentityRepository(catalog);
        drives.recordCatalogIn(identity);
        this.identity = identity;
        this.memory = new app.triplicate.drives.CatalogMemory(catalog.server()
                .map(server -> home.studioCatalogMemoryFile(server.url())).orElse(home.catalogMemoryFile()));
        this.clock = clock;
        if (guard) {
            try {
                // before any command reads it: a new or older catalog must not pass for the drives' own
                new app.triplicate.drives.CatalogGuard(identity, locations, drives, memory, clock).check();
            } catch (RuntimeException e) {
                catalog.close();
                throw e;
            }
        }
        this.backups = new app.triplicate.drives.CatalogBackups(catalog, identity, drives, ledger, files,
                home.catalogBase().resolveSibling("catalog-backup-scratch"), memory, clock);
        this.workers = Executors.newCachedThreadPool(namedDaemons("triplicate-worker"));
        CardRepository cards = new CardRepository(catalog);
        SessionRepository sessions = new SessionRepository(catalog);
        // the ASC MHL manifests: the ledger tells them every proof, the services write them when a run ends
        this.manifests = new app.triplicate.mhl.ManifestWriter(drives, mediaFiles, sessions, sessionFolders,
                new app.triplicate.files.SmallFile(files), clock, Version.current());
        ledger.witnessedBy(manifests);
        this.sessionRename = new app.triplicate.drives.SessionRenameService(drives, sessions, sessionFolders, catchUp);
        this.unrecordedNotes = new app.triplicate.ingest.UnrecordedCopies(home.unrecordedCopies());
        SessionPlanner planner = new SessionPlanner(CaptureReaders.standard(files, clock), cards, mediaFiles, sessions,
                clock);
        this.ingest = new IngestService(catalog, drives, cards, sessions, mediaFiles, ledger, planner, files, workers,
                clock, manifests, home.cardLocks(), unrecordedNotes);
        this.status = new StatusService(catalog, locations);
        this.cardCheck = new CardCheckService(cards, mediaFiles, files);
        this.cull = new app.triplicate.verify.CullService(drives, culls, mediaFiles, ledger, files, manifests);
        this.restore = new app.triplicate.verify.RestoreService(drives, sessions, mediaFiles, culls, files);
        this.sessionFiles = new app.triplicate.catalog.SessionFilesService(catalog);
        this.remotes = new app.triplicate.remote.RemoteStores(home.configDir());
        manifests.writesElsewhere(new app.triplicate.remote.RemoteManifests(remotes, locations, backoff));
        this.push = new app.triplicate.remote.PushService(remotes, locations, mediaFiles, ledger, sessions, drives, workers,
                clock, backoff, manifests);
        // verify and repair include the remote when one is set
        this.verify = new VerifyService(drives, mediaFiles, ledger, sessions, files, workers, clock, remotes, push, locations,
                backoff, manifests);
        this.repair = new RepairService(drives, mediaFiles, ledger, files, clock, remotes, push, manifests);
        this.remoteSettings = new app.triplicate.remote.RemoteSettingsService(home.configDir(), locations, sessions);
        this.rebuild = new app.triplicate.rebuild.CatalogRebuild(locations, sessions, mediaFiles, identity, ledger,
                CaptureReaders.standard(files, clock), clock);
        this.adopt = new app.triplicate.rebuild.FolderAdoption(drives, locations, sessions, mediaFiles, ledger,
                new app.triplicate.files.ReadBack(files), manifests, rebuild, clock);
    }

    /**
     * This computer takes the open catalog as its own, though it is new, another or older than the one it last
     * used ({@code catalog accept}, {@code drive add --adopt-from-other-catalog}): the guard then lets it pass.
     *
     * @return the catalog accepted, and a warning when this computer could not note it
     */
    public Accepted acceptCatalog() {
        var now = identity.current();
        var before = memory.read();
        var warning = memory.note(now, clock.instant());
        return new Accepted(now, before.map(s -> new app.triplicate.catalog.CatalogIdentity(s.catalogId(),
                s.generation())), identity.isNew(), warning);
    }

    /** What {@link #acceptCatalog} did: the catalog now this computer's, the one it replaced, if any. */
    public record Accepted(app.triplicate.catalog.CatalogIdentity catalog,
                           java.util.Optional<app.triplicate.catalog.CatalogIdentity> before, boolean isNew,
                           java.util.Optional<String> warning) {
    }

    /** This home's notes of copies proven but not recorded when the studio catalog's server went away. */
    private final app.triplicate.ingest.UnrecordedCopies unrecordedNotes;

    /**
     * What ingests that lost this studio catalog's server left to record, one reminder per card (none on this
     * computer's own catalog).
     */
    public List<String> unrecordedReminders() {
        return catalog.server().map(s -> unrecordedNotes.reminders(s.address())).orElse(List.of());
    }

    /** The studio catalog's server when this home is connected to one; empty for this computer's own catalog. */
    public java.util.Optional<app.triplicate.catalog.ServerCatalog> catalogServer() {
        return catalog.server();
    }

    /** The figures rewritten when the catalog was opened after an unclean shutdown (empty when none drifted). */
    public List<app.triplicate.catalog.FigureCheck.Drift> figuresRecountedAtOpen() {
        return catalog.recountedAtOpen();
    }

    /** Opens the catalog under {@code home}; configure logging first ({@link Logging#init}). */
    public static Services open(Home home, FileAccess files) {
        return new Services(home, files, DriveService.platformMountRoots(), Clock.systemDefaultZone(),
                app.triplicate.remote.RetryingStore.Backoff.STANDARD, true);
    }

    /** As {@link #open(Home, FileAccess)}, with the folders where new volumes appear and the clock given (tests). */
    public static Services open(Home home, FileAccess files, List<Path> mountRoots, Clock clock) {
        return new Services(home, files, mountRoots, clock, app.triplicate.remote.RetryingStore.Backoff.STANDARD, true);
    }

    /**
     * As above; {@code guard} false skips the check that the connected drives belong to this catalog (only for
     * {@code drive add --adopt-from-other-catalog}, which is how a user says "this new catalog is meant").
     */
    public static Services open(Home home, FileAccess files, List<Path> mountRoots, Clock clock, boolean guard) {
        return new Services(home, files, mountRoots, clock, app.triplicate.remote.RetryingStore.Backoff.STANDARD,
                guard);
    }

    /** As above, with the remote's retry pauses given (tests, which cannot wait minutes). */
    public static Services open(Home home, FileAccess files, List<Path> mountRoots, Clock clock,
                                app.triplicate.remote.RetryingStore.Backoff backoff) {
        return new Services(home, files, mountRoots, clock, backoff, true);
    }

    /** The folders under which removable volumes appear (where the window looks for inserted cards). */
    public List<Path> mountRoots() {
        return mountRoots;
    }

    private static ThreadFactory namedDaemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((th, e) -> LoggerFactory.getLogger(Services.class)
                    .error("uncaught failure in {}", th.getName(), e));
            return t;
        };
    }

    /**
     * Calls {@code onChange} (on a background thread) within about {@code period} of any change to the catalog, by
     * this process or another one (the command line while the window is open); stops when the services close.
     */
    public void watchCatalog(java.time.Duration period, Runnable onChange) {
        watches.add(new app.triplicate.catalog.CatalogWatch(catalog, period, onChange));
    }

    @Override
    public void close() {
        watches.forEach(app.triplicate.catalog.CatalogWatch::close);
        workers.shutdown();
        try {
            workers.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        catalog.close();
    }
}
