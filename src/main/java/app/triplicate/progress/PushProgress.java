package app.triplicate.progress;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plain-Java progress of an upload to the remote: files and bytes done of the total, bytes sent over the
 * network (less than done when a file was already there or resumed), throughput and time left, and how
 * far each session has come (the window shows "uploading n%"). Updated by the upload workers, read by
 * whoever displays it.
 */
public final class PushProgress {
    private final long startNanos = System.nanoTime();
    private final AtomicLong totalFiles = new AtomicLong();
    private final AtomicLong totalBytes = new AtomicLong();
    private final AtomicLong filesDone = new AtomicLong();
    private final AtomicLong filesFailed = new AtomicLong();
    private final AtomicLong bytesDone = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final Map<Long, long[]> sessions = new ConcurrentHashMap<>();
    private final Listener listener;

    /** Told of each file as it finishes (on the worker's thread): for a line per file in logs and scripts. */
    public interface Listener {
        void fileFinished(String libraryPath, boolean ok, Snapshot now);
    }

    public PushProgress() {
        this((path, ok, now) -> { });
    }

    public PushProgress(Listener listener) {
        this.listener = listener;
    }

    /** What the push will do, once it knows: called before the first upload. */
    public void plan(long files, long bytes, Map<Long, Long> bytesPerSession) {
        totalFiles.set(files);
        totalBytes.set(bytes);
        bytesPerSession.forEach((s, b) -> sessions.put(s, new long[]{b, 0}));
    }

    /** Bytes sent over the network just now. */
    public void sent(long n) {
        bytesSent.addAndGet(n);
    }

    /** A file is finished: uploaded and verified, already there, or failed. */
    public void fileFinished(String libraryPath, long sessionId, long bytes, boolean ok) {
        filesDone.incrementAndGet();
        if (!ok) {
            filesFailed.incrementAndGet();
        }
        bytesDone.addAndGet(bytes);
        long[] s = sessions.get(sessionId);
        if (s != null && ok) {
            synchronized (s) {
                s[1] += bytes;
            }
        }
        listener.fileFinished(libraryPath, ok, snapshot());
    }

    /** How much of the session's bytes queued in this push are done, 0 to 100; empty when it has none queued. */
    public Optional<Integer> sessionPercent(long sessionId) {
        long[] s = sessions.get(sessionId);
        if (s == null || s[0] == 0) {
            return Optional.empty();
        }
        synchronized (s) {
            return Optional.of((int) Math.min(100, s[1] * 100 / s[0]));
        }
    }

    public Snapshot snapshot() {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        double seconds = Math.max(elapsed.toNanos() / 1e9, 1e-3);
        long sent = bytesSent.get();
        long done = bytesDone.get();
        double rate = sent / seconds;
        long remaining = Math.max(0, totalBytes.get() - done);
        Optional<Duration> left = rate > 0 && remaining > 0
                ? Optional.of(Duration.ofMillis((long) (remaining / rate * 1000))) : Optional.empty();
        return new Snapshot(totalFiles.get(), totalBytes.get(), filesDone.get(), filesFailed.get(), done, sent,
                elapsed, rate, left);
    }

    /**
     * @param bytesDone      bytes of files finished (uploaded, already there, or given up)
     * @param bytesSent      bytes that went over the network
     * @param bytesPerSecond sent per second since the start
     */
    public record Snapshot(long totalFiles, long totalBytes, long filesDone, long filesFailed, long bytesDone,
                           long bytesSent, Duration elapsed, double bytesPerSecond, Optional<Duration> timeLeft) {
    }
}
