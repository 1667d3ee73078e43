package app.triplicate.catalog;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The embedded H2 catalog. The schema is created and upgraded by Flyway's versioned migrations in
 * {@code db/migration}. One connection per process; repositories run their statements through
 * {@link #inTransaction} so each change is all-or-nothing.
 */
public final class Catalog implements AutoCloseable {

    /** H2's "Database may be already in use": another process holds the file lock. */
    private static final int DATABASE_ALREADY_OPEN = 90020;

    private final Path base;
    private final Connection connection;

    private Catalog(Path base, Connection connection) {
        this.base = base;
        this.connection = connection;
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
        return open(base, OPEN_LIMIT, () -> openNow(base));
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
        return "Nothing on your drives is affected: every copy is on them with its drive's marker. "
                + "Stop Triplicate, move the catalog's files (" + base.getFileName() + ".*) out of "
                + base.getParent() + " and keep them for a bug report, then start again with a new catalog: "
                + "register each drive again with 'triplicate drive add PATH --label NAME' (it recognises the "
                + "drive's marker) and ingest the cards you still have; what is already on the drives is "
                + "recognised by its content and not copied again.";
    }

    private static Catalog openNow(Path base) {
        // A kill may lose the last half second of commits (H2's write delay): the catalog then lags the drives,
        // never leads them, and the next ingest finds those copies by reading them. QUERY_CACHE_SIZE keeps
        // the per-file statements of an ingest parsed once. AUTO_COMPACT_FILL_RATE=0: no background rewriting of
        // the file at every start (on a million-file catalog it doubled the time of status); freed space is
        // still reused.
        String url = "jdbc:h2:file:" + base.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=64;AUTO_COMPACT_FILL_RATE=0";
        try {
            Files.createDirectories(base.toAbsolutePath().getParent());
            // our connection first: it takes the file lock, or fails clearly when another process has it
            Connection c = DriverManager.getConnection(url, "triplicate", "");
            try {
                // before anything writes: a commit a kill cut short would make those writes spin for ever
                LeftoverCommits.finish(c, base);
                Flyway.configure()
                        .dataSource(url, "triplicate", "")
                        .locations("classpath:db/migration")
                        .load()
                        .migrate();
            } catch (FlywayException e) {
                c.close();
                throw new CatalogException("The catalog at " + base + " could not be upgraded: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                c.close();
                throw e;
            }
            return new Catalog(base, c);
        } catch (SQLException e) {
            throw translate(base, e);
        } catch (java.io.IOException e) {
            throw new CatalogException("The catalog folder " + base.getParent() + " cannot be created: " + e.getMessage(), e);
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

    /** Runs {@code work} in one transaction, committing when it returns and rolling back when it throws. */
    public synchronized <T> T inTransaction(Work<T> work) {
        try {
            connection.setAutoCommit(false);
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
            throw translate(base, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw translate(base, e);
        }
    }
}
