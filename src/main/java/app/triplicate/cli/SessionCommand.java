package app.triplicate.cli;

import app.triplicate.catalog.StatusService;
import app.triplicate.drives.SessionFolderCatchUp;
import app.triplicate.drives.SessionRenameService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "session", mixinStandardHelpOptions = true, description = "List and rename sessions.",
        subcommands = {SessionCommand.ListSessions.class, SessionCommand.Rename.class})
final class SessionCommand {

    @ParentCommand
    RootCommand root;

    record BehindJson(String drive, String folder, String problem) {
        static List<BehindJson> of(List<SessionRenameService.Behind> behind) {
            return behind.stream().map(b -> new BehindJson(b.drive(), b.folder(), b.problem())).toList();
        }
    }

    record SessionJson(String id, String name, String folder, LocalDateTime firstCapture, LocalDateTime lastCapture,
                       long files, long bytes, List<BehindJson> foldersBehind, LocalDateTime firstWallClock,
                       LocalDateTime lastWallClock) {
    }

    record SessionListJson(int schemaVersion, List<SessionJson> sessions) {
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List sessions with their ids, dates, files and folders.")
    static final class ListSessions implements Callable<Integer> {
        @ParentCommand
        SessionCommand parent;

        @Option(names = "--json", description = "Print one JSON object on standard output.")
        boolean json;

        @Override
        public Integer call() {
            var env = parent.root.environment;
            var services = parent.root.services();
            Map<String, List<SessionRenameService.Behind>> behind = services.sessionRename.behind();
            List<StatusService.SessionStatus> sessions = services.status.sessions(services.settings.load().policy());
            if (json) {
                env.out().println(Json.write(new SessionListJson(Json.SCHEMA_VERSION, sessions.stream()
                        .map(s -> new SessionJson(s.id(), s.name(), s.folder(), s.firstCapture(), s.lastCapture(),
                                s.files(), s.bytes(), BehindJson.of(behind.getOrDefault(s.id(), List.of())),
                                s.firstWallClock(), s.lastWallClock()))
                        .toList())));
                return Cli.OK;
            }
            if (sessions.isEmpty()) {
                env.out().println("No sessions yet. Import a card with: triplicate ingest CARD");
                return Cli.OK;
            }
            env.out().printf("%-9s %-30s %-16s %-16s %7s  %s%n", "ID", "NAME", "FIRST", "LAST", "FILES", "FOLDER");
            for (StatusService.SessionStatus s : sessions) {
                env.out().printf("%-9s %-30s %-16s %-16s %7d  %s%n", s.id(), s.name(), time(s.firstWallClock()),
                        time(s.lastWallClock()), s.files(), s.folder());
                for (SessionRenameService.Behind b : behind.getOrDefault(s.id(), List.of())) {
                    env.out().printf("          on drive \"%s\" still \"%s\": %s%n", b.drive(), b.folder(),
                            b.problem() == null ? "renamed when the drive is next connected" : b.problem());
                }
            }
            return Cli.OK;
        }

        private static String time(LocalDateTime t) {
            return t == null ? "-" : t.toString().replace('T', ' ').substring(0, Math.min(16, t.toString().length()));
        }
    }

    record DriveJson(String drive, String from, String to, boolean renamed, String problem) {
    }

    record RenameJson(int schemaVersion, boolean ok, String id, String name, String oldName, String folder,
                      String oldFolder, List<DriveJson> drives, List<BehindJson> foldersBehind) {
    }

    @Command(name = "rename", mixinStandardHelpOptions = true,
            description = "Rename a session and its folder on every drive.",
            footer = {"", "Connected drives are renamed now; a drive not connected keeps the old folder name "
                    + "(its copies still count) and is renamed when next connected. The remote keeps its paths.",
                    "Exit 0 when every connected drive was renamed, 1 when one could not be (it is named, and "
                            + "catches up later), 2 for an unknown or ambiguous session or an unusable name."})
    static final class Rename implements Callable<Integer> {
        @ParentCommand
        SessionCommand parent;

        @Parameters(index = "0", paramLabel = "SESSION", description = "The session: the id status prints, or a unique name.")
        String session;

        @Parameters(index = "1", paramLabel = "NEW-NAME", description = "The session's new name.")
        String name;

        @Option(names = "--json", description = "Print one JSON object on standard output.")
        boolean json;

        @Override
        public Integer call() {
            var env = parent.root.environment;
            SessionRenameService.Result r = parent.root.services().sessionRename.rename(session, name);
            if (json) {
                env.out().println(Json.write(new RenameJson(Json.SCHEMA_VERSION, r.ok(), r.session().stableId(),
                        r.session().name(), r.oldName(), r.session().folder(), r.oldFolder(),
                        r.drives().stream().map(o -> new DriveJson(o.drive(), o.from(), o.to(), o.ok(), o.problem()))
                                .toList(), BehindJson.of(r.behind()))));
            } else {
                env.out().printf("Session %s \"%s\" is now \"%s\"", r.session().stableId(), r.oldName(), r.session().name());
                env.out().println(r.oldFolder().equals(r.session().folder()) ? " (its folder keeps its name: "
                        + r.oldFolder() + ")." : " (folder " + r.session().folder() + ").");
                for (SessionFolderCatchUp.Outcome o : r.drives()) {
                    if (o.ok()) {
                        env.out().printf("Drive \"%s\": folder renamed.%n", o.drive());
                    }
                }
                List<String> failed = r.drives().stream().filter(o -> !o.ok()).map(SessionFolderCatchUp.Outcome::drive)
                        .toList();
                for (SessionRenameService.Behind b : r.behind()) {
                    if (!failed.contains(b.drive())) {
                        env.out().printf("Drive \"%s\" (not connected): keeps \"%s\" until it is next connected; "
                                + "its copies still count.%n", b.drive(), b.folder());
                    }
                }
            }
            for (SessionFolderCatchUp.Outcome o : r.drives()) {
                if (!o.ok()) {
                    env.err().printf("Drive \"%s\": %s. Its copies keep the old folder name in the catalog and still "
                            + "count; it is renamed when the drive is next connected.%n", o.drive(), o.problem());
                }
            }
            return r.ok() ? Cli.OK : Cli.PROBLEMS;
        }
    }
}
