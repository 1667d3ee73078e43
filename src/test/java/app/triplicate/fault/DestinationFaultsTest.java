package app.triplicate.fault;

import app.triplicate.testing.CliHarness;
import app.triplicate.testing.FaultyFileAccess;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A destination that fills up and a read-only destination, as real tmpfs mounts (CI runs as root), else through
 * the fault seam: each failure names the drive, the other drive gets everything, nothing partial lands under a
 * final name, nothing is counted that did not land, and once the drive has room (or is writable) again the
 * rerun completes. {@code ingest.IngestBadInputTest} checks the report's byte figures and the log lines.
 */
@FaultSuite
class DestinationFaultsTest {
    static final long SEED = Long.getLong("triplicate.fault.seed", 1313L);
    static final int FILES = 8;

    @TempDir
    Path tmp;

    @Test
    @FaultCase(name = "destination-fills", asserts = "A 3 MB tmpfs destination filling mid-ingest: each failure "
            + "names the drive as full, the other drive gets every file, no partial or temporary file is left, "
            + "only landed copies count, and after the drive is given room the rerun completes.")
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void destinationThatFills() throws Exception {
        FaultFixture f = new FaultFixture(tmp, SEED);
        f.cardFiles(FILES, 500_000);
        Path small = Files.createDirectories(tmp.resolve("small"));
        boolean mounted = Mounts.tmpfs(small, "3m");
        try {
            FaultyFileAccess seam = new FaultyFileAccess();
            FaultyFileAccess.Fault full = null;
            if (mounted) {
                assertEquals("tmpfs", Files.getFileStore(small).type());
            } else {
                System.err.println("DestinationFaultsTest: cannot mount a tmpfs here; the seam fails writes after 3 MB");
                full = seam.failWritesAfterBytes(small, 3_000_000, FaultyFileAccess.noSpaceLeft());
            }
            f.cli.addDrive(small, "Small");
            f.drives.remove("B");
            f.drives.put("Small", small);
            String ctx = mounted ? "real 3 MB tmpfs" : "seam: no space after 3 MB";

            JsonNode report = f.ingest(new CliHarness(f.home).withFiles(seam), 1, "--to", "A", "--to", "Small");

            if (full != null) {
                assertTrue(full.fired() > 0, "the drive never filled: " + full);
            }
            List<String> failed = FaultFixture.failures(report);
            assertFalse(failed.isEmpty(), ctx + ": 4 MB cannot fit on 3 MB: " + report);
            for (String line : failed) {
                assertTrue(line.startsWith("Small: DCIM/100TEST/IMG_"), ctx + ": " + line);
                FaultFixture.assertNames(line.substring(7), "Small", "full");
            }
            Library.assertNoPartialFiles(f.drives, Library.contents(f.card), false, ctx);
            Map<String, Integer> counted = Library.assertCountedCopiesAreReal(f.home, f.drives, ctx);
            assertEquals(Map.of("A", FILES, "Small", FILES - failed.size()), counted, ctx + ": " + failed);

            // room again: a bigger tmpfs in place (its files stay), or no more fault
            if (mounted) {
                assertTrue(Mounts.remount(small, "size=20m"));
            }
            f.ingest(f.cli, 0, "--to", "A", "--to", "Small");
            f.assertWholeAndTrue(Map.of("A", FILES, "Small", FILES), ctx);
        } finally {
            if (mounted) {
                Mounts.umount(small);
            }
        }
    }

    @Test
    @FaultCase(name = "destination-read-only", asserts = "A destination remounted read-only: each failure names the "
            + "drive and says read-only, the other drive gets every file, nothing is counted on it, and once "
            + "writable again the rerun completes.")
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void readOnlyDestination() throws Exception {
        FaultFixture f = new FaultFixture(tmp, SEED + 1);
        f.cardFiles(FILES, 100_000);
        Path ro = Files.createDirectories(tmp.resolve("ro"));
        boolean mounted = Mounts.tmpfs(ro, "20m");
        try {
            f.cli.addDrive(ro, "Shelf");
            FaultyFileAccess seam = new FaultyFileAccess();
            FaultyFileAccess.Fault readOnly = null;
            if (mounted && Mounts.remount(ro, "ro")) {
                // root ignores permissions, not a read-only mount: the fault is real
                assertThrows(FileSystemException.class, () -> Files.createFile(ro.resolve("probe")));
            } else {
                System.err.println("DestinationFaultsTest: no read-only mount here; the seam refuses writes");
                readOnly = seam.failCreateUnder(ro, FaultyFileAccess.readOnlyFileSystem());
            }
            f.drives.remove("B");
            f.drives.put("Shelf", ro);
            String ctx = readOnly == null ? "real read-only tmpfs" : "seam: read-only file system";

            JsonNode report = f.ingest(new CliHarness(f.home).withFiles(seam), 1, "--to", "A", "--to", "Shelf");

            if (readOnly != null) {
                assertTrue(readOnly.fired() > 0, "the read-only fault never happened: " + readOnly);
            }
            List<String> failed = FaultFixture.failures(report);
            assertEquals(FILES, failed.size(), ctx + ": " + report);
            for (String line : failed) {
                assertTrue(line.startsWith("Shelf: DCIM/100TEST/IMG_"), ctx + ": " + line);
                FaultFixture.assertNames(line.substring(7), "Shelf", "read-only");
            }
            Map<String, Integer> counted = Library.assertCountedCopiesAreReal(f.home, f.drives, ctx);
            assertEquals(Map.of("A", FILES), counted, ctx);

            if (readOnly == null) {
                assertTrue(Mounts.remount(ro, "rw"));
            }
            f.ingest(f.cli, 0, "--to", "A", "--to", "Shelf");
            f.assertWholeAndTrue(Map.of("A", FILES, "Shelf", FILES), ctx);
        } finally {
            if (mounted) {
                Mounts.umount(ro);
            }
        }
    }
}
