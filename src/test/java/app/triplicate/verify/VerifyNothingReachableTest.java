package app.triplicate.verify;

import app.triplicate.testing.Cards;
import app.triplicate.testing.CliHarness;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A scheduled {@code verify} must notice when it could check nothing: no location holding copies reachable is
 * exit 3 with words that say so (SPEC.md section 4), while filters that leave nothing to check are exit 0.
 */
class VerifyNothingReachableTest {
    @TempDir
    Path tmp;
    CliHarness cli;
    Path a;
    Path b;

    @BeforeEach
    void ingestToTwoDrives() throws Exception {
        cli = new CliHarness(tmp.resolve("home"));
        a = cli.addDrive(tmp.resolve("a"), "A");
        b = cli.addDrive(tmp.resolve("b"), "B");
        Path card = tmp.resolve("card");
        Files.createDirectories(card.resolve("DCIM/100CANON"));
        Files.copy(Cards.samples().resolve("canon_eosrp__MG_0635.JPG"), card.resolve("DCIM/100CANON/_MG_0635.JPG"));
        cli.expect(0, "ingest", card.toString(), "--name", "Ranch", "--progress", "none");
    }

    @Test
    void noDriveConnectedSaysNothingCouldBeCheckedAndExitsThree() throws Exception {
        Files.move(a, tmp.resolve("a-unplugged"));
        Files.move(b, tmp.resolve("b-unplugged"));

        CliHarness.Result text = cli.expect(3, "verify");
        assertFalse(text.out().contains("good"), text.out());
        assertTrue(text.out().contains("Nothing could be checked: no drive holding copies is connected."), text.out());
        assertTrue(text.out().contains("A: not connected"), text.out());

        JsonNode json = cli.expect(3, "verify", "--json").json();
        assertTrue(json.get("nothingReachable").asBoolean());
        assertEquals(0, json.get("drives").size());
    }

    @Test
    void aConnectedDriveThatHoldsNoCopiesIsNotEnough() throws Exception {
        Files.move(a, tmp.resolve("a-unplugged"));
        Files.move(b, tmp.resolve("b-unplugged"));
        cli.addDrive(tmp.resolve("new"), "New");

        CliHarness.Result r = cli.expect(3, "verify");
        assertTrue(r.out().contains("Nothing could be checked"), r.out());
    }

    @Test
    void filtersThatLeaveNothingToCheckAreNotAFailure() {
        JsonNode json = cli.expect(0, "verify", "--older-than", "30d", "--json").json();
        assertTrue(json.get("ok").asBoolean());
        assertFalse(json.get("nothingReachable").asBoolean());
        String out = cli.expect(0, "verify", "--older-than", "30d").out();
        assertTrue(out.contains("Nothing to check: no copy matches the filters."), out);
    }

    @Test
    void anEmptyLibraryIsNothingToCheck() throws Exception {
        CliHarness fresh = new CliHarness(tmp.resolve("home2"));
        fresh.addDrive(tmp.resolve("c"), "C");
        String out = fresh.expect(0, "verify").out();
        assertTrue(out.contains("Nothing to check"), out);
    }
}
