package app.triplicate.progress;

import app.triplicate.progress.VerifyProgress.DriveSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Per-drive verification counters: totals, rate and time left, on a clock the test moves. */
class VerifyProgressTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(5 * SECOND);
    private final VerifyProgress progress = new VerifyProgress(now::get);

    @Test
    void ratesAndTimeLeftFollowEachDrivesOwnClock() {
        VerifyProgress.Drive a = progress.drive("Backup A");
        VerifyProgress.Drive b = progress.drive("Backup B");
        a.planned(10, 1_000_000_000L);
        b.planned(4, 400_000_000L);
        a.started();
        now.addAndGet(10 * SECOND);
        for (int i = 0; i < 3; i++) {
            a.copyChecked();
        }
        a.addRead(250_000_000L); // 25 MB/s over 10 s; 750 MB left: 30 s

        VerifyProgress.Snapshot s = progress.snapshot();
        assertEquals(List.of("Backup A", "Backup B"), s.drives().stream().map(DriveSnapshot::label).toList());
        DriveSnapshot da = s.drives().get(0);
        assertEquals(DriveSnapshot.State.CHECKING, da.state());
        assertEquals(3, da.copiesChecked());
        assertEquals(10, da.copiesTotal());
        assertEquals(25_000_000d, da.bytesPerSecond(), 1);
        assertEquals(Optional.of(Duration.ofSeconds(30)), da.timeLeft());
        assertEquals(0.25, da.fraction(), 1e-9);

        DriveSnapshot db = s.drives().get(1);
        assertEquals(DriveSnapshot.State.WAITING, db.state(), "B waits for A (same disk)");
        assertEquals(Optional.empty(), db.timeLeft());
        assertEquals(0, db.bytesPerSecond());

        assertEquals(14, s.copiesTotal());
        assertEquals(3, s.copiesChecked());
        assertEquals(1_400_000_000L, s.bytesTotal());
        assertEquals(250_000_000d / 1_400_000_000d, s.fraction(), 1e-9);
        assertEquals(Optional.of(Duration.ofSeconds(30)), s.timeLeft());
        assertEquals(Duration.ofSeconds(10), s.elapsed());
    }

    @Test
    void aFinishedDriveStopsItsClockAndCountsAsDone() {
        VerifyProgress.Drive a = progress.drive("A");
        a.planned(2, 2_000);
        a.started();
        now.addAndGet(2 * SECOND);
        a.addRead(1_000);
        a.copyChecked();
        a.finished(); // stopped halfway (cancelled)
        now.addAndGet(60 * SECOND);

        DriveSnapshot d = progress.snapshot().drives().get(0);
        assertEquals(DriveSnapshot.State.FINISHED, d.state());
        assertEquals(Duration.ofSeconds(2), d.elapsed(), "the rate is over the time it ran, not since");
        assertEquals(500d, d.bytesPerSecond(), 1e-9);
        assertEquals(0, d.bytesLeft());
        assertEquals(Optional.empty(), d.timeLeft());
        assertEquals(0.5, d.fraction(), 1e-9, "a stopped drive shows how far it got");
        assertEquals(0.5, progress.snapshot().fraction(), 1e-9);

        a.copyChecked(); // the other copy was missing: checked, nothing read
        assertEquals(1, progress.snapshot().drives().get(0).fraction());
        assertEquals(1, progress.snapshot().fraction());
    }

    @Test
    void drivesWithoutBytesMoveByCopiesAndAnEmptyJobIsAtZero() {
        assertEquals(0, progress.snapshot().fraction());
        VerifyProgress.Drive a = progress.drive("A");
        a.planned(4, 0);
        a.started();
        a.copyChecked();
        assertEquals(0.25, progress.snapshot().fraction(), 1e-9);
        assertEquals(0.25, progress.snapshot().drives().get(0).fraction(), 1e-9);
        assertEquals(Optional.empty(), progress.snapshot().timeLeft(), "no bytes read yet: unknown");
        assertEquals(a, progress.drive("A"), "one counter per drive");
    }
}
