package app.triplicate.catalog;

import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The catalog: embedded (H2, in this computer's data folder) or a studio's shared one on a PostgreSQL server
 * ({@link ServerCatalog}). The schema is created and upgraded by Flyway's versioned migrations in
 * {@code db/migration/common}, with the few that differ by engine in {@code db/migration/h2} and
 * {@code db/migration/postgresql} ({@link #migrations}). One connection per process; repositories run their
 * statements through {@link #inTransaction} so each change is all-or-nothing.
 * Several processes (the window, the command line) share the embedded file: see {@link EmbeddedCatalog} for
 * how, and {@link SharedOpen} for what only the first and the last do.
 */
public final class Catalog implements AutoCloseable {

    /** H2's "Database may be already in use": another process holds the file lock. */
    private static final int DATABASE_ALREADY_OPEN = 90020;

    private static final Logger LOG = LoggerFactory.getLogger(Catalog.class);

    static {
        // before H2's network code loads: the catalog's port must never listen beyond this computer
        EmbeddedCatalog.loopbackOnly();
    }

    /**
     * Where Flyway finds the migrations for an engine ("h2", "postgresql"): those both engines accept, and the
     * engine's own variants of the few that differ. Scripts moved here unchanged keep their checksums.
     */
    static String[] migrations(String engine) {
        return new String[]{"classpath:db/migration/common", "classpath:db/migration/" + engine};
    }

    /** The embedded catalog's files, or null for a server catalog. */
    private final Path base;
    /** The server catalog, or null for the embedded one. */
    private final ServerCatalog server;
    /** Only a server catalog's is replaced, when the server went away and is back ({@link #live}). */
    private Connection connection;
    /**
     * Written when the catalog is closed and removed when it is opened: a catalog found without it was not closed
     * cleanly (a kill, a crash, a power cut), or was last closed by a version before this file (0.1.0), whose
     * figures may have drifted too. Either way its figures are recounted.
     */
    private final Path closedCleanly;
    private final boolean unclean;
    private List<FigureCheck.Drift> recounted = List.of();

    private Catalog(Path base, Connection connection, Path closedCleanly, boolean unclean) {
        this.base = base;
        this.server = null;
        this.connection = connection;
        this.closedCleanly = closedCleanly;
        this.unclean = unclean;
    }

    /**
     * A server catalog. A server keeps what it acknowledged through a kill of the client, so there is no
     * closed-cleanly flag and no recount at open.
     */
    Catalog(ServerCatalog server, Connection connection) {
        this.base = null;
        this.server = server;
        this.connection = connection;
        this.closedCleanly = null;
        this.unclean = false;
    }

    /** True for the embedded catalog (H2 in this computer's data folder), false for a server catalog. */
    public boolean embedded() {
        return server == null;
    }

    /** The server catalog this is, when it is one. */
    public java.util.Optional<ServerCatalog> server() {
        return java.util.Optional.ofNullable(server);
    }

    /** The file that says the catalog was closed cleanly; see {@link #closedCleanly}. */
    static Path closedCleanlyFlag(Path base) {
        return base.resolveSibling(base.getFileName() + ".closed-cleanly");
    }

    /**
     * How long opening may take before the user is told the catalog cannot be opened. A catalog of a million files
     * opens in about 2 s here (see the README's benchmarks); a catalog that has not opened by then is stuck.
     */
    static final Duration OPEN_LIMIT = Duration.ofSeconds(15);

    /**
     * Opens (creating and migrating as needed) the catalog whose files start with {@code base}, or says plainly
     * that it cannot within {@link #OPEN_LIMIT}: never a hang.
     */
    public static Catalog open(Path base) {
        Catalog catalog = open(base, OPEN_LIMIT, () -> openNow(base));
        if (catalog.unclean) {
            // the last process was killed or lost power (or was 0.1.0): whatever H2 made of its last commits, the
            // kept figures are recounted from the copies before anything reads them
            try {
                catalog.recounted = new FigureCheck(catalog).fix();
            } catch (RuntimeException e) {
                catalog.close();
                throw e;
            }
            LOG.warn("The catalog {} was not closed cleanly; its figures were recounted: {}", base,
                    catalog.recounted.isEmpty() ? "all agreed" : catalog.recounted);
        }
        return catalog;
    }

    /** The figures that had drifted and were rewritten when this catalog was opened after an unclean shutdown. */
    public List<FigureCheck.Drift> recountedAtOpen() {
        return recounted;
    }

    /** Runs {@code opening} in a thread of its own and waits for it at most {@code limit}. */
    static Catalog open(Path base, Duration limit, Callable<Catalog> opening) {
        FutureTask<Catalog> task = new FutureTask<>(opening);
        // a daemon: a stuck open must not keep the process alive after the user has been told
        Thread thread = new Thread(task, "catalog-open");
        thread.setDaemon(true);
        thread.start();
        try {
            return task.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new CatalogException(notOpenedInTime(base, limit), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new CatalogException("The catalog (" + base + ") failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatalogException("Opening the catalog (" + base + ") was interrupted.", e);
        }
    }

    static String notOpenedInTime(Path base, Duration limit) {
        return "The catalog at " + base + " could not be opened within " + limit.toSeconds() + " seconds. "
                + wayOut(base);
    }

    /** What the user can do with a catalog that cannot be used: the drives hold everything needed to start again. */
    static String wayOut(Path base) {
        return "Nothing on your drives is affected: every copy is on them with its drive's marker, and the drives "
                + "a version after 0.1.0 has written to hold backups of the catalog. Stop Triplicate and "
                + "restore the newest backup with 'triplicate catalog restore' (this catalog's files are moved "
                + "aside, never deleted). Without a backup: move the catalog's files (" + base.getFileName()
                + ".*) out of " + base.getParent() + " and keep them for a bug report, then start again with a new "
                + "catalog: register each drive again with 'triplicate drive add PATH --label NAME "
                + "--adopt-from-other-catalog' (it recognises the drive's marker) and ingest the cards you still have; what is already on the drives is "
                + "recognised by its content and not copied again.";
    }

    private static Catalog openNow(Path base) {
        // WRITE_DELAY=0 (in EmbeddedCatalog's URL): every commit is written to the file before commit() returns, so
        // a kill loses nothing the catalog acknowledged (WriteDelayBench: 0 commits lost in 11 kills; with H2's
        // default 500 ms, 205 to 572 lost per kill on average, up to 956). Not all of it could be proved again from
        // the drives: culls, session names, retired drives are decisions, not bytes. The price, measured the same
        // way: about 2.5 ms per commit (330 to 430 commits/s instead of 1,500 to 3,500), small beside the file each
        // commit records as copied or verified. QUERY_CACHE_SIZE keeps the per-file statements of an ingest parsed
        // once. AUTO_COMPACT_FILL_RATE=0: no background rewriting of the file at every start (on a million-file
        // catalog it doubled the time of status); freed space is still reused.
        String url = EmbeddedCatalog.sharedUrl(base);
        try {
            Files.createDirectories(base.toAbsolutePath().getParent());
            boolean existed = Files.exists(base.resolveSibling(base.getFileName() + ".mv.db"));
            String secret = EmbeddedCatalog.secret(base);
            // our connection first: it opens the file (and serves it to later processes), or joins the process
            // that has it
            Connection c = connect(base, url, secret, existed);
            Path closedCleanly = closedCleanlyFlag(base.toAbsolutePath());
            if (!SharedOpen.openedHere(c)) {
                // another process opened the file and did what is done once per opening (below)
                try {
                    SharedOpen.awaitMigrated(c, base);
                } catch (RuntimeException e) {
                    c.close();
                    throw e;
                }
                return new Catalog(base, c, closedCleanly, false);
            }
            SharedOpen.keepOpenAtExit(c);
            boolean unclean = existed && !Files.exists(closedCleanly);
            try {
                // removed before anything is written, so that a kill from now on is seen at the next open
                Files.deleteIfExists(closedCleanly);
                // before anything writes: a commit a kill cut short would make those writes spin for ever
                LeftoverCommits.finish(c, base);
                Migrations.apply(c, url, EmbeddedCatalog.USER, secret, migrations("h2"));
            } catch (java.io.IOException e) {
                c.close();
                throw new CatalogException("The catalog folder " + base.getParent() + " cannot be written: "
                        + e.getMessage(), e);
            } catch (FlywayException e) {
                c.close();
                throw new CatalogException("The catalog at " + base + " could not be upgraded: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                c.close();
                throw e;
            }
            return new Catalog(base, c, closedCleanly, unclean);
        } catch (SQLException e) {
            CatalogException translated = translate(base, e);
            if (translated.inUse()) {
                throw translated;
            }
            // a catalog file H2 cannot read: a backup on the drives can stand in for it
            throw new CatalogException(translated.getMessage() + " " + wayOut(base), e);
        } catch (java.io.IOException e) {
            throw new CatalogException("The catalog folder " + base.getParent() + " cannot be created: " + e.getMessage(), e);
        }
    }

    /**
     * Connects with the catalog's secret. A catalog that still has the empty password (0.1.0's, or restored from a
     * backup) is given the secret first, opened alone (see {@link EmbeddedCatalog#upgradeEmptyPassword}).
     */
    private static Connection connect(Path base, String url, String secret, boolean existed) throws SQLException {
        try {
            return DriverManager.getConnection(url, EmbeddedCatalog.USER, secret);
        } catch (SQLException e) {
            if (e.getErrorCode() != EmbeddedCatalog.WRONG_PASSWORD || !existed) {
                throw e;
            }
            if (!EmbeddedCatalog.upgradeEmptyPassword(base, secret)) {
                throw new CatalogException("The catalog (" + base + ") does not accept the password kept in "
                        + EmbeddedCatalog.secretFile(base) + ". Put back the file that was there. " + wayOut(base), e);
            }
            LOG.info("The catalog {} was given its own password (kept in {})", base, EmbeddedCatalog.secretFile(base));
            return DriverManager.getConnection(url, EmbeddedCatalog.USER, secret);
        }
    }

    static CatalogException translate(Path base, SQLException e) {
        if (e.getErrorCode() == DATABASE_ALREADY_OPEN) {
            return new CatalogException("The catalog (" + base + ") is open in another Triplicate process or window. "
                    + "Close it, or wait for its work to finish, and try again.", e);
        }
        return new CatalogException("The catalog (" + base + ") failed: " + e.getMessage(), e);
    }

    /** Work against the catalog's connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Set while {@link #together} runs: each {@link #inTransaction} joins its transaction. */
    private boolean grouped;

    /**
     * Runs {@code work} in one transaction, committing when it returns and rolling back when it throws. Inside
     * {@link #together} it joins that transaction instead.
     */
    public synchronized <T> T inTransaction(Work<T> work) {
        if (grouped) {
            try {
                return work.run(connection);
            } catch (SQLException e) {
                throw translated(e);
            }
        }
        try {
            live().setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw translated(e);
        }
    }

    /**
     * Runs {@code work}, and every catalog change it makes through the repositories, as one transaction: one
     * commit instead of one per change (ingest records a batch of proven copies so, with their media files and
     * card links). Nothing of it is kept when it throws. Other threads wait meanwhile, so keep it to catalog work.
     */
    public synchronized void together(Runnable work) {
        if (grouped) {
            work.run();
            return;
        }
        inTransaction(c -> {
            grouped = true;
            try {
                work.run();
            } finally {
                grouped = false;
            }
            return null;
        });
    }

    /**
     * The connection for a new transaction. A server catalog whose connection was lost (the server stopped or
     * restarted, the network went: the driver closes it) logs in again here, between two transactions, so a
     * process that stays open (the window) carries on once the server is back; nothing of the lost transaction is
     * carried over. While the server is still away this fails as the lost connection did.
     */
    private Connection live() throws SQLException {
        if (server != null && connection.isClosed()) {
            connection = server.connect();
            LOG.info("Connected again to the studio catalog {}", server.address());
        }
        return connection;
    }

    private CatalogException translated(SQLException e) {
        if (server != null && ServerCatalog.connectionLost(e)) {
            return server.lost(e); // it was open: the server went away during the work
        }
        return server != null ? server.translate(e) : translate(base, e);
    }

    /**
     * A number that moves whenever any process changes the catalog, for the window to notice what the command line
     * (or, on a server, another workstation) did: H2's modification counter of its tables; on PostgreSQL the
     * newest transaction id the server has handed out, which only writes take. It moves at the change, before its
     * commit: a reader that saw it move reads once more after it stands still.
     */
    public long changeMark() {
        String query = server == null
                ? "SELECT COALESCE(MAX(LAST_MODIFICATION), 0) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'"
                : "SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint";
        return inTransaction(c -> {
            try (java.sql.Statement s = c.createStatement();
                 java.sql.ResultSet rs = s.executeQuery(query)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Override
    public synchronized void close() {
        boolean last;
        try {
            // the last process to close writes the flag; the one that opened the file hands it over first
            last = server == null && SharedOpen.beforeClose(connection);
        } catch (SQLException e) {
            last = false; // not known: the next open recounts, which is only slower
            LOG.warn("Could not tell whether another process still uses the catalog {}: {}", base, e.toString());
        }
        try {
            connection.close();
        } catch (SQLException e) {
            throw translated(e);
        }
        if (closedCleanly == null || !last) {
            return; // a server catalog has no flag; another process still uses the file and writes it when it closes
        }
        try {
            // written plainly: it only has to exist (its content is for a person looking at the folder)
            Files.writeString(closedCleanly, "Closed cleanly by process " + ProcessHandle.current().pid() + " at "
                    + java.time.Instant.now() + "\n");
        } catch (java.io.IOException e) {
            // harmless: the next open recounts the figures once more
            LOG.warn("Could not write {}: {}", closedCleanly, e.toString());
        }
    }
}
