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
        Flyway.configure()
                .dataSource(url, user, password)
                .locations(locations)
                .load()
                .migrate();
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
