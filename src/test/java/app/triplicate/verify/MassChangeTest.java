package app.triplicate.verify;

import app.triplicate.fault.FaultCase;
import app.triplicate.fault.FaultSuite;
import app.triplicate.testing.Cards;
import app.triplicate.testing.CatalogFigures;
import app.triplicate.testing.CliHarness;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ransomware canary (SPEC.md: mass change): many copies on one drive changed at once are reported as one alarm,
 * nothing is repaired, adopted or followed, the other drive is never written, and repair waits for the user.
 */
@FaultSuite // the fault suite's canary cases (issue 13)
class MassChangeTest {
    private static final int PHOTOS = 10;

    @TempDir
    Path tmp;
    CliHarness cli;
    Path a;
    Path b;
    Path card;

    @BeforeEach
    void ingest() throws Exception {
        cli = new CliHarness(tmp.resolve("home"));
        a = cli.addDrive(tmp.resolve("a"), "A");
        b = cli.addDrive(tmp.resolve("b"), "B");
        card = tmp.resolve("card");
        for (int i = 1; i <= PHOTOS; i++) {
            Cards.randomFile(card.resolve(String.format("DCIM/100CANON/IMG_%04d.CR2", i)), 40_000 + i, i);
            Files.writeString(card.resolve(String.format("DCIM/100CANON/IMG_%04d.xmp", i)),
                    "<x:xmpmeta><rating>" + i + "</rating></x:xmpmeta>");
        }
        cli.expect(0, "ingest", card.toString(), "--name", "Wedding", "--progress", "none");
    }

    @AfterEach
    void catalogFiguresAddUp() throws Exception {
        CatalogFigures.assertConsistent(tmp.resolve("home"));
    }

    @Test
    @FaultCase(name = "canary-overwritten", asserts = "40% of one drive's copies overwritten with random bytes of the "
            + "same size: one MASS_CHANGE alarm naming the drive and count, exit 1, no sidecar adopted, nothing set "
            + "aside or written on either drive (bytes and times) by verify, repair or a second ingest until "
            + "repair --confirm-mass-change, which restores every copy byte-identical and quarantines the damaged ones.")
    void fortyPercentOverwrittenIsOneAlarmNothingRepairedUntilConfirmed() throws Exception {
        List<Path> onA = library(a);
        Map<String, byte[]> good = contents(a);
        Map<String, String> bBefore = snapshot(b);
        long manifests = manifests(a) + manifests(b);
        Random random = new Random(40);
        int overwritten = onA.size() * 40 / 100;
        for (Path p : onA.subList(0, overwritten)) {
            byte[] garbage = new byte[(int) Files.size(p)];
            random.nextBytes(garbage);
            Files.write(p, garbage); // same size, new bytes, a new modification time: as ransomware does
        }

        JsonNode v = cli.expect(1, "verify", "--json").json();
        List<JsonNode> alarms = findings(v, "MASS_CHANGE");
        assertEquals(1, alarms.size(), v.toString());
        assertEquals("A", alarms.get(0).get("drive").asText());
        assertTrue(alarms.get(0).get("detail").asText().startsWith("Many copies changed at once on A: " + overwritten
                + " of " + onA.size() + ". This looks like ransomware or a failing drive. Nothing was repaired."), v.toString());
        assertTrue(findings(v, "CORRUPT").isEmpty() && findings(v, "SIDECAR_CHANGED").isEmpty(),
                "not treated one by one, no sidecar adopted as an edit: " + v);
        assertEquals(manifests, manifests(a) + manifests(b), "no manifest generation written on either drive");
        // the command line says it in words too
        String said = cli.expect(1, "verify").out();
        assertTrue(said.contains("Many copies changed at once on A: " + overwritten + " of " + onA.size()), said);

        // the copies are not counted as good, the last good hashes stay, B is untouched
        JsonNode session = cli.expect(0, "status", "--json").json().get("sessions").get(0);
        assertEquals(onA.size() - overwritten, verifiedOn(session, "A"), session.toString());
        assertEquals(bBefore, snapshot(b));

        JsonNode refused = cli.expect(1, "repair", "--json").json();
        assertTrue(refused.get("actions").get(0).get("outcome").asText().contains("--confirm-mass-change"),
                refused.toString());
        assertFalse(Files.exists(a.resolve(".triplicate/quarantine")), "nothing set aside before confirmation");
        assertEquals(bBefore, snapshot(b));
        // ingesting the card again does not mend them either (that would be a repair)
        cli.run("ingest", card.toString(), "--progress", "none");
        assertFalse(Files.exists(a.resolve(".triplicate/quarantine")), "ingest replaced nothing before confirmation");

        cli.expect(0, "repair", "--confirm-mass-change", "--json");
        assertEquals(good.keySet(), contents(a).keySet());
        good.forEach((path, bytes) -> assertArrayEquals(bytes, read(a.resolve("Triplicate").resolve(path)), path));
        assertEquals(overwritten, Cards.filesUnder(a.resolve(".triplicate/quarantine")).stream()
                .filter(p -> !p.endsWith(".txt") && !p.endsWith(".json")).count(), "each damaged copy is quarantined");
        assertEquals(bBefore, snapshot(b));
        JsonNode after = cli.expect(0, "verify", "--json").json();
        assertTrue(findings(after, "MASS_CHANGE").isEmpty(), after.toString());
    }

