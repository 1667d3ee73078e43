package app.triplicate.cli;

import app.triplicate.catalog.FigureCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "catalog", description = "Check, restore or rebuild the catalog, or use a studio's shared one.",
        subcommands = {CatalogCommand.Check.class, CatalogCommand.Restore.class, CatalogCommand.Rebuild.class,
                CatalogCommand.Accept.class, StudioCatalogCommands.Connect.class, StudioCatalogCommands.Show.class,
                StudioCatalogCommands.Disconnect.class, StudioCatalogCommands.CopyTo.class})
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
                           Long drivesSawGeneration, Long computerSawGeneration) {
        }

        @Override
        public Integer call() {
            var env = parent.root.environment;
            var home = parent.root.home();
            StudioCatalogCommands.refuseOnStudioCatalog(home, "restore");
            app.triplicate.wiring.Logging.init(home);
            // the catalog is not opened: it may be missing, damaged or out of date, which is why it is restored
            var restored = new app.triplicate.drives.CatalogRestorer(home.catalogBase(), parent.root.mountRoots(),
                    new app.triplicate.drives.CatalogMemory(home.catalogMemoryFile()), java.time.Clock.systemUTC())
                    .restoreNewest(java.util.Optional.ofNullable(from));
            String aside = restored.movedAside().map(Object::toString).orElse(null);
            if (json) {
                env.out().println(Json.write(new RestoreJson(Json.SCHEMA_VERSION, restored.backup().file().toString(),
                        restored.drive(), restored.identity().id().toString(), restored.identity().generation(),
                        restored.backup().takenAt(), aside, restored.skipped().stream()
                        .map(s -> new SkippedJson(s.file().toString(), s.reason())).toList(),
                        restored.drivesSaw().orElse(null), restored.computerSaw().orElse(null))));
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
                restored.computerSaw().ifPresent(saw -> env.out().println("This computer had seen generation " + saw
                        + " of this catalog: the work after generation " + restored.identity().generation()
                        + " is not in it. Its newer backups are on drives that were not found; once one is "
                        + "connected, it says this catalog is out of date and 'triplicate catalog restore' finds them."));
                env.out().println("Work done after that backup was taken is not in the catalog: run "
                        + "'triplicate verify' to check the copies against it.");
            }
            return Cli.OK;
        }
    }

    @Command(name = "rebuild", description = {"Rebuild the catalog from the drives themselves.",
            "Uses the newest catalog backup on the drives when there is one, and checks it against the ASC MHL "
            + "manifests in every session folder: a copy the manifest does not record with the catalog's hash, or "
            + "whose file is gone, no longer counts until 'triplicate verify' proves it; a proof the manifest "
            + "records after the backup is taken over. Without any backup the catalog is made from the drive "
            + "markers, the library's session folders and the manifests alone (no card and no file is read "
            + "whole; capture times and cameras come from each file's first bytes).",
            "PATH: drive folders (default: every drive found by its marker in the usual mount places). A catalog "
            + "that holds sessions is replaced only with --replace; it is then moved into catalog.broken-<time> "
            + "beside it, never deleted.",
            "Exit 0 when every copy found is confirmed by its manifest; 1 when some copies or files are not "
            + "counted (listed); 2 when the catalog holds sessions and --replace is not given, or a PATH is not a "
            + "drive; 3 when no drive is found or the catalog is open in another Triplicate process."})
    static final class Rebuild implements Callable<Integer> {
        @ParentCommand
        CatalogCommand parent;

        @picocli.CommandLine.Parameters(paramLabel = "PATH", arity = "0..*", description = "A drive's folder (the "
                + "one holding .triplicate/drive.json).")
        List<java.nio.file.Path> paths = List.of();

        @Option(names = "--replace", description = "Replace a catalog that holds sessions (it is moved aside).")
        boolean replace;

        @Option(names = "--json", description = "Print one JSON object on standard output.")
        boolean json;

        record RebuildJson(int schemaVersion, String from, String backup, List<String> drives, String movedAsideTo,
                           int sessions, int files, int confirmed, int newerProofs, List<String> notConfirmed,
                           List<String> notCounted, List<String> drivesAdded, List<String> drivesNotChecked) {
        }

        @Override
        public Integer call() {
            var env = parent.root.environment;
            var home = parent.root.home();
            StudioCatalogCommands.refuseOnStudioCatalog(home, "rebuild");
            app.triplicate.wiring.Logging.init(home);
            // the same rebuild as the window's; it opens (and closes) the catalog itself
            var rebuild = new app.triplicate.wiring.RebuildFromDrives(home, env.files(), parent.root.mountRoots(),
                    java.time.Clock.systemDefaultZone());
            var drives = paths.isEmpty() ? rebuild.found()
                    : app.triplicate.wiring.RebuildFromDrives.named(paths);
            var result = rebuild.run(drives, replace, app.triplicate.progress.RebuildProgress.NONE);
            result.warnings().forEach(w -> env.err().println("warning: " + w));
            var restored = result.restored();
            var report = result.report();
            String aside = result.movedAside().map(Object::toString).orElse(null);
            List<String> labels = result.drives();
            String from = restored.isPresent() ? "backup" : "manifests";
            if (json) {
                env.out().println(Json.write(new RebuildJson(Json.SCHEMA_VERSION, from,
                        restored.map(r -> r.backup().file().toString()).orElse(null), labels, aside,
                        report.sessions(), report.files(), report.confirmed(), report.newer(), report.unconfirmed(),
                        report.notCounted(), report.addedDrives(), report.notChecked())));
            } else {
                restored.ifPresentOrElse(r -> env.out().println("Restored the newest catalog backup, from drive \""
                                + r.drive() + "\": " + r.backup().file() + " (taken " + r.backup().takenAt()
                                + "), and checked it against the manifests on " + words(labels) + "."),
                        () -> env.out().println("No catalog backup was found on " + words(labels) + ": the catalog "
                                + "was rebuilt from their markers, session folders and manifests."));
                env.out().println(aside == null ? "There was no catalog to move aside."
                        : "The catalog it replaced was moved to " + aside + " (nothing was deleted).");
                env.out().printf("%d sessions, %d files; %d copies confirmed by the manifests%s.%n",
                        report.sessions(), report.files(), report.confirmed(), report.newer() == 0 || restored.isEmpty()
                                ? "" : " (" + report.newer() + " proven since the backup)");
                for (String u : report.unconfirmed()) {
                    env.out().println("not counted until verified: " + u);
                }
                for (String n : report.notCounted()) {
                    env.out().println("not in any manifest, not counted: " + n);
                }
                if (!report.addedDrives().isEmpty()) {
                    env.out().println("Added as backup drives kept on site (their role and place are not on the "
                            + "drive; change them with 'triplicate drive'): " + words(report.addedDrives()) + ".");
                }
                if (!report.notChecked().isEmpty()) {
                    env.out().println("Not connected, so not checked against their manifests (their copies stand "
                            + "as the backup records them): " + words(report.notChecked()) + ". Run "
                            + "'triplicate verify' with them connected.");
                }
                if (!report.unconfirmed().isEmpty() || !report.notCounted().isEmpty()) {
                    env.out().println("Run 'triplicate verify' to prove the copies not counted.");
                }
            }
            return result.allConfirmed() ? Cli.OK : Cli.PROBLEMS;
        }

        private static String words(List<String> labels) {
            return String.join(", ", labels.stream().map(l -> "\"" + l + "\"").toList());
        }
    }

    @Command(name = "accept", description = {"Take the catalog as it is as this computer's own.",
            "This computer remembers the catalog it uses (its id and newest generation, beside the settings), so "
            + "that a catalog deleted, replaced or put back from an old copy while no drive is connected is not "
            + "taken for the real one: Triplicate stops and offers 'catalog restore' and 'catalog rebuild'. When "
            + "that is what you meant (you start a new catalog on purpose, or go on from an older one), this "
            + "says so; the catalog is not changed.",
            "Exit 0 when accepted; 3 when the catalog cannot be opened."})
    static final class Accept implements Callable<Integer> {
        @ParentCommand
        CatalogCommand parent;

        @Option(names = "--json", description = "Print one JSON object on standard output.")
        boolean json;

        record AcceptJson(int schemaVersion, String catalogId, long generation, boolean isNew,
                          String previousCatalogId, Long previousGeneration) {
        }

        @Override
        public Integer call() {
            var env = parent.root.environment;
            // the guard would stop the very catalog this command is here to accept
            var accepted = parent.root.services(false).acceptCatalog();
            var before = accepted.before();
            if (json) {
                env.out().println(Json.write(new AcceptJson(Json.SCHEMA_VERSION, accepted.catalog().id().toString(),
                        accepted.catalog().generation(), accepted.isNew(),
                        before.map(b -> b.id().toString()).orElse(null),
                        before.map(app.triplicate.catalog.CatalogIdentity::generation).orElse(null))));
            } else {
                env.out().println("This computer now uses catalog " + accepted.catalog().id() + " (generation "
                        + accepted.catalog().generation() + (accepted.isNew() ? ", new: no drive and no session"
                        : "") + ")" + before.filter(b -> !b.equals(accepted.catalog())).map(b -> b.id().equals(
                        accepted.catalog().id()) ? ", instead of generation " + b.generation() + " of it"
                        : ", instead of catalog " + b.id() + " (generation " + b.generation() + "), whose backups "
                        + "and manifests stay on its drives").orElse("") + ".");
            }
            accepted.warning().ifPresent(w -> env.err().println("warning: " + w));
            return Cli.OK;
        }
    }
}
