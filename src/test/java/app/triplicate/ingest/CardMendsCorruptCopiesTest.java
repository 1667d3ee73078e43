package app.triplicate.ingest;

import app.triplicate.testing.Cards;
import app.triplicate.testing.CatalogFigures;
import app.triplicate.testing.CliHarness;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A copy damaged on every drive is mended from the card in hand (issue 13, defect 7). */
class CardMendsCorruptCopiesTest {
    @TempDir
    Path tmp;

    @AfterEach
    void catalogFiguresAddUp() throws Exception {
        CatalogFigures.assertConsistent(tmp.resolve("home"));
    }

    @Test
    void ingestingTheIntactCardReplacesCopiesProvenCorruptOnEveryDriveAndQuarantinesThem() throws Exception {
        CliHarness cli = new CliHarness(tmp.resolve("home"));
        Path a = cli.addDrive(tmp.resolve("a"), "A");
        Path b = cli.addDrive(tmp.resolve("b"), "B");
        Path card = tmp.resolve("card");
        Path onCard = Files.copy(Cards.samples().resolve("canon_eosrp__MG_0635.JPG"),
                Files.createDirectories(card.resolve("DCIM/100CANON")).resolve("_MG_0635.JPG"));
        cli.expect(0, "ingest", card.toString(), "--progress", "none");
        String folder = cli.expect(0, "status", "--json").json().get("sessions").get(0).get("folder").asText();
        List<Path> copies = List.of(a.resolve("Triplicate").resolve(folder).resolve("_MG_0635.JPG"),
                b.resolve("Triplicate").resolve(folder).resolve("_MG_0635.JPG"));
        for (Path copy : copies) {
            byte[] bytes = Files.readAllBytes(copy);
            bytes[bytes.length / 2] ^= 0x10;
            Files.write(copy, bytes);
        }
        JsonNode v = cli.expect(1, "verify", "--json").json();
        List<String> kinds = new ArrayList<>();
        v.get("findings").forEach(f -> kinds.add(f.get("kind").asText() + " " + f.get("drive").asText()));
        assertEquals(List.of("CORRUPT A", "CORRUPT B"), kinds.stream().sorted().toList());

        JsonNode again = cli.expect(0, "ingest", card.toString(), "--progress", "none", "--json").json();
        assertEquals(0, again.get("failedFiles").asInt(), again.toString());

        byte[] good = Files.readAllBytes(onCard);
        for (Path copy : copies) {
            assertArrayEquals(good, Files.readAllBytes(copy), copy + " is mended from the card");
        }
        for (Path drive : List.of(a, b)) {
            List<String> kept = Cards.filesUnder(drive.resolve(".triplicate/quarantine"));
            assertTrue(kept.stream().anyMatch(p -> p.endsWith("_MG_0635.JPG")), "the damaged copy is kept: " + kept);
            assertTrue(kept.stream().anyMatch(p -> p.endsWith("_MG_0635.JPG.why.txt")), "with a note: " + kept);
        }
        assertEquals(0, cli.expect(0, "verify", "--json").json().get("findings").size());
        JsonNode session = cli.expect(0, "status", "--json").json().get("sessions").get(0);
        assertEquals(2, session.get("copyCount").asInt(), session.toString());
    }

    @Test
    void aCardWhoseBytesDifferFromTheRecordedOnesNeverReplacesACopy() throws Exception {
        CliHarness cli = new CliHarness(tmp.resolve("home"));
        Path a = cli.addDrive(tmp.resolve("a"), "A");
        Path card = tmp.resolve("card");
        Path onCard = Files.copy(Cards.samples().resolve("canon_eosrp__MG_0635.JPG"),
                Files.createDirectories(card.resolve("DCIM/100CANON")).resolve("_MG_0635.JPG"));
        cli.expect(0, "ingest", card.toString(), "--progress", "none");
        String folder = cli.expect(0, "status", "--json").json().get("sessions").get(0).get("folder").asText();
        Path copy = a.resolve("Triplicate").resolve(folder).resolve("_MG_0635.JPG");
        byte[] damaged = Files.readAllBytes(copy);
        damaged[100] ^= 1;
        Files.write(copy, damaged);
        cli.expect(1, "verify", "--json");
        // the card itself is damaged now too, differently: it is no good source, and nothing is overwritten
        byte[] cardBytes = Files.readAllBytes(onCard);
        cardBytes[200] ^= 1;
        Files.write(onCard, cardBytes);

        cli.run("ingest", card.toString(), "--progress", "none");
        assertArrayEquals(damaged, Files.readAllBytes(copy), "the corrupt copy is left for repair to judge");
        assertTrue(!Files.exists(a.resolve(".triplicate/quarantine")) || Cards.filesUnder(a.resolve(".triplicate/quarantine"))
                .stream().noneMatch(p -> p.endsWith("_MG_0635.JPG")), "nothing set aside");
    }
}
