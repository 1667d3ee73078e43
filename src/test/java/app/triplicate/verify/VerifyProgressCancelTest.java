package app.triplicate.verify;

import app.triplicate.files.FileAccess;
import app.triplicate.files.LocalFileAccess;
import app.triplicate.progress.Cancellation;
import app.triplicate.progress.VerifyProgress;
import app.triplicate.settings.Home;
import app.triplicate.testing.Cards;
import app.triplicate.testing.CliHarness;
import app.triplicate.wiring.Services;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Verify-all's progress counters and its Stop, against real files on two drives and a real catalog. */
class VerifyProgressCancelTest {
    private static final int FILES = 8;
    @TempDir
    Path tmp;
    Path a;
    long bytes;

    @BeforeEach
    void ingestRandomFilesToTwoDrives() throws Exception {
        CliHarness cli = new CliHarness(tmp.resolve("home"));
        a = cli.addDrive(tmp.resolve("a"), "A");
        cli.addDrive(tmp.resolve("b"), "B");
        Path card = tmp.resolve("card");
        for (int i = 0; i < FILES; i++) {
            bytes += Files.size(Cards.randomFile(card.resolve(String.format("DCIM/100TEST/IMG_%04d.CR2", i)),
                    50_000 + i * 1_000, i));
        }
        cli.expect(0, "ingest", card.toString(), "--name", "Random", "--progress", "none");
        // a file the catalog does not know: a whole check lists it, a stopped one does not look for it
        Files.writeString(a.resolve("Triplicate/stray.txt"), "not ours");
    }

    private Services open(FileAccess files) {
        return Services.open(Home.under(tmp.resolve("home")), files, List.of(tmp.resolve("media")),
                Clock.systemDefaultZone());
    }

    @Test
    void progressCountsEveryCopyAndByteOfEachDrive() {
        VerifyProgress progress = new VerifyProgress();
        List<Finding> findings = new ArrayList<>();
        try (Services s = open(new LocalFileAccess())) {
            VerifyService.Report report = s.verify.verify(VerifyService.Request.everything(), findings::add, progress,
                    new Cancellation());
            assertFalse(report.cancelled());
            assertEquals(2L * FILES, report.copiesChecked());
        }
        VerifyProgress.Snapshot snap = progress.snapshot();
        assertEquals(List.of("A", "B"), snap.drives().stream().map(VerifyProgress.DriveSnapshot::label).sorted().toList());
        for (VerifyProgress.DriveSnapshot d : snap.drives()) {
            assertEquals(VerifyProgress.DriveSnapshot.State.FINISHED, d.state(), d.label());
            assertEquals(FILES, d.copiesTotal(), d.label());
            assertEquals(FILES, d.copiesChecked(), d.label());
            assertEquals(bytes, d.bytesTotal(), d.label());
            assertEquals(bytes, d.bytesRead(), d.label());
            assertEquals(Optional.empty(), d.timeLeft());
        }
        assertEquals(1, snap.fraction());
        assertEquals(List.of("UNTRACKED A stray.txt"),
                findings.stream().map(f -> f.kind() + " " + f.drive() + " " + f.path()).toList());
    }

    @Test
    void aStoppedCheckEndsBetweenCopiesAndReportsWhatItChecked() {
        Cancellation stop = new Cancellation();
        AtomicInteger reads = new AtomicInteger();
        FileAccess cancelOnThirdRead = new CountingFileAccess(() -> {
            if (reads.incrementAndGet() == 3) {
                stop.cancel(); // as if the user pressed Stop while the third copy is read
            }
        });
        VerifyProgress progress = new VerifyProgress();
        List<Finding> findings = new ArrayList<>();
        try (Services s = open(cancelOnThirdRead)) {
            VerifyService.Report report = s.verify.verify(new VerifyService.Request(Optional.of("A"), Optional.empty(),
                    Optional.empty(), Optional.empty()), findings::add, progress, stop);
            assertTrue(report.cancelled());
            assertEquals(3, report.copiesChecked(), "the copy being read is finished, then the check stops");
            assertEquals(1, report.drives().size());
            assertEquals(0, report.drives().get(0).problems());
        }
        VerifyProgress.DriveSnapshot d = progress.snapshot().drives().get(0);
        assertEquals(VerifyProgress.DriveSnapshot.State.FINISHED, d.state());
        assertEquals(3, d.copiesChecked());
        assertEquals(FILES, d.copiesTotal());
        assertTrue(d.fraction() < 1, "a stopped drive does not look done: " + d.fraction());
        assertEquals(List.of(), findings, "a stopped check does not list the library for untracked files");
    }

    /** The real file system, running a hook whenever a copy is opened to be read back. */
    private static final class CountingFileAccess extends app.triplicate.testing.ForwardingFileAccess {
        private final Runnable onRead;

        CountingFileAccess(Runnable onRead) {
            this.onRead = onRead;
        }

        @Override
        public FileChannel openDirectRead(Path file) throws IOException {
            onRead.run();
            return real.openDirectRead(file);
        }
    }
}
