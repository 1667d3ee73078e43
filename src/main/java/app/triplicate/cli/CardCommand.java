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
            "SAFE when every file on it outside system clutter (media and other files) has at least the policy's "
                    + "copies-before-format (default 2) verified copies on distinct disks, or is one you leave "
                    + "(--leave); else NOT SAFE with what each file lacks. A card with no pictures or videos is never "
                    + "safe.",
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

        @Option(names = "--leave", paramLabel = "PATH", description = "A file or folder (relative to the card, or "
                + "inside it) you choose to leave on the card: it needs no copies, and the verdict names it. Repeat "
                + "for several.")
        java.util.List<String> leave = new java.util.ArrayList<>();

        /**
         * @param otherFiles         files outside system clutter that are not media (they need copies too)
         * @param left               the files left on the card by the user's choice ({@code --leave})
         * @param noPicturesOrVideos the card holds no media file: never safe
         */
        record CheckJson(int schemaVersion, String card, boolean safe, int requiredCopies, long mediaFiles,
                         java.util.List<CardCheckService.Lacking> lacking, long otherFiles,
                         java.util.List<String> left, boolean noPicturesOrVideos) {
            static CheckJson of(String card, CardCheckService.Verdict v) {
                return new CheckJson(Json.SCHEMA_VERSION, card, v.safe(), v.required(), v.mediaFiles(), v.lacking(),
                        v.otherFiles(), v.left(), v.noPicturesOrVideos());
            }
        }

        @Override
        public Integer call() {
            var env = parent.root.environment;
            var services = parent.root.services();
            CardCheckService.Verdict v = services.cardCheck.check(card, deep, services.settings.load().policy(), leave);
            if (json) {
                env.out().println(Json.write(CheckJson.of(card.toString(), v)));
            } else {
                printVerdict(env.out(), v);
            }
            return v.safe() ? Cli.OK : Cli.PROBLEMS;
        }
    }

    /** The verdict in words, as {@code card check} and the end of {@code ingest} print it. */
    static void printVerdict(java.io.PrintWriter out, CardCheckService.Verdict v) {
        String all = v.otherFiles() == 0 ? Words.count(v.mediaFiles(), "media file")
                : Words.count(v.mediaFiles(), "media file") + " and " + Words.count(v.otherFiles(), "other file");
        if (v.safe()) {
            out.printf("SAFE to format: every file on the card (%s) has at least %s on distinct disks%s.%n", all,
                    Words.count(v.required(), "verified copy", "verified copies"),
                    v.left().isEmpty() ? "" : ", except " + (v.left().size() == 1 ? "the one" : "the " + v.left().size())
                            + " you leave");
        } else if (v.noPicturesOrVideos()) {
            // never safe, whatever its other files: there is no session to keep them in
            out.printf("NOT SAFE to format: the card holds no pictures or videos%s.%n",
                    v.otherFiles() == 0 ? "" : ", only " + Words.count(v.otherFiles(), "other file"));
        } else {
            out.printf("NOT SAFE to format: %d of %s %s copies (%d required):%n", v.lacking().size(), all,
                    v.lacking().size() == 1 ? "lacks" : "lack", v.required());
        }
        v.lacking().stream().limit(50).forEach(l -> out.printf("  %s: %s%n", l.path(), l.reason()));
        if (v.lacking().size() > 50) {
            out.printf("  ... and %d more (--json lists all)%n", v.lacking().size() - 50);
        }
        if (!v.left().isEmpty()) {
            out.printf("Left on the card by your choice (%s): %s%n", Words.count(v.left().size(), "file"),
                    String.join(", ", v.left().subList(0, Math.min(50, v.left().size())))
                            + (v.left().size() > 50 ? ", ... (--json lists all)" : ""));
        }
    }
}
