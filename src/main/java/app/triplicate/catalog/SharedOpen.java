package app.triplicate.catalog;

import org.h2.engine.Database;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * What sharing one catalog file between processes asks of {@link Catalog}: which process opened the file (it alone
 * finishes a kill's leftover commits, runs migrations and recounts after an unclean shutdown; the others join it
 * through H2's loopback server), and which process closes it last (it alone writes the closed-cleanly flag).
 */
final class SharedOpen {
    /** How long a process that joined waits for the opening process to finish upgrading the catalog. */
    static final Duration MIGRATION_WAIT = Duration.ofSeconds(10);
    /** How long the opening process, closing, waits for the others' transactions to end before handing over. */
    static final Duration HANDOVER_WAIT = Duration.ofSeconds(5);

    private SharedOpen() {
    }

    /** True when this connection opened the file in this process; false when it joined another process's server. */
    static boolean openedHere(Connection c) throws SQLException {
        return c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal;
    }

    /**
     * AUTO_SERVER needs H2's close-at-exit hook, which would close the catalog while a Ctrl-C'd job is still
     * finishing (see the command line's CtrlC): the catalog is closed by Triplicate, as before.
     */
    static void keepOpenAtExit(Connection c) throws SQLException {
        Database db = ((SessionLocal) c.unwrap(JdbcConnection.class).getSession()).getDatabase();
        try {
            Class<?> closer = Class.forName("org.h2.engine.OnExitDatabaseCloser");
            Method unregister = closer.getDeclaredMethod("unregister", Database.class);
            unregister.setAccessible(true);
            unregister.invoke(null, db);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // H2 then closes the catalog at exit itself: a Ctrl-C'd job may end with an error, and loses nothing
            org.slf4j.LoggerFactory.getLogger(SharedOpen.class).debug("H2's exit hook stays: {}", e.toString());
        }
    }

    /**
     * A process that joined waits until the opening process has applied every migration this version knows of, so
     * it never reads a schema half upgraded; a catalog a newer or older running Triplicate keeps at another
     * version is refused with a message.
     */
    static void awaitMigrated(Connection c, Path base) {
        long until = System.nanoTime() + MIGRATION_WAIT.toNanos();
        while (!current(c, base)) {
            if (System.nanoTime() > until) {
                throw new CatalogException("The catalog (" + base + ") is open in another Triplicate process or "
                        + "window of a different version, and is not at this version's schema. Close the other "
                        + "Triplicate, and try again.", null);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CatalogException("Opening the catalog (" + base + ") was interrupted.", e);
            }
        }
    }

    private static boolean current(Connection c, Path base) {
        try {
            return Migrations.current(c);
        } catch (SQLException e) {
            throw new CatalogException("The catalog (" + base + ") failed: " + e.getMessage(), e);
        }
    }

    /**
     * Called before this process closes its connection. Returns true when no other connection is open (this one is
     * the last: the caller writes the closed-cleanly flag). When this process opened the file and others still use
     * it through its server, it waits briefly for their transactions to end, then shuts the catalog down cleanly:
     * they reconnect by themselves (H2's auto-reconnect), and the first of them opens the file in its own process.
     */
    static boolean beforeClose(Connection c) throws SQLException {
        int[] others = others(c);
        if (others[0] == 0) {
            return true;
        }
        if (openedHere(c) && others[1] == others[0]) {
            long until = System.nanoTime() + HANDOVER_WAIT.toNanos();
            while (busyOthers(c) > 0 && System.nanoTime() < until) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            }
        }
        return false;
    }

    /** {other connections, of which remote}. */
    private static int[] others(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(CLIENT_ADDR) FROM INFORMATION_SCHEMA.SESSIONS "
                     + "WHERE SESSION_ID <> SESSION_ID()")) {
            rs.next();
            int keeper = keepsFileOpen(c) ? 1 : 0;
            return new int[]{rs.getInt(1) - keeper, rs.getInt(2)};
        }
    }

    /**
     * True when this connection joined another process and, that process having closed, reopened the file itself
     * (H2's auto-reconnect): H2 then keeps an extra session of its own in this process to hold the file open, which
     * is not another user of the catalog.
     */
    private static boolean keepsFileOpen(Connection c) throws SQLException {
        Object session = c.unwrap(JdbcConnection.class).getSession();
        if (!(session instanceof org.h2.engine.SessionRemote)) {
            return false;
        }
        try {
            java.lang.reflect.Field embedded = org.h2.engine.SessionRemote.class.getDeclaredField("embedded");
            embedded.setAccessible(true);
            return embedded.get(session) != null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false; // counted as another user: no flag is written, and the next open recounts
        }
    }

    private static int busyOthers(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS "
                     + "WHERE SESSION_ID <> SESSION_ID() AND (CONTAINS_UNCOMMITTED OR EXECUTING_STATEMENT IS NOT NULL)")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
