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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command-line ingest ends as the window's does: the sessions it filled, then the card's verdict. */
class IngestVerdictTest {
    @TempDir
    Path tmp;
    CliHarness cli;
    Path card;

    @AfterEach
    void catalogFiguresAddUp() throws Exception {
        CatalogFigures.assertConsistent(tmp.resolve("home"));
    }

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliHarness(tmp.resolve("home"));
        cli.addDrive(tmp.resolve("a"), "A");
        cli.addDrive(tmp.resolve("b"), "B");
        card = tmp.resolve("card");
        Files.createDirectories(card.resolve("DCIM/100CANON"));
        Files.copy(Cards.samples().resolve("canon_eosrp__MG_0635.JPG"), card.resolve("DCIM/100CANON/_MG_0635.JPG"));
        Files.copy(Cards.samples().resolve("canon_eosrp__MG_0636.JPG"), card.resolve("DCIM/100CANON/_MG_0636.JPG"));
        Files.createDirectories(card.resolve("DCIM/100NIKON"));
        Files.copy(Cards.samples().resolve("nikon_d3100_DSC_0008.JPG"), card.resolve("DCIM/100NIKON/DSC_0008.JPG"));
    }

    @Test
    void ingestListsTheSessionsItFilledAndSaysTheCardIsSafe() {
        String out = cli.expect(0, "ingest", card.toString(), "--name", "Ranch", "--name", "Lake", "--progress", "none")
                .out();
        JsonNode status = cli.expect(0, "status", "--json").json();
        String ranchId = null;
        for (JsonNode s : status.get("sessions")) {
            if (s.get("name").asText().equals("Ranch")) {
                ranchId = s.get("id").asText();
            }
        }
        assertTrue(out.contains("Sessions filled:\n  " + ranchId + "  Ranch: 2 files (2 new), a new session, in 2020/"),
                out);
        assertTrue(out.contains("  Lake: 1 file (1 new), a new session, in 2020/"), out);
        assertTrue(out.trim().endsWith("SAFE to format: every file on the card (3 media files) has at least "
                + "2 verified copies on distinct disks."), out);

        JsonNode again = cli.expect(0, "ingest", card.toString(), "--json", "--progress", "none").json();
        assertEquals(2, again.get("sessions").size());
        JsonNode ranch = again.get("sessions").get(0);
        assertEquals(ranchId, ranch.get("id").asText());
        assertEquals("Ranch", ranch.get("name").asText());
        assertEquals(2, ranch.get("files").asInt());
        assertEquals(0, ranch.get("newFiles").asInt());
        assertFalse(ranch.get("created").asBoolean(), "imported before: the files joined it");
        assertTrue(again.get("verdict").get("safe").asBoolean());
        assertEquals(2, again.get("verdict").get("requiredCopies").asInt());
        assertTrue(again.get("verdictProblem").isNull());
    }

    @Test
    void ingestToOneDriveSaysWhatIsStillMissing() {
        CliHarness.Result r = cli.expect(0, "ingest", card.toString(), "--to", "A", "--progress", "none");
        assertTrue(r.out().contains("NOT SAFE to format: 3 of 3 media files lack copies (2 required):"), r.out());
        assertTrue(r.out().contains("  DCIM/100CANON/_MG_0635.JPG: 1 of 2 verified copies"), r.out());
        JsonNode json = cli.expect(0, "ingest", card.toString(), "--to", "A", "--json", "--progress", "none").json();
        assertFalse(json.get("verdict").get("safe").asBoolean());
        assertEquals(3, json.get("verdict").get("lacking").size());
    }
}
