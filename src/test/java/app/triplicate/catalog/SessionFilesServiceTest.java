package app.triplicate.catalog;

import app.triplicate.bench.SyntheticCatalog;
import app.triplicate.catalog.SessionFilesService.CopyEntry;
import app.triplicate.catalog.SessionFilesService.FileEntry;
import app.triplicate.catalog.SessionFilesService.SessionFiles;
import app.triplicate.core.CopyPolicy;
import app.triplicate.core.CopyState;
import app.triplicate.core.DriveRole;
import app.triplicate.files.LocalFileAccess;
import app.triplicate.settings.Home;
import app.triplicate.testing.Cards;
import app.triplicate.testing.CliHarness;
import app.triplicate.wiring.Services;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A session's files and copies as the session view reads them, from a catalog filled by real ingests. */
class SessionFilesServiceTest {
    private static final CopyPolicy TWO_ONE_OFFSITE = new CopyPolicy(2, 1, 2);

    @TempDir
    Path tmp;

    private CliHarness cli;

    private Services open() {
        return Services.open(Home.under(tmp.resolve("home")), new LocalFileAccess(), List.of(), Clock.systemDefaultZone());
    }

    private Path card(String name, String... samples) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name).resolve("DCIM/100TEST"));
        for (String s : samples) {
            Files.copy(Cards.samples().resolve(s), dir.resolve(s));
        }
        return dir.getParent().getParent();
    }

    /** Three pictures on Work (working) and Vault (offsite), one more only on Work: all in session "Ranch". */
    private String ranch() throws Exception {
        cli = new CliHarness(tmp.resolve("home"));
        cli.expect(0, "drive", "add", Files.createDirectories(tmp.resolve("work")).toString(), "--label", "Work",
                "--role", "working", "--same-device");
        cli.expect(0, "drive", "add", Files.createDirectories(tmp.resolve("vault")).toString(), "--label", "Vault",
                "--offsite", "--same-device");
        cli.expect(0, "ingest", card("card1", "canon_eosrp__MG_0635.JPG", "canon_eosrp__MG_0636.JPG",
                "polaroid_pdc640m_POL_0132.JPG").toString(), "--session", "Ranch", "--progress", "none");
        cli.expect(0, "ingest", card("card2", "nikon_d3100_DSC_0008.JPG").toString(), "--session", "Ranch",
                "--to", "Work", "--progress", "none");
        for (var s : cli.expect(0, "status", "--json").json().get("sessions")) {
            if (s.get("name").asText().equals("Ranch")) {
                return s.get("id").asText();
            }
        }
        throw new AssertionError("no session Ranch");
    }

    private static Map<String, FileEntry> byName(SessionFiles s) {
        return s.files().stream().collect(Collectors.toMap(FileEntry::fileName, Function.identity()));
    }

    @Test
    void readsEveryFileWithItsCopiesAndTheCatalogsCopyCounts() throws Exception {
        String id = ranch();
        try (Services services = open()) {
            SessionFiles s = services.sessionFiles.load(id).orElseThrow();
            assertEquals("Ranch", s.name());
            assertEquals(List.of("canon_eosrp__MG_0635.JPG", "canon_eosrp__MG_0636.JPG", "nikon_d3100_DSC_0008.JPG",
                            "polaroid_pdc640m_POL_0132.JPG"),
                    s.files().stream().map(FileEntry::fileName).sorted().toList());
            assertEquals(s.files().stream().sorted(Comparator.comparing(FileEntry::libraryPath)).toList(), s.files(),
                    "in library-path order");
            Map<String, FileEntry> files = byName(s);

            FileEntry rp = files.get("canon_eosrp__MG_0635.JPG");
            assertTrue(rp.libraryPath().startsWith(s.folder() + "/"), rp.libraryPath());
            assertEquals("Canon EOS RP", rp.camera().displayName());
            assertEquals(Files.size(Cards.samples().resolve("canon_eosrp__MG_0635.JPG")), rp.size());
            assertEquals("2020-02-18T08:56:13.290", rp.capture().toString());
            assertFalse(rp.fallbackTime());
            assertEquals(2, rp.copyCount());
            assertEquals(1, rp.offsiteCount());
            assertFalse(rp.belowPolicy(TWO_ONE_OFFSITE));
            assertTrue(rp.belowPolicy(CopyPolicy.DEFAULT), "3 copies are the default target");

            assertTrue(files.get("polaroid_pdc640m_POL_0132.JPG").fallbackTime(), "the Polaroid file has no date of its own");
            assertEquals("file modification time", files.get("polaroid_pdc640m_POL_0132.JPG").captureSource());

            FileEntry nikon = files.get("nikon_d3100_DSC_0008.JPG");
            assertEquals(1, nikon.copyCount());
            assertEquals(0, nikon.offsiteCount());
            assertTrue(nikon.belowPolicy(TWO_ONE_OFFSITE));

            List<CopyEntry> copies = s.copiesOf(rp.id());
            assertEquals(List.of("Vault", "Work"), copies.stream().map(CopyEntry::locationLabel).toList());
            CopyEntry vault = copies.get(0);
            CopyEntry work = copies.get(1);
            assertEquals(CopyState.VERIFIED, work.state());
            assertEquals(DriveRole.WORKING, work.role());
            assertFalse(work.offsite());
            assertTrue(vault.offsite());
            assertNotNull(work.verifiedAt());
            assertNotNull(work.method());
            assertEquals(rp.libraryPath(), work.path(), "the same relative path on every drive");
            assertTrue(work.counts());
            assertEquals(List.of("Work"), s.copiesOf(nikon.id()).stream().map(CopyEntry::locationLabel).toList());

            // the session's standing agrees with the dashboard's
            var status = services.status.sessions(TWO_ONE_OFFSITE).stream().filter(x -> x.id().equals(id))
                    .findFirst().orElseThrow();
            assertEquals(status.standing(), s.standing(TWO_ONE_OFFSITE));
            assertEquals(1, s.standing(TWO_ONE_OFFSITE).copyCount());
            assertEquals(status.firstCapture(), s.firstCapture());
            assertEquals(status.lastCapture(), s.lastCapture());

            assertEquals(Optional.empty(), services.sessionFiles.load("nosuchid"));
        }
    }

    @Test
    void aRetiredDriveNoLongerCountsAndACulledFileLeavesTheStanding() throws Exception {
        String id = ranch();
        cli.expect(0, "drive", "retire", "Vault");
        String nikonPath;
        try (Services services = open()) {
            SessionFiles s = services.sessionFiles.load(id).orElseThrow();
            FileEntry rp = byName(s).get("canon_eosrp__MG_0635.JPG");
            assertEquals(1, rp.copyCount(), "Vault is retired");
            assertEquals(0, rp.offsiteCount());
            CopyEntry vault = s.copiesOf(rp.id()).get(0);
            assertTrue(vault.retired());
            assertEquals(CopyState.VERIFIED, vault.state(), "its copy is still there, only no longer counted");
            assertFalse(vault.counts());
            nikonPath = byName(s).get("nikon_d3100_DSC_0008.JPG").libraryPath();
        }
        cli.expect(0, "cull", nikonPath);
        try (Services services = open()) {
            SessionFiles s = services.sessionFiles.load(id).orElseThrow();
            assertTrue(byName(s).get("nikon_d3100_DSC_0008.JPG").culled());
            assertFalse(byName(s).get("nikon_d3100_DSC_0008.JPG").belowPolicy(TWO_ONE_OFFSITE), "a culled file is never below policy");
            assertEquals(3, s.counted().size());
            assertEquals(4, s.files().size(), "a culled file is still the session's");
            var status = services.status.sessions(TWO_ONE_OFFSITE).stream().filter(x -> x.id().equals(id))
                    .findFirst().orElseThrow();
            assertEquals(status.standing(), s.standing(TWO_ONE_OFFSITE));
        }
    }

    @Test
    void aSessionOfThousandsOfFilesIsReadInOneGo() throws Exception {
        Path home = tmp.resolve("home");
        SyntheticCatalog.main(new String[]{home.toString(), "3000", "1"});
        try (Services services = open()) {
            var biggest = services.status.sessions(CopyPolicy.DEFAULT).get(0);
            assertEquals(3000, biggest.files());
            services.sessionFiles.load(biggest.id()); // warm up the JIT and H2's caches
            long t0 = System.nanoTime();
            SessionFiles s = services.sessionFiles.load(biggest.id()).orElseThrow();
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(biggest.files(), s.files().size());
            assertEquals(biggest.bytes(), s.files().stream().mapToLong(FileEntry::size).sum());
            assertEquals(biggest.standing(), s.standing(CopyPolicy.DEFAULT));
            long copies = s.copies().values().stream().mapToLong(List::size).sum();
            assertTrue(copies >= 2 * s.files().size(), "copies: " + copies);
            assertTrue(millis < 3000, "read " + s.files().size() + " files and " + copies + " copies in " + millis + " ms");
        }
    }
}
