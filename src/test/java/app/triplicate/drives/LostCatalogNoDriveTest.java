package app.triplicate.drives;

import app.triplicate.catalog.CatalogSnapshots;
import app.triplicate.settings.Home;
import app.triplicate.testing.Cards;
import app.triplicate.testing.CliHarness;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A lost catalog is never silent, even with every drive in a drawer (issue 14). The drives' markers only speak when
 * a drive is connected; this computer also remembers the catalog it used (id and newest generation, beside the
 * settings), so a catalog deleted, replaced or put back from an old copy while no drive is connected stops all the
 * same (exit 3), offering the restore and the rebuild; {@code catalog accept} is the deliberate way on.
 */
class LostCatalogNoDriveTest {
    @TempDir
    Path tmp;
    Path home;
    Path base;
    Path drawer;
    CliHarness cli;
    UUID catalogId;

    @BeforeEach
    void ingestAndVerifyThenUnplugBothDrives() throws Exception {
        home = tmp.resolve("home");
        base = Home.under(home).catalogBase();
        Path drives = tmp.resolve("drives");
        // the drives are "mounted" under drives/, as under /media
        cli = new CliHarness(home).withMountRoots(drives);
        Path a = cli.addDrive(drives.resolve("a"), "A");
        cli.addDrive(drives.resolve("b"), "B");
        Path card = tmp.resolve("card");
        for (int i = 1; i <= 3; i++) {
            Cards.randomFile(card.resolve("DCIM/100CANON/IMG_000" + i + ".CR2"), 1000 + i, i);
        }
        cli.expect(0, "ingest", card.toString(), "--session", "Wedding", "--progress", "none");
        cli.expect(0, "verify");
        catalogId = DriveMarker.read(a).orElseThrow().catalogId();
        // unplugged: the drives are nowhere Triplicate looks
        drawer = tmp.resolve("drawer");
        Files.move(drives, drawer);
    }

    @Test
    void aCatalogDeletedWhileTheDrivesAreUnpluggedStopsStatusAndVerifyAndTheRestoreThenWorks() throws Exception {
        deleteCatalog();

        CliHarness.Result status = cli.run("status");
        assertEquals(3, status.exitCode(), status.out() + status.err());
        assertFalse(status.out().contains("No sessions yet"), "not an empty library: " + status.out());
        assertTrue(status.err().contains("This catalog is new: it has no drive and no session. This computer last "
                + "used catalog " + catalogId + " at generation 2"), status.err());
        assertTrue(status.err().contains(Home.under(home).catalogMemoryFile().toString()), "names the file: "
                + status.err());
        assertTrue(status.err().contains("'triplicate catalog restore'"), status.err());
        assertTrue(status.err().contains("'triplicate catalog rebuild PATH...'"), status.err());
        assertTrue(status.err().contains("when it is not connected where Triplicate looks ("
                + tmp.resolve("drives")), status.err());
        assertTrue(status.err().contains("'triplicate catalog accept'"), status.err());

        CliHarness.Result verify = cli.run("verify");
        assertEquals(3, verify.exitCode(), verify.out() + verify.err());
        assertFalse(verify.out().contains("Every copy checked is good"), verify.out());
        assertTrue(verify.err().contains("This catalog is new"), verify.err());

        cli.expect(0, "catalog", "restore", "--from", drawer.resolve("a").toString());
        assertTrue(cli.expect(0, "status").out().contains("Wedding"));
    }

    @Test
    void aCatalogDeletedWhileTheDrivesAreUnpluggedIsRebuiltFromTheirFolders() throws Exception {
        deleteCatalog();
        cli.expect(3, "status");

        cli.expect(0, "catalog", "rebuild", drawer.resolve("a").toString(), drawer.resolve("b").toString());
        JsonNode status = cli.expect(0, "status", "--json").json();
        assertEquals("Wedding", status.get("sessions").get(0).get("name").asText(), status.toString());
        cli.expect(0, "verify");
    }

