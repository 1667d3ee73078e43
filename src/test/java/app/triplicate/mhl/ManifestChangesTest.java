package app.triplicate.mhl;

import app.triplicate.testing.Cards;
import app.triplicate.testing.CatalogFigures;
import app.triplicate.testing.CliHarness;
import app.triplicate.testing.FaultyFileAccess;
import app.triplicate.testing.Manifests;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Manifests through the changes a library lives with: an edited sidecar, a culled file, a renamed session, and a
 * drive that cannot take the manifest. After each, the history still passes a check made the reference tool's way
 * (every file against its first hash, paths in the ignore list passed over).
 */
class ManifestChangesTest {
    @TempDir
    Path tmp;
    CliHarness cli;
    Path card;
    Path a;
    Path b;

    @AfterEach
    void catalogFiguresAddUp() throws Exception {
        CatalogFigures.assertConsistent(tmp.resolve("home"));
    }

    @BeforeEach
    void card() throws Exception {
        card = tmp.resolve("card");
        Files.createDirectories(card.resolve("DCIM/100CANON"));
        for (String s : List.of("canon_eosrp__MG_0635.JPG", "canon_eosrp__MG_0636.JPG")) {
            Files.copy(Cards.samples().resolve(s), card.resolve("DCIM/100CANON").resolve(s.substring(12)));
        }
        Files.writeString(card.resolve("DCIM/100CANON/_MG_0635.xmp"), "<x:xmpmeta><rating>3</rating></x:xmpmeta>");
    }

    private void ingestToTwoDrives(FaultyFileAccess files) throws Exception {
        cli = new CliHarness(tmp.resolve("home"));
        if (files != null) {
            cli.withFiles(files);
        }
        a = cli.addDrive(tmp.resolve("a"), "A");
        b = cli.addDrive(tmp.resolve("b"), "B");
    }

    private Path folder(Path drive) {
        JsonNode s = cli.expect(0, "status", "--json").json().get("sessions").get(0);
        return drive.resolve("Triplicate").resolve(s.get("folder").asText());
    }

    @Test
    void anEditedSidecarIsRecordedWithItsNewHashAndIgnoredOnEveryDriveItReaches() throws Exception {
        ingestToTwoDrives(null);
        cli.expect(0, "ingest", card.toString(), "--name", "Ranch", "--progress", "none");
        Path xmp = folder(a).resolve("_MG_0635.xmp");
        Files.writeString(xmp, "<x:xmpmeta><rating>5</rating><label>Pick</label></x:xmpmeta>");
        String edited = Manifests.xxh128(xmp);

        cli.expect(0, "verify");
        HashList onA = Manifests.newest(folder(a));
        assertEquals("original " + edited, Manifests.actions(onA).get("_MG_0635.xmp"), "the edit's hash is recorded");
        assertTrue(onA.ignore().contains("**/_MG_0635.xmp"), onA.ignore().toString());
        assertEquals(List.of(), Manifests.referenceCheck(folder(a)));

        cli.expect(0, "repair"); // brings B's earlier version up to date
        HashList onB = Manifests.newest(folder(b));
        assertEquals("original " + edited, Manifests.actions(onB).get("_MG_0635.xmp"));
        assertTrue(onB.ignore().contains("**/_MG_0635.xmp"), onB.ignore().toString());
        assertEquals(List.of(), Manifests.referenceCheck(folder(b)));

        cli.expect(0, "verify");
        assertTrue(Manifests.newest(folder(a)).ignore().contains("**/_MG_0635.xmp"), "the ignore list is carried on");
        assertEquals(List.of(), Manifests.referenceCheck(folder(a)));
    }

    @Test
    void aCulledFileIsIgnoredWhereItWasDeletedAndKeptWhereItStays() throws Exception {
        ingestToTwoDrives(null);
        cli.expect(0, "ingest", card.toString(), "--name", "Ranch", "--progress", "none");
        Files.delete(folder(a).resolve("_MG_0636.JPG"));
        assertEquals(List.of("missing _MG_0636.JPG"), Manifests.referenceCheck(folder(a)), "what the cull must clear");

        cli.expect(0, "cull", "--missing-on", "A");
        HashList onA = Manifests.newest(folder(a));
        assertEquals(2, onA.number());
        assertTrue(onA.hashes().isEmpty(), "a cull proves no bytes");
        assertTrue(onA.ignore().contains("**/_MG_0636.JPG"), onA.ignore().toString());
        assertEquals(List.of(), Manifests.referenceCheck(folder(a)));
        assertEquals(1, Manifests.read(folder(b)).generations().size(), "B still holds the file: nothing to record");
        assertEquals(List.of(), Manifests.referenceCheck(folder(b)));
    }

    @Test
    void aRenamedSessionCarriesItsHistoryAndContinuesIt() throws Exception {
        ingestToTwoDrives(null);
        cli.expect(0, "ingest", card.toString(), "--name", "Ranch", "--progress", "none");
        cli.expect(0, "session", "rename", "Ranch", "Smith wedding");
        assertTrue(folder(a).getFileName().toString().endsWith("Smith wedding"), folder(a).toString());

        JsonNode v = cli.expect(0, "verify", "--json").json();
        assertEquals(0, v.get("findings").size(), "nothing untracked, nothing missing: " + v);
        for (Path drive : List.of(a, b)) {
            HashList second = Manifests.newest(folder(drive)); // named after the new folder name
            assertEquals(2, second.number());
            assertEquals(Manifests.everyFileAs(folder(drive), HashList.Action.VERIFIED), Manifests.actions(second));
            assertEquals(List.of(), Manifests.referenceCheck(folder(drive)));
        }
    }

    @Test
    void aManifestADriveCannotTakeIsReportedByNameAndTheCopiesStillCount() throws Exception {
        FaultyFileAccess files = new FaultyFileAccess();
        ingestToTwoDrives(files);
        FaultyFileAccess.Fault full = files.refuseNames(a, n -> n.contains(".mhl"), FaultyFileAccess.noSpaceLeft());

        CliHarness.Result r = cli.expect(0, "ingest", card.toString(), "--name", "Ranch", "--progress", "none");
        assertTrue(full.fired() > 0, "the fault happened");
        String folderName = folder(a).getFileName().toString();
        assertTrue(r.out().contains("warning: drive A: the ASC MHL manifest of") && r.out().contains(folderName),
                r.out());
        assertFalse(Files.exists(folder(a).resolve("ascmhl/ascmhl_chain.xml")));
        assertEquals(1, Manifests.read(folder(b)).generations().size(), "B got its manifest");
        JsonNode s = cli.expect(0, "status", "--json").json().get("sessions").get(0);
        assertEquals(2, s.get("copyCount").asInt(), "the copies count, manifest or not");

        cli.withFiles(new app.triplicate.files.LocalFileAccess());
        cli.expect(0, "verify", "--drive", "A");
        HashList first = Manifests.newest(folder(a));
        assertEquals(1, first.number(), "the next run on A starts its history");
        assertEquals(Manifests.everyFileAs(folder(a), HashList.Action.ORIGINAL), Manifests.actions(first));
    }
}
