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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Edits and renames made by photo editors on a drive, and verification on a time budget. */
class VerifyEditsTest {
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
    void ingest() throws Exception {
        cli = new CliHarness(tmp.resolve("home"));
        a = cli.addDrive(tmp.resolve("a"), "A");
        b = cli.addDrive(tmp.resolve("b"), "B");
        card = tmp.resolve("card");
        Files.createDirectories(card.resolve("DCIM/100CANON"));
        Files.copy(Cards.samples().resolve("canon_eosrp__MG_0635.JPG"), card.resolve("DCIM/100CANON/_MG_0635.JPG"));
        Files.writeString(card.resolve("DCIM/100CANON/_MG_0635.xmp"), "<x:xmpmeta><rating>3</rating></x:xmpmeta>");
        cli.expect(0, "ingest", card.toString(), "--name", "Ranch", "--progress", "none");
    }

    private Path folder(Path drive) {
        JsonNode s = cli.expect(0, "status", "--json").json().get("sessions").get(0);
        return drive.resolve("Triplicate").resolve(s.get("folder").asText());
    }

    private static List<String> kinds(JsonNode verify) {
        List<String> out = new ArrayList<>();
        verify.get("findings").forEach(f -> out.add(f.get("kind").asText() + " " + f.get("drive").asText()));
        return out;
    }

    @Test
    void anEditedSidecarIsAnEditNotCorruptionAndRepairUpdatesTheOtherCopyKeepingTheOldOne() throws Exception {
        Path edited = folder(a).resolve("_MG_0635.xmp");
        byte[] before = Files.readAllBytes(edited);
        Files.writeString(edited, "<x:xmpmeta><rating>5</rating><label>Pick</label></x:xmpmeta>");

        JsonNode v = cli.expect(0, "verify", "--json").json();
        List<String> k = kinds(v);
        assertTrue(k.contains("SIDECAR_CHANGED A"), k.toString());
        assertTrue(k.stream().noneMatch(x -> x.startsWith("CORRUPT")), k.toString());
        // B still has the earlier version: outdated (found now, or on the next check)
        assertTrue(k.contains("OUTDATED B") || kinds(cli.expect(0, "verify", "--drive", "B", "--json").json())
                .contains("OUTDATED B"), k.toString());

        JsonNode r = cli.expect(0, "repair", "--json").json();
        assertTrue(r.get("actions").get(0).get("outcome").asText().contains("up to date"), r.toString());
        assertArrayEquals(Files.readAllBytes(edited), Files.readAllBytes(folder(b).resolve("_MG_0635.xmp")));
        List<String> versions = Cards.filesUnder(b.resolve(".triplicate/versions"));
        Path old = b.resolve(".triplicate/versions").resolve(versions.stream().filter(p -> p.endsWith(".xmp")).findFirst().orElseThrow());
        assertArrayEquals(before, Files.readAllBytes(old), "the earlier version is kept");
        assertEquals(List.of(), kinds(cli.expect(0, "verify", "--json").json()));
    }

    @Test
    void aFlippedByteInASidecarIsCorruptionRepairedFromTheGoodCopyNotAnEditSpreadToTheOthers() throws Exception {
        Path damaged = folder(a).resolve("_MG_0635.xmp");
        byte[] good = Files.readAllBytes(damaged);
        java.nio.file.attribute.FileTime modified = Files.getLastModifiedTime(damaged);
        byte[] flipped = good.clone();
        flipped[10] ^= 0x04;
        Files.write(damaged, flipped);
        Files.setLastModifiedTime(damaged, modified); // a bit rotting on the disk does not touch the file's time

        JsonNode v = cli.expect(1, "verify", "--json").json();
        assertEquals(List.of("CORRUPT A"), kinds(v), v.toString());
        assertTrue(v.get("findings").get(0).get("detail").asText().contains("not by an edit"), v.toString());
        assertArrayEquals(good, Files.readAllBytes(folder(b).resolve("_MG_0635.xmp")), "B keeps the good sidecar");

        cli.expect(0, "repair", "--json");
        assertArrayEquals(good, Files.readAllBytes(damaged), "A's sidecar is repaired from B");
        assertTrue(Cards.filesUnder(a.resolve(".triplicate/quarantine")).stream().anyMatch(p -> p.endsWith(".xmp")),
                "the damaged sidecar is quarantined, not deleted");
        assertEquals(List.of(), kinds(cli.expect(0, "verify", "--json").json()));
    }

