package app.triplicate.rebuild;

import app.triplicate.files.LocalFileAccess;
import app.triplicate.files.SmallFile;
import app.triplicate.mhl.HashList;
import app.triplicate.mhl.MhlHistory;
import app.triplicate.testing.Cards;
import app.triplicate.testing.CliHarness;
import app.triplicate.testing.Manifests;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code adopt}: a session folder another tool offloaded onto a registered drive, with an ASC MHL history written by
 * the project's own writer classes under another tool's name, taken into the catalog where it stands.
 */
class AdoptTest {
    private static final List<String> SAMPLES = List.of("apple_iphonexr_IMG_3581.JPG", "canon_eos350d_CanonRaw.cr2",
            "nikon_d70_Nikon.nef");

    @TempDir
    Path tmp;
    Path a;
    Path b;
    Path folder;
    CliHarness cli;

    @BeforeEach
    void offloadedFolderOnDriveA() throws Exception {
        cli = new CliHarness(tmp.resolve("home")).withMountRoots(tmp);
        a = cli.addDrive(tmp.resolve("a"), "A");
        b = cli.addDrive(tmp.resolve("b"), "B");
        // the other tool's layout: a folder of its own naming, a sub-folder per camera roll
        folder = Files.createDirectories(a.resolve("Triplicate/2024/Shoot Day 1"));
        Files.createDirectories(folder.resolve("A001"));
        for (String s : SAMPLES) {
            Files.copy(Cards.samples().resolve(s), folder.resolve("A001").resolve(s));
        }
        writeOtherToolsHistory(folder);
    }

    @Test
    void adoptsInPlaceWithVerifiedCopiesAndContinuesTheHistory() throws Exception {
        List<Path> before = filesUnder(tmp);

        JsonNode r = cli.expect(0, "adopt", folder.toString(), "--drive", "A", "--json").json();
        assertEquals(SAMPLES.size(), r.get("adopted").asInt(), r.toString());
        assertEquals("2024/Shoot Day 1", r.get("folder").asText());
        assertEquals("Shoot Day 1", r.get("session").asText());

        JsonNode status = cli.expect(0, "status", "--json").json();
        assertEquals(1, status.get("sessions").size(), status.toString());
        JsonNode s = status.get("sessions").get(0);
        assertEquals("2024/Shoot Day 1", s.get("folder").asText(), s.toString());
        assertEquals(SAMPLES.size(), s.get("files").asInt(), s.toString());
        assertEquals(1, s.get("copyCount").asInt(), "a verified copy on A only: " + s);

        // nothing copied: the only new files are the history's new generation and Triplicate's own (catalog backups)
        List<Path> added = new ArrayList<>(filesUnder(tmp));
        added.removeAll(before);
        for (Path p : added) {
            String rel = tmp.relativize(p).toString().replace('\\', '/');
            assertTrue(rel.startsWith("home/") || rel.contains("/.triplicate/")
                    || rel.startsWith("a/Triplicate/2024/Shoot Day 1/ascmhl/"), "unexpected new file " + rel);
        }
        assertTrue(filesUnder(b).stream().noneMatch(p -> p.toString().contains("A001")), "nothing copied to B");

        // the reader checks the chain and each manifest's C4 id; the first generation is the other tool's
        MhlHistory h = MhlHistory.read(folder);
        assertEquals(2, h.generations().size(), "the other tool's history continued by one generation");
        assertEquals("OtherOffloadTool", h.generations().getFirst().toolName());
        HashList g = h.generations().getLast();
        assertEquals("Triplicate", g.toolName());
        Map<String, String> actions = Manifests.actions(g);
        for (String s2 : SAMPLES) {
            assertEquals("verified " + Manifests.xxh128(folder.resolve("A001").resolve(s2)), actions.get("A001/" + s2),
                    "each file read and proven again: " + actions);
        }
        assertEquals(List.of(), Manifests.referenceCheck(folder));
        assertTrue(cli.expect(0, "verify").out().contains("Every copy checked is good."));
    }

    @Test
    void aFlippedFileIsReportedAndNotCounted() throws Exception {
        Path flipped = folder.resolve("A001").resolve(SAMPLES.get(1));
        byte[] bytes = Files.readAllBytes(flipped);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(flipped, bytes);
        Files.writeString(folder.resolve("A001/notes.txt"), "not in the history");

        CliHarness.Result r = cli.expect(1, "adopt", folder.toString(), "--drive", "A", "--name", "Day one");
        assertTrue(r.out().contains("A001/" + SAMPLES.get(1) + ": not counted (its bytes differ"), r.out());
        assertTrue(r.out().contains("A001/notes.txt: not counted (its ASC MHL history does not list it)"), r.out());
        JsonNode s = cli.expect(0, "status", "--json").json().get("sessions").get(0);
        assertEquals("Day one", s.get("name").asText(), s.toString());
        assertEquals(SAMPLES.size() - 1, s.get("files").asInt(), s.toString());
    }

