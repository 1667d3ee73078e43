package app.triplicate.cli;

import app.triplicate.settings.Home;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which front door the arguments ask for: the window (and on which home) or the command line. */
class WindowOrCommandLineTest {
    @TempDir
    Path tmp;

    @Test
    void noArgumentsOpenTheWindowOnTheHomeOfTheEnvironment() {
        Path fromEnv = tmp.resolve("env-home");
        assertEquals(Optional.of(Home.under(fromEnv)), Cli.windowHome(Map.of(Home.ENV, fromEnv.toString())));
    }

    @Test
    void onlyAHomeOpensTheWindowOnThatHome() {
        Path dir = tmp.resolve("my-home");
        Map<String, String> env = Map.of(Home.ENV, tmp.resolve("env-home").toString());
        assertEquals(Optional.of(Home.under(dir)), Cli.windowHome(env, "--home", dir.toString()));
        assertEquals(Optional.of(Home.under(dir)), Cli.windowHome(env, "--home=" + dir));
    }

    @Test
    void aSubcommandHelpVersionOrAMistakeIsTheCommandLines() {
        String dir = tmp.resolve("h").toString();
        for (String[] args : new String[][] {
                {"status"}, {"--home", dir, "status"}, {"--help"}, {"--home", dir, "--help"}, {"-V"}, {"--version"},
                {"--home"}, {"--bogus"}, {"--home", dir, "no-such-command"}, {"drive", "list", "--home", dir}}) {
            assertTrue(Cli.windowHome(Map.of(), args).isEmpty(), String.join(" ", args));
        }
    }

    /**
     * The shortcuts that skip picocli's parse (a named command; the window's own launch with nothing or only a home)
     * answer as picocli's parse does.
     */
    @Test
    void theShortcutAgreesWithPicocli() {
        String dir = tmp.resolve("h").toString();
        for (String[] args : new String[][] {
                {}, {"status"}, {"status", "--json"}, {"--home", dir, "status", "--json"}, {"--home=" + dir, "status"},
                {"--home", dir}, {"--home=" + dir}, {"--home", "status"}, {"--home", "--help"}, {"--home", "@args"},
                {"no-such-command"}, {"--home", dir, "no-such-command"}, {"drive", "list", "--home", dir},
                {"help", "status"}, {"-V"}, {"--help"}, {""}, {"@args"}, {"--home=" + dir, "--home", dir},
                {"--home="}, {"--home=@args"}, {"--home", "rel/dir"}, {"--home", "help"}, {"--home=status"}, {"--home", dir + "\u0000"}}) {
            String shown = "[" + String.join(" ", args) + "]";
            if (Cli.namesACommand(args)) {
                assertTrue(Cli.parsedWindowHome(Map.of(), args).isEmpty(), shown);
            }
            assertEquals(Cli.parsedWindowHome(Map.of(), args), Cli.windowHome(Map.of(), args), shown);
            Map<String, String> env = Map.of(Home.ENV, tmp.resolve("env-home").toString());
            assertEquals(Cli.parsedWindowHome(env, args), Cli.windowHome(env, args), shown + " with " + Home.ENV);
        }
        assertTrue(Cli.namesACommand("--home", dir, "status"), "the benchmark's form takes the shortcut");
        assertTrue(Cli.namesACommand("status", "--json"));
    }
}
