package app.triplicate.cli;

import app.triplicate.core.Words;
import app.triplicate.capture.CaptureReading;
import app.triplicate.core.Camera;
import app.triplicate.core.CaptureTime;
import app.triplicate.core.Durations;
import app.triplicate.ingest.SessionPlanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "scan", description = {
        "Show what an ingest of CARD would do, without copying.",
        "Lists the proposed sessions (name, first and last capture "
                + "time, cameras, files new and already in the catalog, bytes), files with fallback or suspicious "
                + "times, and files that could not be read.",
        "\"Already in the catalog\" is the quick check on path, size and time; ingest, which hashes everything, decides."})
final class ScanCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Parameters(paramLabel = "CARD", description = "The card or folder to look at.")
    Path card;

    @Mixin
    SessionOptions sessionOptions;

    @Option(names = "--json", description = "Print one JSON object on standard output, with every file under its session.")
    boolean json;

    record CameraJson(String make, String model, String serial) {
        static CameraJson of(Camera c) {
            return c.isKnown() || c.serial() != null ? new CameraJson(c.make(), c.model(), c.serial()) : null;
        }
    }

    /** @param captureTime ISO-8601, with the offset when the file records one */
    record FileJson(String path, long size, String captureTime, String timeSource, boolean fallback,
                    boolean suspicious, CameraJson camera, boolean inCatalog, String problem) {
    }

    /**
     * @param firstCapture   the first shot on this computer's local timeline
     * @param firstWallClock the first shot on the camera's own clock, as the session is named and shown
     */
    record SessionJson(String name, String existingSessionId, String folder, String firstCapture, String lastCapture,
                       List<String> cameras, int files, long newFiles, long knownFiles, long bytes, long newBytes,
                       long fallbackFiles, long suspiciousFiles, List<String> notes, List<FileJson> items,
                       String firstWallClock, String lastWallClock) {
    }

    record Problem(String path, String reason) {
    }

    record ScanJson(int schemaVersion, String card, String gap, int mediaFiles, long mediaBytes,
                    List<SessionJson> sessions, List<String> fallbackFiles, List<String> suspiciousFiles,
                    List<Problem> unreadable, List<String> notMedia, List<String> skipped) {
    }

    @Override
    public Integer call() {
        var env = root.environment;
        var services = root.services();
        SessionPlanner.Plan plan = services.ingest.scan(sessionOptions.request(card, List.of(), services.settings.load()));
        List<SessionPlanner.PlannedFile> all = plan.files().values().stream().toList();
        List<String> fallback = all.stream().filter(f -> f.reading().time().fallback()).map(f -> f.file().relativePath()).toList();
        List<String> suspicious = all.stream().filter(f -> f.reading().suspicious()).map(f -> f.file().relativePath()).toList();
        List<Problem> unreadable = new java.util.ArrayList<>();
        all.stream().filter(f -> f.reading().problem() != null && !f.reading().problem().equals("no capture date in the file"))
                .forEach(f -> unreadable.add(new Problem(f.file().relativePath(), f.reading().problem())));
        plan.scan().unreadable().forEach(u -> unreadable.add(new Problem(u, "cannot be read")));
        if (json) {
            env.out().println(Json.write(new ScanJson(Json.SCHEMA_VERSION, plan.scan().card().toString(),
                    Durations.format(plan.gap()), plan.files().size(), plan.scan().mediaBytes(),
                    plan.sessions().stream().map(ScanCommand::sessionJson).toList(), fallback, suspicious, unreadable,
                    plan.scan().notMedia(), plan.scan().skipped())));
            return Cli.OK;
        }
        print(env.out(), plan, fallback, suspicious, unreadable);
        return Cli.OK;
    }

    private static SessionJson sessionJson(SessionPlanner.PlannedSession s) {
        return new SessionJson(s.name(), s.existing().map(e -> e.stableId()).orElse(null), s.folder(),
                iso(s.proposal().first()), iso(s.proposal().last()), s.proposal().cameras(), s.files().size(),
                s.newFiles(), s.knownFiles(), s.proposal().bytes(), s.newBytes(), s.proposal().fallbackCount(),
                s.proposal().suspiciousCount(), s.notes(),
                s.files().stream().map(f -> fileJson(f)).toList(), iso(s.proposal().firstWallClock()),
                iso(s.proposal().lastWallClock()));
    }

    private static FileJson fileJson(SessionPlanner.PlannedFile f) {
        CaptureReading r = f.reading();
        return new FileJson(f.file().relativePath(), f.file().size(), isoTime(r.time()), r.time().source(),
                r.time().fallback(), r.suspicious(), CameraJson.of(r.camera()), f.known().isPresent(), r.problem());
    }

    static String isoTime(CaptureTime t) {
        return t.offset() == null ? iso(t.local()) : t.local().atOffset(t.offset()).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static String iso(LocalDateTime t) {
        return t == null ? null : t.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    }

    private static void print(PrintWriter out, SessionPlanner.Plan plan, List<String> fallback, List<String> suspicious,
                              List<Problem> unreadable) {
        out.printf("Card %s: %s, %s; sessions split at gaps over %s.%n", plan.scan().card(),
                Words.count(plan.files().size(), "media file"), Json.bytes(plan.scan().mediaBytes()), Durations.format(plan.gap()));
        DateTimeFormatter when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
        for (SessionPlanner.PlannedSession s : plan.sessions()) {
            out.printf("%n  %s%s%n", s.name(), s.existing().map(e -> "  (joins existing session " + e.stableId() + ")").orElse(""));
            out.printf("    %s .. %s   %s%n", s.proposal().firstWallClock().format(when),
                    s.proposal().lastWallClock().format(when),
                    s.proposal().cameras().isEmpty() ? "camera unknown" : String.join(", ", s.proposal().cameras()));
            out.printf("    %s (%d new, %d already in the catalog), %s new of %s -> %s%n", Words.count(s.files().size(), "file"),
                    s.newFiles(), s.knownFiles(), Json.bytes(s.newBytes()), Json.bytes(s.proposal().bytes()), s.folder());
            if (s.proposal().fallbackCount() > 0) {
                out.printf("    %s with no capture date: placed by their modification time%n",
                        Words.count(s.proposal().fallbackCount(), "file"));
            }
            if (s.proposal().suspiciousCount() > 0) {
                out.printf("    %s with a suspicious camera clock (before 1980 or in the future)%n",
                        Words.count(s.proposal().suspiciousCount(), "file"));
            }
            s.notes().forEach(n -> out.println("    note: " + n));
        }
        if (!fallback.isEmpty()) {
            out.printf("%nNo capture date (modification time used): %s%n", String.join(", ", fallback.subList(0, Math.min(10, fallback.size())))
                    + (fallback.size() > 10 ? ", ... (" + (fallback.size() - 10) + " more; --json lists all)" : ""));
        }
        if (!suspicious.isEmpty()) {
            out.printf("Suspicious camera clock: %s%n", String.join(", ", suspicious));
        }
        for (Problem p : unreadable) {
            out.printf("Could not read %s: %s%n", p.path(), p.reason());
        }
        if (!plan.scan().notMedia().isEmpty()) {
            out.printf("%s (not pictures or videos) would be copied into the \"%s\" folder of the session "
                    + "of the nearest picture or video.%n", Words.count(plan.scan().notMedia().size(), "other file"),
                    app.triplicate.core.LibraryLayout.OTHER_FILES);
        }
    }
}
