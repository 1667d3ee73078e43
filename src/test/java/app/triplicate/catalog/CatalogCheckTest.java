package app.triplicate.catalog;

import app.triplicate.settings.Home;
import app.triplicate.testing.Cards;
import app.triplicate.testing.CatalogFigures;
import app.triplicate.testing.ChildJvm;
import app.triplicate.testing.CliHarness;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code catalog check}: the full recount of the kept figures, as a command, and the same recount run by itself
 * when the catalog is opened after Triplicate was not closed cleanly.
 */
class CatalogCheckTest {
    @TempDir
    Path tmp;
    Path home;
    CliHarness cli;

    @BeforeEach
    void ingestToTwoDrives() throws Exception {
        home = tmp.resolve("home");
        cli = new CliHarness(home);
        cli.addDrive(tmp.resolve("a"), "A");
        cli.addDrive(tmp.resolve("b"), "B");
        Path card = tmp.resolve("card");
        for (int i = 1; i <= 3; i++) {
            Cards.randomFile(card.resolve("DCIM/100CANON/IMG_000" + i + ".CR2"), 1000 + i, i);
        }
        cli.expect(0, "ingest", card.toString(), "--session", "Wedding", "--progress", "none");
    }

    /** What the kill of issue 13 left: a session's kept count on drive A one higher than the copies listed. */
    private void driftDriveA() {
        sql("UPDATE session_location SET files = files + 1, bytes = bytes + 1000 WHERE location_id = "
                + "(SELECT id FROM location WHERE label = 'A')");
    }

    private void sql(String update) {
        try (Catalog catalog = Catalog.open(Home.under(home).catalogBase())) {
            catalog.inTransaction(c -> {
                try (Statement st = c.createStatement()) {
                    assertEquals(1, st.executeUpdate(update));
                }
                return null;
            });
        }
    }

    @Test
    void aDriftedFigureIsNamedAndFixed() throws Exception {
        cli.expect(0, "catalog", "check");
        driftDriveA();
        assertThrows(AssertionError.class, () -> CatalogFigures.assertConsistent(home), "the figure really drifted");

        CliHarness.Result found = cli.expect(1, "catalog", "check");
        assertTrue(found.out().contains("drifted: session 'Wedding'"), found.out());
        assertTrue(found.out().contains("verified copies on A: kept 4 files, 4006 bytes, recounted 3 files, 3006 bytes"),
                found.out());
        assertFalse(found.out().contains(" on B"), "only the figure that drifted: " + found.out());

        JsonNode json = cli.expect(1, "catalog", "check", "--json").json();
        assertEquals(1, json.get("drifted").size(), json.toString());
        assertEquals("3 files, 3006 bytes", json.get("drifted").get(0).get("recounted").asText());

        CliHarness.Result fixed = cli.expect(0, "catalog", "check", "--fix");
        assertTrue(fixed.out().contains("fixed: session 'Wedding'"), fixed.out());
        cli.expect(0, "catalog", "check");
        CatalogFigures.assertConsistent(home);
        JsonNode a = cli.expect(0, "status", "--json").json().get("sessions").get(0).get("copies");
        for (JsonNode copies : a) {
            assertEquals(3, copies.get("verifiedFiles").asInt(), a.toString());
        }
    }

    @Test
    void everyKindOfFigureIsRecounted() throws Exception {
        sql("UPDATE session SET files = 7 WHERE name = 'Wedding'");
        sql("UPDATE media_file SET copy_count = 1 WHERE original_name = 'IMG_0002.CR2'");
        CliHarness.Result found = cli.expect(1, "catalog", "check");
        assertTrue(found.out().contains("session 'Wedding'") && found.out().contains(" files: kept 7, recounted 3"),
                found.out());
        assertTrue(found.out().contains("IMG_0002.CR2 copy count: kept 1, recounted 2"), found.out());
        assertTrue(found.out().contains("files with 1 copies, 0 offsite"), "the histogram disagrees with the files: "
                + found.out());
        cli.expect(0, "catalog", "check", "--fix");
        cli.expect(0, "catalog", "check");
        CatalogFigures.assertConsistent(home);
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aKilledProcessLeavesTheCatalogMarkedInUseAndTheNextOpenRecounts() throws Exception {
        Path card = tmp.resolve("card2");
        for (int i = 1; i <= 6; i++) {
            Cards.randomFile(card.resolve("DCIM/101CANON/IMG_010" + i + ".CR2"), 4 * 1024 * 1024, 50 + i);
        }
        Process child = ChildJvm.start(home, "ingest", card.toString(), "--progress", "lines");
        try (BufferedReader err = new BufferedReader(new InputStreamReader(child.getErrorStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null && !line.startsWith("progress: read")) {
                // until the ingest is under way, with the catalog open
            }
        }
        child.destroyForcibly(); // SIGKILL on Linux and macOS
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        Path closedCleanly = Catalog.closedCleanlyFlag(Home.under(home).catalogBase().toAbsolutePath());
        assertFalse(Files.exists(closedCleanly), "a killed process never says it closed the catalog cleanly");

        cli.expect(0, "catalog", "check");
        assertTrue(Files.exists(closedCleanly), "the recount ran at open and the catalog was closed cleanly");
        CatalogFigures.assertConsistent(home);
    }

    @Test
    void theRecountRunsByItselfAfterAnUncleanShutdown() throws Exception {
        driftDriveA();
        // what a kill leaves: no word that the catalog was closed cleanly
        Path closedCleanly = Catalog.closedCleanlyFlag(Home.under(home).catalogBase().toAbsolutePath());
        assertTrue(Files.exists(closedCleanly), "a clean close writes it");
        Files.delete(closedCleanly);

        JsonNode checked = cli.expect(0, "catalog", "check", "--json").json();
        assertEquals(0, checked.get("drifted").size(), checked.toString());
        assertEquals(1, checked.get("fixedAtOpen").size(), checked.toString());
        assertTrue(checked.get("fixedAtOpen").get(0).get("figure").asText().contains("verified copies on A"));
        assertTrue(Files.exists(closedCleanly), "closed cleanly this time");
        CatalogFigures.assertConsistent(home);
    }
}
