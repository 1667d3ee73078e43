package app.triplicate.catalog;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flyway is skipped only when the catalog stands at the newest migration; an older catalog is still upgraded. */
class MigrationsTest {
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.*\\.sql");

    @TempDir
    Path tmp;

    @Test
    void theNewestVersionKnownToTheCodeIsTheNewestMigrationShipped() throws Exception {
        Path folder = Path.of(Migrations.class.getResource("/db/migration").toURI());
        int newest;
        try (Stream<Path> files = Files.walk(folder)) {
            newest = files.map(p -> VERSIONED.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches)
                    .mapToInt(m -> Integer.parseInt(m.group(1)))
                    .max().orElseThrow();
        }
        assertEquals(String.valueOf(newest), Migrations.NEWEST,
                "a migration was added: raise Migrations.NEWEST, or catalogs would not be upgraded to it");
    }

    @Test
    void anOlderCatalogIsUpgradedAndACurrentOneIsLeftAlone() throws Exception {
        Path base = tmp.resolve("catalog");
        String url = "jdbc:h2:file:" + base.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
        Flyway.configure().dataSource(url, "triplicate", "").locations(Catalog.migrations("h2")).target("9").load()
                .migrate();
        try (Connection c = DriverManager.getConnection(url, "triplicate", "")) {
            assertFalse(Migrations.current(c), "a catalog at V9 is not current");
        }

        try (Catalog catalog = Catalog.open(base)) {
            assertEquals(Migrations.NEWEST, catalog.inTransaction(MigrationsTest::newestApplied),
                    "opening upgraded the catalog to the newest migration");
            assertTrue(catalog.inTransaction(Migrations::current));
        }
        // proof that a current catalog does not go through Flyway: a checksum Flyway's validation would reject
        // goes unread (a released jar's scripts never change, so nothing is lost by not validating them)
        try (Connection c = EmbeddedCatalog.connectAlone(base, "");
             Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE \"flyway_schema_history\" SET \"checksum\" = 1 WHERE \"version\" = '1'");
        }
        try (Catalog catalog = Catalog.open(base)) {
            assertTrue(catalog.inTransaction(Migrations::current), "opened without Flyway");
        }
    }

    @Test
    void aFailedMigrationInTheHistoryIsNotCurrent() throws Exception {
        Path base = tmp.resolve("catalog");
        try (Catalog catalog = Catalog.open(base)) {
            catalog.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("UPDATE \"flyway_schema_history\" SET \"success\" = FALSE"
                            + " WHERE \"version\" = '" + Migrations.NEWEST + "'");
                }
            });
            assertFalse(catalog.inTransaction(Migrations::current), "Flyway must see a failed migration");
        }
    }

    @Test
    void aNewCatalogIsMadeWithItsCommitsBatchedThenWritesEachCommitAtOnceAgain() throws Exception {
        Path base = tmp.resolve("catalog");
        try (Catalog catalog = Catalog.open(base)) {
            assertEquals(Migrations.NEWEST, catalog.inTransaction(MigrationsTest::newestApplied));
            assertEquals("0", catalog.inTransaction(MigrationsTest::writeDelay),
                    "after the migrations, every commit is written at once, as the catalog's URL says");
            // the URL Flyway is given must not set it back while it works: the catalog's URL says WRITE_DELAY=0
            assertTrue(EmbeddedCatalog.sharedUrl(base).contains(";WRITE_DELAY=0"));
        }
        try (Catalog again = Catalog.open(base)) {
            assertTrue(again.inTransaction(Migrations::current), "everything the migrations wrote is on the disk");
        }
    }

    private static String writeDelay(Connection c) throws java.sql.SQLException {
        return first(c, "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'");
    }

    private static String newestApplied(Connection c) throws java.sql.SQLException {
        return first(c, "SELECT \"version\" FROM \"flyway_schema_history\""
                + " WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\" DESC LIMIT 1");
    }

    private static String first(Connection c, String query) throws java.sql.SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
