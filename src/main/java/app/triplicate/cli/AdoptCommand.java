package app.triplicate.cli;

import app.triplicate.core.Words;
import app.triplicate.rebuild.FolderAdoption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "adopt", description = {
        "Take a folder another tool offloaded into the catalog.",
        "FOLDER is a session folder with an ASC MHL history (ascmhl/) in a registered drive's library, "
                + "where its own session folders stand (<drive>/Triplicate/<year>/<folder>). Every file is read once and must match its history; the matching "
                + "files become one session with a verified copy on that drive. Nothing is copied or moved: the "
                + "folder keeps its name and layout, and its history gets a new generation.",
        "Files already in the catalog are left as they are, so adopting again changes nothing.",
        "Exit 0 when every file was adopted, 1 when a file differs from its history or is not in it (named, not "
                + "counted), 2 when the folder is outside the drive's library or has no history, 3 when the drive "
                + "is not connected."})
final class AdoptCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Parameters(paramLabel = "FOLDER", description = "The session folder on the drive.")
    Path folder;

    @Option(names = "--drive", paramLabel = "LABEL", required = true,
            description = "The registered drive the folder is on (label or UUID).")
    String drive;

    @Option(names = "--name", paramLabel = "NAME", description = "The session's name (default: after the folder).")
    String name;

    @Option(names = "--json", description = "Print one JSON object on standard output.")
    boolean json;

    record AdoptJson(int schemaVersion, boolean ok, String drive, String folder, String session, long adopted,
                     long alreadyAdopted, long notCounted, List<FolderAdoption.Item> files) {
    }

    @Override
    public Integer call() {
        var env = root.environment;
        FolderAdoption.Report r = root.services().adopt.adopt(folder, drive, name);
        long adopted = r.count(FolderAdoption.Outcome.ADOPTED);
        long already = r.count(FolderAdoption.Outcome.ALREADY_ADOPTED);
        long notCounted = r.items().size() - adopted - already;
        if (json) {
            env.out().println(Json.write(new AdoptJson(Json.SCHEMA_VERSION, r.ok(), r.drive(), r.folder(), r.session(),
                    adopted, already, notCounted, r.items())));
        } else {
            for (FolderAdoption.Item i : r.items()) {
                if (i.outcome() != FolderAdoption.Outcome.ADOPTED && i.outcome()
                        != FolderAdoption.Outcome.ALREADY_ADOPTED) {
                    env.out().printf("%s: %s: not counted (%s)%n", r.drive(), r.folder() + "/" + i.path(), i.detail());
                }
            }
            if (adopted == 0 && already > 0 && notCounted == 0) {
                env.out().printf("%s on %s is already adopted: nothing changed.%n", r.folder(), r.drive());
            } else {
                env.out().printf("%s adopted into session \"%s\" on %s (%s): each read and verified, nothing "
                                + "copied.%s%s%n", Words.count(adopted, "file"), r.session(), r.drive(), r.folder(),
                        already > 0 ? " " + Words.count(already, "file") + " already in the catalog." : "",
                        notCounted > 0 ? " " + Words.count(notCounted, "file") + " not counted." : "");
            }
        }
        r.warnings().forEach(w -> env.err().println("Warning: " + w));
        if (adopted > 0) {
            root.afterWork("adopt");
        }
        return r.ok() ? Cli.OK : Cli.PROBLEMS;
    }
}
