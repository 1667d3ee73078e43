package app.triplicate.rebuild;

import app.triplicate.drives.CatalogBackups;
import app.triplicate.drives.DriveMarker;
import app.triplicate.settings.Home;
import app.triplicate.testing.Cards;
import app.triplicate.testing.CliHarness;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code catalog rebuild}: a library of two drives made by ingesting real camera files; the catalog deleted; the
 * rebuild from the drives gives the same {@code status --json} (ids aside), from the backups on the drives and from
 * the manifests alone, and verify then finds every copy good.
 */
class CatalogRebuildTest {
    /** A handful of real camera files of different formats and cameras, so sessions split by capture time. */
    private static final List<String> SAMPLES = List.of("apple_iphonexr_IMG_3581.JPG", "canon_eos350d_CanonRaw.cr2",
            "canon_eosm50_CanonRaw.cr3", "fujifilm_finepixs5pro_FujiFilm.raf", "nikon_d70_Nikon.nef",
            "google_pixel8pro_Google.jpg");

    @TempDir
    Path tmp;
    Path base;
    Path a;
    Path b;
    CliHarness cli;

    @BeforeEach
    void ingestSamplesOnTwoDrives() throws Exception {
        Path home = tmp.resolve("home");
        base = Home.under(home).catalogBase();
        cli = new CliHarness(home).withMountRoots(tmp);
        a = cli.addDrive(tmp.resolve("a"), "A");
        b = cli.addDrive(tmp.resolve("b"), "B");
        Path dcim = Files.createDirectories(tmp.resolve("card/DCIM/100TEST"));
        for (String s : SAMPLES) {
            Files.copy(Cards.samples().resolve(s), dcim.resolve(s));
        }
        cli.expect(0, "ingest", tmp.resolve("card").toString(), "--progress", "none");
    }

    @Test
    void fromTheBackupsOnTheDrivesStatusIsTheSame() throws Exception {
        JsonNode before = shape(cli.expect(0, "status", "--json").json());
        deleteCatalog();

        JsonNode r = cli.expect(0, "catalog", "rebuild", a.toString(), b.toString(), "--json").json();
        assertEquals("backup", r.get("from").asText(), r.toString());
        assertEquals(2 * SAMPLES.size(), r.get("confirmed").asInt(), r.toString());
        assertEquals(before, shape(cli.expect(0, "status", "--json").json()));
        assertTrue(cli.expect(0, "verify").out().contains("Every copy checked is good."));
    }

    @Test
    void fromTheManifestsAloneStatusIsTheSame() throws Exception {
        JsonNode before = shape(cli.expect(0, "status", "--json").json());
        deleteCatalog();
        for (Path d : List.of(a, b)) {
            deleteTree(DriveMarker.catalogBackupsIn(d));
        }

        JsonNode r = cli.expect(0, "catalog", "rebuild", a.toString(), b.toString(), "--json").json();
        assertEquals("manifests", r.get("from").asText(), r.toString());
        assertEquals(SAMPLES.size(), r.get("files").asInt(), "one media file with two copies each: " + r);
        assertEquals(before, shape(cli.expect(0, "status", "--json").json()));
        assertTrue(cli.expect(0, "verify").out().contains("Every copy checked is good."));
    }

    @Test
    void aDriveTheBackupListsThatIsNotGivenIsNamedAsNotChecked() throws Exception {
        JsonNode before = shape(cli.expect(0, "status", "--json").json());
        deleteCatalog();
        JsonNode r = cli.expect(0, "catalog", "rebuild", a.toString(), "--json").json();
        assertEquals(List.of("B"), labels(r.get("drivesNotChecked")), r.toString());
        assertEquals(SAMPLES.size(), r.get("confirmed").asInt(), "A's copies: " + r);
        assertEquals(before, shape(cli.expect(0, "status", "--json").json()), "B's copies stand as backed up");
    }

