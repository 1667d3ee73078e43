package app.triplicate.cli;

import app.triplicate.files.LocalFileAccess;
import app.triplicate.ingest.IngestService;
import app.triplicate.progress.Cancellation;
import app.triplicate.progress.ProgressListener;
import app.triplicate.settings.Home;
import app.triplicate.testing.Cards;
import app.triplicate.testing.CliHarness;
import app.triplicate.wiring.Services;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code status} says how old its numbers are (the age of each session's oldest verification, DUE past the scrub
 * interval, which is shown but is not an exit reason), and {@code --needs-attention} exits 1 when a session is below
 * the copy policy.
 */
class StatusAgeTest {
    @TempDir
    Path tmp;
    CliHarness cli;

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliHarness(tmp.resolve("home"));
        cli.addDrive(tmp.resolve("a"), "A");
    }

    private Path card(String name, long seed) {
        Path card = tmp.resolve(name);
        Cards.randomFile(card.resolve("DCIM/100TEST/IMG_0001.JPG"), 2000, seed);
        Cards.randomFile(card.resolve("DCIM/100TEST/IMG_0002.JPG"), 2000, seed + 1);
        return card;
    }

    /** Ingests through the services with a clock {@code ago} behind, as if the card had been copied then. */
    private void ingestedAgo(Path card, Duration ago) {
        Clock past = Clock.offset(Clock.systemDefaultZone(), ago.negated());
        try (Services services = Services.open(Home.under(tmp.resolve("home")), new LocalFileAccess(), List.of(), past)) {
            services.ingest.ingest(new IngestService.Request(card, Optional.of("Old wedding"), List.of(),
                    Duration.ofHours(3), "{yyyy}/{yyyy}-{MM}-{dd} {session}", List.of()), ProgressListener.NONE,
                    new Cancellation());
        }
    }

    @Test
    void aSessionVerifiedLongerAgoThanTheScrubIntervalIsDueButStatusStillExits0() {
        ingestedAgo(card("old", 1), Duration.ofDays(45));
        cli.expect(Cli.OK, "ingest", card("new", 10).toString(), "--session", "New portraits", "--progress", "none");

        String out = cli.expect(Cli.OK, "status").out();
        String old = line(out, "Old wedding");
        assertTrue(old.contains("45 days ago"), out);
        assertTrue(out.contains("DUE: oldest copy verified 45 days ago, longer than the scrub interval (30d); "
                + "run: triplicate verify --session "), out);
        assertTrue(line(out, "New portraits").contains("just now"), out);
        assertEquals(1, out.split("DUE:", -1).length - 1, "only the old session is due:\n" + out);

        JsonNode json = cli.expect(Cli.OK, "status", "--json").json();
        assertEquals("30d", json.get("scrubInterval").asText());
        assertTrue(session(json, "Old wedding").get("due").asBoolean());
        assertFalse(session(json, "New portraits").get("due").asBoolean());

        cli.expect(Cli.OK, "settings", "set", "scrubInterval", "60d");
        assertFalse(cli.expect(Cli.OK, "status").out().contains("DUE"));
        assertFalse(session(cli.expect(Cli.OK, "status", "--json").json(), "Old wedding").get("due").asBoolean());
    }

    @Test
    void needsAttentionExits1WhileASessionIsBelowThePolicy() {
        cli.expect(Cli.OK, "ingest", card("card", 1).toString(), "--progress", "none");
        CliHarness.Result below = cli.expect(Cli.PROBLEMS, "status", "--needs-attention");
        assertTrue(below.out().contains("NEEDS ATTENTION: 1 of 3 copies; no offsite copy"), below.out());
        assertEquals(1, cli.expect(Cli.PROBLEMS, "status", "--needs-attention", "--json").json().get("sessions").size());
        cli.expect(Cli.OK, "status"); // the whole list is a report, not a check

        cli.expect(Cli.OK, "settings", "set", "copiesBeforeFormat", "1");
        cli.expect(Cli.OK, "settings", "set", "offsiteCopies", "0");
        cli.expect(Cli.OK, "settings", "set", "targetCopies", "1");
        assertTrue(cli.expect(Cli.OK, "status", "--needs-attention").out()
                .contains("Every session meets the copy policy (1 copy, 0 offsite)."));
        assertEquals(0, cli.expect(Cli.OK, "status", "--needs-attention", "--json").json().get("sessions").size());
    }

    private static String line(String out, String name) {
        return out.lines().filter(l -> l.contains(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " in\n" + out));
    }

    private static JsonNode session(JsonNode status, String name) {
        for (JsonNode s : status.get("sessions")) {
            if (s.get("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError(name + " in " + status);
    }
}
