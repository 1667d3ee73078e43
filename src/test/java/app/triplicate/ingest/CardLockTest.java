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
 * Issue 16: one ingest of a card at a time on this computer, whichever process runs it. The other is refused with
 * exit 3 naming the card, before anything is copied; the lock goes with the ingest that held it.
 */
class CardLockTest {

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
}
