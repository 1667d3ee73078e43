package app.triplicate.cli;

import app.triplicate.core.Words;
import app.triplicate.core.Units;
import app.triplicate.core.UsageException;
import app.triplicate.progress.Cancellation;
import app.triplicate.progress.PushProgress;
import app.triplicate.remote.PushService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

@Command(name = "push", description = {
        "Upload to the remote every file it has no verified copy of yet.",
        "Each file is read from a connected drive holding a verified copy; each upload is checked before it "
                + "counts. Interrupted uploads resume."})
final class PushCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Option(names = "--session", paramLabel = "S", description = "Only this session (the id status prints, or a unique name).")
    String session;

    @Option(names = "--limit", paramLabel = "RATE", description = "At most this much a second, all files together (5MB/s, 500kB/s; default: the settings' upload limit, else none).")
    String limit;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "" + PushService.DEFAULT_PARALLEL,
            description = "Files at once, 1 to " + PushService.MAX_PARALLEL + " (default ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--json", description = "Print one JSON object on standard output.")
    boolean json;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "auto, live, lines or none (default: a live line on a terminal, else one line per file).",
            converter = IngestCommand.ModeConverter.class)
    ProgressPrinter.Mode progressMode;

    record PushJson(int schemaVersion, String remote, boolean ok, boolean stopped, long uploadedFiles,
                    long alreadyThereFiles, long bytes, long bytesSent, double elapsedSeconds, double bytesPerSecond,
                    long waitingFiles, List<String> waitingOn, List<PushService.Uploaded> uploaded,
                    List<PushService.Failed> failed, List<String> warnings) {
    }

    @Override
    public Integer call() {
        var env = root.environment;
        long rate = 0;
        if (limit != null) {
            try {
                rate = Units.parseRate(limit);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--limit: " + e.getMessage());
            }
        }
        var services = root.services();
        if (limit == null) {
            try {
                rate = services.settings.load().uploadBytesPerSecond();
            } catch (IllegalArgumentException e) {
                throw new UsageException("the upload limit in the settings: " + e.getMessage());
            }
        }
        PushService.Request request = new PushService.Request(Optional.ofNullable(session), rate, parallel);
        ProgressPrinter.Mode mode = progressMode == ProgressPrinter.Mode.AUTO
                ? (env.terminal() ? ProgressPrinter.Mode.LIVE : ProgressPrinter.Mode.LINES) : progressMode;
        PrintWriter err = env.err();
        PushProgress progress = new PushProgress((path, ok, now) -> {
            if (mode == ProgressPrinter.Mode.LINES) {
                synchronized (err) {
                    err.printf(Locale.ROOT, "progress: %s %d/%d files, %d of %d bytes: %s%n", ok ? "done" : "FAILED",
                            now.filesDone(), now.totalFiles(), now.bytesDone(), now.totalBytes(), path);
                    err.flush();
                }
            }
        });
        Cancellation cancel = new Cancellation();
        ScheduledExecutorService ticker = null;
        if (mode == ProgressPrinter.Mode.LIVE) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "triplicate-progress");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(() -> {
                synchronized (err) {
                    err.print("\r" + line(progress.snapshot()) + "   ");
                    err.flush();
                }
            }, 500, 500, TimeUnit.MILLISECONDS);
        }
        PushService.Report report;
        // Ctrl-C: stop between blocks; what arrived is kept on the remote for the next push to continue from
        try (CtrlC ctrlC = new CtrlC(cancel)) {
            report = services.push.push(request, progress, cancel);
        } finally {
            if (ticker != null) {
                ticker.shutdownNow();
                synchronized (err) {
                    err.println();
                }
            }
        }
        PushProgress.Snapshot t = report.totals();
        long already = report.uploaded().stream().filter(PushService.Uploaded::alreadyThere).count();
        long bytes = report.uploaded().stream().mapToLong(PushService.Uploaded::size).sum();
        if (json) {
            env.out().println(Json.write(new PushJson(Json.SCHEMA_VERSION, report.remote(), report.ok(), report.stopped(),
                    report.uploaded().size() - already, already, bytes, t.bytesSent(), t.elapsed().toMillis() / 1000.0,
                    t.bytesPerSecond(), report.waiting(), report.waitingOn(), report.uploaded(), report.failed(),
                    report.warnings())));
        } else {
            for (PushService.Failed f : report.failed()) {
                err.printf("FAILED %s: %s%n", f.libraryPath(), f.message());
            }
            var out = env.out();
            if (report.uploaded().isEmpty() && report.failed().isEmpty() && report.waiting() == 0) {
                out.printf("Every file already has a verified copy on %s.%n", report.remote());
            } else {
                out.printf("%s (%s) now verified on %s", Words.count(report.uploaded().size(), "file"), Json.bytes(bytes),
                        report.remote());
                out.printf(already > 0 ? "; %d %s already there%n" : "%n", already, already == 1 ? "was" : "were");
                out.printf("Sent %s in %s (%s).%n", Json.bytes(t.bytesSent()), Units.clock(t.elapsed()),
                        Json.rate(t.bytesPerSecond()));
            }
            report.uploaded().stream().filter(u -> !u.key().equals(u.libraryPath())).forEach(u -> out.printf(
                    "%s: the name on the remote held other content; uploaded as %s (nothing was overwritten)%n",
                    u.libraryPath(), u.key()));
            if (report.waiting() > 0) {
                out.printf("%s for a drive with a verified copy to be connected%s.%n",
                        Words.count(report.waiting(), "file") + (report.waiting() == 1 ? " waits" : " wait"),
                        report.waitingOn().isEmpty() ? "" : ": " + String.join(", ", report.waitingOn()));
            }
            report.warnings().forEach(w -> out.println("warning: " + w));
            if (report.stopped()) {
                out.println("Stopped. Run \"triplicate push\" again to continue where it stopped.");
            }
            if (!report.failed().isEmpty()) {
                out.printf("%s failed (listed above).%n", Words.count(report.failed().size(), "file"));
            }
        }
        return report.ok() ? Cli.OK : Cli.PROBLEMS;
    }

    private static String line(PushProgress.Snapshot s) {
        return String.format(Locale.ROOT, "push: %d/%d files, %s of %s, %s%s", s.filesDone(), s.totalFiles(),
                Units.bytes(s.bytesDone()), Units.bytes(s.totalBytes()), Units.rate(s.bytesPerSecond()),
                s.timeLeft().map(d -> ", " + Units.clock(d) + " left").orElse(""));
    }
}
