package app.triplicate.drives;

import app.triplicate.catalog.Catalog;
import app.triplicate.catalog.CatalogIdentity;
import app.triplicate.catalog.CatalogSnapshots;
import app.triplicate.files.SmallFile;
import app.triplicate.testing.Cards;
import app.triplicate.testing.CliHarness;
import app.triplicate.testing.FaultyFileAccess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A catalog backup on every drive (issue 14): after each ingest, verify, repair, cull and figure fix, every
 * connected drive's {@code .triplicate/catalog/} gets a consistent backup that opens, named with the catalog's id
 * and generation, the newest five kept; a drive that cannot take one is named, and the work still succeeds.
 */
class CatalogBackupTest {
    @TempDir
    Path tmp;
    Path home;
    Path a;
    Path b;
    CliHarness cli;

    @BeforeEach
    void ingestToTwoDrives() throws Exception {
        home = tmp.resolve("home");
        cli = new CliHarness(home);
        a = cli.addDrive(tmp.resolve("a"), "A");
        b = cli.addDrive(tmp.resolve("b"), "B");
        Path card = tmp.resolve("card");
        for (int i = 1; i <= 3; i++) {
            Cards.randomFile(card.resolve("DCIM/100CANON/IMG_000" + i + ".CR2"), 1000 + i, i);
        }
        cli.expect(0, "ingest", card.toString(), "--session", "Wedding", "--progress", "none");
    }

    @Test
    void everyDriveGetsABackupThatOpensAndItsMarkerRecordsTheGeneration() throws Exception {
        List<CatalogBackups.Backup> onA = CatalogBackups.list(DriveMarker.catalogBackupsIn(a));
        List<CatalogBackups.Backup> onB = CatalogBackups.list(DriveMarker.catalogBackupsIn(b));
        assertEquals(1, onA.size(), "one backup on A after the ingest");
        assertEquals(1, onB.size(), "one backup on B after the ingest");
        assertEquals(onA.get(0).file().getFileName(), onB.get(0).file().getFileName(), "the same backup on both");
        String name = onA.get(0).file().getFileName().toString();
        assertTrue(name.matches("catalog_\\d{4}-\\d{2}-\\d{2}_\\d{6}Z_g000001_[0-9a-f-]{36}\\.sql\\.gz"), name);

        DriveMarker marker = DriveMarker.read(a).orElseThrow();
        assertEquals(onA.get(0).catalogId(), marker.catalogId(), "the marker names the catalog of the backup");
        assertEquals(1, marker.seenGeneration());
        assertEquals(marker.catalogId(), DriveMarker.read(b).orElseThrow().catalogId());

        // it is a backup H2 can run into a new catalog, holding what the live one held
        Path restored = tmp.resolve("restored/catalog");
        Files.createDirectories(restored.getParent());
        CatalogIdentity in = CatalogSnapshots.restoreInto(onA.get(0).file(), restored);
        assertEquals(new CatalogIdentity(marker.catalogId(), 1), in);
        try (Catalog opened = Catalog.open(restored)) {
            assertEquals(3, count(opened, "SELECT COUNT(*) FROM media_file"), "the ingest's three files are in it");
            assertEquals(6, count(opened, "SELECT COUNT(*) FROM copy"), "and their copies on both drives");
        }
        assertNoTemporaryFiles(a);
    }

    @Test
    void theNewestFiveAreKeptAndEachRunRaisesTheGeneration() throws Exception {
        for (int i = 0; i < 6; i++) {
            cli.expect(0, "verify");
        }
        cli.expect(0, "catalog", "check", "--fix");
        List<CatalogBackups.Backup> onA = CatalogBackups.list(DriveMarker.catalogBackupsIn(a));
        assertEquals(CatalogBackups.KEEP, onA.size(), onA.toString());
        assertEquals(8, onA.get(0).generation(), "ingest, six verifies and the fix: generation 8 is the newest");
        assertEquals(List.of(8L, 7L, 6L, 5L, 4L), onA.stream().map(CatalogBackups.Backup::generation).toList());
        assertEquals(8, DriveMarker.read(b).orElseThrow().seenGeneration());
        assertNoTemporaryFiles(a);
        assertNoTemporaryFiles(home);
    }

    @Test
    void aDriveThatCannotTakeItsBackupIsNamedAndTheVerifyStillSucceeds() throws Exception {
        FaultyFileAccess faulty = new FaultyFileAccess();
        FaultyFileAccess.Fault fault = faulty.failCreateUnder(DriveMarker.catalogBackupsIn(a),
                FaultyFileAccess.noSpaceLeft());
        CliHarness.Result r = cli.withFiles(faulty).expect(0, "verify");
        assertTrue(fault.fired() > 0, "the drive really refused the backup");
        assertTrue(r.err().contains("warning: The catalog backup was not written to drive \"A\""), r.err());
        assertFalse(r.err().contains("drive \"B\""), r.err());
        assertEquals(List.of(2L, 1L), generations(b), "B got the verify's backup");
        assertEquals(List.of(1L), generations(a), "A kept the one it had");
        assertEquals(1, DriveMarker.read(a).orElseThrow().seenGeneration(), "A's marker did not move on without it");
        assertNoTemporaryFiles(a);
    }

    private static List<Long> generations(Path drive) {
        return CatalogBackups.list(DriveMarker.catalogBackupsIn(drive)).stream()
                .map(CatalogBackups.Backup::generation).toList();
    }

    private static long count(Catalog catalog, String sql) {
        return catalog.inTransaction(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    static void assertNoTemporaryFiles(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            List<Path> temps = all.filter(p -> p.getFileName().toString().endsWith(SmallFile.TEMP_SUFFIX)).toList();
            assertEquals(List.of(), temps, "no temporary file is left");
        }
    }
}
