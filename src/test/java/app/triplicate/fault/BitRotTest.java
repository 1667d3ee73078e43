package app.triplicate.fault;

import app.triplicate.testing.Cards;
import app.triplicate.testing.CatalogFigures;
import app.triplicate.testing.CliHarness;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 100 seeded byte flips in copies on two drives (photos, RAW, video and XMP sidecars; never on the card, never
 * both copies of one file): verify finds every one by drive and path, repair writes every one back
 * byte-identical from the good copy, and every damaged copy is kept in its drive's quarantine.
 */
@FaultSuite
class BitRotTest {
    static final long SEED = Long.getLong("triplicate.fault.seed", 1313L);
    static final int FLIPS = 100;

    @TempDir
    Path tmp;

    @Test
    @FaultCase(name = "byte-flips", asserts = "100 seeded byte flips in copies on two drives (JPEG, RAW, video, XMP), "
            + "about 50 of 110 on each: verify raises one mass-change alarm per drive and records exactly the "
            + "flipped copies corrupt, by drive and path; repair writes nothing until confirmed, then restores each "
            + "byte-identical from the good copy; the damaged bytes are quarantined, the card is unchanged and the "
            + "catalog recount agrees.")
    @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void everyFlipIsFoundRepairedAndQuarantined() throws Exception {
        Path home = tmp.resolve("home");
        CliHarness cli = new CliHarness(home);
        Map<String, Path> drives = new LinkedHashMap<>();
        drives.put("A", cli.addDrive(tmp.resolve("a"), "A"));
        drives.put("B", cli.addDrive(tmp.resolve("b"), "B"));
        Random rnd = new Random(SEED);
        String ctx = "seed " + SEED;

        Path card = tmp.resolve("card");
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= 110; i++) {
            String stem = String.format("DCIM/100TEST/IMG_%04d", i);
            switch (i % 4) {
                case 0 -> names.add(stem + ".JPG");
                case 1 -> names.add(stem + ".CR3");
                case 2 -> names.add(stem + ".MOV");
                default -> names.add(stem + ".XMP");
            }
            String name = names.get(names.size() - 1);
            if (name.endsWith(".XMP")) {
                Files.createDirectories(card.resolve(name).getParent());
                Files.writeString(card.resolve(name), xmp(i), StandardCharsets.UTF_8);
            } else {
                Cards.randomFile(card.resolve(name), 20_000 + rnd.nextInt(name.endsWith(".MOV") ? 300_000 : 80_000),
                        rnd.nextLong());
            }
        }
        Library.CardState before = Library.snapshot(card);
        Set<String> good = Library.contents(card);
        cli.expect(0, "ingest", card.toString(), "--name", "Rot", "--progress", "none");
        String folder = cli.expect(0, "status", "--json").json().get("sessions").get(0).get("folder").asText();

        // one flip in each of 100 files, on a seeded drive: the other drive keeps the good copy
        List<String> pool = new ArrayList<>(names);
        Map<String, String> flipped = new HashMap<>(); // "drive path" -> damaged content
        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < FLIPS; i++) {
            String name = Path.of(pool.remove(rnd.nextInt(pool.size()))).getFileName().toString();
            String drive = rnd.nextBoolean() ? "A" : "B";
            String path = folder + "/" + name;
            Path copy = drives.get(drive).resolve("Triplicate").resolve(path);
            Flips.flip(copy, rnd);
            flipped.put(drive + " " + path, Library.hash(copy).hex());
            expected.add("CORRUPT " + drive + " " + path);
        }

        CliHarness.Result verify = cli.run("verify", "--json");
        assertEquals(1, verify.exitCode(), ctx + ": " + verify.out() + verify.err());
        // ~50 flipped copies of 110 on each drive are a mass change (SPEC.md): one alarm per drive, not a list;
        // each flipped copy is recorded corrupt all the same, so none counts
        Set<String> alarms = new TreeSet<>();
        for (JsonNode f : verify.json().get("findings")) {
            assertEquals("MASS_CHANGE", f.get("kind").asText(), ctx + ": " + f);
            alarms.add(f.get("drive").asText());
        }
        assertEquals(Set.of("A", "B"), alarms, ctx + ": " + verify.out());
        assertEquals(expected, Library.copiesIn(home, "CORRUPT"),
                ctx + ": verify records exactly the flipped copies corrupt, by drive and path");
        Set<String> onA = Library.contents(drives.get("A").resolve("Triplicate"));
        assertEquals(1, cli.run("repair", "--json").exitCode(), ctx + ": repair waits for the user's confirmation");
        assertEquals(onA, Library.contents(drives.get("A").resolve("Triplicate")), ctx + ": nothing repaired yet");

        JsonNode repair = repairConfirmingMassChange(cli).json();
        assertEquals(FLIPS, repair.get("actions").size(), ctx + ": " + repair);
        for (JsonNode a : repair.get("actions")) {
            assertTrue(a.get("ok").asBoolean(), ctx + ": " + a);
            assertTrue(flipped.containsKey(a.get("drive").asText() + " " + a.get("path").asText()), ctx + ": " + a);
        }
        for (String name : names) {
            byte[] original = Files.readAllBytes(card.resolve(name));
            for (var d : drives.entrySet()) {
                Path copy = d.getValue().resolve("Triplicate").resolve(folder).resolve(Path.of(name).getFileName());
                assertArrayEquals(original, Files.readAllBytes(copy), ctx + ": not byte-identical on " + d.getKey()
                        + ": " + name);
            }
        }
        // each damaged copy kept, not deleted, in its own drive's quarantine
        Set<String> quarantined = new HashSet<>();
        for (var d : drives.entrySet()) {
            for (Path f : Library.regularFiles(d.getValue().resolve(".triplicate/quarantine"))) {
                if (!f.getFileName().toString().endsWith(".why.txt")) {
                    quarantined.add(d.getKey() + " " + Library.hash(f).hex());
                }
            }
        }
        Set<String> damaged = new HashSet<>();
        flipped.forEach((where, hash) -> damaged.add(where.substring(0, 1) + " " + hash));
        assertEquals(damaged, quarantined, ctx + ": the damaged copies in quarantine, on their own drives");

        cli.expect(0, "verify");
        Library.assertNoPartialFiles(drives, good, false, ctx);
        Map<String, Integer> counted = Library.assertCatalogTrue(cli, home, drives, ctx);
        assertEquals(Map.of("A", names.size(), "B", names.size()), counted, ctx);
        before.assertUnchanged(card, ctx);
        CatalogFigures.assertConsistent(home);
        FaultRecorder.runs("byte-flips", FLIPS);
    }

    /**
     * Repairs after a verify that found many changes on one drive. The ransomware canary (issue 13, the lead's
     * part) refuses such a repair until {@code repair --confirm-mass-change}; this branch has no canary yet, so the
     * plain repair repairs and, should it not, the option is tried, falling back to a plain repair while the
     * command does not know it (exit 2). When the canary is merged: assert that the plain repair refuses
     * (exit 1, nothing changed) and that the confirmed one repairs.
     */
    static CliHarness.Result repairConfirmingMassChange(CliHarness cli) {
        return cli.expect(0, "repair", "--json", "--confirm-mass-change");
    }

    private static String xmp(int i) {
        return """
                <?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
                <x:xmpmeta xmlns:x="adobe:ns:meta/">
                 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:Rating="%d"
                    xmlns:crs="http://ns.adobe.com/camera-raw-settings/1.0/" crs:Exposure2012="+0.%02d"/>
                 </rdf:RDF>
                </x:xmpmeta>
                <?xpacket end="w"?>
                """.formatted(i % 6, i);
    }
}
