package app.triplicate.fault;

import app.triplicate.testing.Cards;
import app.triplicate.testing.CatalogFigures;
import app.triplicate.testing.ChildJvm;
import app.triplicate.testing.CliHarness;
import app.triplicate.testing.SftpTestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGKILL at seeded moments of ingest, verify, repair and push (28 kills), each followed by a reopen and a rerun
 * to completion, then the suite's invariants. The moments are counts of file operations of the child's real
 * command line ({@link PausingCli}), spread by a seed over a run whose operations were counted first; half stop
 * the child at the operation, half let it run on into the write or the commit that follows. Push reads its
 * files outside that layer, so its kills come after a seeded number of uploaded files plus a seeded delay, into
 * the next upload. Set {@code -Dtriplicate.fault.seed=N} to replay another seed; every message names the seed,
 * the round and the kill point. {@code ingest.CrashResumeTest} kills ingest at six fixed progress points on
 * bigger files and also covers Ctrl-C. A case may take minutes on a loaded machine, so its limit is generous; each
 * rerun must finish within 30 seconds.
 */
@FaultSuite
class KillNineTest {
    static final long SEED = Long.getLong("triplicate.fault.seed", 1313L);
    /** Keys.PART_SUFFIX (package-private there): an upload not yet renamed into place. */
    private static final String PART_SUFFIX = ".triplicate-part";
    private static final Pattern PUSHED = Pattern.compile("progress: done (\\d+)/");

    @TempDir
    Path tmp;
    Path home;
    CliHarness cli;
    final Map<String, Path> drives = new LinkedHashMap<>();
    final Set<String> good = new HashSet<>();
    final List<Path> cards = new ArrayList<>();
    Random rnd;
    String name;
    SftpTestServer server;

    @BeforeEach
    void setUp(TestInfo info) throws IOException {
        home = tmp.resolve("home");
        cli = new CliHarness(home);
        drives.put("A", cli.addDrive(tmp.resolve("a"), "A"));
        drives.put("B", cli.addDrive(tmp.resolve("b"), "B"));
        name = info.getTestMethod().orElseThrow().getName();
        rnd = new Random(SEED * 31 + name.hashCode());
    }

    @AfterEach
    void stopServerAndRecount() throws Exception {
        if (server != null) {
            server.close();
        }
        CatalogFigures.assertConsistent(home);
    }

    @Test
    @FaultCase(name = "kill-9-ingest", asserts = "SIGKILL at 9 seeded file operations of an ingest: no partial file "
            + "under a final name, nothing counted that is not on the drive, the card unchanged, the catalog opens "
            + "in seconds and the rerun verifies every file on both drives.")
    @Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void ingestKilledAtSeededMomentsResumes() throws Exception {
        int ops = measure("ingest", newCard(0).toString(), "--progress", "none");
        for (int round = 1; round <= 9; round++) {
            Path card = newCard(round);
            Library.CardState before = Library.snapshot(card);
            String ctx = kill(round, ops, "ingest", card.toString(), "--progress", "none");
            afterKill(ctx);
            Map<String, Integer> counted = rerun(ctx, 0, "ingest", card.toString(), "--progress", "none");
            before.assertUnchanged(card, ctx);
            assertAllVerified(counted, ctx);
        }
        FaultRecorder.runs("kill-9-ingest", 9);
    }

    @Test
    @FaultCase(name = "kill-9-verify", asserts = "SIGKILL at 8 seeded file operations of a verify: nothing marked "
            + "missing or corrupt, every counted copy still on its drive, the catalog opens in seconds and the "
            + "rerun finds everything good.")
    @Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void verifyKilledAtSeededMomentsResumes() throws Exception {
        for (int i = 0; i < 3; i++) {
            cli.expect(0, "ingest", newCard(i).toString(), "--progress", "none");
        }
        int ops = measure("verify");
        for (int round = 1; round <= 8; round++) {
            String ctx = kill(round, ops, "verify");
            afterKill(ctx);
            assertAllVerified(rerun(ctx, 0, "verify"), ctx);
        }
        FaultRecorder.runs("kill-9-verify", 8);
    }

    @Test
    @FaultCase(name = "kill-9-repair", asserts = "SIGKILL at 6 seeded file operations of a repair of 3 damaged "
            + "copies: no partial file under a final name, no damaged copy counted, the rerun restores every copy "
            + "byte-identical and the damaged bytes are kept in quarantine.")
    @Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void repairKilledAtSeededMomentsResumes() throws Exception {
        for (int i = 0; i < 3; i++) {
            cli.expect(0, "ingest", newCard(i).toString(), "--progress", "none");
        }
        damage(3);
        cli.expect(1, "verify");
        int ops = measure("repair");
        cli.expect(0, "verify");
        for (int round = 1; round <= 6; round++) {
            Set<String> damaged = damage(3);
            cli.expect(1, "verify");
            String ctx = kill(round, ops, "repair");
            afterKill(ctx);
            rerun(ctx, 0, "repair");
            assertAllVerified(rerun(ctx, 0, "verify"), ctx);
            for (String label : drives.keySet()) {
                for (Path f : Library.regularFiles(drives.get(label).resolve(".triplicate/quarantine"))) {
                    damaged.remove(Library.hash(f).hex());
                }
            }
            assertEquals(Set.of(), damaged, "damaged copies not kept in quarantine (" + ctx + ")");
        }
        FaultRecorder.runs("kill-9-repair", 6);
    }