    @Test
    void anOlderCatalogPutBackWhileTheDrivesAreUnpluggedStopsUntilAcceptedOnPurpose() throws Exception {
        Path first = CatalogBackups.list(DriveMarker.catalogBackupsIn(drawer.resolve("a"))).getLast().file();
        Path older = tmp.resolve("older/catalog");
        Files.createDirectories(older.getParent());
        CatalogSnapshots.restoreInto(first, older);
        Files.copy(CatalogSnapshots.dataFile(older), CatalogSnapshots.dataFile(base),
                StandardCopyOption.REPLACE_EXISTING);

        CliHarness.Result status = cli.run("status");
        assertEquals(3, status.exitCode(), status.out() + status.err());
        assertTrue(status.err().contains("This catalog is older than this computer has seen: the catalog is at "
                + "generation 1, and this computer last saw generation 2 of the same catalog (" + catalogId),
                status.err());
        assertTrue(status.err().contains("'triplicate catalog restore'"), status.err());

        CliHarness.Result accepted = cli.expect(0, "catalog", "accept");
        assertTrue(accepted.out().contains("This computer now uses catalog " + catalogId + " (generation 1), "
                + "instead of generation 2 of it."), accepted.out());
        assertTrue(cli.expect(0, "status").out().contains("Wedding"), "the older catalog, kept on purpose");
    }

    @Test
    void anotherLibrarysCatalogPutInPlaceStops() throws Exception {
        CliHarness other = new CliHarness(tmp.resolve("other-home"));
        other.addDrive(tmp.resolve("other-drive"), "Other");
        Cards.randomFile(tmp.resolve("other-card/DCIM/100CANON/IMG_0009.CR2"), 3000, 9);
        other.expect(0, "ingest", tmp.resolve("other-card").toString(), "--session", "Portrait", "--progress",
                "none");
        Path otherBase = Home.under(tmp.resolve("other-home")).catalogBase();
        Files.copy(CatalogSnapshots.dataFile(otherBase), CatalogSnapshots.dataFile(base),
                StandardCopyOption.REPLACE_EXISTING);
        // with its secret, as a whole data folder copied over would bring it (without, the catalog refuses the
        // secret kept here, which is said plainly too)
        Files.copy(app.triplicate.catalog.EmbeddedCatalog.secretFile(otherBase),
                app.triplicate.catalog.EmbeddedCatalog.secretFile(base), StandardCopyOption.REPLACE_EXISTING);

        CliHarness.Result status = cli.run("status");
        assertEquals(3, status.exitCode(), status.out() + status.err());
        assertTrue(status.err().contains("This catalog is not the one this computer last used"), status.err());
        assertTrue(status.err().contains("this computer last used catalog " + catalogId + " at generation 2"),
                status.err());
    }

    @Test
    void aNewCatalogStartedOnPurposeIsAcceptedAndTheComputerRemembersIt() throws Exception {
        deleteCatalog();
        cli.expect(3, "status");
        CliHarness.Result accepted = cli.expect(0, "catalog", "accept");
        assertTrue(accepted.out().contains("new: no drive and no session"), accepted.out());
        assertTrue(accepted.out().contains("instead of catalog " + catalogId), accepted.out());
        assertTrue(cli.expect(0, "status").out().contains("No sessions yet"));
    }

    @Test
    void aFreshHomeStartsWithoutAWordAndRemembersItsCatalogOwnerOnly() throws Exception {
        Path freshHome = tmp.resolve("fresh");
        CliHarness fresh = new CliHarness(freshHome);
        CliHarness.Result first = fresh.expect(0, "status");
        assertTrue(first.out().contains("No sessions yet"), first.out());
        assertEquals("", first.err(), "not a word");
        Path memory = Home.under(freshHome).catalogMemoryFile();
        assertFalse(Files.exists(memory), "nothing to remember yet");

        fresh.addDrive(tmp.resolve("fresh-drive"), "F");
        Cards.randomFile(tmp.resolve("fresh-card/DCIM/100CANON/IMG_0001.CR2"), 2000, 1);
        fresh.expect(0, "ingest", tmp.resolve("fresh-card").toString(), "--progress", "none");
        UUID id = DriveMarker.read(tmp.resolve("fresh-drive")).orElseThrow().catalogId();
        String noted = Files.readString(memory);
        assertTrue(noted.contains(id.toString()) && noted.contains("\"generation\" : 1"), noted);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(memory)));

        // a home from a version before this file: its catalog is noted quietly on the next start
        Files.delete(memory);
        CliHarness.Result upgraded = fresh.expect(0, "status");
        assertEquals("", upgraded.err(), "not a word");
        assertTrue(Files.readString(memory).contains(id.toString()), "noted again");
    }

    private void deleteCatalog() throws Exception {
        try (Stream<Path> files = Files.list(base.getParent())) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("catalog.")).toList()) {
                Files.delete(p);
            }
        }
    }
}
