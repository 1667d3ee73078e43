package app.triplicate.cli;

import app.triplicate.core.Words;
import app.triplicate.core.UsageException;
import app.triplicate.verify.CullService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "cull", description = {
        "Mark rejects you deleted on purpose as culled.",
        "A culled file no longer counts against the copy policy and "
                + "is not repaired back. Its copies on other drives are kept, never deleted.",
        "  cull --missing-on LABEL  the files now missing from that connected drive",
        "  cull PATH...             single files: a path inside a drive's library, or a",
        "                           path in the library (2026/2026-05-01 Wedding/A.CR3)",
        "A file found at another path of the same drive (renamed, not deleted) is not culled.",
        "Exit 0 when done, 1 when a PATH names no file the catalog knows, 2 when the drive is not connected."})
final class CullCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Option(names = "--missing-on", paramLabel = "LABEL",
            description = "Cull the files whose copy on this drive (label or UUID) has been deleted.")
    String missingOn;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files to cull.")
    List<String> paths;

    @Option(names = "--dry-run", description = "Say what would be culled, change nothing.")
    boolean dryRun;

    @Option(names = "--json", description = "Print one JSON object on standard output.")
    boolean json;

    record CullJson(int schemaVersion, boolean dryRun, boolean ok, long culled, long alreadyCulled,
                    List<CullService.Item> files) {
    }

    @Override
    public Integer call() {
        var env = root.environment;
        boolean named = paths != null && !paths.isEmpty();
        if ((missingOn == null) == !named) {
            throw new UsageException("Give either --missing-on LABEL or the files to cull (PATH...), not "
                    + (named ? "both." : "neither."));
        }
        CullService service = root.services().cull;
        CullService.Report report = named ? service.cull(paths, dryRun) : service.cullMissingOn(missingOn, dryRun);
        long culled = report.count(dryRun ? CullService.Outcome.WOULD_CULL : CullService.Outcome.CULLED);
        if (json) {
            env.out().println(Json.write(new CullJson(Json.SCHEMA_VERSION, dryRun, report.ok(), culled,
                    report.count(CullService.Outcome.ALREADY_CULLED), report.items())));
        } else {
            for (CullService.Item i : report.items()) {
                String what = i.path() == null ? i.input() : (i.drive() == null ? "" : i.drive() + " ") + i.path();
                String outcome = switch (i.outcome()) {
                    case CULLED -> "culled";
                    case WOULD_CULL -> "would be culled";
                    case ALREADY_CULLED -> "already culled";
                    case RENAMED, UNKNOWN -> "not culled";
                };
                env.out().printf("%s: %s%s%n", what, outcome, i.detail() == null ? "" : " (" + i.detail() + ")");
            }
            if (report.items().isEmpty()) {
                env.out().println("Nothing is missing from " + missingOn + "'s library: nothing to cull.");
            } else {
                env.out().printf("%s %s. Their copies on other drives are kept.%n", Words.count(culled, "file"),
                        dryRun ? "would be culled (dry run: nothing changed)" : "culled");
            }
        }
        report.warnings().forEach(w -> env.err().println("Warning: " + w));
        if (!dryRun) {
            root.afterWork("cull");
        }
        return report.ok() ? Cli.OK : Cli.PROBLEMS;
    }
}
