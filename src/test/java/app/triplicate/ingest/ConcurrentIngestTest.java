package app.triplicate.ingest;

import app.triplicate.core.CannotRunException;
import app.triplicate.settings.Home;
import app.triplicate.testing.Cards;
import app.triplicate.testing.ChildJvm;
import app.triplicate.testing.CliHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16: ingests in several processes at once (the window, cron). One ingest of a card at a time: the other is
 * refused with exit 3 naming the card, before anything is copied; the lock goes with the ingest that held it. And an
 * ingest never clears the temporary files another one is writing on the same drive.
 */
class ConcurrentIngestTest {

    @Test
    void anIngestOfACardAnotherProcessIsImportingIsRefusedByNameAndCopiesNothing(@TempDir Path tmp) throws Exception {
        Path home = tmp.resolve("home");
        CliHarness cli = new CliHarness(home);
        Path drive = cli.addDrive(tmp.resolve("a"), "A");
        Path card = tmp.resolve("card");
        int media = Cards.withSamples(card).size();
        String fingerprint = new CardScanner().scan(card).fingerprint();

        // this process is importing the card
        try (CardLock held = CardLock.take(Home.under(home).cardLocks(), fingerprint, card)) {
            Process other = ChildJvm.start(home, "ingest", card.toString(), "--progress", "none");
            assertTrue(other.waitFor(120, TimeUnit.SECONDS));
            String err = new String(other.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(3, other.exitValue(), err);
            assertTrue(err.contains("The card " + card + " is being imported by another"), err);
            assertEquals(List.of(), Cards.filesUnder(drive.resolve("Triplicate")), "nothing copied");
            // a second import in the same process (the window) is refused the same way
            CannotRunException again = assertThrows(CannotRunException.class,
                    () -> CardLock.take(Home.under(home).cardLocks(), fingerprint, card));
            assertTrue(again.getMessage().contains(card.toString()), again.getMessage());
        }
        // released: the next ingest runs and copies the card
        cli.expect(0, "ingest", card.toString(), "--progress", "none");
        assertEquals(media, Cards.filesUnder(drive.resolve("Triplicate")).size());
    }

    @Test
    void anIngestLeavesTheTemporaryFilesOfAnotherRunningIngestAlone(@TempDir Path tmp) throws Exception {
        Path home = tmp.resolve("home");
        CliHarness cli = new CliHarness(home);
        Path drive = cli.addDrive(tmp.resolve("a"), "A");
        Path card = tmp.resolve("card");
        int media = Cards.withSamples(card).size();
        // another card's ingest is writing this file on the same drive right now
        Path inFlight = java.nio.file.Files.createDirectories(drive.resolve("Triplicate/2019/2019-01-01 Other"))
                .resolve(".IMG_9999.JPG.0123456789abc" + app.triplicate.files.SmallFile.TEMP_SUFFIX);
        java.nio.file.Files.write(inFlight, new byte[1000]);
        // (from any home: the lock is on the drive, so another workstation writing there counts too)
        try (RunningIngests other = new RunningIngests()) {
            assertTrue(other.enter(drive.resolve(app.triplicate.drives.DriveMarker.FOLDER)), "no ingest ran yet");
            Process p = ChildJvm.start(home, "ingest", card.toString(), "--progress", "none");
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), err);
            assertTrue(java.nio.file.Files.exists(inFlight), "the other ingest's file was left alone: " + err);
        }
        // no ingest running any more: what is left is an interrupted copy's, and the next ingest clears it
        String err = cli.expect(0, "ingest", card.toString(), "--progress", "none").err();
        assertTrue(!java.nio.file.Files.exists(inFlight), err);
        assertEquals(media, Cards.filesUnder(drive.resolve("Triplicate")).size());
    }
}
