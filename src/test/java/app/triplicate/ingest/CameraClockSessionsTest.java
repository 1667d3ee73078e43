package app.triplicate.ingest;

import app.triplicate.testing.Cards;
import app.triplicate.testing.CatalogFigures;
import app.triplicate.testing.CliHarness;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TimeZone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sessions are named, dated, foldered and shown by the camera's own clock (SPEC.md, <i>capture time</i>), through the
 * command line, on a computer in another zone: the iPhone picture was taken at 10:03 at -06:00, which is already
 * 01:03 the next day in Tokyo, where this test's computer is.
 */
class CameraClockSessionsTest {
    private static final String IPHONE = "apple_iphonexr_IMG_3581.JPG"; // 2020-04-17 10:03:42.262 -06:00
    private static final String NIKON = "nikon_d3100_DSC_0008.JPG"; // 2020-07-15 08:36:27.60, no offset
    @TempDir
    Path tmp;
    CliHarness cli;
    Path drive;
    private TimeZone machineZone;

    @BeforeEach
    void setUp() throws Exception {
        // the command line runs on the JVM's default zone: make it one far from the camera's, whatever the machine's
        machineZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
        cli = new CliHarness(tmp.resolve("home"));
        drive = cli.addDrive(tmp.resolve("a"), "A");
    }

    @AfterEach
    void restoreZone() throws Exception {
        try {
            CatalogFigures.assertConsistent(tmp.resolve("home"));
        } finally {
            TimeZone.setDefault(machineZone);
        }
    }

    private Path card(String sample) throws Exception {
        Path dcim = Files.createDirectories(tmp.resolve("card/DCIM/100APPLE"));
        Files.copy(Cards.samples().resolve(sample), dcim.resolve("IMG_3581.JPG"));
        return tmp.resolve("card");
    }

    @Test
    void aMorningAtMinusSixIsAMorningSessionDatedByTheCamerasDay() throws Exception {
        Path card = card(IPHONE);

        String scanText = cli.expect(0, "scan", card.toString()).out();
        assertTrue(scanText.contains("2020-04-17 Morning"), scanText);
        assertTrue(scanText.contains("2020-04-17 10:03 .. 2020-04-17 10:03"), scanText);
        JsonNode scanned = cli.expect(0, "scan", card.toString(), "--json").json().get("sessions").get(0);
        assertEquals("2020-04-17T10:03:42.262", scanned.get("firstWallClock").asText());
        assertEquals("2020-04-18T01:03:42.262", scanned.get("firstCapture").asText(), "the computer's timeline, as before");
        assertEquals("2020/2020-04-17 Morning", scanned.get("folder").asText());

        cli.expect(0, "ingest", card.toString(), "--progress", "none");

        JsonNode session = cli.expect(0, "status", "--json").json().get("sessions").get(0);
        assertEquals("2020-04-17 Morning", session.get("name").asText());
        assertEquals("2020/2020-04-17 Morning", session.get("folder").asText());
        assertTrue(Files.exists(drive.resolve("Triplicate/2020/2020-04-17 Morning/IMG_3581.JPG")));
        assertEquals("2020-04-17T10:03:42.262", session.get("firstWallClock").asText());
        assertEquals("2020-04-17T10:03:42.262", session.get("lastWallClock").asText());
        assertEquals("2020-04-18T01:03:42.262", session.get("firstCapture").asText(), "the computer's timeline, as before");

        String status = cli.expect(0, "status").out();
        assertTrue(status.contains("2020-04-17 10:03 "), status);
    }

