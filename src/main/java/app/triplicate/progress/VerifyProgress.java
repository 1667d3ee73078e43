package app.triplicate.progress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Plain-Java progress of a verification, per drive: copies and bytes planned, checked and read, and from
 * those a rate and the time left. The verifier's workers update the counters; a display polls
 * {@link #snapshot()} on its own schedule (never one event per file).
 */
public final class VerifyProgress {
    private final LongSupplier nanoTime;
    private final long startNanos;
    private final Map<String, Drive> drives = new LinkedHashMap<>();

    public VerifyProgress() {
        this(System::nanoTime);
    }

    /** @param nanoTime the clock (tests pass their own) */
    public VerifyProgress(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
    }

    /** The drive's counters, registered on first use (in the order drives are listed). */
    public Drive drive(String label) {
        synchronized (drives) {
            return drives.computeIfAbsent(label, Drive::new);
        }
    }

    public Snapshot snapshot() {
        List<Drive> all;
        synchronized (drives) {
            all = new ArrayList<>(drives.values());
        }
        long now = nanoTime.getAsLong();
        return new Snapshot(all.stream().map(d -> d.snapshot(now)).toList(), Duration.ofNanos(now - startNanos));
    }

    /** One drive's counters. A drive waits (not started) while another drive of its disk is checked. */
    public final class Drive {
        private final String label;
        private final AtomicLong copiesTotal = new AtomicLong();
        private final AtomicLong bytesTotal = new AtomicLong();
        private final AtomicLong copiesChecked = new AtomicLong();
        private final AtomicLong bytesRead = new AtomicLong();
        private volatile long startedNanos = -1;
        private volatile long finishedNanos = -1;

        private Drive(String label) {
            this.label = label;
        }

        /** What this drive's check will read. */
        public void planned(long copies, long bytes) {
            copiesTotal.set(copies);
            bytesTotal.set(bytes);
        }

        public void started() {
            startedNanos = nanoTime.getAsLong();
        }

        public void addRead(long n) {
            bytesRead.addAndGet(n);
        }

        /** One copy checked, whatever the outcome (good, corrupt, missing, unreadable). */
        public void copyChecked() {
            copiesChecked.incrementAndGet();
        }

        /** The drive's check ended: all done, or stopped (cancelled, budget spent). */
        public void finished() {
            if (startedNanos < 0) {
                startedNanos = nanoTime.getAsLong();
            }
            finishedNanos = nanoTime.getAsLong();
        }

        DriveSnapshot snapshot(long now) {
            long started = startedNanos;
            long finished = finishedNanos;
            DriveSnapshot.State state = started < 0 ? DriveSnapshot.State.WAITING
                    : finished < 0 ? DriveSnapshot.State.CHECKING : DriveSnapshot.State.FINISHED;
            Duration elapsed = started < 0 ? Duration.ZERO : Duration.ofNanos((finished < 0 ? now : finished) - started);
            return new DriveSnapshot(label, state, copiesTotal.get(), copiesChecked.get(), bytesTotal.get(),
                    bytesRead.get(), elapsed);
        }
    }

    /** One drive at one moment. */
    public record DriveSnapshot(String label, State state, long copiesTotal, long copiesChecked, long bytesTotal,
                                long bytesRead, Duration elapsed) {
        public enum State { WAITING, CHECKING, FINISHED }

        /** Bytes read per second since this drive's check began; 0 before. */
        public double bytesPerSecond() {
            double seconds = elapsed.toNanos() / 1e9;
            return seconds <= 0 ? 0 : bytesRead / seconds;
        }

        public long bytesLeft() {
            return state == State.FINISHED ? 0 : Math.max(0, bytesTotal - bytesRead);
        }

        /** From 0 to 1: bytes when there are any to read, else copies; 1 once every copy is checked. */
        public double fraction() {
            if (state == State.FINISHED && copiesChecked >= copiesTotal) {
                return 1; // missing copies are checked without reading their bytes
            }
            if (bytesTotal > 0) {
                return Math.min(1, (double) bytesRead / bytesTotal);
            }
            return copiesTotal == 0 ? 0 : Math.min(1, (double) copiesChecked / copiesTotal);
        }

        /** At the rate so far; empty before anything was read, or when done. */
        public Optional<Duration> timeLeft() {
            double rate = bytesPerSecond();
            long left = bytesLeft();
            if (state != State.CHECKING || rate <= 0 || left <= 0) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofMillis((long) Math.ceil(left / rate * 1000)));
        }
    }

    /** Every drive at one moment. */
    public record Snapshot(List<DriveSnapshot> drives, Duration elapsed) {
        public long copiesTotal() {
            return drives.stream().mapToLong(DriveSnapshot::copiesTotal).sum();
        }

        public long copiesChecked() {
            return drives.stream().mapToLong(DriveSnapshot::copiesChecked).sum();
        }

        public long bytesTotal() {
            return drives.stream().mapToLong(DriveSnapshot::bytesTotal).sum();
        }

        public long bytesRead() {
            return drives.stream().mapToLong(DriveSnapshot::bytesRead).sum();
        }

        /** From 0 to 1 over all drives: by bytes when there are any, else by copies. */
        public double fraction() {
            long bytes = bytesTotal();
            if (bytes > 0) {
                return drives.stream().mapToDouble(d -> d.fraction() * d.bytesTotal()).sum() / bytes;
            }
            long copies = copiesTotal();
            return copies == 0 ? 0 : drives.stream().mapToDouble(d -> d.fraction() * d.copiesTotal()).sum() / copies;
        }

        /** The longest time left of any drive (drives run side by side); empty when unknown. */
        public Optional<Duration> timeLeft() {
            return drives.stream().map(DriveSnapshot::timeLeft).flatMap(Optional::stream)
                    .max(Duration::compareTo);
        }
    }
}
