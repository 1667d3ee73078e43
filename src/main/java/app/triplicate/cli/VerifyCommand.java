package app.triplicate.cli;

import app.triplicate.core.Durations;
import app.triplicate.core.UsageException;
import app.triplicate.verify.Finding;
import app.triplicate.verify.VerifyService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "verify", description = {
        "Re-read every copy on every connected drive, compare it with the hash recorded at ingest, and update its "
                + "state and last-verified date. Drives on different disks are checked in parallel.",
        "Exit 0 when everything checked is good, 1 when anything is missing, corrupt or unreadable."})
final class VerifyCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Option(names = "--drive", paramLabel = "LABEL", description = "Only this drive (label or UUID).")
    String drive;

    @Option(names = "--session", paramLabel = "S", description = "Only this session (the id status prints, or a unique name).")
    String session;

    @Option(names = "--older-than", paramLabel = "D", description = "Only copies last verified more than D ago (30d).")
    String olderThan;

    @Option(names = "--budget", paramLabel = "D", description = "Stop after D (20m), checking the copies verified longest ago first; a daily run covers the library over time.")
    String budget;

    @Option(names = "--json", description = "Print one JSON object on standard output.")
    boolean json;

    record VerifyJson(int schemaVersion, boolean ok, List<VerifyService.DriveResult> drives, List<Finding> findings,
                      List<String> warnings) {
    }

    private static Optional<Duration> duration(String option, String value) {
        try {
            return Optional.ofNullable(value).map(Durations::parse);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": " + e.getMessage());
        }
    }

    @Override
    public Integer call() {
        var env = root.environment;
        Optional<Duration> older = duration("--older-than", olderThan);
        Optional<Duration> spend = duration("--budget", budget);
        VerifyService.Report report = root.services().verify.verify(
                new VerifyService.Request(Optional.ofNullable(drive), Optional.ofNullable(session), older, spend),
                f -> {
                    if (!json) {
                        env.err().printf("%s %s%s: %s%n", f.kind(), f.drive(), f.path() == null ? "" : " " + f.path(), f.detail());
                    }
                });
        if (json) {
            env.out().println(Json.write(new VerifyJson(Json.SCHEMA_VERSION, report.ok(), report.drives(), report.findings(),
                    report.warnings())));
        } else {
            for (VerifyService.DriveResult d : report.drives()) {
                env.out().printf("%s: %d copies checked, %s read at %s%s, %d problem(s)%n", d.label(), d.copiesChecked(),
                        Json.bytes(d.bytesRead()), Json.rate(d.bytesPerSecond()),
                        d.method() == null ? "" : " (" + d.method() + ")", d.problems());
            }
            for (Finding f : report.findings()) {
                if (f.kind() == Finding.Kind.NOT_CONNECTED) {
                    env.out().printf("%s: not connected, last verified %s%n", f.drive(),
                            f.lastVerified() == null ? "never" : f.lastVerified());
                }
            }
            report.warnings().forEach(w -> env.out().println("warning: " + w));
            long problems = report.findings().stream().filter(f -> f.kind().isProblem()).count();
            long untracked = report.findings().stream().filter(f -> f.kind() == Finding.Kind.UNTRACKED).count();
            env.out().println(problems == 0 ? "Every copy checked is good." + (untracked > 0 ? " " + untracked
                    + " untracked file(s) in the library (listed above)." : "")
                    : problems + " problem(s): run \"triplicate repair\" to copy good versions back.");
        }
        return report.ok() ? Cli.OK : Cli.PROBLEMS;
    }
}