    @Test
    void aCatalogWithSessionsIsReplacedOnlyWithReplace() throws Exception {
        CliHarness.Result refused = cli.expect(2, "catalog", "rebuild");
        assertTrue(refused.err().contains("already holds sessions"), refused.err());
        JsonNode r = cli.expect(0, "catalog", "rebuild", "--replace", "--json").json();
        assertTrue(r.get("movedAsideTo").asText().contains("catalog.broken-"), r.toString());
        assertEquals(List.of("A", "B"), labels(r.get("drives")), "found by their markers under the mount roots");
    }

    @Test
    void aCopyWhoseManifestWasRemovedIsNotCounted() throws Exception {
        JsonNode before = cli.expect(0, "status", "--json").json();
        JsonNode session = before.get("sessions").get(0);
        Path folder = b.resolve("Triplicate").resolve(session.get("folder").asText());
        deleteTree(folder.resolve("ascmhl"));
        deleteCatalog();

        JsonNode r = cli.expect(1, "catalog", "rebuild", a.toString(), b.toString(), "--json").json();
        long files = session.get("files").asLong();
        assertEquals(files, r.get("notConfirmed").size(), r.toString());
        assertTrue(r.get("notConfirmed").get(0).asText().startsWith("B: " + session.get("folder").asText()),
                r.toString());
        JsonNode after = cli.expect(0, "status", "--json").json();
        JsonNode same = find(after, session.get("folder").asText());
        assertEquals(1, same.get("copyCount").asInt(), "only A's copies count: " + same);
        assertFalse(same.get("meetsPolicy").asBoolean());
        cli.expect(0, "verify");
        assertEquals(2, find(cli.expect(0, "status", "--json").json(), session.get("folder").asText())
                .get("copyCount").asInt(), "verify proved B's copies again");
    }

    @Test
    void aProofTheManifestsRecordAfterTheBackupIsTakenOver() throws Exception {
        // the manifests' hash dates are whole seconds: the verify is let fall in a later second than the ingest
        Instant ingested = Instant.now();
        Thread.sleep(1000 - ingested.toEpochMilli() % 1000 + 10);
        cli.expect(0, "verify");
        for (Path d : List.of(a, b)) {
            Files.delete(CatalogBackups.list(DriveMarker.catalogBackupsIn(d)).get(0).file()); // the verify's
        }
        deleteCatalog();

        JsonNode r = cli.expect(0, "catalog", "rebuild", a.toString(), b.toString(), "--json").json();
        assertEquals("backup", r.get("from").asText(), r.toString());
        assertEquals(2 * SAMPLES.size(), r.get("newerProofs").asInt(), "the verify after the ingest's backup: " + r);
        for (JsonNode s : cli.expect(0, "status", "--json").json().get("sessions")) {
            assertFalse(Instant.parse(s.get("oldestVerified").asText()).isBefore(ingested.truncatedTo(
                            java.time.temporal.ChronoUnit.SECONDS).plusSeconds(1)),
                    "proven by the verify, not only by the ingest: " + s);
        }
    }

    @Test
    void aSessionIngestedAfterTheNewestBackupThatOpensIsAddedFromTheManifests() throws Exception {
        Path card = tmp.resolve("card2");
        // a real camera file: one dated only by its modification time would take the drive copy's at a rebuild
        Files.copy(Cards.samples().resolve("nikon_d3100_DSC_0008.JPG"), Files.createDirectories(
                card.resolve("DCIM/100NIKON")).resolve("DSC_0008.JPG"));
        cli.expect(0, "ingest", card.toString(), "--session", "Later", "--progress", "none");
        JsonNode before = shape(cli.expect(0, "status", "--json").json());
        for (Path d : List.of(a, b)) {
            Files.delete(CatalogBackups.list(DriveMarker.catalogBackupsIn(d)).get(0).file()); // the second ingest's
        }
        deleteCatalog();

        JsonNode r = cli.expect(0, "catalog", "rebuild", a.toString(), b.toString(), "--json").json();
        assertEquals("backup", r.get("from").asText(), r.toString());
        assertEquals(2 * (SAMPLES.size() + 1), r.get("confirmed").asInt(), r.toString());
        JsonNode after = shape(cli.expect(0, "status", "--json").json());
        assertEquals(before, after, "the later session too, its hand-given name without the folder's date");
    }

