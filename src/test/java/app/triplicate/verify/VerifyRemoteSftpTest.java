package app.triplicate.verify;

import app.triplicate.core.CannotRunException;
import app.triplicate.files.LocalFileAccess;
import app.triplicate.progress.Cancellation;
import app.triplicate.progress.VerifyProgress;
import app.triplicate.remote.RetryingStore;
import app.triplicate.settings.Home;
import app.triplicate.testing.CatalogFigures;
import app.triplicate.testing.CliHarness;
import app.triplicate.testing.SftpTestServer;
import app.triplicate.wiring.Services;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static app.triplicate.verify.RemoteVerifyFixture.SAMPLES;
import static app.triplicate.verify.RemoteVerifyFixture.flipOneByte;
import static app.triplicate.verify.RemoteVerifyFixture.kinds;
import static app.triplicate.verify.RemoteVerifyFixture.labels;
import static app.triplicate.verify.RemoteVerifyFixture.libraryPath;
import static app.triplicate.verify.RemoteVerifyFixture.remoteCopies;
import static app.triplicate.verify.RemoteVerifyFixture.remoteVerifiedAt;
import static app.triplicate.verify.RemoteVerifyFixture.result;
import static app.triplicate.verify.RemoteVerifyFixture.session;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code verify} with an SFTP remote (Apache MINA SSHD on 127.0.0.1, in-process), through the command line on
 * a real catalog: the remote's copies are read back next to the drives', damage and deletion on the server are
 * found, named and taken out of the count, {@code push} sends them again without touching the damaged file,
 * a sample checks the copies verified longest ago, and a remote that is down or refuses says so.
 */
class VerifyRemoteSftpTest {
    @TempDir
    Path tmp;
    CliHarness cli;
    SftpTestServer server;
    Path base;
    String remote;

    @BeforeEach
    void ingestSetTheRemoteAndPush() throws Exception {
        base = Files.createDirectories(tmp.resolve("served/backup"));
        server = new SftpTestServer(tmp.resolve("served"), tmp.resolve("hostkey")).start();
        cli = new CliHarness(tmp.resolve("home"));
        RemoteVerifyFixture.ingestToTwoDrives(cli, tmp);
        cli.setSftpRemote(server);
        cli.expect(0, "push", "--progress", "none");
        remote = "Remote sftp://" + SftpTestServer.USER + "@127.0.0.1:" + server.port() + "/backup";
        assertEquals("offsite verified", session(cli).get("offsite").asText());
    }

    @AfterEach
    void stopAndCheckTheCatalog() throws Exception {
        server.close();
        CatalogFigures.assertConsistent(tmp.resolve("home"));
    }

    private Path onServer(String name) {
        return base.resolve(libraryPath(cli, name));
    }

    @Test
    void damageAndDeletionOnTheServerAreFoundNamedUncountedAndSentAgainWithoutTouchingTheDamagedFile()
            throws Exception {
        JsonNode good = cli.expect(0, "verify", "--json").json();
        assertEquals(List.of("A", "B", remote), labels(good), good.toString());
        JsonNode r = result(good, remote);
        assertEquals(4, r.get("copiesChecked").asLong());
        assertEquals("read-back", r.get("method").asText());
        assertTrue(r.get("remote").asBoolean());
        long total = SAMPLES.stream().mapToLong(s -> size(app.triplicate.testing.Cards.samples().resolve(s))).sum();
        assertEquals(total, r.get("bytesRead").asLong(), "SFTP copies are read back whole");
        assertFalse(result(good, "A").get("remote").asBoolean());

        Path damaged = onServer("IMG_3581.JPG");
        byte[] bad = flipOneByte(Files.readAllBytes(damaged));
        Files.write(damaged, bad);
        Files.delete(onServer("IMG_3582.JPG"));

        JsonNode v = cli.expect(1, "verify", "--json").json();
        assertEquals(List.of("CORRUPT " + remote + ": IMG_3581.JPG", "MISSING " + remote + ": IMG_3582.JPG"),
                kinds(v), v.toString());
        assertEquals(2, result(v, remote).get("problems").asLong());
        CliHarness.Result text = cli.expect(1, "verify");
        assertTrue(text.err().contains("CORRUPT " + remote + " " + libraryPath(cli, "IMG_3581.JPG")), text.err());
        assertTrue(text.err().contains("MISSING " + remote + " " + libraryPath(cli, "IMG_3582.JPG")), text.err());
        assertTrue(text.out().contains(remote + ": 4 copies checked"), text.out());

        // the remote no longer counts for those two files: the session is not offsite verified any more
        JsonNode s = session(cli);
        assertNotEquals("offsite verified", s.get("offsite").asText(), s.toString());
        assertEquals(2, s.get("copyCount").asInt());

        JsonNode pushed = cli.expect(0, "push", "--json", "--progress", "none").json();
        Map<String, String> keys = new java.util.TreeMap<>();
        pushed.get("uploaded").forEach(u -> keys.put(u.get("libraryPath").asText().replaceAll(".*/", ""),
                u.get("key").asText().replaceAll(".*/", "")));
        assertEquals(Map.of("IMG_3581.JPG", "IMG_3581-2.JPG", "IMG_3582.JPG", "IMG_3582.JPG"), keys,
                "the missing one goes back under its name, the corrupt one beside it");
        assertArrayEquals(bad, Files.readAllBytes(damaged), "the damaged file is left as it was");
        assertArrayEquals(Files.readAllBytes(app.triplicate.testing.Cards.samples().resolve(SAMPLES.get(0))),
                Files.readAllBytes(onServer("IMG_3581-2.JPG")));

        JsonNode again = cli.expect(0, "verify", "--json").json();
        assertEquals(List.of(), kinds(again));
        assertEquals(4, result(again, remote).get("copiesChecked").asLong());
        assertEquals("offsite verified", session(cli).get("offsite").asText());
        assertEquals(3, session(cli).get("copyCount").asInt());
    }