    @Test
    void aSidecarOverwrittenWithRandomBytesIsNeverAdoptedAndRestoreReturnsTheGoodOne() throws Exception {
        Path damaged = folder(a).resolve("_MG_0635.xmp");
        byte[] good = Files.readAllBytes(damaged);
        byte[] garbage = new byte[good.length];
        new java.util.Random(7).nextBytes(garbage);
        Files.write(damaged, garbage); // as ransomware does: new bytes, a new modification time

        JsonNode v = cli.expect(1, "verify", "--json").json();
        assertEquals(List.of("CORRUPT A"), kinds(v), v.toString());
        assertTrue(v.get("findings").get(0).get("detail").asText().contains("does not parse"), v.toString());
        // a second verify does not adopt it either, and B is never written
        assertEquals(List.of("CORRUPT A"), kinds(cli.expect(1, "verify", "--json").json()));
        assertArrayEquals(good, Files.readAllBytes(folder(b).resolve("_MG_0635.xmp")));

        JsonNode session = cli.expect(0, "status", "--json").json().get("sessions").get(0);
        Path restored = tmp.resolve("restored");
        cli.expect(0, "restore", session.get("id").asText(), "--to", restored.toString(), "--json");
        assertArrayEquals(good, Files.readAllBytes(Cards.filesUnder(restored).stream().filter(p -> p.endsWith(".xmp"))
                .map(restored::resolve).findFirst().orElseThrow()), "restore returns the good sidecar");

        cli.expect(0, "repair", "--json");
        assertArrayEquals(good, Files.readAllBytes(damaged));
    }

    @Test
    void aChangedThumbnailSidecarIsCorruptionNotAnEdit() throws Exception {
        Path thm = card.resolve("DCIM/100CANON/_MG_0635.THM");
        Files.write(thm, new byte[]{(byte) 0xFF, (byte) 0xD8, 1, 2, 3, 4, (byte) 0xFF, (byte) 0xD9});
        cli.expect(0, "ingest", card.toString(), "--progress", "none");
        Path onA = folder(a).resolve("_MG_0635.THM");
        Files.write(onA, new byte[]{(byte) 0xFF, (byte) 0xD8, 9, 9, 9, 9, (byte) 0xFF, (byte) 0xD9});

        JsonNode v = cli.expect(1, "verify", "--json").json();
        assertEquals(List.of("CORRUPT A"), kinds(v), v.toString());
        assertTrue(v.get("findings").get(0).get("detail").asText().contains("not edited by photo editors"), v.toString());
    }

    @Test
    void aFileRenamedOnTheDriveIsFoundMovedNotMissing() throws Exception {
        Path original = folder(a).resolve("_MG_0635.JPG");
        Path renamed = folder(a).resolve("2020-02-18 ranch hero shot.JPG");
        Files.move(original, renamed);
        JsonNode v = cli.expect(0, "verify", "--json").json();
        assertEquals(List.of("MOVED A"), kinds(v));
        assertTrue(v.get("findings").get(0).get("detail").asText().contains("ranch hero shot"));
        assertTrue(Files.exists(renamed) && !Files.exists(original), "nothing is moved back");
        assertEquals(List.of(), kinds(cli.expect(0, "verify", "--json").json()), "the catalog follows the new name");
        assertEquals(2, cli.expect(0, "status", "--json").json().get("sessions").get(0).get("copyCount").asInt());
    }

    @Test
    void aBudgetChecksTheCopiesVerifiedLongestAgoFirstAndStops() throws Exception {
        Path later = tmp.resolve("card2");
        Files.createDirectories(later.resolve("DCIM/100NIKON"));
        Files.copy(Cards.samples().resolve("nikon_d3100_DSC_0008.JPG"), later.resolve("DCIM/100NIKON/DSC_0008.JPG"));
        cli.expect(0, "ingest", later.toString(), "--name", "Later", "--progress", "none");
        String laterVerified = session("Later").get("oldestVerified").asText();

        SlowFileAccess slowDisk = new SlowFileAccess(600); // each copy takes 0.6 s to read
        CliHarness slow = new CliHarness(tmp.resolve("home")).withFiles(slowDisk);
        JsonNode v = slow.expect(0, "verify", "--budget", "0s", "--json").json();
        assertEquals(0, v.get("drives").get(0).get("copiesChecked").asInt(), "no time, nothing checked");
        JsonNode budgeted = slow.expect(0, "verify", "--budget", "1s", "--json").json();
        for (JsonNode d : budgeted.get("drives")) {
            int checked = d.get("copiesChecked").asInt();
            assertTrue(checked >= 1 && checked < 3, "stopped when the budget was spent: " + d);
        }
        assertTrue(!slowDisk.reads().isEmpty(), "the slow reads happened");
        assertEquals(laterVerified, session("Later").get("oldestVerified").asText(),
                "the most recently verified session waits for a later run");
    }

    private JsonNode session(String name) {
        for (JsonNode s : cli.expect(0, "status", "--json").json().get("sessions")) {
            if (s.get("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError(name);
    }
}