    @Test
    void withoutBackupsAFileNoManifestRecordsIsListedAndNotCounted() throws Exception {
        JsonNode session = cli.expect(0, "status", "--json").json().get("sessions").get(0);
        String folder = session.get("folder").asText();
        deleteTree(b.resolve("Triplicate").resolve(folder).resolve("ascmhl"));
        for (Path d : List.of(a, b)) {
            deleteTree(DriveMarker.catalogBackupsIn(d));
        }
        deleteCatalog();

        JsonNode r = cli.expect(1, "catalog", "rebuild", a.toString(), b.toString(), "--json").json();
        assertEquals(session.get("files").asLong(), r.get("notCounted").size(), r.toString());
        assertTrue(r.get("notCounted").get(0).asText().startsWith("B: " + folder + "/"), r.toString());
        assertEquals(1, find(cli.expect(0, "status", "--json").json(), folder).get("copyCount").asInt(),
                "only A's copies count");
    }

    @Test
    void aFolderThatIsNotADriveIsRefusedAndNothingIsChanged() throws Exception {
        deleteCatalog();
        CliHarness.Result r = cli.expect(2, "catalog", "rebuild", tmp.resolve("card").toString());
        assertTrue(r.err().contains(tmp.resolve("card") + " is not a Triplicate drive"), r.err());
        assertFalse(Files.exists(base.resolveSibling("catalog.mv.db")), "no catalog was made");
        CliHarness.Result none = new CliHarness(tmp.resolve("home")).withMountRoots(tmp.resolve("card"))
                .expect(3, "catalog", "rebuild");
        assertTrue(none.err().contains("No drive was found in " + tmp.resolve("card")), none.err());
    }

    @Test
    void aCatalogOpenInAnotherProcessIsNotReplaced() throws Exception {
        Path home = tmp.resolve("home");
        try (app.triplicate.catalog.Catalog held = app.triplicate.catalog.Catalog.open(base)) {
            Process child = app.triplicate.testing.ChildJvm.start(home, "catalog", "rebuild", "--replace",
                    a.toString());
            assertTrue(child.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
            String err = new String(child.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(3, child.exitValue(), err);
            assertTrue(err.contains("open in another Triplicate process"), err);
        }
        try (Stream<Path> files = Files.list(base.getParent())) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().contains("broken")).toList(),
                    "nothing was moved aside");
        }
    }

    private static JsonNode find(JsonNode status, String folder) {
        for (JsonNode s : status.get("sessions")) {
            if (s.get("folder").asText().equals(folder)) {
                return s;
            }
        }
        throw new AssertionError("no session in folder " + folder + ": " + status);
    }

    private static List<String> labels(JsonNode array) {
        return Stream.iterate(0, i -> i < array.size(), i -> i + 1).map(i -> array.get(i).asText()).sorted().toList();
    }

    /** What a rebuild must keep of {@code status --json}: everything but ids and when copies were last proven. */
    private static JsonNode shape(JsonNode status) {
        ObjectNode out = status.deepCopy();
        for (JsonNode s : out.get("sessions")) {
            ((ObjectNode) s).remove(List.of("id", "oldestVerified", "due"));
            for (JsonNode c : s.get("copies")) {
                ((ObjectNode) c).remove("locationId");
            }
        }
        ArrayNode sessions = (ArrayNode) out.get("sessions");
        List<JsonNode> sorted = Stream.iterate(0, i -> i < sessions.size(), i -> i + 1).map(sessions::get)
                .sorted(Comparator.comparing(s -> s.get("folder").asText())).toList();
        sessions.removeAll();
        sorted.forEach(sessions::add);
        return out;
    }

    /** The catalog's own files beside its base name (the data file, its trace and flags), as a lost computer. */
    private void deleteCatalog() throws IOException {
        try (Stream<Path> files = Files.list(base.getParent())) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith(base.getFileName() + ".")
                    && Files.isRegularFile(p)).toList()) {
                Files.delete(f);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
