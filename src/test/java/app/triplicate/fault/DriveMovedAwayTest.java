package app.triplicate.fault;

import app.triplicate.testing.ForwardingFileAccess;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A drive's folder renamed away in the middle of a verify and of an ingest (a cable pulled), at a seeded file
 * operation, and brought back: nothing is marked missing, the drive is named, the rerun completes and the counts
 * are what the drives hold. {@code verify.VerifyUnplugTest} covers repair and the glitch that passes.
 */
@FaultSuite
class DriveMovedAwayTest {
    static final long SEED = Long.getLong("triplicate.fault.seed", 1313L);
    static final int FILES = 12;

    @TempDir
    Path tmp;

    /** Moves B's folder away before the N-th time a file on it is opened or created. */
    private static final class MoveAwayAt extends ForwardingFileAccess {
        final Path drive;
        final Path away;
        final int at;
        final AtomicInteger seen = new AtomicInteger();
        volatile boolean moved;

        MoveAwayAt(Path drive, Path away, int at) {
            this.drive = drive;
            this.away = away;
            this.at = at;
        }

        private void step(Path file) {
            if (file.toAbsolutePath().startsWith(drive) && seen.incrementAndGet() == at) {
                FaultFixture.move(drive, away);
                moved = true;
            }
        }

        @Override
        public FileChannel openRead(Path file) throws IOException {
            step(file);
            return real.openRead(file);
        }

        @Override
        public FileChannel openDirectRead(Path file) throws IOException {
            step(file);
            return real.openDirectRead(file);
        }

        @Override
        public FileChannel createNew(Path file) throws IOException {
            step(file);
            return real.createNew(file);
        }
    }

    @Test
    @FaultCase(name = "drive-moved-away-mid-verify", asserts = "A drive's folder renamed away at a seeded read "
            + "during verify: exit 1 naming the drive as disconnected, nothing marked missing or corrupt, its "
            + "counts unchanged, and with the folder back the rerun finds every copy good.")
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void driveMovedAwayMidVerify() throws Exception {
        FaultFixture f = new FaultFixture(tmp, SEED);
        f.cardFiles(FILES, 200_000);
        f.ingest(f.cli, 0);
        Path b = f.drives.get("B");
        int at = 2 + f.rnd.nextInt(FILES - 3);
        String ctx = "seed " + SEED + ", B moved away at its read " + at;
        MoveAwayAt fault = new MoveAwayAt(b, tmp.resolve("b-away"), at);

        JsonNode v = f.with(fault).expect(1, "verify", "--json").json();

        assertTrue(fault.moved, "the drive was never moved away (" + ctx + ")");
        for (JsonNode finding : v.get("findings")) {
            assertEquals("NOT_CONNECTED", finding.get("kind").asText(), ctx + ": " + v);
            assertEquals("B", finding.get("drive").asText(), ctx + ": " + v);
            FaultFixture.assertNames(finding.get("detail").asText(), "disconnected during verify");
        }
        assertEquals(1, v.get("findings").size(), ctx + ": " + v);
        assertFalse(Files.exists(b), "the vanished drive's folder was re-created (" + ctx + ")");
        FaultFixture.move(tmp.resolve("b-away"), b);
        assertEquals(FILES, f.verifiedOn("B"), "copies not checked keep their standing (" + ctx + ")");

        long start = System.nanoTime();
        f.cli.expect(0, "verify");
        assertTrue(System.nanoTime() - start < 30_000_000_000L, ctx);
        f.assertWholeAndTrue(Map.of("A", FILES, "B", FILES), ctx);
    }

    @Test
    @FaultCase(name = "drive-moved-away-mid-ingest", asserts = "A destination's folder renamed away at a seeded write "
            + "during ingest: each failure names the drive, the other drive gets everything, nothing partial under "
            + "a final name, nothing counted that did not land, and with the folder back the rerun completes.")
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void driveMovedAwayMidIngest() throws Exception {
        FaultFixture f = new FaultFixture(tmp, SEED + 1);
        f.cardFiles(FILES, 200_000);
        Path b = f.drives.get("B");
        int at = 2 + f.rnd.nextInt(FILES - 3);
        String ctx = "seed " + SEED + ", B moved away at its file " + at;
        MoveAwayAt fault = new MoveAwayAt(b, tmp.resolve("b-away"), at);

        JsonNode report = f.ingest(f.with(fault), 1);

        assertTrue(fault.moved, "the drive was never moved away (" + ctx + ")");
        List<String> failed = FaultFixture.failures(report);
        assertFalse(failed.isEmpty(), ctx + ": " + report);
        for (String line : failed) {
            assertTrue(line.startsWith("B: "), ctx + ": only B fails: " + line);
            FaultFixture.assertNames(line.substring(3), "B", "IMG_");
        }
        assertFalse(Files.exists(b), "the vanished drive's folder was re-created (" + ctx + ")");
        FaultFixture.move(tmp.resolve("b-away"), b);
        // what the catalog counts on B is really there, and nothing partial is under a final name
        Library.assertNoPartialFiles(f.drives, Library.contents(f.card), true, ctx);
        Map<String, Integer> counted = Library.assertCountedCopiesAreReal(f.home, f.drives, ctx);
        assertEquals(FILES, counted.get("A"), ctx);
        assertEquals(FILES - failed.size(), counted.getOrDefault("B", 0), ctx + ": " + failed);

        long start = System.nanoTime();
        JsonNode rerun = f.ingest(f.cli, 0);
        assertTrue(System.nanoTime() - start < 30_000_000_000L, ctx);
        assertEquals(List.of(), FaultFixture.failures(rerun), ctx);
        f.assertWholeAndTrue(Map.of("A", FILES, "B", FILES), ctx);
        FaultRecorder.runs("drive-moved-away-mid-ingest", 1);
    }
}
