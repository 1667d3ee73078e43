package app.triplicate.catalog;

import app.triplicate.core.Xxh128;
import app.triplicate.files.SmallFile;
import app.triplicate.files.Xxh128Hasher;
import app.triplicate.settings.Home;
import app.triplicate.testing.Cards;
import app.triplicate.testing.CatalogFigures;
import app.triplicate.testing.ChildJvm;
import app.triplicate.testing.CliHarness;
import app.triplicate.testing.PostgresTestServer;
import app.triplicate.testing.StallingProxy;
import app.triplicate.testing.StopAt;
import app.triplicate.wiring.CatalogChoice;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A workstation that loses the studio catalog's server mid-run: the server (a real PostgreSQL of this test's own) is
 * stopped at a seeded point (a drive's batch proven and under its final names but not yet reported; a verify read
 * after its first batch of proofs; a progress line of a child JVM), or the network to it goes silent. The run stops
 * at once with exit 3 and one message naming the server and what was proven but not recorded; nothing partial is
 * under a final name; nothing is counted that was not proven; and once the server is back the same command records
 * what was proven without copying it again. A catalog kept open (the window's) carries on once the server is back.
 */
class ServerLossTest {
    /**
     * More than the lanes hold in flight (their inboxes, verify queues and batches of 32): the loss is noticed,
     * and the lanes stopped, while part of the card is still to be copied.
     */
    private static final int FILES = 200;
    private static PostgresTestServer server;

    @TempDir
    Path tmp;
    String url;
    Path home;
    Path one;
    Path two;
    Path card;

    @BeforeAll
    static void serverOfOurOwn() {
        // stopped and started by these tests: never the shared one other tests use
        server = PostgresTestServer.own();
    }

    @AfterAll
    static void serverGone() {
        server.stopAndDelete(); // not left running for the rest of the suite
    }

    @BeforeEach
    void homeOnTheServerWithTwoDrivesAndACard() throws Exception {
        url = server.newDatabase();
        home = tmp.resolve("workstation");
        new CatalogChoice(Home.under(home).configDir()).connect(ServerCatalog.at(url, PostgresTestServer.USER,
                PostgresTestServer.PASSWORD), PostgresTestServer.PASSWORD);
        CliHarness cli = new CliHarness(home);
        one = cli.addDrive(tmp.resolve("one"), "One");
        two = cli.addDrive(tmp.resolve("two"), "Two");
        card = tmp.resolve("card");
        for (int i = 1; i <= FILES; i++) {
            Cards.randomFile(card.resolve(String.format("DCIM/100CANON/IMG_%04d.CR2", i)), 150_000 + i, i);
        }
    }

    @AfterEach
    void serverRunsAgain() {
        if (!running()) {
            server.startAgain();
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void anIngestThatLosesTheServerStopsWithExit3AndTheRerunRecordsWhatItProvedWithoutCopyingAgain()
            throws Exception {
        // One's third batch is proven and under its final names, and not yet reported to be recorded
        StopAt fault = new StopAt(StopAt.Kind.FOLDER_SYNC, one.resolve("Triplicate"), 3, server::stop);
        CliHarness.Result lost = new CliHarness(home).withFiles(fault)
                .run("ingest", card.toString(), "--session", "Wedding", "--progress", "none");
        assertTrue(fault.fired(), "the server was stopped mid-ingest");

        assertEquals(3, lost.exitCode(), lost.err());
        assertOneClearMessage(lost.err(), "ingest");
        Map<Path, Object> before = new HashMap<>();
        for (Path drive : List.of(one, two)) {
            for (String rel : Cards.filesUnder(drive.resolve("Triplicate"))) {
                assertFalse(rel.endsWith(SmallFile.TEMP_SUFFIX), "no temporary file left: " + rel);
                Path file = drive.resolve("Triplicate").resolve(rel);
                assertEquals(hashOnCard(file.getFileName().toString()), hash(file),
                        "a file under a final name is whole: " + file);
                before.put(file, identity(file));
            }
        }
        assertTrue(before.size() > 0 && before.size() < 2 * FILES, "stopped mid-way: " + before.size());

        server.startAgain();
        long recordedBefore = verifiedCopies();
        assertTrue(recordedBefore < before.size(), "One's third batch was proven but not recorded: "
                + recordedBefore + " of " + before.size());
        assertEveryCountedCopyHashesRight();

        // every command on that catalog reminds the user, until the card is imported again
        String reminder = new CliHarness(home).expect(0, "status").err();
        assertTrue(reminder.contains("of card " + card.toAbsolutePath()) && reminder.contains("on drive One")
                && reminder.contains("waiting to be recorded") && reminder.contains("triplicate ingest " + card),
                reminder);

        JsonNode rerun = new CliHarness(home).expect(0, "ingest", card.toString(), "--session", "Wedding",
                "--json", "--progress", "none").json();
        assertEquals(0, rerun.get("failedFiles").asInt());
        for (Map.Entry<Path, Object> e : before.entrySet()) {
            assertEquals(e.getValue(), identity(e.getKey()), "not copied again: " + e.getKey());
        }
        CliHarness.Result status = new CliHarness(home).expect(0, "status", "--json");
        assertFalse(status.err().contains("waiting to be recorded"), "recorded: no more reminder\n" + status.err());
        JsonNode session = status.json().get("sessions").get(0);
        assertEquals(FILES, session.get("files").asInt(), "every file counted once");
        assertEquals(2, session.get("copyCount").asInt(), "every file verified on both drives");
        assertEquals(2L * FILES, verifiedCopies());
        assertEveryCountedCopyHashesRight();
        for (Path drive : List.of(one, two)) {
            assertEquals(FILES, Cards.filesUnder(drive.resolve("Triplicate")).size(), "each file once on " + drive);
        }
        CatalogFigures.assertConsistent(home);
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void theProcessOfAnIngestThatLosesTheServerEndsPromptlyWithExit3AndOneMessage() throws Exception {
        // a real process: nothing (a thread, a retry) keeps it alive after the loss, and standard error has one line
        Process child = ChildJvm.start(home, "ingest", card.toString(), "--session", "Wedding", "--progress", "lines");
        List<String> said = new java.util.ArrayList<>();
        boolean stopped = false;
        long stoppedAt = 0;
        try (BufferedReader err = new BufferedReader(new InputStreamReader(child.getErrorStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                said.add(line);
                if (!stopped && line.startsWith("progress: One done 40:")) {
                    server.stop(); // a seeded point: One has proven 40 files
                    stopped = true;
                    stoppedAt = System.nanoTime();
                }
            }
        }
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the process ended");
        assertTrue(stopped, "the server was stopped mid-ingest: " + said);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - stoppedAt);
        assertTrue(seconds < 20, "ended " + seconds + " s after the server stopped");
        String err = String.join("\n", said.stream().filter(l -> !l.startsWith("progress: ")).toList());
        assertEquals(3, child.exitValue(), err);
        assertOneClearMessage(err, "ingest");
        assertEquals(1, err.lines().count(), "nothing but the message: " + err);

        server.startAgain();
        assertEveryCountedCopyHashesRight();
        new CliHarness(home).expect(0, "ingest", card.toString(), "--session", "Wedding", "--progress", "none");
        assertEquals(2L * FILES, verifiedCopies(), "every file on both drives, each counted once");
        assertEveryCountedCopyHashesRight();
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aVerifyThatLosesTheServerStopsWithExit3MarksNothingItDidNotProveAndTheRerunChecksEverything()
            throws Exception {
        new CliHarness(home).expect(0, "ingest", card.toString(), "--session", "Wedding", "--progress", "none");
        String ingested = scalar("SELECT CAST(MAX(verified_at) AS VARCHAR) FROM copy");

        // One's 100th read: its first batch of proofs (64) is recorded, the second is not when the server goes
        StopAt fault = new StopAt(StopAt.Kind.READ, one.resolve("Triplicate"), 100, server::stop);
        CliHarness.Result lost = new CliHarness(home).withFiles(fault).run("verify");
        assertTrue(fault.fired(), "the server was stopped mid-verify");

        assertEquals(3, lost.exitCode(), lost.err());
        assertOneClearMessage(lost.err(), "verify");
        // One proved at least 36 since its first batch (up to its next batch of 64, or until Two, checked at the
        // same time, found the server gone and stopped it); Two says its own
        java.util.regex.Matcher onOne = java.util.regex.Pattern.compile("(\\d+) copies on One").matcher(lost.err());
        assertTrue(onOne.find() && lost.err().contains("proven but not recorded yet"), lost.err());
        int unrecordedOnOne = Integer.parseInt(onOne.group(1));
        assertTrue(unrecordedOnOne >= 36 && unrecordedOnOne <= 64, lost.err());
        server.startAgain();
        assertEquals("64", scalar("SELECT COUNT(*) FROM copy c JOIN location l ON l.id = c.location_id "
                + "WHERE l.label = 'One' AND c.verified_at > CAST('" + ingested + "' AS TIMESTAMP WITH TIME ZONE)"),
                "on One, only the batch recorded before the loss counts as checked now");
        assertEquals(2L * FILES, verifiedCopies(), "nothing marked missing or corrupt");
        assertEveryCountedCopyHashesRight();

        new CliHarness(home).expect(0, "verify");
        assertEquals("0", scalar("SELECT COUNT(*) FROM copy WHERE verified_at <= CAST('" + ingested
                + "' AS TIMESTAMP WITH TIME ZONE)"), "the rerun checked every copy");
        assertEquals(2L * FILES, verifiedCopies());
        CatalogFigures.assertConsistent(home);
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aNetworkThatGoesSilentMidIngestEndsTheRunWithinTheAnswerTimeNotHours() throws Exception {
        // the workstation reaches the server through a relay that can go silent, with a short wait for answers
        try (StallingProxy network = new StallingProxy(PostgresTestServer.HOST, server.port())) {
            String throughNetwork = "jdbc:postgresql://" + PostgresTestServer.HOST + ":" + network.port() + "/"
                    + url.substring(url.lastIndexOf('/') + 1) + "?socketTimeout=3";
            new CatalogChoice(Home.under(home).configDir()).connect(ServerCatalog.at(throughNetwork,
                    PostgresTestServer.USER, PostgresTestServer.PASSWORD), PostgresTestServer.PASSWORD);
            StopAt fault = new StopAt(StopAt.Kind.FOLDER_SYNC, one.resolve("Triplicate"), 3, network::stall);
            long start = System.nanoTime();
            CliHarness.Result lost = new CliHarness(home).withFiles(fault)
                    .run("ingest", card.toString(), "--session", "Wedding", "--progress", "none");
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertTrue(fault.fired(), "the network went silent mid-ingest");

            assertEquals(3, lost.exitCode(), lost.err());
            assertTrue(lost.err().contains("Lost the studio catalog") && lost.err().contains("mid-ingest"),
                    lost.err());
            assertTrue(seconds < 60, "ended " + seconds + " s after it started, not after TCP's hours");
            long recorded = verifiedCopies();
            for (Path drive : List.of(one, two)) {
                assertTrue(Cards.filesUnder(drive.resolve("Triplicate")).stream()
                        .noneMatch(f -> f.endsWith(SmallFile.TEMP_SUFFIX)), "no temporary file left on " + drive);
            }
            assertEveryCountedCopyHashesRight();
            assertTrue(recorded < 2L * FILES, "stopped mid-way: " + recorded);

            network.resume();
            new CliHarness(home).expect(0, "ingest", card.toString(), "--session", "Wedding", "--progress", "none");
            assertEquals(2L * FILES, verifiedCopies(), "every file on both drives, each counted once");
            assertEveryCountedCopyHashesRight();
            CatalogFigures.assertConsistent(home);
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aCatalogKeptOpenSaysTheServerIsGoneAndCarriesOnOnceItIsBack() {
        // what the window, open all day, relies on: no restart after the server's
        try (Catalog catalog = ServerCatalog.at(url, PostgresTestServer.USER, PostgresTestServer.PASSWORD).open()) {
            long before = catalog.changeMark();
            server.stop();
            for (int attempt = 1; attempt <= 2; attempt++) { // the loss, then the server still away
                CatalogException lost = org.junit.jupiter.api.Assertions.assertThrows(CatalogException.class,
                        catalog::changeMark);
                assertTrue(lost.serverLost() && lost.getMessage().startsWith("Lost the studio catalog")
                        && lost.getMessage().contains(PostgresTestServer.HOST + ":" + server.port()),
                        lost.getMessage());
            }
            server.startAgain();
            assertTrue(catalog.changeMark() >= before, "connected again once the server is back");
        }
    }

    private String scalar(String sql) throws Exception {
        try (Connection c = ServerCatalog.at(url, PostgresTestServer.USER, PostgresTestServer.PASSWORD).connect();
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private void assertOneClearMessage(String err, String work) {
        assertTrue(err.contains("Lost the studio catalog"), err);
        assertTrue(err.contains(PostgresTestServer.HOST + ":" + server.port()), "names the server: " + err);
        assertTrue(err.contains("mid-" + work), err);
        assertTrue(err.toLowerCase(java.util.Locale.ROOT).contains("run the same command again"), err);
        assertFalse(err.contains("\tat ") || err.contains("Exception") || err.contains("internal error"),
                "no stack trace: " + err);
        assertEquals(1, err.lines().filter(l -> l.startsWith("error:")).count(), "one message: " + err);
    }

    private boolean running() {
        try (Connection ignored = ServerCatalog.at(url, PostgresTestServer.USER, PostgresTestServer.PASSWORD)
                .connect()) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private long verifiedCopies() throws Exception {
        try (Connection c = ServerCatalog.at(url, PostgresTestServer.USER, PostgresTestServer.PASSWORD).connect();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM copy WHERE state = 'VERIFIED'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Every copy the catalog counts is on its drive, at its path, with the recorded hash. */
    private void assertEveryCountedCopyHashesRight() throws Exception {
        Map<String, Path> roots = Map.of("One", one, "Two", two);
        try (Connection c = ServerCatalog.at(url, PostgresTestServer.USER, PostgresTestServer.PASSWORD).connect();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT l.label, c.path, m.hash FROM copy c JOIN location l "
                     + "ON l.id = c.location_id JOIN media_file m ON m.id = c.media_file_id "
                     + "WHERE c.state = 'VERIFIED'")) {
            while (rs.next()) {
                Path file = roots.get(rs.getString(1)).resolve("Triplicate").resolve(rs.getString(2));
                assertTrue(Files.exists(file), "counted but absent: " + file);
                assertEquals(rs.getString(3), hash(file).toString(), "counted but not these bytes: " + file);
            }
        }
    }

    private Xxh128 hashOnCard(String name) throws Exception {
        return hash(card.resolve("DCIM/100CANON").resolve(name));
    }

    private static Xxh128 hash(Path file) throws Exception {
        Xxh128Hasher h = new Xxh128Hasher();
        byte[] bytes = Files.readAllBytes(file);
        h.update(bytes, 0, bytes.length);
        return h.finish();
    }

    /** Inode and modification time: a file copied again would change either. */
    private static Object identity(Path file) throws Exception {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        return List.of(String.valueOf(a.fileKey()), a.lastModifiedTime().toMillis());
    }
}
