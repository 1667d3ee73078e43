package app.triplicate.verify;

import app.triplicate.testing.Cards;
import app.triplicate.testing.CatalogFigures;
import app.triplicate.testing.CliHarness;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Culling deleted rejects and restoring a session, on real camera files, real drives and a real catalog. */
class CullRestoreTest {
    private static final String FIRST = "_MG_0635.JPG";
    private static final String SECOND = "_MG_0636.JPG";

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
    void ingestTwoPicturesToTwoDrives() throws Exception {
        cli = new CliHarness(tmp.resolve("home"));
        a = cli.addDrive(tmp.resolve("a"), "A");
        b = cli.addDrive(tmp.resolve("b"), "B");
        Path card = tmp.resolve("card");
        Files.createDirectories(card.resolve("DCIM/100CANON"));
        for (String name : List.of(FIRST, SECOND)) {
            Files.copy(sample(name), card.resolve("DCIM/100CANON").resolve(name));
        }
        cli.expect(0, "ingest", card.toString(), "--name", "Ranch", "--progress", "none");
    }

    private static Path sample(String name) {
        return Cards.samples().resolve("canon_eosrp_" + name);
    }

    private JsonNode session() {
        for (JsonNode s : cli.expect(0, "status", "--json").json().get("sessions")) {
            if (s.get("name").asText().equals("Ranch")) {
                return s;
            }
        }
        throw new AssertionError("no session Ranch");
    }

    private String libraryPath(String name) {
        return session().get("folder").asText() + "/" + name;
    }

    private Path copyOn(Path drive, String name) {
        return drive.resolve("Triplicate").resolve(libraryPath(name));
    }

    private static List<String> outcomes(JsonNode cull) {
        List<String> out = new ArrayList<>();
        cull.get("files").forEach(f -> out.add(f.get("outcome").asText() + " "
                + (f.get("path").isNull() ? f.get("input").asText() : f.get("path").asText().replaceAll(".*/", ""))));
        return out;
    }

    @Test
    void aRejectDeletedFromTheWorkingDriveIsCulledAndNoLongerCountsOrComesBack() throws Exception {
        Path deleted = copyOn(a, FIRST);
        Path kept = copyOn(b, FIRST);
        Files.delete(deleted);
        cli.expect(1, "verify");
        assertEquals(1, session().get("copyCount").asInt(), "before culling, the deleted copy counts against the session");

        JsonNode dry = cli.expect(0, "cull", "--missing-on", "A", "--dry-run", "--json").json();
        assertEquals(List.of("WOULD_CULL " + FIRST), outcomes(dry));
        assertEquals(0, session().get("culledFiles").asInt(), "a dry run changes nothing");
        assertEquals(1, session().get("copyCount").asInt(), "a dry run changes nothing");

        JsonNode cull = cli.expect(0, "cull", "--missing-on", "A", "--json").json();
        assertEquals(List.of("CULLED " + FIRST), outcomes(cull));
        assertEquals(1, cull.get("culled").asInt());
        JsonNode s = session();
        assertEquals(1, s.get("culledFiles").asInt());
        assertEquals(2, s.get("files").asInt(), "a culled file is still the session's");
        assertEquals(2, s.get("copyCount").asInt(), "only the other file counts now, with its 2 copies");
        assertEquals("2 of 3 copies", s.get("reasons").get(0).asText());
        assertTrue(cli.expect(0, "status").out().contains("1 culled file, not counted against the policy"));

        assertEquals(0, cli.expect(0, "verify", "--json").json().get("findings").size(), "a culled file is not missing");
        assertTrue(cli.expect(0, "repair").out().contains("Nothing to repair"));
        assertFalse(Files.exists(deleted), "repair does not bring a culled file back");
        assertArrayEquals(Files.readAllBytes(sample(FIRST)), Files.readAllBytes(kept), "its copy on B is kept, untouched");

        JsonNode again = cli.expect(0, "cull", "--missing-on", "A", "--json").json();
        assertEquals(0, again.get("files").size(), "culling twice changes nothing");
        assertEquals(1, session().get("culledFiles").asInt());
        assertEquals(2, session().get("copyCount").asInt());
    }

