package app.triplicate.fault;

import app.triplicate.files.FileAccess;
import app.triplicate.testing.Cards;
import app.triplicate.testing.CatalogFigures;
import app.triplicate.testing.CliHarness;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The set-up most fault cases share: a home, drives A and B, a card of seeded files, and the suite's closing
 * checks ({@link #assertWholeAndTrue}).
 */
final class FaultFixture {
    final Path tmp;
    final Path home;
    final CliHarness cli;
    final Map<String, Path> drives = new LinkedHashMap<>();
    final Path card;
    final Random rnd;
    Library.CardState cardBefore;

    FaultFixture(Path tmp, long seed) throws IOException {
        this.tmp = tmp;
        this.home = tmp.resolve("home");
        this.cli = new CliHarness(home);
        this.card = tmp.resolve("card");
        this.rnd = new Random(seed);
        drives.put("A", cli.addDrive(tmp.resolve("a"), "A"));
        drives.put("B", cli.addDrive(tmp.resolve("b"), "B"));
    }

    /** {@code n} card files of seeded bytes and sizes around {@code size}; the card's state is taken after. */
    List<Path> cardFiles(int n, int size) {
        List<Path> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(Cards.randomFile(card.resolve(String.format("DCIM/100TEST/IMG_%04d.JPG", i)),
                    size + rnd.nextInt(size / 4 + 1), rnd.nextLong()));
        }
        cardBefore = Library.snapshot(card);
        return out;
    }

    /** The same command line with another file layer (a fault seam). */
    CliHarness with(FileAccess files) {
        return new CliHarness(home).withFiles(files);
    }

    JsonNode ingest(CliHarness harness, int exit, String... extra) {
        List<String> args = new ArrayList<>(List.of("ingest", card.toString(), "--json", "--progress", "none"));
        args.addAll(List.of(extra));
        return harness.expect(exit, args.toArray(String[]::new)).json();
    }

    /** How many verified copies {@code status} shows on a drive, over every session. */
    int verifiedOn(String drive) {
        int n = 0;
        for (JsonNode s : cli.expect(0, "status", "--json").json().get("sessions")) {
            for (JsonNode c : s.get("copies")) {
                if (c.get("location").asText().equals(drive)) {
                    n += c.get("verifiedFiles").asInt();
                }
            }
        }
        return n;
    }

    /** An ingest report's failures as "drive: file: reason". */
    static List<String> failures(JsonNode report) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : report.get("failed")) {
            JsonNode drive = f.get("drive");
            out.add((drive == null || drive.isNull() ? "-" : drive.asText()) + ": " + f.get("file").asText() + ": "
                    + f.get("reason").asText());
        }
        return out;
    }

    /**
     * The closing checks of a case: no partial or temporary file under a library path, the catalog opens and its
     * figures match a recount, every counted copy is really on its drive (and the counts are {@code expected}),
     * the card unchanged.
     */
    void assertWholeAndTrue(Map<String, Integer> expected, String ctx) throws Exception {
        Set<String> good = Library.contents(card);
        Library.assertNoPartialFiles(drives, good, false, ctx);
        Map<String, Integer> counted = Library.assertCatalogTrue(cli, home, drives, ctx);
        assertEquals(expected, counted, "verified copies per drive (" + ctx + ")");
        CatalogFigures.assertConsistent(home);
        cardBefore.assertUnchanged(card, ctx);
    }

    static void move(Path from, Path to) {
        try {
            Files.move(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertNames(String text, String... words) {
        for (String w : words) {
            assertTrue(text.contains(w), "the message does not name " + w + ": " + text);
        }
    }
}
