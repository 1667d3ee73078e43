package app.triplicate.cli;

import app.triplicate.settings.Home;
import app.triplicate.testing.CliHarness;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code settings show} and {@code settings set KEY VALUE}, with the window's checks. */
class SettingsCommandTest {
    @TempDir
    Path tmp;
    CliHarness cli;
    Path settingsFile;

    @BeforeEach
    void setUp() {
        cli = new CliHarness(tmp.resolve("home"));
        settingsFile = Home.under(tmp.resolve("home")).settingsFile();
    }

    @Test
    void showListsEverySettingWithItsDefault() {
        String out = cli.expect(Cli.OK, "settings", "show").out();
        for (String line : List.of("targetCopies        3", "offsiteCopies       1", "copiesBeforeFormat  2",
                "sessionGap          3h", "folderTemplate      {yyyy}/{yyyy}-{MM}-{dd} {session}",
                "scrubInterval       30d", "uploadLimit         none")) {
            assertTrue(out.lines().anyMatch(l -> l.startsWith(line)), line + " in\n" + out);
        }
        JsonNode json = cli.expect(Cli.OK, "settings", "show", "--json").json();
        assertEquals(1, json.get("schemaVersion").asInt());
        assertEquals(3, json.get("targetCopies").asInt());
        assertEquals(1, json.get("offsiteCopies").asInt());
        assertEquals(2, json.get("copiesBeforeFormat").asInt());
        assertEquals("3h", json.get("sessionGap").asText());
        assertEquals("{yyyy}/{yyyy}-{MM}-{dd} {session}", json.get("folderTemplate").asText());
        assertEquals("30d", json.get("scrubInterval").asText());
        assertTrue(json.get("uploadLimit").isNull());
        assertEquals(settingsFile.toString(), json.get("file").asText());
    }

    @Test
    void setChangesOneSettingAndKeepsTheOthers() throws Exception {
        assertTrue(cli.expect(Cli.OK, "settings", "set", "sessionGap", "1h30m").out()
                .contains("sessionGap is now 1h30m"));
        cli.expect(Cli.OK, "settings", "set", "targetCopies", "4");
        cli.expect(Cli.OK, "settings", "set", "offsite-copies", "2"); // the spelling of an option works too
        cli.expect(Cli.OK, "settings", "set", "folderTemplate", "{camera}/{session}");
        cli.expect(Cli.OK, "settings", "set", "scrubInterval", "14d");
        cli.expect(Cli.OK, "settings", "set", "uploadLimit", "5MB/s");
        JsonNode json = cli.expect(Cli.OK, "settings", "show", "--json").json();
        assertEquals("1h30m", json.get("sessionGap").asText());
        assertEquals(4, json.get("targetCopies").asInt());
        assertEquals(2, json.get("offsiteCopies").asInt());
        assertEquals(2, json.get("copiesBeforeFormat").asInt());
        assertEquals("{camera}/{session}", json.get("folderTemplate").asText());
        assertEquals("14d", json.get("scrubInterval").asText());
        assertEquals("5MB/s", json.get("uploadLimit").asText());
        assertTrue(Files.readString(settingsFile).contains("\"sessionGap\" : \"1h30m\""));
        // the services read what was set
        assertEquals(4, cli.expect(Cli.OK, "status", "--json").json().get("policy").get("targetCopies").asInt());

        cli.expect(Cli.OK, "settings", "set", "uploadLimit", "none");
        assertTrue(cli.expect(Cli.OK, "settings", "show", "--json").json().get("uploadLimit").isNull());
    }

    @Test
    void aWrongValueExits2NamingTheKeyAndWhatIsWrongAndWritesNothing() throws Exception {
        cli.expect(Cli.OK, "settings", "set", "targetCopies", "3");
        byte[] before = Files.readAllBytes(settingsFile);
        String[][] cases = {
                {"sessionGap", "0m", "The session gap must be at least 1 minute"},
                {"sessionGap", "soon", "\"soon\" is not a duration"},
                {"targetCopies", "0", "Keep at least 1 copy."},
                {"targetCopies", "1", "Copies before a card is safe to format (2) cannot be more than the target (1)."},
                {"targetCopies", "three", "\"three\" is not a whole number"},
                {"offsiteCopies", "4", "Offsite copies (4) cannot be more than the target (3)"},
                {"copiesBeforeFormat", "0", "at least 1 verified copy"},
                {"folderTemplate", "{yyyy}/{MM}", "The folder template needs {session} or the date down to {dd}"},
                {"scrubInterval", "12h", "The scrub interval must be at least 1 day"},
                {"uploadLimit", "fast", "The upload limit \"fast\" is not a rate"},
        };
        for (String[] c : cases) {
            CliHarness.Result r = cli.expect(Cli.USAGE, "settings", "set", c[0], c[1]);
            assertTrue(r.err().contains(c[0]) && r.err().contains(c[2]), c[0] + " " + c[1] + ": " + r.err());
            assertEquals("", r.out());
        }
        assertArrayEquals(before, Files.readAllBytes(settingsFile), "nothing was written");
    }

    @Test
    void anUnknownKeyExits2ListingTheKeys() {
        CliHarness.Result r = cli.expect(Cli.USAGE, "settings", "set", "gap", "3h");
        assertTrue(r.err().contains("\"gap\" is not a setting"), r.err());
        assertTrue(r.err().contains("sessionGap"), r.err());
    }
}
