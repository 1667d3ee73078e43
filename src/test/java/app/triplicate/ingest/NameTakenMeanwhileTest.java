package app.triplicate.ingest;

import app.triplicate.testing.Cards;
import app.triplicate.testing.CliHarness;
import app.triplicate.testing.FaultyFileAccess;
import app.triplicate.testing.FaultyFileAccess.Fault;
import app.triplicate.testing.FaultyFileAccess.Op;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Another program creates a file under the copy's name on one drive after ingest checked that the name was
 * free and before the copy is moved into place: that file is kept as it is, the copy lands under the next
 * free name, and the catalog records where, so verify finds it.
 */
class NameTakenMeanwhileTest {
    @TempDir
    Path tmp;

    @Test
    void theCopyLandsUnderTheNextFreeNameAndTheOtherFileIsKept() throws IOException {
        FaultyFileAccess faulty = new FaultyFileAccess();
        CliHarness cli = new CliHarness(tmp.resolve("home")).withFiles(faulty);
        Path driveA = cli.addDrive(tmp.resolve("driveA"), "A");
        Path driveB = cli.addDrive(tmp.resolve("driveB"), "B");
        Path card = Files.createDirectories(tmp.resolve("card"));
        Path picture = Cards.randomFile(card.resolve("DCIM/100TEST/DSC_0001.JPG"), 500_000, 3);
        byte[] theirs = "another program's file".getBytes(StandardCharsets.UTF_8);
        Fault meanwhile = faulty.beforeOnce(Op.MOVE, driveA, p -> p.getFileName().toString().equals("DSC_0001.JPG"),
                () -> write(faulty.calls().stream().filter(c -> c.op() == Op.MOVE && c.path().startsWith(driveA)).reduce((x, y) -> y).orElseThrow().path(), theirs));

        cli.expect(0, "ingest", card.toString(), "--progress", "none");

        assertEquals(1, meanwhile.fired(), "the other file was never created: " + meanwhile);
        List<String> onA = Cards.filesUnder(driveA.resolve("Triplicate"));
        Path taken = driveA.resolve("Triplicate").resolve(onA.stream().filter(p -> p.endsWith("/DSC_0001.JPG")).findFirst().orElseThrow());
        Path landed = taken.resolveSibling("DSC_0001-2.JPG");
        assertEquals(2, onA.size(), "on A: " + onA);
        assertArrayEquals(theirs, Files.readAllBytes(taken), "the other program's file is intact");
        assertArrayEquals(Files.readAllBytes(picture), Files.readAllBytes(landed), "the copy is whole, beside it");
        List<String> onB = Cards.filesUnder(driveB.resolve("Triplicate"));
        assertEquals(1, onB.size(), "on B: " + onB);
        assertTrue(onB.get(0).endsWith("DSC_0001.JPG"), onB.toString());

        // the catalog knows where the copy on A is: verify finds both copies good
        var verify = new CliHarness(tmp.resolve("home")).expect(0, "verify", "--json");
        var report = verify.json();
        assertTrue(report.get("ok").asBoolean(), verify.out());
        for (var d : report.get("drives")) {
            assertEquals(1, d.get("copiesChecked").asInt(), verify.out());
            assertEquals(0, d.get("problems").asInt(), verify.out());
        }
        // the other program's file is shown, not adopted
        var finding = report.get("findings").get(0);
        assertEquals("UNTRACKED", finding.get("kind").asText());
        assertEquals("A", finding.get("drive").asText());
        assertTrue(finding.get("path").asText().endsWith("/DSC_0001.JPG"), verify.out());
    }

    private static void write(Path p, byte[] bytes) {
        try {
            Files.write(p, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
