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
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sessions from real camera files, through the command line. */
class IngestSessionsTest {
    @TempDir
    Path tmp;
    CliHarness cli;
    Path driveA;

    @AfterEach
    void catalogFiguresAddUp() throws Exception {
        CatalogFigures.assertConsistent(tmp.resolve("home"));
    }

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliHarness(tmp.resolve("home"));
        driveA = cli.addDrive(tmp.resolve("a"), "A");
    }

    private Path sample(Path card, String sample, String as) throws Exception {
        Path target = card.resolve(as);
        Files.createDirectories(target.getParent());
        return Files.copy(Cards.samples().resolve(sample), target);
    }

    private static List<String> names(JsonNode status) {
        List<String> out = new ArrayList<>();
        status.get("sessions").forEach(s -> out.add(s.get("name").asText()));
        return out;
    }

    @Test
    void aCardIsSplitIntoSessionsByCaptureTimeWithDefaultNames() throws Exception {
        Path card = tmp.resolve("card");
        sample(card, "canon_eosrp__MG_0635.JPG", "DCIM/100CANON/_MG_0635.JPG");
        sample(card, "canon_eosrp__MG_0636.JPG", "DCIM/100CANON/_MG_0636.JPG");
        sample(card, "nikon_d3100_DSC_0008.JPG", "DCIM/100NIKON/DSC_0008.JPG");
        JsonNode scan = cli.expect(0, "scan", card.toString(), "--json").json();
        assertEquals(2, scan.get("sessions").size());
        JsonNode rp = scan.get("sessions").get(0);
        assertEquals(2, rp.get("files").asInt());
        assertEquals("Canon EOS RP", rp.get("cameras").get(0).asText());
        JsonNode item = rp.get("items").get(0);
        assertEquals("DCIM/100CANON/_MG_0635.JPG", item.get("path").asText());
        assertEquals("2020-02-18T08:56:13.29-07:00", item.get("captureTime").asText());
        assertEquals("EXIF:ExifIFD:DateTimeOriginal", item.get("timeSource").asText());
        assertEquals("082023000439", item.get("camera").get("serial").asText());
        assertFalse(item.get("inCatalog").asBoolean());

        cli.expect(0, "ingest", card.toString(), "--progress", "none");
        JsonNode status = cli.expect(0, "status", "--json").json();
        assertEquals(2, status.get("sessions").size());
        JsonNode newest = status.get("sessions").get(0);
        assertTrue(newest.get("folder").asText().startsWith("2020/2020-07-15 "), newest.toString());
        assertTrue(Files.exists(driveA.resolve("Triplicate").resolve(newest.get("folder").asText()).resolve("DSC_0008.JPG")));
        assertEquals("NIKON D3100", newest.get("cameras").get(0).asText());

        JsonNode rescan = cli.expect(0, "scan", card.toString(), "--json").json();
        assertEquals(0, rescan.get("sessions").get(0).get("newFiles").asInt(), "imported before, by the quick check");
        assertTrue(rescan.get("sessions").get(0).get("existingSessionId").isTextual());
    }

    @Test
    void aSecondCardOfTheSameShootJoinsTheExistingSession() throws Exception {
        Path first = tmp.resolve("card1");
        sample(first, "canon_eosrp__MG_0635.JPG", "DCIM/100CANON/_MG_0635.JPG");
        cli.expect(0, "ingest", first.toString(), "--name", "Smith wedding", "--progress", "none");
        Path second = tmp.resolve("card2");
        sample(second, "canon_eosrp__MG_0636.JPG", "DCIM/100EOS_R/_MG_0636.JPG");
        JsonNode r = cli.expect(0, "ingest", second.toString(), "--json", "--progress", "none").json();
        assertEquals(1, r.get("newFiles").asInt());
        JsonNode status = cli.expect(0, "status", "--json").json();
        assertEquals(List.of("Smith wedding"), names(status));
        assertEquals(2, status.get("sessions").get(0).get("files").asInt());
    }

    @Test
    void sameContentOnTwoCardsIsStoredOnce() throws Exception {
        Path first = tmp.resolve("card1");
        sample(first, "nikon_d3100_DSC_0008.JPG", "DCIM/100NIKON/DSC_0008.JPG");
        cli.expect(0, "ingest", first.toString(), "--progress", "none");
        Path slot2 = tmp.resolve("card2");
        sample(slot2, "nikon_d3100_DSC_0008.JPG", "DCIM/100NIKON/DSC_0008.JPG");
        JsonNode r = cli.expect(0, "ingest", slot2.toString(), "--json", "--progress", "none").json();
        assertEquals(0, r.get("destinations").get(0).get("filesWritten").asInt());
        assertEquals(1, Cards.filesUnder(driveA.resolve("Triplicate")).size());
    }

    @Test
    void gapAndNamesAreTakenFromTheCommandLine() throws Exception {
        Path card = tmp.resolve("card");
        Path a = Cards.randomFile(card.resolve("DCIM/A_0001.JPG"), 1000, 1);
        Path b = Cards.randomFile(card.resolve("DCIM/B_0001.JPG"), 1000, 2);
        Files.setLastModifiedTime(a, FileTime.from(Instant.parse("2025-03-01T10:00:00Z")));
        Files.setLastModifiedTime(b, FileTime.from(Instant.parse("2025-03-01T12:00:00Z")));
        assertEquals(1, cli.expect(0, "scan", card.toString(), "--json").json().get("sessions").size());
        JsonNode split = cli.expect(0, "scan", card.toString(), "--gap", "90m", "--json").json();
        assertEquals(2, split.get("sessions").size());
        assertEquals("90m", split.get("gap").asText());
        assertEquals(2, split.get("fallbackFiles").size(), "files without EXIF are listed as fallback");
        assertTrue(cli.expect(2, "ingest", card.toString(), "--gap", "90m", "--name", "x", "--name", "y", "--name", "z")
                .err().contains("3 names"));
        assertTrue(cli.expect(2, "scan", card.toString(), "--gap", "soon").err().contains("--gap"));
        cli.expect(0, "ingest", card.toString(), "--gap", "90m", "--name", "Portraits", "--name", "Product shots",
                "--progress", "none");
        JsonNode status = cli.expect(0, "status", "--json").json();
        assertTrue(names(status).containsAll(List.of("Portraits", "Product shots")), names(status).toString());
        assertEquals(1, status.get("sessions").get(0).get("fallbackFiles").asInt());
    }

    @Test
    void theWholeCardGoesToOneSessionWithSessionName() throws Exception {
        Path card = tmp.resolve("card");
        sample(card, "canon_eosrp__MG_0635.JPG", "DCIM/100CANON/_MG_0635.JPG");
        sample(card, "nikon_d3100_DSC_0008.JPG", "DCIM/100NIKON/DSC_0008.JPG");
        cli.expect(0, "ingest", card.toString(), "--session", "Everything", "--progress", "none");
        JsonNode status = cli.expect(0, "status", "--json").json();
        assertEquals(List.of("Everything"), names(status));
        assertEquals("2020/2020-02-18 Everything", status.get("sessions").get(0).get("folder").asText());
        cli.expect(2, "ingest", card.toString(), "--session", "x", "--name", "y");
    }
}