    @Test
    void aFolderOutsideTheLibraryIsRefused() throws Exception {
        Path outside = Files.createDirectories(a.resolve("Elsewhere/Shoot"));
        Files.copy(Cards.samples().resolve(SAMPLES.get(0)), outside.resolve(SAMPLES.get(0)));
        writeOtherToolsHistory(outside);
        CliHarness.Result r = cli.expect(2, "adopt", outside.toString(), "--drive", "A");
        assertTrue(r.err().contains("is not a session folder in drive A's library") && r.err().contains("move it into"),
                r.err());
        // directly under the library, where catalog rebuild would not look for a session folder
        Path shallow = Files.move(outside, Files.createDirectories(a.resolve("Triplicate")).resolve("Shoot"));
        r = cli.expect(2, "adopt", shallow.toString(), "--drive", "A");
        assertTrue(r.err().contains(a.resolve("Triplicate").resolve("<year>").resolve("Shoot").toString()), r.err());
        assertEquals(0, cli.expect(0, "status", "--json").json().get("sessions").size());
    }

    @Test
    void aDriveThatIsNotConnectedCannotAdopt() throws Exception {
        // A moved where neither its registered path nor the mount roots looked at lead
        Path away = Files.move(a, Files.createDirectories(tmp.resolve("away")).resolve("a"));
        CliHarness elsewhere = new CliHarness(tmp.resolve("home")).withMountRoots(tmp.resolve("no-mounts"));
        CliHarness.Result r = elsewhere.expect(3, "adopt", away.resolve("Triplicate/2024/Shoot Day 1").toString(),
                "--drive", "A");
        assertTrue(r.err().contains("Drive A is not connected"), r.err());
    }

    @Test
    void aFolderWithoutAHistoryIsRefused() throws Exception {
        Path plain = Files.createDirectories(a.resolve("Triplicate/2024/Plain"));
        Files.copy(Cards.samples().resolve(SAMPLES.get(0)), plain.resolve(SAMPLES.get(0)));
        CliHarness.Result r = cli.expect(2, "adopt", plain.toString(), "--drive", "A");
        assertTrue(r.err().contains("no ASC MHL history: use ingest to copy a card"), r.err());
        assertFalse(Files.exists(plain.resolve("ascmhl")), "no history started by a refused adopt");
    }

    @Test
    void adoptingAgainChangesNothing() throws Exception {
        cli.expect(0, "adopt", folder.toString(), "--drive", "A");
        JsonNode status = cli.expect(0, "status", "--json").json();
        int generations = MhlHistory.read(folder).generations().size();

        CliHarness.Result again = cli.expect(0, "adopt", folder.toString(), "--drive", "A");
        assertTrue(again.out().contains("already adopted: nothing changed"), again.out());
        assertEquals(status, cli.expect(0, "status", "--json").json());
        assertEquals(generations, MhlHistory.read(folder).generations().size(), "no new generation");
    }

    @Test
    void anAdoptedFolderIsRebuiltFromItsHistoryAlone() throws Exception {
        cli.expect(0, "adopt", folder.toString(), "--drive", "A");
        JsonNode before = cli.expect(0, "status", "--json").json().get("sessions").get(0);
        Path base = app.triplicate.settings.Home.under(tmp.resolve("home")).catalogBase();
        try (Stream<Path> files = Files.list(base.getParent())) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith(base.getFileName() + ".")
                    && Files.isRegularFile(p)).toList()) {
                Files.delete(f);
            }
        }
        for (Path d : List.of(a, b)) {
            try (Stream<Path> backups = Files.walk(app.triplicate.drives.DriveMarker.catalogBackupsIn(d))) {
                for (Path p : backups.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }

        cli.expect(0, "catalog", "rebuild", a.toString(), b.toString());
        JsonNode after = cli.expect(0, "status", "--json").json().get("sessions").get(0);
        for (String field : List.of("name", "folder", "files", "copyCount")) {
            assertEquals(before.get(field), after.get(field), field + ": " + after);
        }
    }

    /** A first generation as an offload tool writes it: every file {@code original}, its own name and version. */
    private static void writeOtherToolsHistory(Path dir) throws IOException {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).minusDays(1);
        List<HashList.Hash> hashes = new ArrayList<>();
        for (Path f : filesUnder(dir)) {
            String rel = dir.relativize(f).toString().replace('\\', '/');
            hashes.add(new HashList.Hash(rel, Files.size(f), now, "xxh128", Manifests.xxh128(f),
                    HashList.Action.ORIGINAL, now));
        }
        MhlHistory.read(dir).append(new HashList(0, "", now, "offload-station", "OtherOffloadTool", "2.1", "transfer",
                List.of(), hashes), new SmallFile(new LocalFileAccess()));
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