    @Test
    void aCopyMarkedMissingButPutBackIsNotCulled() throws Exception {
        Path copy = copyOn(a, SECOND);
        byte[] bytes = Files.readAllBytes(copy);
        Files.delete(copy);
        cli.expect(1, "verify");
        Files.write(copy, bytes);

        JsonNode cull = cli.expect(0, "cull", "--missing-on", "A", "--json").json();
        assertEquals(List.of(), outcomes(cull));
        assertEquals(0, session().get("culledFiles").asInt());
        assertTrue(cli.expect(0, "cull", "--missing-on", "A").out().contains("nothing to cull"));
    }

    @Test
    void aFileRenamedOnTheDriveIsNotCulled() throws Exception {
        Path copy = copyOn(a, FIRST);
        Files.move(copy, copy.resolveSibling("keeper.JPG"));

        JsonNode cull = cli.expect(0, "cull", "--missing-on", "A", "--json").json();
        assertEquals(List.of("RENAMED " + FIRST), outcomes(cull));
        assertTrue(cull.get("files").get(0).get("detail").asText().contains("keeper.JPG"));
        assertEquals(0, session().get("culledFiles").asInt());
    }

    @Test
    void singleFilesAreCulledByDrivePathOrLibraryPath() throws Exception {
        JsonNode byDrivePath = cli.expect(0, "cull", copyOn(a, FIRST).toString(), "--json").json();
        assertEquals(List.of("CULLED " + FIRST), outcomes(byDrivePath));
        assertEquals("A", byDrivePath.get("files").get(0).get("drive").asText());
        assertTrue(Files.exists(copyOn(a, FIRST)), "culling deletes nothing");
        assertTrue(Files.exists(copyOn(b, FIRST)), "culling deletes nothing");
        assertEquals(1, session().get("culledFiles").asInt());

        JsonNode mixed = cli.expect(1, "cull", libraryPath(FIRST), "no/such/file.JPG", "--json").json();
        assertEquals(List.of("ALREADY_CULLED " + FIRST, "UNKNOWN no/such/file.JPG"), outcomes(mixed));
        assertFalse(mixed.get("ok").asBoolean());

        cli.expect(0, "cull", libraryPath(SECOND), "--dry-run");
        assertEquals(1, session().get("culledFiles").asInt(), "a dry run changes nothing");
        cli.expect(0, "cull", libraryPath(SECOND));
        assertEquals(2, session().get("culledFiles").asInt());

        assertEquals(2, cli.expect(2, "cull", "--missing-on", "A", libraryPath(SECOND)).exitCode());
        cli.expect(2, "cull");
    }

    @Test
    void aDriveThatIsNotConnectedCannotSayWhatWasDeleted() throws Exception {
        Files.move(a, tmp.resolve("a-unplugged"));
        CliHarness.Result r = cli.expect(2, "cull", "--missing-on", "A");
        assertTrue(r.err().contains("cannot tell what was deleted from a drive that is not connected"), r.err());
        assertEquals(0, session().get("culledFiles").asInt());
        assertTrue(cli.expect(2, "cull", "--missing-on", "Z").err().contains("No drive"));
    }

    @Test
    void aSessionIsRestoredByteForByte() throws Exception {
        Path to = tmp.resolve("restored");
        JsonNode r = cli.expect(0, "restore", "Ranch", "--to", to.toString(), "--json").json();
        assertTrue(r.get("ok").asBoolean());
        assertEquals(2, r.get("restoredFiles").asInt());
        assertEquals(List.of(FIRST, SECOND), Cards.filesUnder(to));
        for (String name : List.of(FIRST, SECOND)) {
            assertArrayEquals(Files.readAllBytes(sample(name)), Files.readAllBytes(to.resolve(name)));
        }
        assertEquals("A", r.get("restored").get(0).get("from").asText(), "the first connected drive");

        // again into the same folder: the same bytes count as restored, nothing is written or renamed
        JsonNode again = cli.expect(0, "restore", session().get("id").asText(), "--to", to.toString(), "--json").json();
        assertTrue(again.get("restored").get(0).get("from").isNull());
        assertEquals(List.of(FIRST, SECOND), Cards.filesUnder(to));
    }