    /** The Nikon sample (no offset recorded) with its EXIF dates moved to {@code exifTime}, same length. */
    private void nikonAt(Path card, String name, String exifTime) throws Exception {
        String latin = new String(Files.readAllBytes(Cards.samples().resolve(NIKON)), StandardCharsets.ISO_8859_1);
        assertTrue(latin.contains("2020:07:15 08:36:27"));
        Path target = card.resolve("DCIM/100NIKON").resolve(name);
        Files.createDirectories(target.getParent());
        Files.write(target, latin.replace("2020:07:15 08:36:27", exifTime).getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void aCardWithoutOffsetsKeepsItsGapsAcrossTheNightTheClocksGoBack() throws Exception {
        // a computer in Berlin, whose clocks go back at 03:00 on 25 October 2026: read in its zone one by one, 02:50
        // and 03:10 would be eighty minutes apart; on the card's one offset they are twenty
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
        Path card = tmp.resolve("autumn");
        nikonAt(card, "DSC_0001.JPG", "2026:10:25 02:50:00");
        nikonAt(card, "DSC_0002.JPG", "2026:10:25 03:10:00");
        cli.expect(0, "ingest", card.toString(), "--gap", "1h", "--progress", "none");

        JsonNode sessions = cli.expect(0, "status", "--json").json().get("sessions");
        assertEquals(1, sessions.size(), "the clock change makes no gap");
        assertEquals("2026-10-25 Night", sessions.get(0).get("name").asText());
        assertEquals("2026-10-25T02:50:00.6", sessions.get(0).get("firstWallClock").asText());
        assertEquals("2026-10-25T03:10:00.6", sessions.get(0).get("lastWallClock").asText());
    }

    @Test
    void aCardWithoutOffsetsKeepsItsGapsAcrossTheNightTheClocksGoForward() throws Exception {
        // clocks go forward at 02:00 on 29 March 2026 in Berlin: 01:50 and 03:10 on the camera are eighty minutes
        // apart, not the twenty the computer's zone would make of them
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
        Path card = tmp.resolve("spring");
        nikonAt(card, "DSC_0001.JPG", "2026:03:29 01:50:00");
        nikonAt(card, "DSC_0002.JPG", "2026:03:29 03:10:00");
        JsonNode scan = cli.expect(0, "scan", card.toString(), "--gap", "1h", "--json").json();
        assertEquals(2, scan.get("sessions").size(), "the clock change hides no gap");
        assertEquals("2026-03-29T01:50:00.6", scan.get("sessions").get(0).get("firstWallClock").asText());
        assertEquals("2026-03-29T03:10:00.6", scan.get("sessions").get(1).get("firstWallClock").asText());
    }

    @Test
    void aCameraTimeTheComputersZoneSkipsIsKeptAsItIs() throws Exception {
        // 02:30 on 29 March 2026 does not exist in Berlin (02:00 became 03:00), but a camera elsewhere shows it
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
        Path card = tmp.resolve("skipped");
        nikonAt(card, "DSC_0001.JPG", "2026:03:29 02:30:00");
        cli.expect(0, "ingest", card.toString(), "--progress", "none");

        JsonNode session = cli.expect(0, "status", "--json").json().get("sessions").get(0);
        assertEquals("2026-03-29 Night", session.get("name").asText());
        assertEquals("2026-03-29T02:30:00.6", session.get("firstWallClock").asText());
        assertTrue(cli.expect(0, "status").out().contains("2026-03-29 02:30 "));
    }

    @Test
    void aSecondShotLaterThatDayWidensTheRangeOnTheCamerasClock() throws Exception {
        Path card = card(IPHONE);
        // the same picture, its EXIF dates moved to 11:40 (same length, so every offset in the file stays valid)
        byte[] bytes = Files.readAllBytes(Cards.samples().resolve(IPHONE));
        String latin = new String(bytes, StandardCharsets.ISO_8859_1);
        assertTrue(latin.contains("2020:04:17 10:03:42"));
        Files.write(card.resolve("DCIM/100APPLE/IMG_3600.JPG"),
                latin.replace("2020:04:17 10:03:42", "2020:04:17 11:40:00").getBytes(StandardCharsets.ISO_8859_1));

        cli.expect(0, "ingest", card.toString(), "--progress", "none");

        JsonNode session = cli.expect(0, "status", "--json").json().get("sessions").get(0);
        assertEquals("2020-04-17 Morning", session.get("name").asText());
        assertEquals("2020-04-17T10:03:42.262", session.get("firstWallClock").asText());
        assertEquals("2020-04-17T11:40:00.262", session.get("lastWallClock").asText());
        String status = cli.expect(0, "status").out();
        assertTrue(status.contains("2020-04-17 10:03-11:40"), status);
    }
}
