package app.triplicate.cli;

import app.triplicate.progress.ProgressListener;
import app.triplicate.progress.TransferProgress;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Shows an ingest's progress on standard error: a live line redrawn twice a second on a terminal, or one
 * line per event ({@code --progress lines}) for logs and scripts.
 */
final class ProgressPrinter implements ProgressListener, AutoCloseable {

    enum Mode { AUTO, LIVE, LINES, NONE }

    private final PrintWriter err;
    private final Mode mode;
    private final AtomicReference<TransferProgress> progress = new AtomicReference<>();
    private ScheduledExecutorService ticker;

    ProgressPrinter(PrintWriter err, Mode mode, boolean terminal) {
        this.err = err;
        this.mode = mode == Mode.AUTO ? (terminal ? Mode.LIVE : Mode.LINES) : mode;
    }

    /** Starts the live line once the transfer exists. */
    void watch(TransferProgress p) {
        progress.set(p);
        if (mode == Mode.LIVE && ticker == null) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "triplicate-progress");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::draw, 500, 500, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void fileRead(String file, long filesRead, long bytesRead) {
        if (mode == Mode.LINES) {
            synchronized (err) {
                err.printf(Locale.ROOT, "progress: read %d files, %d bytes: %s%n", filesRead, bytesRead, file);
                err.flush();
            }
        }
    }

    @Override
    public void copyFinished(String destination, String file, boolean ok, long filesDone) {
        if (mode == Mode.LINES) {
            synchronized (err) {
                err.printf(Locale.ROOT, "progress: %s %s %d: %s%n", destination, ok ? "done" : "FAILED", filesDone, file);
                err.flush();
            }
        }
    }

    private void draw() {
        TransferProgress p = progress.get();
        if (p == null) {
            return;
        }
        TransferProgress.Snapshot s = p.snapshot();
        StringBuilder line = new StringBuilder();
        line.append(String.format(Locale.ROOT, "%d/%d files  %s of %s", s.filesRead(), s.totalFiles(),
                Json.bytes(s.bytesRead() + s.bytesSkipped()), Json.bytes(s.totalBytes())));
        for (TransferProgress.LaneSnapshot lane : s.lanes()) {
            line.append("  | ").append(lane.name()).append(": ").append(app.triplicate.core.Words.count(lane.filesDone(), "file")).append(' ')
                    .append(Json.rate(lane.bytesPerSecond()));
            lane.timeLeft().ifPresent(d -> line.append(", ").append(Json.duration(d)).append(" left"));
        }
        synchronized (err) {
            err.print("\r" + line + "\u001b[K");
            err.flush();
        }
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            draw();
            synchronized (err) {
                err.println();
                err.flush();
            }
        }
    }
}
