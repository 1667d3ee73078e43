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
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Files on a card that are not pictures or videos (GPS logs, notes, camera settings) are copied into the
 * session's {@code Other files/} folder and count like media; system clutter and camera databases are not; a
 * card is safe to format only when every other file has its copies too, or the user chose to leave it.
 */
class OtherFilesTest {
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
    void setUp() throws Exception {
        cli = new CliHarness(tmp.resolve("home"));
        a = cli.addDrive(tmp.resolve("a"), "A");
        b = cli.addDrive(tmp.resolve("b"), "B");
        card = tmp.resolve("card");
    }

    private static Path at(Path file, String instant) throws Exception {
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse(instant)));
        return file;
    }

    private JsonNode sessionNamed(String name) {
        for (JsonNode s : cli.expect(0, "status", "--json").json().get("sessions")) {
            if (s.get("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no session " + name);
    }

    @Test
    void otherFilesAreCopiedIntoTheSessionsOtherFilesFolderAndCountLikeMedia() throws Exception {
        Files.createDirectories(card.resolve("DCIM/100CANON"));
        Files.copy(Cards.samples().resolve("canon_eosrp__MG_0635.JPG"), card.resolve("DCIM/100CANON/_MG_0635.JPG"));
        Path notes = Cards.randomFile(card.resolve("DCIM/notes.txt"), 300, 1);
        Path track = Cards.randomFile(card.resolve("GPS/track.log"), 2_000, 2);
        Cards.randomFile(card.resolve("MISC/AUTPRINT.MRK"), 50, 3); // the camera's print-order database
        Cards.randomFile(card.resolve("DCIM/CANONMSC/M0100.CTG"), 50, 4); // Canon's catalogue of the card
        Cards.randomFile(card.resolve(".Spotlight-V100/Store-V2/x"), 50, 5);
        Cards.randomFile(card.resolve(".Trash-1000/files/IMG_0001.JPG"), 50, 6); // a Linux desktop's trash

        JsonNode r = cli.expect(0, "ingest", card.toString(), "--name", "Ranch", "--json", "--progress", "none").json();
        assertEquals(3, r.get("newFiles").asInt(), "the picture and the two other files");
        assertEquals(1, r.get("mediaFiles").asInt());
        assertEquals(2, r.get("otherFiles").asInt());
        assertEquals(List.of("DCIM/notes.txt", "GPS/track.log"),
                List.of(r.get("notMedia").get(0).asText(), r.get("notMedia").get(1).asText()));
        assertTrue(r.get("skipped").toString().contains("MISC/ (camera database)"), r.get("skipped").toString());
        assertTrue(r.get("skipped").toString().contains("DCIM/CANONMSC/ (camera database)"), r.get("skipped").toString());

        JsonNode ranch = sessionNamed("Ranch");
        assertEquals(3, ranch.get("files").asInt(), "other files count like media");
        assertEquals(0, ranch.get("fallbackFiles").asInt(), "an other file is not a picture without a date");
        assertEquals(2, ranch.get("copyCount").asInt());
        for (Path drive : List.of(a, b)) {
            Path folder = drive.resolve("Triplicate").resolve(ranch.get("folder").asText());
            assertArrayEquals(Files.readAllBytes(notes), Files.readAllBytes(folder.resolve("Other files/notes.txt")));
            assertArrayEquals(Files.readAllBytes(track), Files.readAllBytes(folder.resolve("Other files/track.log")));
            assertEquals(3, Cards.filesUnder(drive.resolve("Triplicate")).size(), "no clutter copied to " + drive);
        }
        String human = cli.expect(0, "ingest", card.toString(), "--progress", "none").out();
        assertFalse(human.contains("not copied"), human);

        JsonNode safe = cli.expect(0, "card", "check", card.toString(), "--json").json();
        assertTrue(safe.get("safe").asBoolean());
        assertEquals(2, safe.get("otherFiles").asInt());
        assertEquals(0, cli.run("card", "check", card.toString(), "--deep").exitCode());

        cli.expect(0, "verify");
    }

    @Test
    void aFileNotCopiedMakesTheCardUnsafeUnlessTheUserLeavesIt() throws Exception {
        Files.createDirectories(card.resolve("DCIM/100CANON"));
        Files.copy(Cards.samples().resolve("canon_eosrp__MG_0635.JPG"), card.resolve("DCIM/100CANON/_MG_0635.JPG"));
        cli.expect(0, "ingest", card.toString(), "--progress", "none");
        Cards.randomFile(card.resolve("DCIM/notes.txt"), 300, 1);
        Cards.randomFile(card.resolve("GPS/day1.log"), 300, 2);
        Cards.randomFile(card.resolve("GPS/day2.log"), 300, 3);

        CliHarness.Result notSafe = cli.expect(1, "card", "check", card.toString());
        assertTrue(notSafe.out().contains("NOT SAFE"), notSafe.out());
        assertTrue(notSafe.out().contains("DCIM/notes.txt: not imported"), notSafe.out());

        CliHarness.Result left = cli.expect(0, "card", "check", card.toString(), "--leave", "DCIM/notes.txt",
                "--leave", "GPS");
        assertTrue(left.out().startsWith("SAFE"), left.out());
        assertTrue(left.out().contains("Left on the card by your choice (3 files): DCIM/notes.txt, GPS/day1.log, "
                + "GPS/day2.log"), left.out());
        JsonNode json = cli.expect(0, "card", "check", card.toString(), "--leave", "DCIM/notes.txt", "--leave",
                card.resolve("GPS").toString(), "--json").json();
        assertEquals(3, json.get("left").size());
        assertEquals("GPS/day2.log", json.get("left").get(2).asText());

        CliHarness.Result typo = cli.expect(2, "card", "check", card.toString(), "--leave", "DCIM/note.txt");
        assertTrue(typo.err().contains("DCIM/note.txt"), typo.err());
    }

    @Test
    void aCardWithNoPicturesOrVideosIsNeverSafe() throws Exception {
        Files.createDirectories(card.resolve("DCIM"));
        CliHarness.Result empty = cli.expect(1, "card", "check", card.toString());
        assertTrue(empty.out().startsWith("NOT SAFE to format: the card holds no pictures or videos."), empty.out());

        Cards.randomFile(card.resolve("DCIM/notes.txt"), 300, 1);
        JsonNode json = cli.expect(1, "card", "check", card.toString(), "--json").json();
        assertFalse(json.get("safe").asBoolean());
        assertTrue(json.get("noPicturesOrVideos").asBoolean());
        assertEquals(1, cli.expect(1, "card", "check", card.toString(), "--leave", "DCIM").exitCode(),
                "leaving every file still leaves a card with no pictures or videos");

        JsonNode ingest = cli.expect(1, "ingest", card.toString(), "--json", "--progress", "none").json();
        assertEquals(0, ingest.get("newFiles").asInt(), "an other file never starts a session");
        assertFalse(ingest.get("complete").asBoolean());
        assertEquals("DCIM/notes.txt (no picture or video on the card to place it with)",
                ingest.get("notCopied").get(0).asText());
        String human = cli.expect(1, "ingest", card.toString(), "--progress", "none").out();
        assertTrue(human.contains("No pictures or videos on the card: nothing was copied."), human);
        assertTrue(human.contains("NOT SAFE to format: the card holds no pictures or videos, only 1 other file."), human);
        assertFalse(Files.exists(a.resolve("Triplicate")) && !Cards.filesUnder(a.resolve("Triplicate")).isEmpty(),
                "nothing copied");
    }

    @Test
    void otherFilesJoinTheNearestPicturesSessionWithoutStretchingIt() throws Exception {
        at(Cards.randomFile(card.resolve("DCIM/100CANON/IMG_0001.JPG"), 1_000, 1), "2025-03-01T08:00:00Z");
        at(Cards.randomFile(card.resolve("DCIM/100CANON/IMG_0002.JPG"), 1_000, 2), "2025-03-01T20:00:00Z");
        at(Cards.randomFile(card.resolve("GPS/morning.log"), 100, 3), "2025-03-01T09:00:00Z");
        at(Cards.randomFile(card.resolve("GPS/evening.log"), 100, 4), "2025-03-01T19:00:00Z");
        at(Cards.randomFile(card.resolve("SETTINGS.DAT"), 100, 5), "2025-06-01T12:00:00Z"); // months later

        cli.expect(0, "ingest", card.toString(), "--name", "Morning", "--name", "Evening", "--progress", "none");
        JsonNode status = cli.expect(0, "status", "--json").json();
        assertEquals(2, status.get("sessions").size(), "no session started by an other file");
        JsonNode morning = sessionNamed("Morning");
        JsonNode evening = sessionNamed("Evening");
        assertEquals(2, morning.get("files").asInt());
        assertEquals(3, evening.get("files").asInt());
        assertEquals(evening.get("firstCapture").asText(), evening.get("lastCapture").asText(),
                "the settings file months later does not stretch the evening");
        assertTrue(Files.exists(a.resolve("Triplicate").resolve(morning.get("folder").asText())
                .resolve("Other files/morning.log")));
        assertTrue(Files.exists(a.resolve("Triplicate").resolve(evening.get("folder").asText())
                .resolve("Other files/SETTINGS.DAT")));
    }
}
