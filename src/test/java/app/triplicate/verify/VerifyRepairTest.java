package app.triplicate.verify;

import app.triplicate.testing.Cards;
import app.triplicate.testing.CatalogFigures;
import app.triplicate.testing.CliHarness;
import app.triplicate.testing.SlowFileAccess;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Copy counts against the policy, safe-to-format, verify-all and repair, on real files and a real catalog. */
class VerifyRepairTest {
    @TempDir
    Path tmp;
    CliHarness cli;
    Path card;
    Path a;
    Path b;

    @AfterEach
    void catalogFiguresAddUp() throws Exception {
        CatalogFigures.assertConsistent(tmp.resolve("home"));
    }

    @BeforeEach
    void ingestToTwoDrives() throws Exception {
        cli = new CliHarness(tmp.resolve("home"));
        a = cli.addDrive(tmp.resolve("a"), "A");
        b = cli.addDrive(tmp.resolve("b"), "B");
        card = tmp.resolve("card");
        Files.createDirectories(card.resolve("DCIM/100CANON"));
        for (String s : List.of("canon_eosrp__MG_0635.JPG", "canon_eosrp__MG_0636.JPG")) {
            Files.copy(Cards.samples().resolve(s), card.resolve("DCIM/100CANON").resolve(s.substring(12)));
        }
        cli.expect(0, "ingest", card.toString(), "--name", "Ranch", "--progress", "none");
    }

    /** The session this test imported ("Ranch"). */
    private JsonNode session() {
        for (JsonNode s : cli.expect(0, "status", "--json").json().get("sessions")) {
            if (s.get("name").asText().equals("Ranch")) {
                return s;
            }
        }
        throw new AssertionError("no session Ranch");
    }

    private Path copyOn(Path drive, String name) throws Exception {
        return drive.resolve("Triplicate").resolve(session().get("folder").asText()).resolve(name);
    }

    private static List<String> kinds(JsonNode verify) {
        List<String> out = new ArrayList<>();
        verify.get("findings").forEach(f -> out.add(f.get("kind").asText() + " " + f.get("drive").asText()
                + (f.get("path").isNull() ? "" : " " + f.get("path").asText().replaceAll(".*/", ""))));
        return out;
    }

    @Test
    void statusSaysWhySessionsAreBelowPolicy() throws Exception {
        JsonNode s = session();
        assertEquals(2, s.get("copyCount").asInt());
        assertEquals(3, s.get("targetCopies").asInt());
        assertEquals("none", s.get("offsite").asText());
        assertFalse(s.get("meetsPolicy").asBoolean());
        assertEquals(List.of("2 of 3 copies", "no offsite copy"), List.of(s.get("reasons").get(0).asText(),
                s.get("reasons").get(1).asText()));
        assertTrue(s.get("oldestVerified").isTextual());
        assertEquals(1, cli.expect(1, "status", "--needs-attention", "--json").json().get("sessions").size());
        assertTrue(cli.expect(0, "status").out().contains("NEEDS ATTENTION: 2 of 3 copies; no offsite copy"));

        Path c = cli.addDrive(tmp.resolve("c"), "C-offsite");
        cli.expect(0, "drive", "list");
        Path offsiteDrive = Files.createDirectories(tmp.resolve("d"));
        cli.expect(0, "drive", "add", offsiteDrive.toString(), "--label", "Home", "--offsite", "--same-device");
        cli.expect(0, "ingest", card.toString(), "--progress", "none");
        JsonNode after = session();
        assertEquals(4, after.get("copyCount").asInt());
        assertEquals("offsite drive", after.get("offsite").asText());
        assertTrue(after.get("meetsPolicy").asBoolean(), after.toString());
        assertEquals(0, cli.expect(0, "status", "--needs-attention", "--json").json().get("sessions").size());
        assertTrue(Files.exists(c.resolve("Triplicate")));
    }

