package app.triplicate.mhl;

import app.triplicate.testing.Cards;
import app.triplicate.testing.CatalogFigures;
import app.triplicate.testing.CliHarness;
import app.triplicate.testing.Manifests;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each ingest, verify and repair leaves a new ASC MHL generation in the session folder on each drive it proved bytes
 * on, holding exactly what it proved there: originals at ingest, verified on a re-read, failed for a flipped byte
 * (with the hash read), and verified again once repair has put the good bytes back.
 */
class ManifestRunsTest {
    @TempDir
    Path tmp;
    CliHarness cli;
    Path a;
    Path b;

    @AfterEach
    void catalogFiguresAddUp() throws Exception {
        CatalogFigures.assertConsistent(tmp.resolve("home"));
    }

    @BeforeEach
    void ingestToTwoDrives() throws Exception {
        cli = new CliHarness(tmp.resolve("home"));
        a = cli.addDrive(tmp.resolve("a"), "A");
        b = cli.addDrive(tmp.resolve("b"), "B");
        Path card = tmp.resolve("card");
        Files.createDirectories(card.resolve("DCIM/100CANON"));
        for (String s : List.of("canon_eosrp__MG_0635.JPG", "canon_eosrp__MG_0636.JPG")) {
            Files.copy(Cards.samples().resolve(s), card.resolve("DCIM/100CANON").resolve(s.substring(12)));
        }
        Files.writeString(card.resolve("DCIM/100CANON/_MG_0635.xmp"), "<x:xmpmeta><rating>3</rating></x:xmpmeta>");
        Files.writeString(card.resolve("GPS.LOG"), "$GPRMC,123519,A,4807.038,N\n"); // an other file
        cli.expect(0, "ingest", card.toString(), "--name", "Ranch", "--progress", "none");
    }

    private Path folder(Path drive) {
        JsonNode s = cli.expect(0, "status", "--json").json().get("sessions").get(0);
        return drive.resolve("Triplicate").resolve(s.get("folder").asText());
    }

    @Test
    void ingestRecordsEveryFileOfTheFolderAsOriginalOnEachDrive() throws Exception {
        for (Path drive : List.of(a, b)) {
            Path folder = folder(drive);
            MhlHistory h = Manifests.read(folder);
            assertEquals(1, h.generations().size());
            HashList first = h.generations().getFirst();
            assertEquals("transfer", first.process());
            Map<String, String> expected = Manifests.everyFileAs(folder, HashList.Action.ORIGINAL);
            assertEquals(4, expected.size(), expected.toString());
            assertTrue(expected.containsKey("Other files/GPS.LOG"), expected.toString());
            assertEquals(expected, Manifests.actions(first), "every file, with the hash of its bytes");
            for (HashList.Hash hash : first.hashes()) {
                assertEquals(Files.size(folder.resolve(hash.path())), hash.size());
                assertEquals("xxh128", hash.format());
                assertTrue(hash.lastModified() != null && hash.hashDate() != null);
            }
        }
    }

    @Test
    void verifyAddsAVerifiedGenerationAndDoesNotCallTheHistoryUntracked() throws Exception {
        JsonNode v = cli.expect(0, "verify", "--json").json();
        assertEquals(0, v.get("findings").size(), v.toString());
        for (Path drive : List.of(a, b)) {
            MhlHistory h = Manifests.read(folder(drive));
            assertEquals(2, h.generations().size());
            HashList second = h.generations().get(1);
            assertEquals("in-place", second.process());
            assertEquals(Manifests.everyFileAs(folder(drive), HashList.Action.VERIFIED), Manifests.actions(second));
        }
    }

    @Test
    void aFlippedByteIsRecordedFailedAndRepairRecordsItVerifiedAgain() throws Exception {
        Path damaged = folder(a).resolve("_MG_0636.JPG");
        String good = Manifests.xxh128(damaged);
        byte[] bytes = Files.readAllBytes(damaged);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(damaged, bytes);
        String bad = Manifests.xxh128(damaged);
        assertNotEquals(good, bad);

        cli.expect(1, "verify");
        HashList onA = Manifests.newest(folder(a));
        assertEquals(2, onA.number());
        Map<String, String> expected = Manifests.everyFileAs(folder(a), HashList.Action.VERIFIED);
        expected.put("_MG_0636.JPG", "failed " + bad);
        assertEquals(expected, Manifests.actions(onA), "the damaged file failed, with the hash read now");
        assertEquals(Manifests.everyFileAs(folder(b), HashList.Action.VERIFIED),
                Manifests.actions(Manifests.newest(folder(b))), "B's copies all verified");
        assertEquals("original " + good, Manifests.actions(Manifests.read(folder(a)).generations().getFirst())
                .get("_MG_0636.JPG"), "the first generation is left as it was");

        cli.expect(0, "repair");
        HashList repaired = Manifests.newest(folder(a));
        assertEquals(3, repaired.number());
        assertEquals(Map.of("_MG_0636.JPG", "verified " + good), Manifests.actions(repaired),
                "only the copy repair wrote and read back");
        assertEquals(2, Manifests.read(folder(b)).generations().size(), "nothing was proven on B: no generation");

        cli.expect(0, "verify", "--drive", "A");
        assertEquals(Manifests.everyFileAs(folder(a), HashList.Action.VERIFIED),
                Manifests.actions(Manifests.newest(folder(a))));
        assertEquals(2, Manifests.read(folder(b)).generations().size(), "a drive not checked gets no generation");
    }

    @Test
    void aSecondIngestOfTheSameCardWritesNothingItDidNotProve() throws Exception {
        cli.expect(0, "ingest", tmp.resolve("card").toString(), "--progress", "none");
        for (Path drive : List.of(a, b)) {
            assertEquals(1, Manifests.read(folder(drive)).generations().size(),
                    "the copies were already there, proven, and were not read again: no new generation");
        }
    }
}