    @Test
    @FaultCase(name = "kill-9-push", asserts = "SIGKILL at 8 seeded moments of an SFTP push: nothing counted offsite "
            + "that is not whole on the server, no partial object under a final name, and the rerun leaves every "
            + "session offsite verified.")
    @Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void pushKilledAtSeededMomentsResumes() throws Exception {
        Files.createDirectories(tmp.resolve("served/backup"));
        server = new SftpTestServer(tmp.resolve("served"), tmp.resolve("hostkey")).start();
        cli.setSftpRemote(server);
        for (int round = 1; round <= 8; round++) {
            cli.expect(0, "ingest", newCard(round).toString(), "--progress", "none");
            int after = 1 + rnd.nextInt(3);
            long delay = rnd.nextInt(300);
            String ctx = "seed " + SEED + ", " + name + " round " + round + ", kill " + delay + " ms after "
                    + after + " files were sent";
            Process child = child(0, "push", "--parallel", "1", "--limit", "3MB/s");
            boolean killed = false;
            StringBuilder seen = new StringBuilder();
            try (BufferedReader out = reader(child)) {
                String line;
                while ((line = out.readLine()) != null) {
                    seen.append(line).append('\n');
                    Matcher m = PUSHED.matcher(line);
                    if (m.find() && Integer.parseInt(m.group(1)) >= after) {
                        Thread.sleep(delay); // seeded: into the next upload, at a seeded byte
                        killed = child.isAlive();
                        child.destroyForcibly();
                        break;
                    }
                }
            }
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), ctx);
            assertTrue(killed, "the push ended before the kill point (" + ctx + "):\n" + seen);
            afterKill(ctx);
            assertRemoteWhole(ctx);
            rerun(ctx, 0, "push");
            assertRemoteWhole(ctx);
        }
        for (JsonNode s : cli.expect(0, "status", "--json").json().get("sessions")) {
            assertEquals("offsite verified", s.get("offsite").asText(), "seed " + SEED + ": " + s);
        }
        FaultRecorder.runs("kill-9-push", 8);
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void repairFindsTheGoodCopyAlreadyInPlace() throws Exception {
        cli.expect(0, "ingest", newCard(0).toString(), "--progress", "none");
        Path lib = drives.get("A").resolve("Triplicate");
        Path copy = Library.regularFiles(lib).get(0);
        byte[] good = Files.readAllBytes(copy);
        Flips.flip(copy, rnd);
        cli.expect(1, "verify");
        // what a repair killed after its rename and before its catalog commit leaves: the good bytes in place
        Files.write(copy, good);
        cli.expect(0, "repair");
        assertEquals(List.of(lib.relativize(copy).toString()), Library.regularFiles(lib).stream()
                .map(f -> lib.relativize(f).toString()).filter(f -> f.startsWith(lib.relativize(copy.getParent())
                        .toString()) && f.contains(copy.getFileName().toString().replace(".JPG", ""))).toList(),
                "no second copy beside the good one");
        assertAllVerified(Library.assertCatalogTrue(cli, home, drives, "repair with the good copy in place"),
                "repair with the good copy in place");
    }

    // ---- the steps of a round ----

    /** A card of 5 files of seeded sizes (0.2 to 1.2 MB) under new names; their bytes join the good contents. */
    private Path newCard(int round) {
        Path card = tmp.resolve("card" + round);
        for (int i = 1; i <= 5; i++) {
            Cards.randomFile(card.resolve(String.format("DCIM/1%02dTEST/IMG_%02d%02d.JPG", round, round, i)),
                    200_000 + rnd.nextInt(1_000_000), rnd.nextLong());
        }
        good.addAll(Library.contents(card));
        cards.add(card);
        return card;
    }

    /** How many file operations an uninterrupted in-process run makes. */
    private int measure(String... args) {
        PausingCli.Counting counting = new PausingCli.Counting(0, new PrintWriter(Writer.nullWriter()));
        CliHarness.Result r = new CliHarness(home).withFiles(counting).run(args);
        assertTrue(r.exitCode() == 0, "the measuring run failed: " + r.out() + r.err());
        assertTrue(counting.count.get() > 2, "no file operations to spread kills over: " + List.of(args));
        return counting.count.get();
    }

    /** Starts the command in a child JVM stopping (or only signalling) at a seeded operation and kills it there. */
    private String kill(int round, int ops, String... args) throws Exception {
        int at = 1 + rnd.nextInt(Math.max(1, ops * 9 / 10 - 3));
        int pauseAt = round % 2 == 0 ? at : -at;
        String ctx = "seed " + SEED + ", " + name + " round " + round + ", kill at file operation " + at + " of ~"
                + ops + (pauseAt < 0 ? " (running on)" : "");
        Process child = child(pauseAt, args);
        boolean killed = false;
        StringBuilder seen = new StringBuilder();
        try (BufferedReader out = reader(child)) {
            String line;
            while ((line = out.readLine()) != null) {
                seen.append(line).append('\n');
                if (line.startsWith(PausingCli.PAUSED)) {
                    killed = child.isAlive();
                    child.destroyForcibly(); // SIGKILL
                    break;
                }
            }
        }
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), ctx);
        assertTrue(killed, "the run ended before the kill point (" + ctx + "):\n" + seen);
        return ctx;
    }

    private Process child(int pauseAt, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(Integer.toString(pauseAt), "--home", home.toString()));
        all.addAll(List.of(args));
        // C1 only and the serial collector: a child that lives two seconds starts in two thirds of the time
        return ChildJvm.startMain(List.of("--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC"), PausingCli.class,
                all.toArray(String[]::new));
    }

    private static BufferedReader reader(Process p) {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Right after the kill: whatever is under a final name is whole, and nothing is counted that is not there. */
    private void afterKill(String ctx) throws Exception {
        Library.assertNoPartialFiles(drives, withDamaged(), true, "after the kill, " + ctx);
        Library.assertCountedCopiesAreReal(home, drives, "after the kill, " + ctx);
    }

    /** The rerun opens the catalog the kill left, finishes in time, and leaves the catalog true. */
    private Map<String, Integer> rerun(String ctx, int exit, String... args) throws Exception {
        long start = System.nanoTime();
        CliHarness.Result r = cli.run(args);
        long s = (System.nanoTime() - start) / 1_000_000_000;
        assertEquals(exit, r.exitCode(), "rerun of " + List.of(args) + " (" + ctx + "):\n" + r.out() + r.err());
        assertTrue(s < 30, "the rerun took " + s + " s (" + ctx + ")");
        // ingest clears the temporary files of a killed copy; repair and verify leave them to the next ingest
        Library.assertNoPartialFiles(drives, good, !args[0].equals("ingest"), "after the rerun, " + ctx);
        return Library.assertCatalogTrue(cli, home, drives, "after the rerun, " + ctx);
    }

    /** Every file of every card is counted, and really there, on both drives. */
    private void assertAllVerified(Map<String, Integer> counted, String ctx) {
        int files = 0;
        for (Path card : cards) {
            files += Library.regularFiles(card).size();
        }
        assertEquals(Map.of("A", files, "B", files), counted, "verified copies per drive (" + ctx + ")");
    }

    // damaged copies made by damage(): known bytes that may stay under a final name until repaired
    private final Set<String> damagedContents = new HashSet<>();

    private Set<String> withDamaged() {
        Set<String> all = new HashSet<>(good);
        all.addAll(damagedContents);
        return all;
    }

    /**
     * Flips one seeded byte in one copy of each of {@code n} seeded files, on a seeded drive (the other keeps the
     * good copy to repair from); returns the damaged contents.
     */
    private Set<String> damage(int n) throws IOException {
        Path first = drives.get("A").resolve("Triplicate");
        List<Path> files = new ArrayList<>(Library.regularFiles(first).stream().map(first::relativize).toList());
        Set<String> out = new HashSet<>();
        for (int i = 0; i < n; i++) {
            Path rel = files.remove(rnd.nextInt(files.size()));
            Path f = drives.get(rnd.nextBoolean() ? "A" : "B").resolve("Triplicate").resolve(rel);
            Flips.flip(f, rnd);
            out.add(Library.hash(f).hex());
        }
        damagedContents.addAll(out);
        return out;
    }

    /** Nothing under a final name on the server that is not whole, and every offsite-verified copy is there. */
    private void assertRemoteWhole(String ctx) throws Exception {
        Path served = tmp.resolve("served/backup");
        for (Path f : Library.regularFiles(served)) {
            if (f.getFileName().toString().endsWith(PART_SUFFIX)) {
                continue;
            }
            assertTrue(good.contains(Library.hash(f).hex()), "partial object under a final name on the server ("
                    + ctx + "): " + served.relativize(f));
        }
        Library.assertCountedCopiesAreRealIn(home, Map.of(Library.REMOTE, served), ctx);
    }
}
