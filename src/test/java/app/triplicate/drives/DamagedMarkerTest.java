package app.triplicate.drives;

import app.triplicate.testing.Cards;
import app.triplicate.testing.CliHarness;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A drive whose marker was cut short (a power cut while an old version wrote it) is a registered drive that is
 * damaged, not an unregistered folder: drive list and ingest say so, name the marker and say how to give the
 * drive its marker back; registering the folder as a new drive is refused, since its copies would stop counting.
 */
class DamagedMarkerTest {
    @TempDir
    Path tmp;
    CliHarness cli;
    Path driveA;
    Path driveB;
    Path card;
    Path marker;

    @BeforeEach
    void setUp() throws IOException {
        cli = new CliHarness(tmp.resolve("home"));
        driveA = cli.addDrive(tmp.resolve("driveA"), "A");
        driveB = cli.addDrive(tmp.resolve("driveB"), "B");
        card = Files.createDirectories(tmp.resolve("card"));
        Cards.randomFile(card.resolve("DCIM/100TEST/DSC_0001.JPG"), 40_000, 1);
        marker = driveA.resolve(".triplicate/drive.json");
        byte[] whole = Files.readAllBytes(marker);
        Files.write(marker, Arrays.copyOf(whole, whole.length / 2));
    }

    @Test
    void driveListSaysTheMarkerIsDamagedAndHowToReadoptTheDrive() {
        var r = cli.expect(0, "drive", "list");
        String lineA = r.out().lines().filter(l -> l.startsWith("A ")).findFirst().orElseThrow();
        assertTrue(lineA.contains("damaged"), r.out());
        assertTrue(r.out().contains(marker.toString()) && r.out().contains("triplicate drive readopt \"A\" " + driveA),
                r.out());

        JsonNode a = cli.expect(0, "drive", "list", "--json").json().get("drives").get(0);
        assertEquals("A", a.get("label").asText());
        assertTrue(a.get("attention").asText().contains("damaged"), a.toString());
    }

    @Test
    void ingestToTheDamagedDriveNamesItsMarkerInsteadOfCallingItUnplugged() {
        var r = cli.expect(3, "ingest", card.toString(), "--to", "A", "--progress", "none");
        assertTrue(r.err().contains(marker.toString()) && r.err().contains("damaged")
                && r.err().contains("drive readopt"), r.err());
    }

    @Test
    void ingestToTheOtherDrivesWarnsOfTheDamagedOne() {
        JsonNode report = cli.expect(0, "ingest", card.toString(), "--json", "--progress", "none").json();
        assertTrue(report.get("warnings").toString().contains(marker.toString()), report.toString());
        assertTrue(Files.exists(driveB.resolve("Triplicate")), "drive B still gets its copy");
    }

    @Test
    void theFolderIsNotRegisteredAgainAsANewDrive() throws IOException {
        var r = cli.expect(2, "drive", "add", driveA.toString(), "--label", "A2", "--same-device");
        assertTrue(r.err().contains(marker.toString()) && r.err().contains("damaged"), r.err());
        assertTrue(Files.size(marker) > 0 && DriveMarker.read(driveA).isEmpty(), "the damaged marker is left as it was");
    }

    @Test
    void readoptGivesTheDriveItsMarkerBackAndItCountsAgain() {
        String id = cli.expect(0, "drive", "list", "--json").json().get("drives").get(0).get("id").asText();
        cli.expect(0, "drive", "readopt", "A", driveA.toString());

        assertEquals(id, DriveMarker.read(driveA).orElseThrow().uuid().toString());
        JsonNode a = cli.expect(0, "drive", "list", "--json").json().get("drives").get(0);
        assertTrue(a.get("connected").asBoolean(), a.toString());
        cli.expect(0, "ingest", card.toString(), "--to", "A", "--progress", "none");
    }

    @Test
    void readoptRefusesAFolderHoldingAnotherDrivesMarker() {
        var r = cli.expect(2, "drive", "readopt", "A", driveB.toString());
        assertTrue(r.err().contains("\"B\""), r.err());
    }
}
