package app.triplicate.ingest;

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
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IngestTest {
    @TempDir
    Path tmp;
    CliHarness cli;
    Path card;
    Path driveA;
    Path driveB;

    @AfterEach
    void catalogFiguresAddUp() throws Exception {
        CatalogFigures.assertConsistent(tmp.resolve("home"));
    }

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliHarness(tmp.resolve("home"));
        card = tmp.resolve("card");
        driveA = cli.addDrive(tmp.resolve("a"), "A");
        driveB = cli.addDrive(tmp.resolve("b"), "B");
    }

    private static Path library(Path drive, String session) throws Exception {
        try (var years = Files.list(drive.resolve("Triplicate"))) {
            Path year = years.findFirst().orElseThrow();
            try (var sessions = Files.list(year)) {
                return sessions.filter(p -> p.getFileName().toString().endsWith(session)).findFirst().orElseThrow();
            }
        }
    }

    @Test
    void copiesEveryCameraFileToBothDrivesByteForByte() throws Exception {
        List<Path> originals = Cards.withSamples(card);
        JsonNode r = cli.expect(0, "ingest", card.toString(), "--session", "Samples", "--json", "--progress", "none").json();
        assertEquals(originals.size(), r.get("newFiles").asInt());
        assertEquals(0, r.get("failedFiles").asInt());
        assertTrue(r.get("notMedia").toString().contains("expected") || r.get("notMediaFiles").asInt() == 0);
        for (Path drive : List.of(driveA, driveB)) {
            Path folder = library(drive, "Samples");
            for (Path original : originals) {
                Path copy = folder.resolve(original.getFileName().toString());
                assertTrue(Files.exists(copy), "missing on " + drive + ": " + copy);
                assertArrayEquals(Files.readAllBytes(original), Files.readAllBytes(copy), copy.toString());
            }
            assertEquals(originals.size(), Cards.filesUnder(drive.resolve("Triplicate")).size(),
                    "no temporary or extra files on " + drive);
        }
        JsonNode status = cli.expect(0, "status", "--json").json();
        JsonNode session = status.get("sessions").get(0);
        assertEquals("Samples", session.get("name").asText());
        assertEquals(originals.size(), session.get("files").asInt());
        assertEquals(2, session.get("copyCount").asInt());
        assertEquals(originals.size(), session.get("copies").get(0).get("verifiedFiles").asInt());
    }

    @Test
    void secondRunCopiesNothing() throws Exception {
        Cards.withSamples(card);
        cli.expect(0, "ingest", card.toString(), "--progress", "none");
        long modifiedBefore = Files.getLastModifiedTime(library(driveA, "")).toMillis();
        JsonNode again = cli.expect(0, "ingest", card.toString(), "--json", "--progress", "none").json();
        assertEquals(0, again.get("newFiles").asInt());
        assertEquals(again.get("mediaFiles").asInt(), again.get("alreadyThere").asInt());
        assertEquals(0, again.get("bytesRead").asLong(), "known files are recognised without re-reading them");
        assertEquals(0, again.get("destinations").get(0).get("bytesWritten").asLong());
        assertEquals(modifiedBefore, Files.getLastModifiedTime(library(driveA, "")).toMillis());
    }

    @Test
    void aNameTakenByOtherContentGetsTheNextFreeNameAndNothingIsOverwritten() throws Exception {
        Cards.randomFile(card.resolve("DCIM/100CANON/DSC_0001.JPG"), 100_000, 1);
        cli.expect(0, "ingest", card.toString(), "--session", "Shoot", "--progress", "none");
        Path secondCard = tmp.resolve("card2");
        Path other = Cards.randomFile(secondCard.resolve("DCIM/100CANON/DSC_0001.JPG"), 120_000, 2);
        cli.expect(0, "ingest", secondCard.toString(), "--session", "Shoot", "--progress", "none");
        for (Path drive : List.of(driveA, driveB)) {
            Path folder = library(drive, "Shoot");
            assertArrayEquals(Files.readAllBytes(card.resolve("DCIM/100CANON/DSC_0001.JPG")),
                    Files.readAllBytes(folder.resolve("DSC_0001.JPG")));
            assertArrayEquals(Files.readAllBytes(other), Files.readAllBytes(folder.resolve("DSC_0001-2.JPG")));
        }
    }

    @Test
    void aFileAlreadyOnADriveWithTheSameBytesCountsAsACopyWithoutWriting() throws Exception {
        Path f = Cards.randomFile(card.resolve("DCIM/IMG_0001.CR2"), 50_000, 3);
        cli.expect(0, "ingest", card.toString(), "--session", "Pre", "--to", "A", "--progress", "none");
        // the same card again, now to both: A holds it, B gets it
        JsonNode r = cli.expect(0, "ingest", card.toString(), "--session", "Pre", "--json", "--progress", "none").json();
        assertEquals(0, r.get("destinations").get(0).get("filesWritten").asInt());
        assertEquals(1, r.get("destinations").get(1).get("filesWritten").asInt());
        assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(library(driveB, "Pre").resolve("IMG_0001.CR2")));
        assertEquals(2, cli.expect(0, "status", "--json").json().get("sessions").get(0).get("copyCount").asInt());
    }

    @Test
    void aCopyLostFromADriveIsCopiedAgainEvenThoughTheCardWasImportedBefore() throws Exception {
        Path f = Cards.randomFile(card.resolve("DCIM/IMG_0002.JPG"), 70_000, 4);
        cli.expect(0, "ingest", card.toString(), "--session", "Lost", "--progress", "none");
        Path lost = library(driveB, "Lost").resolve("IMG_0002.JPG");
        Files.delete(lost);
        JsonNode r = cli.expect(0, "ingest", card.toString(), "--json", "--progress", "none").json();
        assertEquals(1, r.get("newFiles").asInt());
        assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(lost));
    }

    @Test
    void nonMediaFilesAreCopiedAndClutterIsSkipped() throws Exception {
        Cards.randomFile(card.resolve("DCIM/IMG_0003.JPG"), 10_000, 5);
        Cards.randomFile(card.resolve("NOTES/notes.pdf"), 1_000, 6);
        Cards.randomFile(card.resolve("MISC/AUTPRINT.MRK"), 100, 10);
        Cards.randomFile(card.resolve("DCIM/._IMG_0003.JPG"), 100, 7);
        Cards.randomFile(card.resolve(".Trashes/501/IMG_9999.JPG"), 100, 8);
        Cards.randomFile(card.resolve("PRIVATE/M4ROOT/CLIP/C0001.MP4"), 20_000, 9);
        JsonNode r = cli.expect(0, "ingest", card.toString(), "--json", "--progress", "none").json();
        assertEquals(3, r.get("newFiles").asInt(), "the JPG, the video under PRIVATE/ and the notes");
        assertEquals("NOTES/notes.pdf", r.get("notMedia").get(0).asText());
        assertEquals(1, r.get("otherFiles").asInt());
        assertTrue(r.get("skipped").toString().contains("MISC/ (camera database)"));
        assertTrue(r.get("skipped").toString().contains("._IMG_0003.JPG"));
        assertTrue(r.get("skipped").toString().contains(".Trashes"));
        String human = cli.expect(0, "ingest", card.toString(), "--progress", "none").out();
        assertTrue(human.contains("1 other file (not pictures or videos) copied like them, into the session's "
                + "\"Other files\" folder."), human);
    }

    @Test
    void theCardIsNeverWrittenTo() throws Exception {
        Cards.withSamples(card);
        List<String> before = Cards.filesUnder(card);
        long newest = Files.walk(card).mapToLong(p -> p.toFile().lastModified()).max().orElseThrow();
        cli.expect(0, "ingest", card.toString(), "--progress", "none");
        assertEquals(before, Cards.filesUnder(card));
        assertEquals(newest, Files.walk(card).mapToLong(p -> p.toFile().lastModified()).max().orElseThrow());
    }

    @Test
    void copiesAreProvenByReadingBackAndTheMethodIsRecorded() throws Exception {
        Cards.randomFile(card.resolve("DCIM/IMG_0004.JPG"), 300_000, 10);
        JsonNode r = cli.expect(0, "ingest", card.toString(), "--json", "--progress", "none").json();
        String method = r.get("destinations").get(0).get("verifyMethod").asText();
        assertTrue(method.equals("direct-read") || method.equals("cached-read"), method);
        assertFalse(r.get("failed").elements().hasNext());
    }
}
