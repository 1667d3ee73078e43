package app.triplicate.cli;

import app.triplicate.testing.Cards;
import app.triplicate.testing.CliHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Counts read "1 file", "2 files", never "1 files" or "file(s)", in what the commands print for a user. */
class PluralsTest {
    /** "1 files", "1 media files", "1 copies", and any "(s)". */
    static final Pattern WRONG = Pattern.compile("(?<![\\d,.:/-])1 (?:[a-z]+ )?(?:files|copies|problems|sessions|names)\\b"
            + "|\\(s\\)");

    @TempDir
    Path tmp;

    @Test
    void aCardOfOneFileIsOneFileEverywhere() throws Exception {
        CliHarness cli = new CliHarness(tmp.resolve("home"));
        Path drive = cli.addDrive(tmp.resolve("a"), "A");
        Path card = tmp.resolve("card");
        Cards.randomFile(card.resolve("DCIM/100TEST/IMG_0001.JPG"), 3000, 7);

        List<CliHarness.Result> outputs = new ArrayList<>();
        outputs.add(cli.expect(Cli.OK, "scan", card.toString()));
        outputs.add(cli.expect(Cli.OK, "ingest", card.toString(), "--progress", "none", "--session", "Shoot"));
        outputs.add(cli.expect(Cli.OK, "status"));
        outputs.add(cli.expect(Cli.PROBLEMS, "card", "check", card.toString()));
        outputs.add(cli.expect(Cli.OK, "verify"));
        Path copy;
        try (var files = java.nio.file.Files.walk(drive.resolve("Triplicate"))) {
            copy = files.filter(p -> p.getFileName().toString().equals("IMG_0001.JPG")).findFirst().orElseThrow();
        }
        outputs.add(cli.expect(Cli.OK, "cull", copy.toString(), "--dry-run"));
        outputs.add(cli.expect(Cli.OK, "restore", "Shoot", "--to", tmp.resolve("restored").toString()));
        java.nio.file.Files.delete(copy);
        outputs.add(cli.expect(Cli.PROBLEMS, "verify"));
        outputs.add(cli.expect(Cli.PROBLEMS, "repair"));

        String all = String.join("\n", outputs.stream().map(r -> r.out() + r.err()).toList());
        assertTrue(all.contains("1 file"), all);
        Matcher m = WRONG.matcher(all);
        List<String> wrong = new ArrayList<>();
        while (m.find()) {
            wrong.add(m.group());
        }
        assertEquals(List.of(), wrong, all);
    }
}
