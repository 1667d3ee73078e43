package app.triplicate.cli;

import app.triplicate.core.Words;
import app.triplicate.verify.RestoreService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "restore", description = {
        "Copy a session's files from a verified copy into DIR.",
        "The files come from a connected drive holding a verified copy, each write read back and "
                + "compared with the hash recorded at ingest. A copy that went bad is refused and the next drive is "
                + "tried. Files are written flat into DIR under their library file names; nothing in DIR is "
                + "overwritten (a name held by other content gets -2, -3...). Culled files are not restored.",
        "DIR may not be inside any drive's library.",
        "Exit 0 when every file was restored, 1 when some could not be (they are listed), 2 on a usage error."})
final class RestoreCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Parameters(paramLabel = "SESSION", description = "The session: the id status prints, or a unique name.")
    String session;

    @Option(names = "--to", paramLabel = "DIR", required = true,
            description = "The folder to restore into (created if absent; its parent must exist).")
    Path to;

    @Option(names = "--from", paramLabel = "LABEL",
            description = "Copy from this drive (label or UUID) first; other connected drives fill in what it lacks.")
    String from;

    @Option(names = "--json", description = "Print one JSON object on standard output.")
    boolean json;

    record RestoreJson(int schemaVersion, boolean ok, String session, String sessionName, String to, int restoredFiles,
                       int missingFiles, long culledSkipped, List<RestoreService.Restored> restored,
                       List<RestoreService.Missing> missing) {
    }

    @Override
    public Integer call() {
        var env = root.environment;
        RestoreService.Report r = root.services().restore.restore(session, to, Optional.ofNullable(from));
        if (json) {
            env.out().println(Json.write(new RestoreJson(Json.SCHEMA_VERSION, r.ok(), r.session(), r.sessionName(),
                    r.to().toString(), r.restored().size(), r.missing().size(), r.culledSkipped(), r.restored(),
                    r.missing())));
        } else {
            for (RestoreService.Restored f : r.restored()) {
                env.out().printf("%s -> %s (%s)%n", f.path(), f.restoredAs(),
                        f.from() == null ? "already there" : "from " + f.from());
                for (String note : f.notes()) {
                    env.out().printf("    tried first: %s%n", note);
                }
            }
            for (RestoreService.Missing m : r.missing()) {
                env.out().printf("MISSING %s: %s%n", m.path(), m.reason());
            }
            env.out().printf("Restored %s of %s (%s) into %s%s%s.%n", Words.count(r.restored().size(), "file"),
                    r.sessionName(),
                    r.session(), r.to(), r.missing().isEmpty() ? "" : "; " + r.missing().size() + " missing",
                    r.culledSkipped() == 0 ? "" : "; " + Words.count(r.culledSkipped(), "culled file") + " skipped");
            if (r.restored().stream().anyMatch(f -> !f.notes().isEmpty())) {
                env.out().println("Some copies failed their check (listed above): run \"triplicate verify\".");
            }
        }
        return r.ok() ? Cli.OK : Cli.PROBLEMS;
    }
}