    @Test
    void repairSendsMissingAndCorruptRemoteCopiesAgainAndADryRunOnlySaysSo() throws Exception {
        Path damaged = onServer("IMG_3589.HEIC");
        byte[] bad = flipOneByte(Files.readAllBytes(damaged));
        Files.write(damaged, bad);
        Files.delete(onServer("IMG_3589.mov"));
        cli.expect(1, "verify", "--remote");

        JsonNode dry = cli.expect(0, "repair", "--dry-run", "--json").json();
        assertEquals(2, dry.get("actions").size(), dry.toString());
        for (JsonNode a : dry.get("actions")) {
            assertEquals(remote, a.get("drive").asText());
            assertTrue(a.get("outcome").asText().startsWith("would upload again"), a.toString());
        }
        assertFalse(Files.exists(onServer("IMG_3589.mov")), "a dry run sends nothing");

        CliHarness.Result repaired = cli.expect(0, "repair");
        assertTrue(repaired.out().contains(remote + " " + libraryPath(cli, "IMG_3589.mov") + ": uploaded again"),
                repaired.out());
        assertTrue(repaired.out().contains(remote + " " + libraryPath(cli, "IMG_3589.HEIC") + ": uploaded again as "
                + libraryPath(cli, "IMG_3589-2.HEIC") + "; the damaged object " + libraryPath(cli, "IMG_3589.HEIC")
                + " is left untouched"), repaired.out());
        assertArrayEquals(bad, Files.readAllBytes(damaged));
        cli.expect(0, "verify", "--remote");
        assertEquals("Nothing to repair on the connected drives or the remote.", cli.expect(0, "repair").out().trim());
    }

