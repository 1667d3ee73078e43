package app.triplicate.catalog;

import org.flywaydb.core.Flyway;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates and upgrades the catalog's schema with Flyway's versioned migrations in {@code db/migration}, and skips
 * Flyway altogether when the catalog already stands at the newest one. Loading Flyway, scanning the jar and reading
 * every script to validate its checksum was about a tenth of a {@code status} on a million-file catalog (JFR,
 * README's benchmarks), spent on every command although a schema changes only with a new version of Triplicate.
 */
final class Migrations {

    /**
     * The newest migration shipped, as Flyway writes it in its history. {@code MigrationsTest} fails when a
     * migration is added without raising it, so a new version's migrations always run.
     */
    static final String NEWEST = "17";

    private Migrations() {
    }

    /**
     * Brings the catalog up to {@link #NEWEST} through Flyway, from {@code locations} (the engine's, see
     * {@link Catalog#migrations}), unless it is there already.
     */
    static void apply(Connection c, String url, String user, String password, String... locations)
            throws SQLException {
        if (current(c)) {
            return;
        }
        boolean h2 = "H2".equals(c.getMetaData().getDatabaseProductName());
        if (h2) {
            // each DDL statement commits, and the catalog writes each commit at once (WRITE_DELAY=0): a new catalog
            // was a few hundred store writes, most of its creation's time (JFR). Batched while migrating, then
            // written and synced before anything else runs; a crash meanwhile keeps a consistent earlier state
            // (the store keeps commits in order), from which Flyway goes on at the next start.
            execute(c, "SET WRITE_DELAY " + MIGRATION_WRITE_DELAY_MS);
        }
        try {
            Flyway.configure()
                    // Flyway's own connection would set the catalog's WRITE_DELAY=0 again
                    .dataSource(h2 ? url.replace(";WRITE_DELAY=0", "") : url, user, password)
                    .locations(locations)
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            if (h2) {
                try {
                    writeAtOnce(c);
                } catch (SQLException again) {
                    e.addSuppressed(again); // the migration's failure is the one to report
                }
            }
            throw e;
        }
        if (h2) {
            writeAtOnce(c);
        }
    }

    /** Back to writing each commit at once, with what the migrations wrote on the disk first. */
    private static void writeAtOnce(Connection c) throws SQLException {
        execute(c, "SET WRITE_DELAY 0");
        execute(c, "CHECKPOINT SYNC");
    }

    /** How long the catalog may hold commits while the schema is being made (H2's default). */
    private static final int MIGRATION_WRITE_DELAY_MS = 500;

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /**
     * True when Flyway's history says every migration up to {@link #NEWEST} ran and succeeded, and none after it
     * (a catalog from a newer Triplicate goes through Flyway, which decides what to make of it).
     */
    static boolean current(Connection c) throws SQLException {
        try (ResultSet tables = c.getMetaData().getTables(null, null, "flyway_schema_history", null)) {
            if (!tables.next()) {
                return false;
            }
        }
        String newest = null;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT \"version\", \"success\" FROM \"flyway_schema_history\""
                     + " WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            while (rs.next()) {
                if (!rs.getBoolean(2)) {
                    return false;
                }
                newest = rs.getString(1);
            }
        }
        return NEWEST.equals(newest);
    }
}
