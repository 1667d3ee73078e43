package app.triplicate.catalog;

import app.triplicate.core.CopyPolicy;
import app.triplicate.testing.CatalogEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The same Flyway migrations create the catalog on both engines (common SQL, with engine variants where they must
 * differ), and a catalog written before the migrations were split by engine still opens: its scripts moved unchanged,
 * so their checksums still match what its history recorded.
 */
class MigrationsOnBothEnginesTest {
    @TempDir
    Path tmp;

    @Test
    void aCatalogWrittenBeforeTheMigrationsWereSplitByEngineOpensWithItsHistoryAndData() throws Exception {
        Path base = tmp.resolve("catalog");
        String url = "jdbc:h2:file:" + base.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
        Path script = Path.of(getClass().getResource("/catalogs/catalog-before-postgresql.sql").toURI());
        try (Connection c = DriverManager.getConnection(url, "triplicate", "");
             Statement st = c.createStatement()) {
            st.execute("RUNSCRIPT FROM '" + script.toAbsolutePath().toString().replace("'", "''") + "'");
        }
        Files.writeString(Catalog.closedCleanlyFlag(base.toAbsolutePath()), "closed by the version that wrote it\n");

        // Flyway validates every applied script's checksum before it migrates: a moved or changed script fails here
        try (Catalog catalog = Catalog.open(base)) {
            List<StatusService.SessionStatus> sessions = new StatusService(catalog, new LocationRepository(catalog))
                    .sessions(CopyPolicy.DEFAULT);
            assertEquals(1, sessions.size());
            assertEquals("Fixture", sessions.get(0).name());
            assertEquals(List.of("Work"), new LocationRepository(catalog).all().stream().map(l -> l.label()).toList());
            long applied = catalog.inTransaction(c -> {
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"success\"")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertEquals(13, applied, "the history's 12 migrations and its own row, none applied again");
        }
    }

    @Test
    void bothEnginesGetTheSameTablesAndColumns() throws Exception {
        Set<String> h2;
        try (Catalog catalog = CatalogEngine.H2.open(tmp)) {
            h2 = columns(catalog);
        }
        Set<String> postgres;
        try (Catalog catalog = CatalogEngine.POSTGRESQL.open(tmp)) {
            postgres = columns(catalog);
            assertNotNull(new CatalogIdentityRepository(catalog).current().id(), "V17's variant made the catalog's id");
            assertEquals(0, new CatalogIdentityRepository(catalog).current().generation());
        }
        assertEquals(h2, postgres);
        assertEquals(true, h2.contains("session_camera.camera_key"), "V5's variant made its tables");
    }

    /** table.column of every table in the catalog's schema, lower case, Flyway's own history left out. */
    private static Set<String> columns(Catalog catalog) {
        return catalog.inTransaction(c -> {
            Set<String> out = new TreeSet<>();
            String schema = c.getSchema();
            try (ResultSet rs = c.getMetaData().getColumns(null, schema, "%", "%")) {
                while (rs.next()) {
                    String table = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                    if (!table.startsWith("flyway")) {
                        out.add(table + "." + rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                    }
                }
            }
            return out;
        });
    }
}