    @Test
    void aSampleChecksTheCopiesVerifiedLongestAgoSoTwoHalvesCoverThemAll() throws Exception {
        Map<String, Instant> pushed = remoteVerifiedAt(tmp.resolve("home"));
        assertEquals(4, pushed.size());

        JsonNode first = cli.expect(0, "verify", "--remote", "--remote-sample", "50%", "--json").json();
        assertEquals(List.of(remote), labels(first), "--remote checks no drive");
        assertEquals(2, result(first, remote).get("copiesChecked").asLong());
        Set<String> firstHalf = newer(pushed, remoteVerifiedAt(tmp.resolve("home")));
        assertEquals(2, firstHalf.size());
        Instant newestPushed = pushed.values().stream().max(Instant::compareTo).orElseThrow();
        Set<String> oldest = pushed.entrySet().stream().sorted(Map.Entry.comparingByValue()).limit(2)
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        assertEquals(oldest, firstHalf, "the copies verified longest ago go first");

        Map<String, Instant> afterFirst = remoteVerifiedAt(tmp.resolve("home"));
        JsonNode second = cli.expect(0, "verify", "--remote-sample", "50%", "--json").json();
        assertEquals(List.of("A", "B", remote), labels(second));
        assertEquals(2, result(second, remote).get("copiesChecked").asLong());
        Set<String> secondHalf = newer(afterFirst, remoteVerifiedAt(tmp.resolve("home")));
        Set<String> both = new HashSet<>(firstHalf);
        both.addAll(secondHalf);
        assertEquals(pushed.keySet(), both, "the second run checks the other half");
        assertTrue(remoteVerifiedAt(tmp.resolve("home")).values().stream().allMatch(t -> t.isAfter(newestPushed)));

        // --session and --older-than narrow the remote's copies as a drive's
        assertEquals(4, result(cli.expect(0, "verify", "--remote", "--session", "Trip", "--json").json(), remote)
                .get("copiesChecked").asLong());
        assertEquals(0, result(cli.expect(0, "verify", "--remote", "--older-than", "1d", "--json").json(), remote)
                .get("copiesChecked").asLong());

        // a tiny share still checks one copy
        assertEquals(1, result(cli.expect(0, "verify", "--remote", "--remote-sample", "1%", "--json").json(), remote)
                .get("copiesChecked").asLong());

        Map<String, Instant> before = remoteVerifiedAt(tmp.resolve("home"));
        JsonNode drivesOnly = cli.expect(0, "verify", "--no-remote", "--json").json();
        assertEquals(List.of("A", "B"), labels(drivesOnly));
        assertEquals(before, remoteVerifiedAt(tmp.resolve("home")), "--no-remote leaves the remote alone");
        assertEquals(List.of("A"), labels(cli.expect(0, "verify", "--drive", "A", "--json").json()),
                "--drive alone means that drive only");
        assertEquals(before, remoteVerifiedAt(tmp.resolve("home")));

        cli.expect(2, "verify", "--remote", "--no-remote");
        cli.expect(2, "verify", "--remote", "--drive", "A");
        cli.expect(2, "verify", "--remote-sample", "0%");
        cli.expect(2, "verify", "--remote-sample", "half");
        cli.expect(2, "verify", "--no-remote", "--remote-sample", "5%");
    }

    @Test
    void aWrongPasswordFailsTheCheckWithAClearWordAndNoSecret() throws Exception {
        String url = "sftp://" + SftpTestServer.USER + "@127.0.0.1:" + server.port() + "/backup";
        cli.withInput("hunter2-not-it\n").expect(0, "remote", "set", url, "--password-stdin");

        CliHarness.Result text = cli.expect(1, "verify");
        JsonNode v = cli.expect(1, "verify", "--json").json();
        assertEquals(List.of("A", "B"), labels(v), "the drives are still checked");
        assertEquals(List.of("UNREADABLE " + remote), kinds(v));
        String detail = v.get("findings").get(0).get("detail").asText();
        assertTrue(detail.startsWith("the remote refused, so its copies cannot be checked: "), detail);
        assertTrue(detail.toLowerCase().contains("password"), detail);
        assertNotNull(v.get("findings").get(0).get("lastVerified").textValue());
        CliHarness.Result only = cli.expect(1, "verify", "--remote");
        for (String output : List.of(text.out(), text.err(), v.toString(), only.out(), only.err())) {
            assertFalse(output.contains("hunter2-not-it"), output);
            assertFalse(output.contains(SftpTestServer.PASSWORD), output);
        }
        // nothing was marked: the copies are as good as before, only unproven now
        assertTrue(remoteCopies(tmp.resolve("home")).values().stream().allMatch(c -> c[0].equals("VERIFIED")));
    }

    @Test
    void aChangedHostKeyIsRefusedAndFailsTheCheck() throws Exception {
        server.restartWithHostKey(tmp.resolve("other-hostkey"));
        JsonNode v = cli.expect(1, "verify", "--json").json();
        assertEquals(List.of("UNREADABLE " + remote), kinds(v));
        String detail = v.get("findings").get(0).get("detail").asText();
        assertTrue(detail.startsWith("the remote refused") && detail.contains("CHANGED"), detail);
        assertEquals(List.of("A", "B"), labels(v));
        CliHarness.Result only = cli.expect(1, "verify", "--remote");
        assertTrue(only.err().contains("UNREADABLE " + remote + ": the remote refused"), only.err());
        assertTrue(only.out().contains("1 problem"), only.out());
    }

