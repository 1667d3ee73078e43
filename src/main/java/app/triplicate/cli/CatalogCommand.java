package app.triplicate.cli;

import app.triplicate.catalog.FigureCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "catalog", description = "Check the catalog itself.",
        subcommands = {CatalogCommand.Check.class})
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
}
