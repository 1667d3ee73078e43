package app.triplicate.cli;

import app.triplicate.core.Words;
import app.triplicate.verify.CardCheckService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "card", description = "Check a card before you format it.", subcommands = CardCommand.Check.class)
final class CardCommand {

    @ParentCommand
    RootCommand root;

    @Command(name = "check", description = {"Tell whether CARD is safe to format.",
            "SAFE when every media file on it has at least the policy's copies-before-format "
                    + "(default 2) verified copies on distinct disks; else NOT SAFE with what each file lacks.",
            "Exit 0 safe, 1 not safe."})
    static final class Check implements Callable<Integer> {
        @ParentCommand
        CardCommand parent;

        @Parameters(paramLabel = "CARD", description = "The card or folder to check.")
        Path card;

        @Option(names = "--deep", description = "Match files by re-hashing every file on the card instead of the quick path/size/time check.")
        boolean deep;

        @Option(names = "--json", description = "Print one JSON object on standard output.")
        boolean json;

        record CheckJson(int schemaVersion, String card, boolean safe, int requiredCopies, long mediaFiles,
                         java.util.List<CardCheckService.Lacking> lacking) {
        }

        @Override
        public Integer call() {
            var env = parent.root.environment;
            var services = parent.root.services();
            CardCheckService.Verdict v = services.cardCheck.check(card, deep, services.settings.load().policy());
            if (json) {
                env.out().println(Json.write(new CheckJson(Json.SCHEMA_VERSION, card.toString(), v.safe(), v.required(),
                        v.mediaFiles(), v.lacking())));
            } else if (v.safe()) {
                env.out().printf("SAFE to format: %s %s at least %s on distinct disks.%n",
                        v.mediaFiles() == 1 ? "the" : "all", Words.count(v.mediaFiles(), "media file")
                                + (v.mediaFiles() == 1 ? " has" : " have"),
                        Words.count(v.required(), "verified copy", "verified copies"));
            } else {
                env.out().printf("NOT SAFE to format: %d of %s %s copies (%d required):%n",
                        v.lacking().size(), Words.count(v.mediaFiles(), "media file"),
                        v.lacking().size() == 1 ? "lacks" : "lack", v.required());
                v.lacking().stream().limit(50).forEach(l -> env.out().printf("  %s: %s%n", l.path(), l.reason()));
                if (v.lacking().size() > 50) {
                    env.out().printf("  ... and %d more (--json lists all)%n", v.lacking().size() - 50);
                }
            }
            return v.safe() ? Cli.OK : Cli.PROBLEMS;
        }
    }
}