    @Test
    void aFlippedByteIsFoundCorruptRepairedByteForByteAndQuarantined() throws Exception {
        Path copy = copyOn(b, "_MG_0635.JPG");
        byte[] good = Files.readAllBytes(copy);
        byte[] bad = good.clone();
        bad[bad.length / 2] ^= 0x01;
        Files.write(copy, bad);

        JsonNode v = cli.expect(1, "verify", "--json").json();
        assertEquals(List.of("CORRUPT B _MG_0635.JPG"), kinds(v));
        assertEquals(1, session().get("copyCount").asInt());
        assertEquals("1 file has 1 copy", session().get("reasons").get(0).asText());

        JsonNode dry = cli.expect(0, "repair", "--dry-run", "--json").json();
        assertTrue(dry.get("actions").get(0).get("outcome").asText().startsWith("would"));
        assertArrayEquals(bad, Files.readAllBytes(copy), "a dry run changes nothing");

        JsonNode r = cli.expect(0, "repair", "--json").json();
        assertEquals("A", r.get("actions").get(0).get("from").asText());
        assertArrayEquals(good, Files.readAllBytes(copy));
        List<String> quarantined = Cards.filesUnder(b.resolve(".triplicate/quarantine"));
        assertEquals(2, quarantined.size(), "the bad file and a note: " + quarantined);
        Path kept = b.resolve(".triplicate/quarantine").resolve(quarantined.stream().filter(p -> p.endsWith(".JPG")).findFirst().orElseThrow());
        assertArrayEquals(bad, Files.readAllBytes(kept), "the corrupt file is kept, not deleted");
        assertTrue(Files.readString(kept.resolveSibling(kept.getFileName() + ".why.txt")).contains("should have XXH128"));

        assertEquals(List.of(), kinds(cli.expect(0, "verify", "--json").json()));
        assertEquals(2, session().get("copyCount").asInt());
    }

    @Test
    void aDeletedCopyIsMissingAndRepaired() throws Exception {
        Path copy = copyOn(a, "_MG_0636.JPG");
        byte[] good = Files.readAllBytes(copy);
        Files.delete(copy);
        assertEquals(List.of("MISSING A _MG_0636.JPG"), kinds(cli.expect(1, "verify", "--json").json()));
        assertTrue(cli.expect(0, "repair").out().contains("copied again"));
        assertArrayEquals(good, Files.readAllBytes(copy));
        cli.expect(0, "verify");
    }

    @Test
    void aDriveThatIsNotConnectedIsReportedWithoutMissingFiles() throws Exception {
        Files.move(b, tmp.resolve("b-unplugged"));
        JsonNode v = cli.expect(0, "verify", "--json").json();
        assertEquals(List.of("NOT_CONNECTED B"), kinds(v));
        assertTrue(v.get("findings").get(0).get("lastVerified").isTextual(), "when it was last verified");
        assertEquals(1, v.get("drives").size());
        assertEquals(2, session().get("copyCount").asInt(), "counts unchanged");
        assertTrue(cli.expect(3, "verify", "--drive", "B").err().contains("not connected"));
    }

    @Test
    void aStrayFileInASessionFolderIsUntracked() throws Exception {
        Files.writeString(copyOn(a, "notes.txt"), "call the venue");
        JsonNode v = cli.expect(0, "verify", "--json").json();
        assertEquals(List.of("UNTRACKED A notes.txt"), kinds(v));
    }

    @Test
    void twoDrivesAreVerifiedConcurrentlyWithTheirOwnFigures() {
        SlowFileAccess slowDisks = new SlowFileAccess(300);
        JsonNode v = new CliHarness(tmp.resolve("home")).withFiles(slowDisks).expect(0, "verify", "--json").json();
        List<SlowFileAccess.Read> reads = slowDisks.reads();
        boolean overlapped = reads.stream().anyMatch(x -> reads.stream().anyMatch(y -> x.file().startsWith(a)
                && y.file().startsWith(b) && x.startNanos() < y.endNanos() && y.startNanos() < x.endNanos()));
        assertTrue(overlapped, "a read on A overlapped a read on B: one worker per disk");
        assertEquals(2, v.get("drives").size());
        for (JsonNode d : v.get("drives")) {
            assertEquals(2, d.get("copiesChecked").asInt());
            assertTrue(d.get("bytesRead").asLong() > 1_700_000);
        }
        assertEquals(0, cli.expect(0, "verify", "--older-than", "30d", "--json").json().get("drives").get(0)
                .get("copiesChecked").asInt(), "nothing is older than 30 days");
        assertEquals(2, cli.expect(0, "verify", "--session", "Ranch", "--drive", "A", "--json").json().get("drives")
                .get(0).get("copiesChecked").asInt());
    }

