package app.triplicate.cli;

import app.triplicate.files.LocalFileAccess;
import app.triplicate.testing.CliHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every command and subcommand, found by walking the real command tree (so commands added later are held to the
 * same rules), answers {@code --help} and {@code help CMD} through the real command line: exit 0, a one-line
 * imperative summary, nothing wider than an 80-column terminal.
 */
class CommandHelpTest {
    static final int COLUMNS = 80;

    /** First words that show a summary is not an imperative ("Shows ...", "The remote ...", "Is CARD ..."). */
    static final Set<String> NOT_VERBS = Set.of("the", "a", "an", "for", "is", "are", "what", "how", "this", "your",
            "every", "each", "all", "questions", "when", "if");

    @TempDir
    static Path home;
    static CliHarness cli;

    @BeforeAll
    static void harness() {
        cli = new CliHarness(home);
    }

    /** Every command below the root, as the words a user types ("drive", "add"). */
    static List<List<String>> commandPaths() {
        CommandLine root = new CommandLine(new RootCommand(new Cli.Environment(new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), Map.of(), new LocalFileAccess(), false)));
        List<List<String>> out = new ArrayList<>();
        walk(root, List.of(), out);
        return out;
    }

    private static void walk(CommandLine command, List<String> path, List<List<String>> out) {
        for (var e : command.getSubcommands().entrySet()) {
            if (!e.getKey().equals(e.getValue().getCommandName())) {
                continue; // an alias
            }
            List<String> sub = new ArrayList<>(path);
            sub.add(e.getKey());
            out.add(sub);
            walk(e.getValue(), sub, out);
        }
    }

    static CommandLine.Model.CommandSpec spec(List<String> path) {
        CommandLine c = new CommandLine(new RootCommand(new Cli.Environment(new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), Map.of(), new LocalFileAccess(), false)));
        for (String name : path) {
            c = c.getSubcommands().get(name);
        }
        return c.getCommandSpec();
    }

    @Test
    void theTreeHoldsTheCommandsOfTheReadme() {
        List<String> names = commandPaths().stream().map(p -> String.join(" ", p)).toList();
        for (String expected : List.of("drive add", "drive list", "status", "verify", "repair", "push", "card check",
                "help")) {
            assertTrue(names.contains(expected), expected + " in " + names);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCommandAnswersHelp() {
        List<List<String>> all = new ArrayList<>(commandPaths());
        all.add(0, List.of()); // the root itself
        return all.stream().map(path -> DynamicTest.dynamicTest(path.isEmpty() ? "triplicate" : String.join(" ", path),
                () -> {
                    List<String> args = new ArrayList<>(path);
                    args.add("--help");
                    CliHarness.Result r = cli.expect(Cli.OK, args.toArray(String[]::new));
                    assertEquals("", r.err());
                    assertTrue(r.out().startsWith("Usage: " + String.join(" ", prepend("triplicate", path))),
                            r.out());
                    fitsTheTerminal(String.join(" ", args), r.out());
                    CliHarness.Result shortForm = cli.expect(Cli.OK, replaceLast(args, "-h"));
                    assertEquals(r.out(), shortForm.out());
                }));
    }

    @TestFactory
    Stream<DynamicTest> helpCommandShowsTheSameAsHelpOption() {
        return commandPaths().stream().map(path -> DynamicTest.dynamicTest("help " + String.join(" ", path), () -> {
            List<String> viaHelp = prepend("help", path);
            CliHarness.Result help = cli.expect(Cli.OK, viaHelp.toArray(String[]::new));
            List<String> viaOption = new ArrayList<>(path);
            viaOption.add("--help");
            assertEquals(cli.expect(Cli.OK, viaOption.toArray(String[]::new)).out(), help.out());
            assertEquals("", help.err());
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyCommandHasAOneLineImperativeSummary() {
        return commandPaths().stream().map(path -> DynamicTest.dynamicTest(String.join(" ", path), () -> {
            String[] description = spec(path).usageMessage().description();
            assertTrue(description.length > 0, "no description");
            String summary = description[0].replace("%%", "%");
            assertFalse(summary.isBlank(), "empty summary");
            for (String paragraph : description) {
                // an example or a table row is indented by hand and must not wrap
                assertTrue(!paragraph.startsWith(" ") || paragraph.length() <= COLUMNS, "wraps: " + paragraph);
            }
            assertTrue(summary.endsWith("."), "a summary is a sentence: " + summary);
            String first = summary.split("[ :,]")[0];
            String word = first.toLowerCase(Locale.ROOT);
            assertFalse(NOT_VERBS.contains(word) || word.endsWith("s") && !word.endsWith("ss"),
                    "not an imperative (\"Show\", not \"Shows\" or \"The ...\"): " + summary);
            // the parent's command list shows the summary whole, on the command's own line
            List<String> parent = new ArrayList<>(path.subList(0, path.size() - 1));
            parent.add("--help");
            String listing = cli.expect(Cli.OK, parent.toArray(String[]::new)).out();
            String name = path.getLast();
            assertTrue(listing.lines().anyMatch(l -> l.strip().startsWith(name + " ") && l.endsWith(summary)),
                    "the summary of " + name + " wraps in its parent's command list:\n" + listing);
        }));
    }

    @Test
    void helpNamesASubcommandOfASubcommand() {
        CliHarness.Result r = cli.expect(Cli.OK, "help", "drive", "add");
        assertTrue(r.out().startsWith("Usage: triplicate drive add"), r.out());
        assertTrue(r.out().contains("--label"), r.out());
        assertTrue(cli.expect(Cli.OK, "help").out().startsWith("Usage: triplicate "));
    }

    @Test
    void helpOnAnUnknownCommandIsAUsageError() {
        CliHarness.Result r = cli.expect(Cli.USAGE, "help", "drive", "ad");
        assertTrue(r.err().contains("drive ad"), r.err());
        assertTrue(r.err().contains("add"), "lists what there is: " + r.err());
        assertEquals("", r.out());
    }

    private static void fitsTheTerminal(String command, String text) {
        for (String line : text.lines().toList()) {
            assertTrue(line.length() <= COLUMNS, command + ": a line of " + line.length() + " columns:\n" + line);
            // a break inside ".triplicate" or "e.g." leaves a lone dot at the end of a line
            assertFalse(line.matches(".*\\s\\p{Punct}$"), command + ": a word broken at its punctuation:\n" + line);
        }
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> out = new ArrayList<>();
        out.add(first);
        out.addAll(rest);
        return out;
    }

    private static String[] replaceLast(List<String> args, String last) {
        List<String> out = new ArrayList<>(args);
        out.set(out.size() - 1, last);
        return out.toArray(String[]::new);
    }
}
