package app.triplicate.cli;

import app.triplicate.core.CopyPolicy;
import app.triplicate.files.LocalFileAccess;
import app.triplicate.settings.Home;
import app.triplicate.testing.Cards;
import app.triplicate.testing.ChildJvm;
import app.triplicate.testing.CliHarness;
import app.triplicate.wiring.Services;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16, "Done when": the window stays open (its service layer, headless, in this JVM: it opened the catalog)
 * while the command line runs status, an ingest and verify in JVMs of their own; each exits as SPEC.md says, and
 * the window sees the result within seconds. Two ingests of the same card at once copy each file once per drive.
 */
class WindowAndCommandLineTogetherTest {
    @TempDir
    Path tmp;
    Path home;
    Path card;
    List<Path> drives = new ArrayList<>();
    int mediaOnCard;

    @BeforeEach
    void twoDrivesAndACard() throws Exception {
        home = tmp.resolve("home");
        CliHarness cli = new CliHarness(home);
        drives.add(cli.addDrive(tmp.resolve("a"), "A"));
        drives.add(cli.addDrive(tmp.resolve("b"), "B"));
        card = tmp.resolve("card");
        mediaOnCard = Cards.withSamples(card).size();
    }

    private Services window() {
        return Services.open(Home.under(home), new LocalFileAccess(), List.of(), Clock.systemDefaultZone());
    }

    /** Runs the command line in a JVM of its own; returns {exit code, stdout, stderr}. */
    private Object[] commandLine(String... args) throws Exception {
        Process p = ChildJvm.start(home, args);
        return finish(p, args);
    }

    private static Object[] finish(Process p, String... args) throws Exception {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "still running: " + List.of(args));
        return new Object[]{p.exitValue(), out, err};
    }

    @Test
    void theWindowStaysOpenWhileStatusIngestAndVerifyRunAndSeesWhatTheyDid() throws Exception {
        try (Services window = window()) {
            CountDownLatch changed = new CountDownLatch(1);
            window.watchCatalog(Duration.ofMillis(200), changed::countDown);

            Object[] status = commandLine("status", "--json");
            assertEquals(0, status[0], (String) status[2]);
            assertTrue(((String) status[1]).contains("\"schemaVersion\""), (String) status[1]);

            Object[] ingest = commandLine("ingest", card.toString(), "--progress", "none", "--json");
            assertEquals(0, ingest[0], (String) ingest[2]);
            // the window's watch noticed, and the window's own reads show the session the command line made
            assertTrue(changed.await(10, TimeUnit.SECONDS), "the window noticed the ingest");
            List<app.triplicate.catalog.StatusService.SessionStatus> sessions = window.status.sessions(CopyPolicy.DEFAULT);
            assertEquals(mediaOnCard, sessions.stream().mapToLong(s -> s.files()).sum(), sessions.toString());
            assertTrue(sessions.stream().allMatch(s -> s.copyCount() == 2), sessions.toString());

            Object[] verify = commandLine("verify");
            assertEquals(0, verify[0], (String) verify[2]);
            assertTrue(window.status.sessions(CopyPolicy.DEFAULT).stream().allMatch(s -> s.copyCount() == 2));
        }
        // the window, closed last, leaves the catalog for the next start as closed cleanly
        new CliHarness(home).expect(0, "status");
    }

    @Test
    void twoIngestsOfTheSameCardAtOnceCopyEachFileOncePerDrive() throws Exception {
        try (Services window = window()) {
            String[] args = {"ingest", card.toString(), "--progress", "none"};
            Process first = ChildJvm.start(home, args);
            Process second = ChildJvm.start(home, args);
            for (Object[] r : List.of(finish(first, args), finish(second, args))) {
                int exit = (int) r[0];
                // the one that found the card being imported is refused by name (exit 3); one that came after
                // the other finds everything there (exit 0)
                assertTrue(exit == 0 || exit == 3 && ((String) r[2]).contains(card.toString())
                        && ((String) r[2]).contains("being imported by another"), exit + ": " + r[2]);
            }
            for (Path d : drives) {
                List<String> files = Cards.filesUnder(d.resolve("Triplicate"));
                assertEquals(mediaOnCard, files.size(), d + ": " + files);
            }
            assertEquals(mediaOnCard, window.status.sessions(CopyPolicy.DEFAULT).stream().mapToLong(s -> s.files())
                    .sum());
        }
    }
}
