package app.triplicate.catalog;

import app.triplicate.settings.Home;
import app.triplicate.testing.Cards;
import app.triplicate.testing.CatalogEngine;
import app.triplicate.testing.CliHarness;
import app.triplicate.testing.PostgresTestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code catalog connect}, {@code show}, {@code disconnect} and {@code copy-to} against a real PostgreSQL server:
 * where the catalog lives, where the password is kept (and where it never appears), and a copy that keeps the
 * history.
 */
class StudioCatalogTest {
    @TempDir
    Path tmp;

    private Path card(String name, int files, long seed) {
        Path card = tmp.resolve(name);
        for (int i = 1; i <= files; i++) {
            Cards.randomFile(card.resolve("DCIM/100CANON/IMG_" + seed + "_" + i + ".CR2"), 2000 + i, seed * 100 + i);
        }
        return card;
    }

    private static long mediaFilesIn(String url) throws Exception {
        var server = ServerCatalog.at(url, PostgresTestServer.USER, PostgresTestServer.PASSWORD);
        try (Connection c = server.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM media_file")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aConnectedHomeKeepsItsCatalogOnTheServerAndThePasswordOnlyInItsOwnerOnlyFile() throws Exception {
        String url = PostgresTestServer.shared().newDatabase();
        Path home = tmp.resolve("home");
        CliHarness cli = new CliHarness(home);
        String out = cli.withInput(PostgresTestServer.PASSWORD + "\n")
                .expect(0, "catalog", "connect", url, "--user", PostgresTestServer.USER, "--password-stdin").out();
        assertTrue(out.contains("Connected to the studio catalog"), out);
        assertTrue(cli.expect(0, "catalog", "show").out().startsWith("Studio catalog on 127.0.0.1"));
        JsonNode show = cli.expect(0, "catalog", "show", "--json").json();
        assertEquals("postgresql", show.get("engine").asText());
        assertEquals(url, show.get("url").asText());

        cli.addDrive(tmp.resolve("a"), "A");
        cli.expect(0, "ingest", card("card", 3, 1).toString(), "--session", "Studio", "--progress", "none");
        assertEquals(3, mediaFilesIn(url), "the files are counted in the server's catalog");
        assertFalse(Files.exists(Home.under(home).catalogBase().resolveSibling("catalog.mv.db")),
                "no embedded catalog was made");
        assertEquals(1, cli.expect(0, "status", "--json").json().get("sessions").size());

        Path secret = Home.under(home).configDir().resolve("secrets/catalog");
        assertEquals(PostgresTestServer.PASSWORD, Files.readString(secret));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));
        List<Path> elsewhere = new ArrayList<>();
        try (Stream<Path> all = Files.walk(home)) {
            for (Path p : all.filter(Files::isRegularFile).filter(p -> !p.equals(secret)).toList()) {
                if (new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1)
                        .contains("darkroom")) {
                    elsewhere.add(p);
                }
            }
        }
        assertEquals(List.of(), elsewhere, "the password is in no settings file and no log");

        String restore = cli.expect(2, "catalog", "restore").err();
        assertTrue(restore.contains("uses a studio catalog") && restore.contains("pg_restore"), restore);
        cli.expect(2, "catalog", "rebuild");

        String back = cli.expect(0, "catalog", "disconnect").out();
        assertTrue(back.contains("own catalog again"), back);
        assertTrue(cli.expect(0, "catalog", "show").out().startsWith("This computer's own catalog"));
        assertFalse(Files.exists(secret), "the password went with the connection");
        assertEquals(0, cli.expect(0, "status", "--json").json().get("sessions").size(),
                "this computer's own catalog is a separate one");
        assertEquals(3, mediaFilesIn(url), "the studio catalog is unchanged");
    }

    @Test
    void aWrongPasswordOrAPasswordInTheAddressLeavesTheHomeAsItWas() throws Exception {
        String url = PostgresTestServer.shared().newDatabase();
        CliHarness cli = new CliHarness(tmp.resolve("home"));
        Path wrong = Files.writeString(tmp.resolve("pw"), "not the password\n");
        String err = cli.expect(3, "catalog", "connect", url, "--user", PostgresTestServer.USER,
                "--password-file", wrong.toString()).err();
        assertTrue(err.contains("refused user \"studio\"") && err.contains("127.0.0.1"), err);
        assertFalse(err.contains("not the password"), err);
        assertTrue(cli.expect(0, "catalog", "show").out().startsWith("This computer's own catalog"));

        String usage = cli.withInput("x\n").expect(2, "catalog", "connect", url + "?password=x", "--user",
                PostgresTestServer.USER, "--password-stdin").err();
        assertTrue(usage.contains("Do not put the user or the password in the address"), usage);
        cli.withInput("x\n").expect(2, "catalog", "connect", "jdbc:h2:file:/tmp/x", "--user", "me",
                "--password-stdin");
    }

    @Test
    void copyToMovesTheHistoryIntoAnEmptyDatabaseAndRefusesOneInUse() throws Exception {
        Path home = tmp.resolve("home");
        CliHarness cli = new CliHarness(home);
        assertTrue(cli.expect(0, "catalog", "show").out().startsWith("This computer's own catalog"),
                "this test starts on the embedded catalog");
        cli.addDrive(tmp.resolve("a"), "A");
        cli.addDrive(tmp.resolve("b"), "B");
        cli.expect(0, "ingest", card("card1", 3, 1).toString(), "--session", "Wedding", "--progress", "none");
        cli.expect(0, "ingest", card("card2", 2, 2).toString(), "--session", "Portrait", "--to", "A",
                "--progress", "none");
        cli.expect(0, "verify");
        JsonNode before = cli.expect(0, "status", "--json").json().get("sessions");

        String url = PostgresTestServer.shared().newDatabase();
        String out = cli.withInput(PostgresTestServer.PASSWORD + "\n").expect(0, "catalog", "copy-to", url,
                "--user", PostgresTestServer.USER, "--password-stdin").out();
        assertTrue(out.lines().anyMatch(l -> l.matches("\\s*media_file\\s+5 rows on both sides")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("\\s*copy\\s+8 rows on both sides")), out);
        assertTrue(cli.expect(0, "catalog", "show").out().startsWith("Studio catalog on 127.0.0.1"));
        assertEquals(before, cli.expect(0, "status", "--json").json().get("sessions"),
                "the same sessions, copies and figures on the server");
        assertTrue(cli.expect(0, "catalog", "check").out().contains("Every kept figure agrees"));
        // the server's ids continue after the copied ones
        cli.expect(0, "ingest", card("card3", 1, 3).toString(), "--session", "Later", "--progress", "none");
        assertEquals(6, mediaFilesIn(url));

        // a database that already holds a catalog is never written over
        CliHarness other = new CliHarness(tmp.resolve("other"));
        other.addDrive(tmp.resolve("c"), "C");
        String refused = other.withInput(PostgresTestServer.PASSWORD + "\n").expect(3, "catalog", "copy-to", url,
                "--user", PostgresTestServer.USER, "--password-stdin").err();
        assertTrue(refused.contains("is not empty"), refused);
        assertEquals(6, mediaFilesIn(url));
    }

    @Test
    void copyToCopiesEveryTableTheMigrationsMake() {
        try (Catalog catalog = CatalogEngine.POSTGRESQL.open(tmp)) {
            List<String> tables = catalog.inTransaction(c -> {
                List<String> out = new ArrayList<>();
                try (ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), "%", new String[]{"TABLE"})) {
                    while (rs.next()) {
                        String t = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                        if (!t.startsWith("flyway")) {
                            out.add(t);
                        }
                    }
                }
                return out;
            });
            assertEquals(CatalogCopy.TABLES.stream().sorted().toList(), tables.stream().sorted().toList(),
                    "a table a later migration adds must be copied too");
        }
    }
}
