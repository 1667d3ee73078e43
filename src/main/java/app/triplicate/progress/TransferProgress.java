package app.triplicate.progress;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plain-Java progress of a copy from one source to several destinations ("lanes"): files and bytes
 * read, written and proven per destination, throughput and time left. Counters are updated by the
 * worker threads and read by whoever displays them.
 */
public final class TransferProgress {

    private final long totalFiles;
    private final long totalBytes;
    private final long startNanos = System.nanoTime();
    private final AtomicLong filesRead = new AtomicLong();
    private final AtomicLong bytesRead = new AtomicLong();
    private final AtomicLong bytesSkipped = new AtomicLong();
    private final Map<String, Lane> lanes = new LinkedHashMap<>();
    private final ProgressListener listener;

    public TransferProgress(long totalFiles, long totalBytes, List<String> laneNames, ProgressListener listener) {
        this.totalFiles = totalFiles;
        this.totalBytes = totalBytes;
        this.listener = listener;
        for (String name : laneNames) {
            lanes.put(name, new Lane(name));
        }
    }

    public Lane lane(String name) {
        Lane lane = lanes.get(name);
        if (lane == null) {
            throw new IllegalArgumentException("no such destination in this transfer: " + name);
        }
        return lane;
    }

    public void addRead(long bytes) {
        bytesRead.addAndGet(bytes);
    }

    /** A file that needed no reading (already on every destination) still moves the transfer forward. */
    public void addSkipped(long bytes) {
        bytesSkipped.addAndGet(bytes);
    }

    public void fileRead(String file) {
        listener.fileRead(file, filesRead.incrementAndGet(), bytesRead.get());
    }

    public long totalFiles() {
        return totalFiles;
    }

    public long totalBytes() {
        return totalBytes;
    }

    public Snapshot snapshot() {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        List<LaneSnapshot> laneSnapshots = lanes.values().stream().map(l -> l.snapshot(elapsed)).toList();
        return new Snapshot(totalFiles, totalBytes, filesRead.get(), bytesRead.get(), bytesSkipped.get(), elapsed,
                laneSnapshots);
    }

    /** Progress of one destination. */
    public final class Lane {
        private final String name;
        private final AtomicLong bytesWritten = new AtomicLong();
        private final AtomicLong bytesVerified = new AtomicLong();
        private final AtomicLong filesDone = new AtomicLong();
        private final AtomicLong filesFailed = new AtomicLong();
        private final AtomicLong bytesSkipped = new AtomicLong();

        private Lane(String name) {
            this.name = name;
        }

        public void addWritten(long n) {
            bytesWritten.addAndGet(n);
        }

        public void addVerified(long n) {
            bytesVerified.addAndGet(n);
        }

        /** A file that needed no writing here (already present) still moves the lane forward. */
        public void addSkipped(long n) {
            bytesSkipped.addAndGet(n);
        }

        public void copyFinished(String file, boolean ok) {
            long done = filesDone.incrementAndGet();
            if (!ok) {
                filesFailed.incrementAndGet();
            }
            listener.copyFinished(name, file, ok, done);
        }

        LaneSnapshot snapshot(Duration elapsed) {
            long verified = bytesVerified.get();
            double seconds = Math.max(elapsed.toNanos() / 1e9, 1e-3);
            double rate = verified / seconds;
            long remaining = Math.max(0, totalBytes - verified - bytesSkipped.get());
            Optional<Duration> left = rate > 0
                    ? Optional.of(Duration.ofMillis((long) (remaining / rate * 1000)))
                    : Optional.empty();
            return new LaneSnapshot(name, filesDone.get(), filesFailed.get(), bytesWritten.get(), verified,
                    bytesSkipped.get(), rate, left);
        }
    }

    /** @param bytesSkipped bytes of files recognised as already copied, not read */
    public record Snapshot(long totalFiles, long totalBytes, long filesRead, long bytesRead, long bytesSkipped,
                           Duration elapsed, List<LaneSnapshot> lanes) {
        public double readRate() {
            return bytesRead / Math.max(elapsed.toNanos() / 1e9, 1e-3);
        }
    }

    /**
     * @param bytesSkipped   bytes of files this destination already held (nothing written)
     * @param bytesPerSecond proven bytes per second since the start
     */
    public record LaneSnapshot(String name, long filesDone, long filesFailed, long bytesWritten, long bytesVerified,
                               long bytesSkipped, double bytesPerSecond, Optional<Duration> timeLeft) {
    }
}
