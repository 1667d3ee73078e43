package app.triplicate.cli;

import app.triplicate.core.LibraryLayout;
import app.triplicate.core.Words;
import app.triplicate.ingest.IngestReport;
import app.triplicate.verify.CardCheckService;
import app.triplicate.progress.Cancellation;
import app.triplicate.progress.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "ingest", description = {
        "Copy CARD to every connected working and backup drive at once.",
        "Every file on CARD outside system clutter is read once (files that are not media go to their session's "
                + "\"Other files\" folder), "
                + "hashed while it is read, written under a temporary name, read back and compared, then moved into place.",
        "Ends with the sessions filled and the card's verdict (as card check). The card is never written to. Exit 0 "
                + "when every file reached every destination verified, 1 when any failed or could not be copied."})
final class IngestCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Parameters(paramLabel = "CARD", description = "The card or folder to import.")
    Path card;

    @picocli.CommandLine.Mixin
    SessionOptions sessionOptions;

    @Option(names = "--to", paramLabel = "LABEL", description = "Copy only to this drive (label or UUID); repeat for several.")
    List<String> to = new ArrayList<>();

    @Option(names = "--json", description = "Print one JSON object on standard output.")
    boolean json;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "auto, live, lines or none (default: a live line on a terminal, else one line per file).",
            converter = ModeConverter.class)
    ProgressPrinter.Mode progressMode;

    static final class ModeConverter implements picocli.CommandLine.ITypeConverter<ProgressPrinter.Mode> {
        @Override
        public ProgressPrinter.Mode convert(String value) {
            return ProgressPrinter.Mode.valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }

    @Override
    public Integer call() {
        var env = root.environment;
        var services = root.services();
        Cancellation cancel = new Cancellation();
        // Ctrl-C: stop reading, let the drives finish and prove what is in flight, remove temporary files
        IngestReport report;
        try (CtrlC ctrlC = new CtrlC(cancel);
             ProgressPrinter printer = new ProgressPrinter(env.err(), progressMode, env.terminal())) {
            ProgressListener listener = new WatchingListener(printer);
            report = services.ingest.ingest(sessionOptions.request(card, to, services.settings.load()), listener, cancel);
        }
        // the same check the window ends an import with: the card's verdict after this run
        CardCheckService.AfterImport after = services.cardCheck.checkAfterImport(card, services.settings.load().policy());
        if (json) {
            env.out().println(Json.write(IngestJson.of(report, after)));
        } else {
            printSummary(env.out(), report);
            printSessions(env.out(), report);
            if (after.verdict() != null) {
                CardCommand.printVerdict(env.out(), after.verdict());
            } else {
                env.out().println("NOT SAFE to format yet: the card could not be checked: " + after.problem());
            }
        }
        root.afterWork("ingest");
        return report.complete() ? Cli.OK : Cli.PROBLEMS;
    }

    /** Forwards events and hands the printer the live transfer on the first one. */
    private record WatchingListener(ProgressPrinter printer) implements ProgressListener {
        @Override
        public void started(app.triplicate.progress.TransferProgress progress) {
            printer.watch(progress);
        }

        @Override
        public void fileRead(String file, long filesRead, long bytesRead) {
            printer.fileRead(file, filesRead, bytesRead);
        }

        @Override
        public void copyFinished(String destination, String file, boolean ok, long filesDone) {
            printer.copyFinished(destination, file, ok, filesDone);
        }
    }

    /**
     * @param otherFiles the card's other files (not media) copied like media to their session's "Other files"
     * @param notCopied  files outside system clutter that were not copied, with the reason
     * @param sessions   the sessions this ingest filled
     * @param verdict    the card check after the ingest (as {@code card check --json}), or null when the card could
     *                   not be checked; then {@code verdictProblem} says why
     */
    record IngestJson(int schemaVersion, String card, String cardFingerprint, boolean complete, boolean cancelled,
                      long mediaFiles, long mediaBytes, long bytesRead, double elapsedSeconds,
                      int newFiles, int alreadyThere, int failedFiles, int notMediaFiles, int skippedFiles,
                      List<IngestReport.Destination> destinations, List<IngestReport.Failure> failed,
                      List<String> notMedia, List<String> skipped, List<String> warnings,
                      long otherFiles, long otherBytes, List<String> notCopied, List<IngestReport.SessionFilled> sessions,
                      CardCommand.Check.CheckJson verdict, String verdictProblem) {
        static IngestJson of(IngestReport r, CardCheckService.AfterImport after) {
            return new IngestJson(Json.SCHEMA_VERSION, r.card(), r.cardFingerprint(), r.complete(), r.cancelled(),
                    r.mediaFiles(), r.mediaBytes(), r.bytesRead(), r.elapsed().toMillis() / 1000.0,
                    r.newFiles().size(), r.alreadyThere().size(), countFailedFiles(r), r.notMedia().size(),
                    r.skipped().size(), r.destinations(), r.failed(), r.notMedia(), r.skipped(), r.warnings(),
                    r.otherFiles(), r.otherBytes(), r.notCopied(), r.sessions(),
                    after.verdict() == null ? null : CardCommand.Check.CheckJson.of(r.card(), after.verdict()),
                    after.problem());
        }
    }

    private static int countFailedFiles(IngestReport r) {
        return (int) r.failed().stream().map(IngestReport.Failure::file).distinct().count();
    }

    private static void printSummary(PrintWriter out, IngestReport r) {
        out.printf("Card %s: %s, %s.%n", r.card(), Words.count(r.mediaFiles(), "media file"), Json.bytes(r.mediaBytes()));
        out.printf("  %d new, %d already there, %d failed, %d skipped, %d not media.%n", r.newFiles().size(),
                r.alreadyThere().size(), countFailedFiles(r), r.skipped().size(), r.notMedia().size());
        for (IngestReport.Destination d : r.destinations()) {
            out.printf("  %s (%s): %s written, %s, %s, verified by %s%n", d.label(), d.path(),
                    Words.count(d.filesWritten(), "file"),
                    Json.bytes(d.bytesWritten()), Json.rate(d.bytesPerSecond()), d.verifyMethod());
        }
        for (IngestReport.Failure f : r.failed()) {
            out.printf("  FAILED %s%s: %s%n", f.file(), f.drive() == null ? "" : " on " + f.drive(), f.reason());
        }
        if (r.otherFiles() > 0) {
            out.printf("  %s (not pictures or videos) copied like them, into the session's \"%s\" folder.%n",
                    Words.count(r.otherFiles(), "other file"), LibraryLayout.OTHER_FILES);
        }
        if (!r.notCopied().isEmpty()) {
            out.printf("  %s not copied: %s%n", Words.count(r.notCopied().size(), "file"), abbreviate(r.notCopied()));
        }
        if (!r.skipped().isEmpty()) {
            out.printf("  %d skipped: %s%n", r.skipped().size(), abbreviate(r.skipped()));
        }
        for (String w : r.warnings()) {
            out.println("  warning: " + w);
        }
        if (r.cancelled()) {
            out.println("Cancelled: run the same command again to finish; nothing partial was left under a final name.");
        } else if (r.mediaFiles() == 0) {
            out.println("No pictures or videos on the card: nothing was copied.");
        } else if (r.complete()) {
            out.printf("Every file is verified on every destination (%s).%n", Json.duration(r.elapsed()));
        } else {
            out.println("Some files were not copied: fix the cause above and run the same command again to finish.");
        }
    }

    /** "Sessions filled:" with each session's id, name, files and folder. */
    private static void printSessions(PrintWriter out, IngestReport r) {
        if (r.sessions().isEmpty()) {
            return;
        }
        out.println(r.sessions().size() == 1 ? "Session filled:" : "Sessions filled:");
        for (IngestReport.SessionFilled s : r.sessions()) {
            out.printf("  %s%s: %d %s (%d new)%s, in %s%n", s.id() == null ? "" : s.id() + "  ", s.name(), s.files(),
                    s.files() == 1 ? "file" : "files", s.newFiles(), s.created() ? ", a new session" : "", s.folder());
        }
    }

    private static String abbreviate(List<String> items) {
        int shown = Math.min(items.size(), 10);
        String s = String.join(", ", items.subList(0, shown));
        return items.size() > shown ? s + ", ... (" + (items.size() - shown) + " more; --json lists all)" : s;
    }
}
