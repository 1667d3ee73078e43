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
}