    @Test
    @FaultCase(name = "canary-renamed-locked", asserts = "40% of one drive's copies renamed with a .locked suffix: one "
            + "MASS_CHANGE alarm, no rename followed, the other drive untouched, repair refused until confirmed; "
            + "then every copy is back under its library name and the .locked files are left, listed as untracked.")
    void fortyPercentRenamedLockedAreNotFollowedAndComeBackAfterConfirmation() throws Exception {
        List<Path> onA = library(a);
        Map<String, byte[]> good = contents(a);
        Map<String, String> bBefore = snapshot(b);
        int renamed = onA.size() * 40 / 100;
        for (Path p : onA.subList(0, renamed)) {
            Files.move(p, p.resolveSibling(p.getFileName() + ".locked"));
        }

        JsonNode v = cli.expect(1, "verify", "--json").json();
        assertEquals(1, findings(v, "MASS_CHANGE").size(), v.toString());
        assertTrue(findings(v, "MOVED").isEmpty(), "a .locked name is never adopted: " + v);
        JsonNode session = cli.expect(0, "status", "--json").json().get("sessions").get(0);
        assertEquals(onA.size() - renamed, verifiedOn(session, "A"), session.toString());
        cli.expect(1, "repair");
        assertEquals(bBefore, snapshot(b));

        cli.expect(0, "repair", "--confirm-mass-change");
        good.forEach((path, bytes) -> assertArrayEquals(bytes, read(a.resolve("Triplicate").resolve(path)), path));
        assertEquals(bBefore, snapshot(b));
        // the renamed files stay where they are (nothing is deleted), listed as untracked
        JsonNode after = cli.expect(0, "verify", "--json").json();
        assertEquals(renamed, findings(after, "UNTRACKED").size(), after.toString());
    }

    @Test
    void aFewCorruptCopiesAreTreatedOneByOne() throws Exception {
        // 3 of 20: at least 5 are needed below 50, so this is ordinary damage, repaired without asking
        List<Path> onA = library(a);
        for (Path p : onA.subList(0, 3)) {
            byte[] bytes = Files.readAllBytes(p);
            bytes[bytes.length / 2] ^= 1;
            Files.write(p, bytes);
        }
        JsonNode v = cli.expect(1, "verify", "--json").json();
        assertTrue(findings(v, "MASS_CHANGE").isEmpty(), v.toString());
        assertEquals(3, findings(v, "CORRUPT").size(), v.toString());
        cli.expect(0, "repair");
    }

    private List<JsonNode> findings(JsonNode verify, String kind) {
        List<JsonNode> out = new ArrayList<>();
        verify.get("findings").forEach(f -> {
            if (f.get("kind").asText().equals(kind)) {
                out.add(f);
            }
        });
        return out;
    }

    private static long verifiedOn(JsonNode session, String label) {
        for (JsonNode d : session.get("copies")) {
            if (d.get("location").asText().equals(label)) {
                return d.get("verifiedFiles").asLong();
            }
        }
        return 0;
    }

    /** The copies in a drive's library, in path order. */
    private static List<Path> library(Path drive) throws IOException {
        Path root = drive.resolve("Triplicate");
        return Cards.filesUnder(root).stream().map(root::resolve).toList();
    }

    private static Map<String, byte[]> contents(Path drive) throws IOException {
        Path root = drive.resolve("Triplicate");
        Map<String, byte[]> out = new TreeMap<>();
        for (String p : Cards.filesUnder(root)) {
            out.put(p, Files.readAllBytes(root.resolve(p)));
        }
        return out;
    }

    /**
     * Every file under a drive (library and Triplicate's own folder) with its size, time and content hash, except the
     * catalog backups and the marker recording the catalog's generation: once the mass change is confirmed, every
     * run writes those to each connected drive (issue 14), and they are not the library.
     */
    private static Map<String, String> snapshot(Path drive) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (String p : Cards.filesUnder(drive)) {
            if (p.startsWith(".triplicate/catalog/") || p.equals(".triplicate/drive.json")) {
                continue;
            }
            Path f = drive.resolve(p);
            out.put(p, Files.size(f) + " " + Files.getLastModifiedTime(f) + " "
                    + java.util.Arrays.hashCode(Files.readAllBytes(f)));
        }
        return out;
    }

    /** The ASC MHL generations on a drive. */
    private static long manifests(Path drive) throws IOException {
        try (var s = Files.walk(drive)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".mhl")).count();
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