    /**
     * The server is down: the drives are checked and the remote listed as not reachable with when it was last
     * verified (not a failure); with only the remote asked for, the check cannot run. Through the services with
     * short retry pauses (the command line waits about a minute before it gives a remote up).
     */
    @Test
    void aRemoteThatIsDownIsListedWithItsLastVerificationAndOnlyTheRemoteCannotRun() throws Exception {
        RetryingStore.Backoff quick = new RetryingStore.Backoff(2, Duration.ofMillis(20), Duration.ofMillis(20));
        try (Services s = Services.open(Home.under(tmp.resolve("home")), new LocalFileAccess(), List.of(),
                Clock.systemDefaultZone(), quick)) {
            // while it is up: the remote has a progress lane of its own, named by its label
            VerifyProgress progress = new VerifyProgress();
            VerifyService.Report up = s.verify.verify(VerifyService.Request.everything(), f -> { }, progress,
                    new Cancellation());
            assertTrue(up.ok(), up.toString());
            VerifyProgress.DriveSnapshot lane = progress.snapshot().drives().stream()
                    .filter(d -> d.label().equals(remote)).findFirst().orElseThrow();
            assertEquals(4, lane.copiesTotal());
            assertEquals(4, lane.copiesChecked());
            assertEquals(VerifyProgress.DriveSnapshot.State.FINISHED, lane.state());
            assertEquals(1.0, lane.fraction());
            // stopped before it began: nothing checked on the remote either
            Cancellation stopped = new Cancellation();
            stopped.cancel();
            VerifyService.Report none = s.verify.verify(VerifyService.Request.everything(), f -> { },
                    new VerifyProgress(), stopped);
            assertTrue(none.cancelled());
            assertEquals(0, none.copiesChecked());
        }
        Instant pushedAt = remoteVerifiedAt(tmp.resolve("home")).values().stream().max(Instant::compareTo).orElseThrow();
        server.stop();
        try (Services s = Services.open(Home.under(tmp.resolve("home")), new LocalFileAccess(), List.of(),
                Clock.systemDefaultZone(), quick)) {
            VerifyService.Report report = s.verify.verify(VerifyService.Request.everything(), f -> { });
            assertTrue(report.ok(), report.toString());
            assertEquals(List.of("A", "B"), report.drives().stream().map(VerifyService.DriveResult::label).sorted().toList());
            assertEquals(1, report.findings().size(), report.toString());
            Finding f = report.findings().get(0);
            assertEquals(Finding.Kind.NOT_CONNECTED, f.kind());
            assertEquals(remote, f.drive());
            assertNull(f.path());
            assertTrue(f.detail().startsWith("not reachable; ") && f.detail().contains("127.0.0.1"), f.detail());
            assertEquals(pushedAt, f.lastVerified());

            CannotRunException e = assertThrows(CannotRunException.class, () -> s.verify.verify(
                    new VerifyService.Request(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                            VerifyService.RemoteMode.ONLY, Optional.empty()), f2 -> { }));
            assertTrue(e.getMessage().startsWith(remote + " cannot be reached: "), e.getMessage());
            assertTrue(e.getMessage().contains("last verified " + pushedAt), e.getMessage());
        }
        assertTrue(remoteCopies(tmp.resolve("home")).values().stream().allMatch(c -> c[0].equals("VERIFIED")),
                "an unreachable remote changes no copy's state");
    }

    @Test
    void repairWithTheRemoteDownSaysSoForEachCopyAndChangesNothing() throws Exception {
        Files.delete(onServer("IMG_3582.JPG"));
        cli.expect(1, "verify", "--remote");
        server.stop();
        RetryingStore.Backoff quick = new RetryingStore.Backoff(2, Duration.ofMillis(20), Duration.ofMillis(20));
        try (Services s = Services.open(Home.under(tmp.resolve("home")), new LocalFileAccess(), List.of(),
                Clock.systemDefaultZone(), quick)) {
            List<RepairService.Action> actions = s.repair.repair(false);
            assertEquals(1, actions.size(), actions.toString());
            RepairService.Action a = actions.get(0);
            assertEquals(remote, a.drive());
            assertEquals(libraryPath(cli, "IMG_3582.JPG"), a.path());
            assertFalse(a.ok());
            assertTrue(a.outcome().startsWith("not uploaded again: ") && a.outcome().contains("127.0.0.1"), a.outcome());
        }
        assertEquals("MISSING", remoteCopies(tmp.resolve("home")).get(libraryPath(cli, "IMG_3582.JPG"))[0]);
    }

    private static Set<String> newer(Map<String, Instant> before, Map<String, Instant> after) {
        return after.entrySet().stream().filter(e -> e.getValue().isAfter(before.get(e.getKey())))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
