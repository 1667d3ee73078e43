package app.triplicate.catalog;

import app.triplicate.core.ThisComputer;
import app.triplicate.ingest.IngestService;
import app.triplicate.progress.Cancellation;
import app.triplicate.progress.ProgressListener;
import app.triplicate.settings.Home;
import app.triplicate.testing.Cards;
import app.triplicate.testing.ChildJvm;
import app.triplicate.testing.FaultyFileAccess;
import app.triplicate.testing.CliHarness;
import app.triplicate.testing.PostgresTestServer;
import app.triplicate.wiring.CatalogChoice;
import app.triplicate.wiring.Services;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two workstations (two homes, each with its own settings and logs) on one studio catalog in a real PostgreSQL
 * database: what one ingests the other counts, two ingests of different cards at the same moment, in two JVMs,
 * both finish with every file counted once, and a second workstation starting a card another is importing is
 * refused and copies nothing.
 */
class TwoWorkstationsTest {
    @TempDir
    Path tmp;
    String url;
    Path homeA;
    Path homeB;
    CliHarness a;
    CliHarness b;

    @BeforeEach
    void twoHomesOnOneDatabase() throws Exception {
        url = PostgresTestServer.shared().newDatabase();
        homeA = tmp.resolve("workstation-a");
        homeB = tmp.resolve("workstation-b");
        for (Path home : new Path[]{homeA, homeB}) {
            new CatalogChoice(Home.under(home).configDir()).connect(ServerCatalog.at(url, PostgresTestServer.USER,
                    PostgresTestServer.PASSWORD), PostgresTestServer.PASSWORD);
        }
        a = new CliHarness(homeA);
        b = new CliHarness(homeB);
        // the drives sit on this one machine: a drive registered by one workstation is found by the other
        a.addDrive(tmp.resolve("drive1"), "One");
        a.addDrive(tmp.resolve("drive2"), "Two");
    }

    private Path card(String name, int files, long seed) {
        Path card = tmp.resolve(name);
        for (int i = 1; i <= files; i++) {
            Cards.randomFile(card.resolve("DCIM/100CANON/" + name + "_" + i + ".CR2"), 200_000 + i, seed * 1000 + i);
        }
        return card;
    }

    private static Map<String, Integer> filesBySession(JsonNode status) {
        Map<String, Integer> out = new HashMap<>();
        for (JsonNode s : status.get("sessions")) {
            out.put(s.get("name").asText(), s.get("files").asInt());
        }
        return out;
    }

    private long count(String sql) throws Exception {
        try (Connection c = ServerCatalog.at(url, PostgresTestServer.USER, PostgresTestServer.PASSWORD).connect();
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void whatOneWorkstationIngestsTheOtherCounts() {
        a.expect(0, "ingest", card("cardA", 4, 1).toString(), "--session", "Wedding", "--progress", "none");
        JsonNode status = b.expect(0, "status", "--json").json();
        assertEquals(Map.of("Wedding", 4), filesBySession(status));
        assertTrue(b.expect(0, "drive", "list").out().contains("One"), "the other workstation knows the drives");
        b.expect(0, "verify");
        assertTrue(a.expect(0, "catalog", "check").out().contains("Every kept figure agrees"));
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void twoWorkstationsIngestingDifferentCardsAtOnceBothFinishWithEveryFileOnce() throws Exception {
        Path cardA = card("cardA", 12, 1);
        Path cardB = card("cardB", 12, 2);
        Process ingestA = ChildJvm.start(homeA, "ingest", cardA.toString(), "--session", "Ceremony",
                "--progress", "none");
        Process ingestB = ChildJvm.start(homeB, "ingest", cardB.toString(), "--session", "Reception",
                "--progress", "none");
        String outA = new String(ingestA.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                + new String(ingestA.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        String outB = new String(ingestB.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                + new String(ingestB.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, ingestA.waitFor(), outA);
        assertEquals(0, ingestB.waitFor(), outB);

        assertEquals(24, count("SELECT COUNT(*) FROM media_file"), "every file once");
        assertEquals(24, count("SELECT COUNT(DISTINCT hash) FROM media_file"));
        assertEquals(48, count("SELECT COUNT(*) FROM copy WHERE state = 'VERIFIED'"), "each on both drives, once");
        Map<String, Integer> expected = Map.of("Ceremony", 12, "Reception", 12);
        assertEquals(expected, filesBySession(a.expect(0, "status", "--json").json()));
        assertEquals(expected, filesBySession(b.expect(0, "status", "--json").json()));
        assertTrue(b.expect(0, "catalog", "check").out().contains("Every kept figure agrees"),
                "the kept figures add up after the two ingests");
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aSecondWorkstationImportingTheSameCardIsRefusedAndNothingIsCopiedTwice() throws Exception {
        // a card in a reader shared on the network: workstation A is copying it when B starts on it too
        Path card = card("shared", 6, 3);
        FaultyFileAccess files = new FaultyFileAccess();
        List<String> refused = new ArrayList<>();
        try (Services services = Services.open(Home.under(homeA), files, List.of(), Clock.systemDefaultZone())) {
            FaultyFileAccess.Fault during = files.beforeOnce(FaultyFileAccess.Op.CREATE_NEW, tmp.resolve("drive1"),
                    p -> true, () -> refused.add(b.expect(3, "ingest", card.toString(), "--session", "Twice",
                            "--progress", "none").err()));
            services.ingest.ingest(new IngestService.Request(card, Optional.of("Portraits"), List.of(),
                    Duration.ofHours(3), "{yyyy}/{yyyy}-{MM}-{dd} {session}", List.of()), ProgressListener.NONE,
                    new Cancellation());
            assertEquals(1, during.fired(), "B tried while A was copying");
        }
        assertTrue(refused.get(0).contains("is being imported by another workstation (" + ThisComputer.name()),
                refused.get(0));
        assertTrue(refused.get(0).contains("Nothing was copied"), refused.get(0));
        assertEquals(6, count("SELECT COUNT(*) FROM media_file"));
        assertEquals(12, count("SELECT COUNT(*) FROM copy WHERE state = 'VERIFIED'"));
        for (String drive : List.of("drive1", "drive2")) {
            assertEquals(6, Cards.filesUnder(tmp.resolve(drive).resolve("Triplicate")).size(),
                    "each file once on " + drive + ", and no temporary file left");
        }

        // A has finished: B may import it now, and finds everything there already
        b.expect(0, "ingest", card.toString(), "--session", "Twice", "--progress", "none");
        assertEquals(Map.of("Portraits", 6), filesBySession(b.expect(0, "status", "--json").json()));
        assertEquals(12, count("SELECT COUNT(*) FROM copy WHERE state = 'VERIFIED'"));
    }
}
