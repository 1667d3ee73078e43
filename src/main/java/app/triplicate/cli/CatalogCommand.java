package app.triplicate.cli;

import app.triplicate.catalog.FigureCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "catalog", description = "Check the catalog itself, or restore it from a backup on a drive.",
        subcommands = {CatalogCommand.Check.class, CatalogCommand.Restore.class})
final class CatalogCommand {

    @ParentCommand
    RootCommand root;

    @Command(name = "check", description = {"Recount every kept figure from the copies the catalog lists.",
            "Status shows figures kept up to date as copies change (per session, per drive, per file); this "
                    + "recounts each from the files and copies themselves and names every one that disagrees.",
            "The same recount runs by itself when the catalog is opened after Triplicate was not closed cleanly.",
            "Exit 0 when all agree (or, with --fix, once they were rewritten), 1 when a figure has drifted."})
    static final class Check implements Callable<Integer> {
        @ParentCommand
        CatalogCommand parent;

        @Option(names = "--fix", description = "Rewrite the figures that drifted from the recount, in one "
                + "transaction.")
        boolean fix;

        @Option(names = "--json", description = "Print one JSON object on standard output.")
        boolean json;

        record DriftJson(String figure, String kept, String recounted) {
        }

        record CheckJson(int schemaVersion, boolean fixed, List<DriftJson> drifted, List<DriftJson> fixedAtOpen) {
        }

        @Override
        public Integer call() {
            var env = parent.root.environment;
            var services = parent.root.services();
            List<FigureCheck.Drift> atOpen = services.figuresRecountedAtOpen();
            List<FigureCheck.Drift> drifted = fix ? services.ledger.fixFigures() : services.ledger.checkFigures();
            if (json) {
                env.out().println(Json.write(new CheckJson(Json.SCHEMA_VERSION, fix && !drifted.isEmpty(),
                        drifted.stream().map(Check::json).toList(), atOpen.stream().map(Check::json).toList())));
            } else {
                for (FigureCheck.Drift d : atOpen) {
                    env.out().println("fixed at open (Triplicate was not closed cleanly): " + words(d));
                }
                for (FigureCheck.Drift d : drifted) {
                    env.out().println((fix ? "fixed: " : "drifted: ") + words(d));
                }
                if (drifted.isEmpty()) {
                    env.out().println("Every kept figure agrees with a recount of the copies.");
                } else if (fix) {
                    env.out().printf("%d figures rewritten from the copies.%n", drifted.size());
                } else {
                    env.out().printf("%d figures disagree with the copies. Run 'triplicate catalog check --fix' "
                            + "to rewrite them from the copies.%n", drifted.size());
                }
            }
            if (fix) {
                parent.root.afterWork("catalog check --fix");
            }
            return drifted.isEmpty() || fix ? Cli.OK : Cli.PROBLEMS;
        }

        private static String words(FigureCheck.Drift d) {
            return d.figure() + ": kept " + d.kept() + ", recounted " + d.recounted();
        }

        private static DriftJson json(FigureCheck.Drift d) {
            return new DriftJson(d.figure(), d.kept(), d.recounted());
        }
    }

    @Command(name = "restore", description = {"Restore the newest catalog backup from the drives.",
            "Every ingest, verify, repair, cull and 'catalog check --fix' leaves a backup of the catalog on each "
            + "connected drive (.triplicate/catalog/). This takes the newest one that opens (a damaged one is "
            + "skipped for the next), from the drives this catalog lists and those in the usual mount places, "
            + "or from one drive with --from. The current catalog is moved aside into catalog.broken-<time> "
            + "beside it, never deleted.",
            "Exit 0 when restored; 3 when the catalog is open in another Triplicate process, no drive or no "
            + "backup that opens is found (nothing is changed then)."})
    static final class Restore implements Callable<Integer> {
        @ParentCommand
        CatalogCommand parent;

        @Option(names = "--from", paramLabel = "DRIVE", description = "Take the backup from this drive only: its "
                + "label, or the drive's folder.")
        String from;

        @Option(names = "--json", description = "Print one JSON object on standard output.")
        boolean json;

        record SkippedJson(String file, String reason) {
        }

        record RestoreJson(int schemaVersion, String backup, String drive, String catalogId, long generation,
                           java.time.Instant takenAt, String movedAsideTo, List<SkippedJson> skipped,
                           Long drivesSawGeneration) {
        }

        @Override
        public Integer call() {
            var env = parent.root.environment;
            var home = parent.root.home();
            app.triplicate.wiring.Logging.init(home);
            // the catalog is not opened: it may be missing, damaged or out of date, which is why it is restored
            var restored = new app.triplicate.drives.CatalogRestorer(home.catalogBase(), parent.root.mountRoots(),
                    java.time.Clock.systemUTC()).restoreNewest(java.util.Optional.ofNullable(from));
            String aside = restored.movedAside().map(Object::toString).orElse(null);
            if (json) {
                env.out().println(Json.write(new RestoreJson(Json.SCHEMA_VERSION, restored.backup().file().toString(),
                        restored.drive(), restored.identity().id().toString(), restored.identity().generation(),
                        restored.backup().takenAt(), aside, restored.skipped().stream()
                        .map(s -> new SkippedJson(s.file().toString(), s.reason())).toList(),
                        restored.drivesSaw().orElse(null))));
            } else {
                for (var s : restored.skipped()) {
                    env.out().println("skipped: " + s.reason());
                }
                env.out().println("Restored the catalog from drive \"" + restored.drive() + "\": "
                        + restored.backup().file() + " (generation " + restored.identity().generation() + ", taken "
                        + restored.backup().takenAt() + ").");
                env.out().println(aside == null ? "There was no catalog to move aside."
                        : "The catalog it replaced was moved to " + aside + " (nothing was deleted).");
                restored.drivesSaw().ifPresent(saw -> env.out().println("The drives had seen generation " + saw
                        + " of this catalog: the work of the runs after generation "
                        + restored.identity().generation() + " is not in it (its newer backups could not be read)."));
                env.out().println("Work done after that backup was taken is not in the catalog: run "
                        + "'triplicate verify' to check the copies against it.");
            }
            return Cli.OK;
        }
    }
}
