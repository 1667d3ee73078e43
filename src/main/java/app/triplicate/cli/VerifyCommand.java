package app.triplicate.cli;

import app.triplicate.core.Words;
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
        "Check every copy against the hash recorded at ingest.",
        "Re-read every copy on every connected drive, compare it with the hash recorded at ingest, and update its "
                + "state and last-verified date. Drives on different disks are checked in parallel.",
        "When a remote is set, its copies are checked too: from the provider's checksum on S3 (nothing is "
                + "downloaded), by reading them back on SFTP. A remote that cannot be reached is listed with when it "
                + "was last verified, like a drive that is not connected.",
        "A drive that goes away during the check (unplugged, unmounted) is reported as disconnected during verify: "
                + "the copies it had not checked keep their standing, nothing on it is marked missing.",
        "Exit 0 when everything checked is good, 1 when anything is missing, corrupt or unreadable, a drive was "
                + "disconnected during verify (or the remote "
                + "refused: password, key, host key, bucket or folder), 3 when nothing could be checked (no drive "
                + "holding copies connected, no remote reachable) or when --remote is given and the remote cannot be "
                + "reached."})
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

    @Option(names = "--no-remote", description = "Leave the remote out: drives only.")
    boolean noRemote;

    @Option(names = "--remote", description = "Only the remote (no drives).")
    boolean remoteOnly;

    @Option(names = "--remote-sample", paramLabel = "PCT", description = "Check only this share of the remote's "
            + "copies (5%%), at least one, those verified longest ago first; a regular run covers them all over time.")
    String remoteSample;

    @Option(names = "--json", description = "Print one JSON object on standard output.")
    boolean json;

    /** @param nothingReachable no location holding copies could be reached, so nothing was checked (exit 3) */
    record VerifyJson(int schemaVersion, boolean ok, List<VerifyService.DriveResult> drives, List<Finding> findings,
                      List<String> warnings, boolean nothingReachable) {
    }

    private static Optional<Duration> duration(String option, String value) {
        try {
            return Optional.ofNullable(value).map(Durations::parse);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": " + e.getMessage());
        }
    }

    /** "5%", "5", "0.5%": a share above 0 and at most 100. */
    static Optional<Double> percent(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim();
        v = v.endsWith("%") ? v.substring(0, v.length() - 1).trim() : v;
        double p;
        try {
            p = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new UsageException("--remote-sample: \"" + value + "\" is not a percentage (5%).");
        }
        if (!(p > 0 && p <= 100)) {
            throw new UsageException("--remote-sample must be more than 0% and at most 100%.");
        }
        return Optional.of(p);
    }

    private VerifyService.RemoteMode remoteMode() {
        if (noRemote && remoteOnly) {
            throw new UsageException("--remote and --no-remote cannot go together.");
        }
        if (remoteOnly && drive != null) {
            throw new UsageException("--remote checks only the remote; leave out --drive (or --remote).");
        }
        if (remoteSample != null && (noRemote || (drive != null && !remoteOnly))) {
            throw new UsageException("--remote-sample needs the remote, which " + (noRemote ? "--no-remote" : "--drive")
                    + " leaves out.");
        }
        return noRemote ? VerifyService.RemoteMode.SKIP
                : remoteOnly ? VerifyService.RemoteMode.ONLY : VerifyService.RemoteMode.AUTO;
    }

    @Override
    public Integer call() {
        var env = root.environment;
        Optional<Duration> older = duration("--older-than", olderThan);
        Optional<Duration> spend = duration("--budget", budget);
        VerifyService.RemoteMode mode = remoteMode();
        Optional<Double> sample = percent(remoteSample);
        VerifyService.Report report = root.services().verify.verify(
                new VerifyService.Request(Optional.ofNullable(drive), Optional.ofNullable(session), older, spend,
                        mode, sample),
                f -> {
                    if (!json) {
                        env.err().printf("%s %s%s: %s%n", f.kind(), f.drive(), f.path() == null ? "" : " " + f.path(), f.detail());
                    }
                });
        if (json) {
            env.out().println(Json.write(new VerifyJson(Json.SCHEMA_VERSION, report.ok(), report.drives(), report.findings(),
                    report.warnings(), report.nothingReachable())));
        } else {
            for (VerifyService.DriveResult d : report.drives()) {
                if (d.remote() && d.bytesRead() == 0) { // checked by the provider's checksums: nothing read
                    env.out().printf("%s: %s checked%s, %s%n", d.label(), Words.count(d.copiesChecked(), "copy", "copies"),
                            d.method() == null ? "" : " (" + d.method() + ")", Words.count(d.problems(), "problem"));
                    continue;
                }
                env.out().printf("%s: %s checked, %s read at %s%s, %s%n", d.label(),
                        Words.count(d.copiesChecked(), "copy", "copies"), Json.bytes(d.bytesRead()),
                        Json.rate(d.bytesPerSecond()), d.method() == null ? "" : " (" + d.method() + ")",
                        Words.count(d.problems(), "problem"));
            }
            for (Finding f : report.findings()) {
                if (f.disconnectedDuringRun()) {
                    env.out().printf("%s: %s%n", f.drive(), f.detail());
                } else if (f.kind() == Finding.Kind.MASS_CHANGE) {
                    env.out().println(f.detail()); // names the drive and the count
                } else if (f.kind() == Finding.Kind.NOT_CONNECTED) {
                    boolean remote = f.detail() != null && f.detail().startsWith("not reachable");
                    env.out().printf("%s: %s, last verified %s%n", f.drive(), remote ? "not reachable" : "not connected",
                            f.lastVerified() == null ? "never" : f.lastVerified());
                }
            }
            report.warnings().forEach(w -> env.out().println("warning: " + w));
            long problems = report.findings().stream().filter(f -> f.kind().isProblem()).count();
            long untracked = report.findings().stream().filter(f -> f.kind() == Finding.Kind.UNTRACKED).count();
            List<String> vanished = report.findings().stream().filter(Finding::disconnectedDuringRun)
                    .map(Finding::drive).toList();
            boolean massChange = report.findings().stream().anyMatch(f -> f.kind() == Finding.Kind.MASS_CHANGE);
            env.out().println(massChange
                    ? Words.count(problems, "problem") + ": nothing is repaired until you confirm the mass change above."
                    : problems > 0
                    ? Words.count(problems, "problem") + ": run \"triplicate repair\" to copy good versions back."
                    : !vanished.isEmpty() ? "Not finished: " + String.join(", ", vanished)
                    + (vanished.size() == 1 ? " was" : " were") + " disconnected during verify; nothing on "
                    + (vanished.size() == 1 ? "it" : "them") + " was marked missing. Connect "
                    + (vanished.size() == 1 ? "it" : "them") + " and verify again."
                    : report.nothingReachable() ? nothingReachable(report)
                    : report.copiesChecked() == 0 && !report.cancelled() ? nothingToCheck()
                    : "Every copy checked is good." + (untracked > 0 ? " "
                    + Words.count(untracked, "untracked file") + " in the library (listed above)." : ""));
        }
        root.afterWork("verify");
        if (!report.ok()) {
            return Cli.PROBLEMS;
        }
        // after the output, so a scheduled run both logs what it saw and fails
        return report.nothingReachable() ? Cli.CANNOT_RUN : Cli.OK;
    }

    private static String nothingReachable(VerifyService.Report report) {
        boolean remoteDown = report.findings().stream().anyMatch(f -> f.kind() == Finding.Kind.NOT_CONNECTED
                && f.detail() != null && f.detail().startsWith("not reachable"));
        return "Nothing could be checked: no drive holding copies is connected"
                + (remoteDown ? " and the remote cannot be reached" : "") + ". Connect one and run verify again.";
    }

    private String nothingToCheck() {
        boolean filtered = drive != null || session != null || olderThan != null || budget != null || remoteOnly
                || noRemote;
        return filtered ? "Nothing to check: no copy matches the filters."
                : "Nothing to check: the library holds no copies yet.";
    }
}
