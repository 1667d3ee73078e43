package app.triplicate.cli;

import app.triplicate.settings.Home;
import app.triplicate.wiring.Logging;
import app.triplicate.wiring.Services;
import app.triplicate.wiring.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

// INHERIT gives every subcommand, including those added later, --help, --version and the exit code list
@Command(name = "triplicate", scope = picocli.CommandLine.ScopeType.INHERIT, mixinStandardHelpOptions = true, versionProvider = RootCommand.VersionProvider.class,
        description = "Copy memory cards to several drives at once, prove every copy, and see how many good "
                + "copies of every session exist.",
        subcommands = {DriveCommand.class, RemoteCommand.class, ScanCommand.class, IngestCommand.class, AdoptCommand.class, StatusCommand.class,
                CardCommand.class, VerifyCommand.class, RepairCommand.class, CullCommand.class, RestoreCommand.class,
                PushCommand.class, SettingsCommand.class, SessionCommand.class, CatalogCommand.class, HelpCommand.class},
        descriptionHeading = "%n", parameterListHeading = "%n", optionListHeading = "%nOptions:%n",
        commandListHeading = "%nCommands:%n", exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:the work ran and found problems", "2:usage error",
                "3:cannot run (catalog locked, drive absent, internal error)"})
public final class RootCommand {

    @Option(names = "--home", paramLabel = "DIR", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Keep catalog, settings and logs under DIR (default: $TRIPLICATE_HOME, else the platform's folders).")
    Path homeDir;

    final Cli.Environment environment;
    private Services services;

    RootCommand(Cli.Environment environment) {
        this.environment = environment;
    }

    Home home() {
        return home(homeDir, environment.env());
    }

    /** The home {@code --home} names, else {@code $TRIPLICATE_HOME}, else the platform's folders. */
    static Home home(Path homeDir, java.util.Map<String, String> env) {
        Path fromEnv = homeDir;
        if (fromEnv == null && env.get(Home.ENV) != null && !env.get(Home.ENV).isBlank()) {
            fromEnv = Path.of(env.get(Home.ENV));
        }
        return Home.resolve(fromEnv);
    }

    /** Opens the catalog on first use; a command that does not need it never locks it. */
    Services services() {
        return services(true);
    }

    /**
     * As {@link #services()}; {@code guard} false skips the check that the connected drives belong to this
     * catalog (only {@code drive add --adopt-from-other-catalog}).
     */
    Services services(boolean guard) {
        if (services == null) {
            Home home = home();
            Logging.init(home);
            services = Services.open(home, environment.files(), mountRoots(), java.time.Clock.systemDefaultZone(),
                    guard);
            // copies an ingest proved while the studio catalog was away wait for that card to be imported again
            services.unrecordedReminders().forEach(r -> environment.err().println("warning: " + r));
        }
        return services;
    }

    /** The folders drives are looked for under (see {@link app.triplicate.drives.DriveService#mountRoots}). */
    java.util.List<Path> mountRoots() {
        return app.triplicate.drives.DriveService.mountRoots(environment.env());
    }

    /**
     * The one hook after a command's work (ingest, verify, repair, cull, catalog check --fix): a new catalog
     * generation, a catalog backup on every connected drive, their markers updated. A drive that missed its backup
     * is named on standard error; the command's own exit code stands.
     */
    void afterWork(String work) {
        var report = services().backups.afterWork(work);
        report.warnings().forEach(w -> environment.err().println("warning: " + w));
    }

    void closeServices() {
        if (services != null) {
            services.close();
            services = null;
        }
    }

    static final class VersionProvider implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"Triplicate " + Version.current()};
        }
    }
}
