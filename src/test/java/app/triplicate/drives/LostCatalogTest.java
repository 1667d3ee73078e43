package app.triplicate.drives;

import app.triplicate.catalog.CatalogSnapshots;
import app.triplicate.settings.Home;
import app.triplicate.testing.Cards;
import app.triplicate.testing.CliHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A lost catalog is never silent (issue 14). A deleted catalog used to be replaced by an empty one without a word
 * ({@code status} "No sessions yet", {@code verify} "Every copy checked is good", both exit 0), and an older one
 * silently showed an older state. Now the drives' markers say which catalog they belong to and which generation
 * they have seen, and such a catalog stops with exit 3, naming the drive, and offers {@code catalog restore}.
 */
class LostCatalogTest {
    @TempDir
    Path tmp;
    Path home;
    Path base;
    Path drives;
    Path a;
    CliHarness cli;
    UUID catalogId;

    @BeforeEach
    void ingestAndVerifyOnTwoDrives() throws Exception {
        home = tmp.resolve("home");
        base = Home.under(home).catalogBase();
        drives = tmp.resolve("drives");
        // the drives are "mounted" under drives/, as under /media: a new catalog can only find them there
        cli = new CliHarness(home).withMountRoots(drives);
        a = cli.addDrive(drives.resolve("a"), "A");
        cli.addDrive(drives.resolve("b"), "B");
        Path card = tmp.resolve("card");
        for (int i = 1; i <= 3; i++) {
            Cards.randomFile(card.resolve("DCIM/100CANON/IMG_000" + i + ".CR2"), 1000 + i, i);
        }
        cli.expect(0, "ingest", card.toString(), "--session", "Wedding", "--progress", "none");
        cli.expect(0, "verify");
        catalogId = DriveMarker.read(a).orElseThrow().catalogId();
    }

    @Test
    void aDeletedCatalogStopsStatusAndVerifyWithTheDriveNamedAndTheRestoreOffered() throws Exception {
        deleteCatalog();

        CliHarness.Result status = cli.run("status");
        assertFalse(status.out().contains("No sessions yet"), "not an empty library: " + status.out());
        assertEquals(3, status.exitCode(), status.out() + status.err());
        assertTrue(status.err().contains("This catalog is new"), status.err());
        assertTrue(status.err().matches("(?s).*Drive \"[AB]\" \\(" + java.util.regex.Pattern.quote(drives.toString())
                + ".*"), "names the drive and where it is: " + status.err());
        assertTrue(status.err().contains("catalog " + catalogId + " at generation 2"), status.err());
        assertTrue(status.err().contains("'triplicate catalog restore'"), status.err());
        assertTrue(status.err().contains("catalog rebuild"), "mentions the rebuild: " + status.err());

        CliHarness.Result verify = cli.run("verify");
        assertFalse(verify.out().contains("Every copy checked is good"), verify.out());
        assertEquals(3, verify.exitCode(), verify.out() + verify.err());

        cli.expect(0, "catalog", "restore");
        assertTrue(cli.expect(0, "status").out().contains("Wedding"));
    }

    @Test
    void anOlderCatalogPutBackByHandStopsWithBothGenerations() throws Exception {
        Path first = CatalogBackups.list(DriveMarker.catalogBackupsIn(a)).getLast().file();
        assertEquals(1, CatalogBackups.parse(first).orElseThrow().generation(), "the ingest's backup");
        Path older = tmp.resolve("older/catalog");
        Files.createDirectories(older.getParent());
        CatalogSnapshots.restoreInto(first, older);
        Files.copy(CatalogSnapshots.dataFile(older), CatalogSnapshots.dataFile(base),
                StandardCopyOption.REPLACE_EXISTING);

        CliHarness.Result status = cli.run("status");
        assertEquals(3, status.exitCode(), status.out() + status.err());
        assertTrue(status.err().contains("This catalog is older than drive \""), status.err());
        assertTrue(status.err().contains("the catalog is at generation 1, the drive's marker records generation 2"),
                status.err());
        assertTrue(status.err().contains("'triplicate catalog restore'"), status.err());

        cli.expect(0, "catalog", "restore");
        cli.expect(0, "verify");
    }

    @Test
    void aFreshCatalogRefusesToAddADriveOfAnotherCatalogUnlessToldToAdoptIt() throws Exception {
        CliHarness fresh = new CliHarness(tmp.resolve("home2")); // the drives are not in its mount places
        CliHarness.Result refused = fresh.run("drive", "add", a.toString(), "--label", "A", "--same-device");
        assertEquals(3, refused.exitCode(), refused.out() + refused.err());
        assertTrue(refused.err().contains("Drive \"A\" (" + a + ") belongs to another catalog"), refused.err());
        assertTrue(refused.err().contains("--adopt-from-other-catalog"), refused.err());
        assertEquals(catalogId, DriveMarker.read(a).orElseThrow().catalogId(), "the marker was not touched");

        fresh.expect(0, "drive", "add", a.toString(), "--label", "A", "--same-device", "--adopt-from-other-catalog");
        UUID now = DriveMarker.read(a).orElseThrow().catalogId();
        assertFalse(catalogId.equals(now), "the drive now belongs to the new catalog");
        fresh.expect(0, "status");
    }

    @Test
    void aMarkerThatNamesNoCatalogYetIsAdoptedSilently() throws Exception {
        DriveMarker m = DriveMarker.read(a).orElseThrow();
        new DriveMarker(m.uuid(), m.label(), m.created()).writeTo(a); // as 0.1.0 wrote it
        cli.expect(0, "status");
        assertEquals(catalogId, DriveMarker.read(a).orElseThrow().catalogId(), "adopted on first connect");

        // a new catalog next to 0.1.0 drives it does not know is not stopped: nothing says they are another's
        for (Path d : new Path[]{a, drives.resolve("b")}) {
            DriveMarker old = DriveMarker.read(d).orElseThrow();
            new DriveMarker(old.uuid(), old.label(), old.created()).writeTo(d);
        }
        deleteCatalog();
        // and a home from before this computer remembered its catalog (LostCatalogNoDriveTest: one that does)
        Files.delete(Home.under(home).catalogMemoryFile());
        cli.expect(0, "status");
    }

    private void deleteCatalog() throws Exception {
        try (Stream<Path> files = Files.list(base.getParent())) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("catalog.")).toList()) {
                Files.delete(p);
            }
        }
    }
}