    @Test
    void repairToADriveBringsSessionsUpToPolicy() throws Exception {
        Path c = cli.addDrive(tmp.resolve("c"), "C");
        assertEquals(2, cli.expect(0, "repair", "--to", "C", "--dry-run", "--json").json().get("actions").size());
        assertFalse(Files.exists(c.resolve("Triplicate")), "a dry run writes nothing");
        cli.expect(0, "repair", "--to", "C");
        assertArrayEquals(Files.readAllBytes(copyOn(a, "_MG_0635.JPG")), Files.readAllBytes(copyOn(c, "_MG_0635.JPG")));
        assertEquals(3, session().get("copyCount").asInt());
        assertEquals(0, cli.expect(0, "repair", "--to", "C", "--json").json().get("actions").size(), "nothing left below 3");
    }

    @Test
    void drivesCanBeRenamedFlaggedOffsiteAndRetired() throws Exception {
        cli.expect(0, "drive", "rename", "B", "Backup B");
        assertEquals("Backup B", Files.readString(b.resolve(".triplicate/drive.json")).replaceAll("(?s).*\"label\" : \"([^\"]+)\".*", "$1"));
        cli.expect(0, "drive", "set", "Backup B", "--offsite");
        JsonNode s = session();
        assertEquals("offsite drive", s.get("offsite").asText());
        assertEquals(List.of("2 of 3 copies"), List.of(s.get("reasons").get(0).asText()));
        assertEquals(1, s.get("reasons").size());
        cli.expect(0, "drive", "set", "Backup B", "--no-offsite");
        assertEquals("none", session().get("offsite").asText());

        cli.expect(0, "drive", "retire", "Backup B");
        assertEquals(1, session().get("copyCount").asInt(), "a retired drive's copies no longer count");
        JsonNode list = cli.expect(0, "drive", "list", "--json").json();
        assertTrue(list.get("drives").get(1).get("retired").asBoolean());
        assertTrue(list.get("drives").get(0).get("lastVerified").isTextual());
        JsonNode v = cli.expect(0, "verify", "--json").json();
        assertEquals(List.of(), kinds(v), "a retired drive is neither checked nor reported missing");
        assertEquals(1, v.get("drives").size());
        assertTrue(Files.exists(copyOn(b, "_MG_0635.JPG")), "nothing on it is touched");
        assertEquals(0, cli.expect(0, "status", "--json").json().get("drives").size(), "no drive is stale today");
    }

    @Test
    void cardCheckSaysSafeOnlyWhenEveryFileHasTwoCopies() throws Exception {
        JsonNode safe = cli.expect(0, "card", "check", card.toString(), "--json").json();
        assertTrue(safe.get("safe").asBoolean());
        assertTrue(cli.expect(0, "card", "check", card.toString(), "--deep").out().startsWith("SAFE"));

        Files.copy(Cards.samples().resolve("nikon_d3100_DSC_0008.JPG"), card.resolve("DCIM/100CANON/DSC_0008.JPG"));
        JsonNode notImported = cli.expect(1, "card", "check", card.toString(), "--json").json();
        assertEquals("not imported", notImported.get("lacking").get(0).get("reason").asText());

        cli.expect(0, "ingest", card.toString(), "--to", "A", "--progress", "none");
        JsonNode oneCopy = cli.expect(1, "card", "check", card.toString(), "--json").json();
        assertEquals(1, oneCopy.get("lacking").size());
        assertEquals("1 of 2 verified copies", oneCopy.get("lacking").get(0).get("reason").asText());
        assertTrue(cli.expect(1, "card", "check", card.toString()).out().contains("NOT SAFE"));

        Files.delete(copyOn(a, "_MG_0635.JPG"));
        cli.expect(1, "verify", "--drive", "A");
        assertEquals(2, cli.expect(1, "card", "check", card.toString(), "--deep", "--json").json().get("lacking").size(),
                "a copy found missing no longer counts");
    }
}
