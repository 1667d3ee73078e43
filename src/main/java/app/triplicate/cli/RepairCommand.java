package app.triplicate.cli;

import app.triplicate.verify.RepairService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "repair", description = {
        "Copy missing or corrupt copies again from a verified copy.",
        "Every missing or corrupt copy on a connected drive is written again from a verified copy elsewhere, "
                + "with the same atomic, read-back-verified write as ingest. Corrupt files are moved aside to their "
                + "drive's quarantine folder, never deleted. Run verify first to find them.",
        "Missing or corrupt copies on the remote are uploaded again (a push of just those files): a corrupt "
                + "object is left untouched and the good copy goes under another name, since nothing on the "
                + "remote is ever overwritten or deleted.",
        "When verify found many copies changed at once on one drive (a possible ransomware attack or a failing "
                + "drive), repair writes nothing until you confirm with --confirm-mass-change.",
        "Exit 0 when everything was repaired (or nothing needed it), 1 when something could not be."})
final class RepairCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Option(names = "--dry-run", description = "Say what would be done, change nothing.")
    boolean dryRun;

    @Option(names = "--to", paramLabel = "LABEL", description = "Instead: bring sessions up to the copy policy by copying every file below it to this drive.")
    String to;

    @Option(names = "--confirm-mass-change", description = "Repair although verify found many copies changed at "
            + "once on a drive (a possible ransomware attack or failing drive): only once you know the cause.")
    boolean confirmMassChange;

    @Option(names = "--json", description = "Print one JSON object on standard output.")
    boolean json;

    record RepairJson(int schemaVersion, boolean dryRun, boolean ok, List<RepairService.Action> actions) {
    }

    @Override
    public Integer call() {
        var env = root.environment;
        var services = root.services();
        List<RepairService.Action> actions = to == null ? services.repair.repair(dryRun, confirmMassChange)
                : services.repair.copyTo(to, services.settings.load().policy().targetCopies(), dryRun, confirmMassChange);
        boolean ok = actions.stream().allMatch(RepairService.Action::ok);
        if (json) {
            env.out().println(Json.write(new RepairJson(Json.SCHEMA_VERSION, dryRun, ok, actions)));
        } else if (actions.isEmpty()) {
            env.out().println("Nothing to repair on the connected drives or the remote.");
        } else {
            for (RepairService.Action a : actions) {
                // an action without a path is about a whole drive (one that went away during the repair)
                env.out().printf("%s%s%s: %s%n", a.drive(), a.path() == null ? "" : " " + a.path(),
                        a.from() == null ? "" : " (from " + a.from() + ")", a.outcome());
            }
        }
        if (!dryRun) {
            root.afterWork("repair");
        }
        return ok ? Cli.OK : Cli.PROBLEMS;
    }
}
