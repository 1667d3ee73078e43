package app.triplicate.cli;

import app.triplicate.testing.Cards;
import app.triplicate.testing.CliHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --gap} takes compound durations and refuses a gap under one minute (SPEC.md section 4). */
class SessionGapOptionTest {
    @TempDir
    Path tmp;
    CliHarness cli;
    Path card;

    @BeforeEach
    void cardWithPicturesTwoHoursApart() throws Exception {
        cli = new CliHarness(tmp.resolve("home"));
        cli.addDrive(tmp.resolve("a"), "A");
        card = tmp.resolve("card");
        Path a = Cards.randomFile(card.resolve("DCIM/A_0001.JPG"), 1000, 1);
        Path b = Cards.randomFile(card.resolve("DCIM/A_0002.JPG"), 1000, 2);
        Path c = Cards.randomFile(card.resolve("DCIM/A_0003.JPG"), 1000, 3);
        Files.setLastModifiedTime(a, FileTime.from(Instant.parse("2025-03-01T10:00:00Z")));
        Files.setLastModifiedTime(b, FileTime.from(Instant.parse("2025-03-01T10:00:30Z")));
        Files.setLastModifiedTime(c, FileTime.from(Instant.parse("2025-03-01T12:00:30Z")));
    }

    @Test
    void compoundGapsAreAccepted() {
        var scan = cli.expect(0, "scan", card.toString(), "--gap", "1h30m", "--json").json();
        assertEquals(2, scan.get("sessions").size(), "split at the two-hour gap only");
        assertEquals("90m", scan.get("gap").asText());
        assertEquals(1, cli.expect(0, "scan", card.toString(), "--gap", "2h0m30s", "--json").json()
                .get("sessions").size());
    }

    @Test
    void aGapUnderOneMinuteIsRefusedWithTheReason() {
        for (String gap : new String[]{"0m", "30s", "0d"}) {
            var r = cli.expect(Cli.USAGE, "scan", card.toString(), "--gap", gap);
            assertTrue(r.err().contains("--gap " + gap + ": The session gap must be at least 1 minute"), r.err());
            assertEquals("", r.out());
        }
        var ingest = cli.expect(Cli.USAGE, "ingest", card.toString(), "--gap", "0m", "--progress", "none");
        assertTrue(ingest.err().contains("at least 1 minute"), ingest.err());
        assertEquals(0, cli.expect(0, "status", "--json").json().get("sessions").size(), "nothing was ingested");
        var typo = cli.expect(Cli.USAGE, "scan", card.toString(), "--gap", "30m1h");
        assertTrue(typo.err().contains("\"30m1h\" is not a duration: write whole numbers with d, h, m or s"), typo.err());
    }

    @Test
    void aGapUnderOneMinuteInTheSettingsIsRefusedToo() throws Exception {
        Path settings = app.triplicate.settings.Home.under(tmp.resolve("home")).settingsFile();
        Files.createDirectories(settings.getParent());
        Files.writeString(settings, "{\"sessionGap\": \"10s\"}");
        var r = cli.expect(Cli.USAGE, "scan", card.toString());
        assertTrue(r.err().contains("the session gap in the settings: The session gap must be at least 1 minute"),
                r.err());
    }
}