    @Test
    void aCopyCorruptedOnThePreferredDriveIsRefusedAndTheGoodOneRestored() throws Exception {
        Path copy = copyOn(b, FIRST);
        byte[] bad = Files.readAllBytes(copy);
        bad[bad.length / 2] ^= 0x01;
        Files.write(copy, bad);

        Path to = tmp.resolve("restored");
        JsonNode r = cli.expect(0, "restore", "Ranch", "--to", to.toString(), "--from", "B", "--json").json();
        assertEquals(List.of(FIRST, SECOND), Cards.filesUnder(to), "no temporary or partial file is left");
        assertArrayEquals(Files.readAllBytes(sample(FIRST)), Files.readAllBytes(to.resolve(FIRST)));
        assertArrayEquals(Files.readAllBytes(sample(SECOND)), Files.readAllBytes(to.resolve(SECOND)));
        JsonNode first = r.get("restored").get(0);
        assertEquals("A", first.get("from").asText(), "B's copy failed its check, so A's was used");
        assertTrue(first.get("notes").get(0).asText().startsWith("B: "), "the corrupt copy was tried first: " + first);
        assertEquals("B", r.get("restored").get(1).get("from").asText(), "--from is preferred where its copy is good");
    }

    @Test
    void filesWithNoGoodConnectedCopyAreListedAsMissing() throws Exception {
        Files.delete(copyOn(a, SECOND));
        Files.move(b, tmp.resolve("b-unplugged"));

        Path to = tmp.resolve("restored");
        JsonNode r = cli.expect(1, "restore", "Ranch", "--to", to.toString(), "--json").json();
        assertFalse(r.get("ok").asBoolean());
        assertEquals(1, r.get("missing").size());
        JsonNode missing = r.get("missing").get(0);
        assertTrue(missing.get("path").asText().endsWith(SECOND));
        assertTrue(missing.get("reason").asText().contains("B (not connected)"), missing.toString());
        assertEquals(List.of(FIRST), Cards.filesUnder(to));
        assertTrue(cli.expect(1, "restore", "Ranch", "--to", to.toString()).out().contains("MISSING"));
    }

    @Test
    void culledFilesAreNotRestored() throws Exception {
        Files.delete(copyOn(a, FIRST));
        cli.expect(0, "cull", "--missing-on", "A");
        Path to = tmp.resolve("restored");
        JsonNode r = cli.expect(0, "restore", "Ranch", "--to", to.toString(), "--json").json();
        assertEquals(1, r.get("culledSkipped").asInt());
        assertEquals(List.of(SECOND), Cards.filesUnder(to));
    }

    @Test
    void nothingInTheRestoreFolderIsOverwritten() throws Exception {
        Path to = Files.createDirectories(tmp.resolve("restored"));
        Files.writeString(to.resolve(FIRST), "a different picture");

        JsonNode r = cli.expect(0, "restore", "Ranch", "--to", to.toString(), "--json").json();
        assertEquals("a different picture", Files.readString(to.resolve(FIRST)));
        String renamed = FIRST.replace(".JPG", "-2.JPG");
        assertEquals(renamed, r.get("restored").get(0).get("restoredAs").asText());
        assertArrayEquals(Files.readAllBytes(sample(FIRST)), Files.readAllBytes(to.resolve(renamed)));
    }

    @Test
    void aFolderInsideADrivesLibraryIsRefused() throws Exception {
        Path inside = a.resolve("Triplicate/restore-here");
        CliHarness.Result r = cli.expect(2, "restore", "Ranch", "--to", inside.toString());
        assertTrue(r.err().contains("inside the library of drive \"A\""), r.err());
        assertFalse(Files.exists(inside));

        Path session = copyOn(b, FIRST).getParent();
        cli.expect(2, "restore", "Ranch", "--to", session.toString());
        assertEquals(List.of(FIRST, SECOND), Cards.filesUnder(session), "nothing written into the library");

        // through a symbolic link, too
        Path link = Files.createSymbolicLink(tmp.resolve("link"), a.resolve("Triplicate"));
        cli.expect(2, "restore", "Ranch", "--to", link.resolve("x").toString());

        cli.expect(2, "restore", "NoSuchSession", "--to", tmp.resolve("r").toString());
        cli.expect(2, "restore", "Ranch", "--to", tmp.resolve("r").toString(), "--from", "Z");
        cli.expect(2, "restore", "Ranch", "--to", tmp.resolve("no/parent/r").toString());
    }
}
