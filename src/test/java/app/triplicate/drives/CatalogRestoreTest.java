package app.triplicate.drives;

import app.triplicate.catalog.Catalog;
import app.triplicate.settings.Home;
import app.triplicate.testing.Cards;
import app.triplicate.testing.ChildJvm;
import app.triplicate.testing.CliHarness;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code catalog restore}: the newest backup that opens replaces a catalog that cannot be opened; the catalog it
 * replaces is moved aside, never deleted; a damaged backup is skipped for the next; a catalog in use is refused.
 */
class CatalogRestoreTest {
    @TempDir
    Path tmp;
    Path home;
    Path base;
    Path a;
    Path b;
    CliHarness cli;

    @BeforeEach
    void ingestAndVerifyOnTwoDrives() throws Exception {
        home = tmp.resolve("home");
        base = Home.under(home).catalogBase();
        // the drives are found under tmp as under /media: the restore cannot ask a broken catalog where they are
        cli = new CliHarness(home).withMountRoots(tmp);
        a = cli.addDrive(tmp.resolve("a"), "A");
        b = cli.addDrive(tmp.resolve("b"), "B");
        Path card = tmp.resolve("card");
        for (int i = 1; i <= 3; i++) {
            Cards.randomFile(card.resolve("DCIM/100CANON/IMG_000" + i + ".CR2"), 1000 + i, i);
        }
        cli.expect(0, "ingest", card.toString(), "--session", "Wedding", "--progress", "none");
        cli.expect(0, "verify");
    }

    @Test
    void aCatalogThatCannotBeOpenedIsMovedAsideAndTheNewestBackupTakesItsPlace() throws Exception {
        byte[] garbage = "not a database, a disk error wrote this".getBytes(StandardCharsets.UTF_8);
        Files.write(base.resolveSibling("catalog.mv.db"), garbage);
        cli.expect(3, "status");

        JsonNode json = cli.expect(0, "catalog", "restore", "--json").json();
        assertEquals(2, json.get("generation").asLong(), "the verify's backup, the newest: " + json);
        assertEquals(DriveMarker.read(a).orElseThrow().catalogId().toString(), json.get("catalogId").asText());
        Path aside = Path.of(json.get("movedAsideTo").asText());
        assertTrue(aside.getFileName().toString().startsWith("catalog.broken-"), aside.toString());
        assertEquals(base.getParent(), aside.getParent(), "beside the catalog");
        assertArrayEquals(garbage, Files.readAllBytes(aside.resolve("catalog.mv.db")), "kept as it was");

        CliHarness.Result status = cli.expect(0, "status");
        assertTrue(status.out().contains("Wedding"), status.out());
        CliHarness.Result verify = cli.expect(0, "verify");
        assertTrue(verify.out().contains("Every copy checked is good."), verify.out());
        try (Stream<Path> left = Files.list(base.getParent())) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().contains("restoring")).toList(),
                    "no work folder is left");
        }
    }

    @Test
    void aDamagedNewestBackupIsSkippedForTheNextOne() throws Exception {
        for (Path drive : List.of(a, b)) {
            Path newest = CatalogBackups.list(DriveMarker.catalogBackupsIn(drive)).get(0).file();
            byte[] bytes = Files.readAllBytes(newest);
            Files.write(newest, java.util.Arrays.copyOf(bytes, bytes.length / 2)); // cut short
        }
        Files.delete(base.resolveSibling("catalog.mv.db"));

        CliHarness.Result r = cli.expect(0, "catalog", "restore", "--from", "A");
        assertTrue(r.out().contains("skipped: the backup " + DriveMarker.catalogBackupsIn(a)), r.out());
        assertTrue(r.out().contains("(generation 1,"), "the ingest's backup, the next newest: " + r.out());
        assertFalse(r.out().contains("SQL statement"), "H2's words are left out: " + r.out());
        assertTrue(r.out().contains("The drives had seen generation 2 of this catalog: the work of the runs after "
                + "generation 1 is not in it"), "the user is told what is missing: " + r.out());
        // an explicit restore is not then stopped as out of date; the next run writes generation 3 everywhere
        assertTrue(cli.expect(0, "status").out().contains("Wedding"));
        cli.expect(0, "verify");
        assertEquals(3, DriveMarker.read(b).orElseThrow().seenGeneration());
    }

    @Test
    void aDriveNamedByItsFolderIsFoundOutsideTheMountPlaces() throws Exception {
        Files.delete(base.resolveSibling("catalog.mv.db"));
        CliHarness elsewhere = new CliHarness(home); // no extra mount places: only the folder named finds B
        CliHarness.Result none = elsewhere.expect(3, "catalog", "restore", "--from", "B");
        assertTrue(none.err().contains("No drive \"B\" was found"), none.err());
        assertFalse(Files.exists(base.resolveSibling("catalog.mv.db")), "nothing was changed");
        CliHarness.Result r = elsewhere.expect(0, "catalog", "restore", "--from", b.toString());
        assertTrue(r.out().contains("Restored the catalog from drive \"B\""), r.out());
    }

    @Test
    void aCatalogOpenInAnotherProcessIsNotRestored() throws Exception {
        try (Catalog held = Catalog.open(base)) {
            Process child = ChildJvm.start(home, "catalog", "restore", "--from", a.toString());
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(3, child.exitValue(), err);
            assertTrue(err.contains("open in another Triplicate process"), err);
        }
        try (Stream<Path> files = Files.list(base.getParent())) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().contains("broken")).toList(),
                    "nothing was moved aside");
        }
    }
}
