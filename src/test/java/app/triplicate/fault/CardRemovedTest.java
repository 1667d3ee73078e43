package app.triplicate.fault;

import app.triplicate.testing.CliHarness;
import app.triplicate.testing.ForwardingFileAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The card pulled out while ingest reads it (its folder renamed away before a seeded read, as an unmount does):
 * the message names the card's files, nothing partial lands, nothing that was not read is counted, and with the
 * card back the rerun completes. {@code ingest.IngestBadInputTest} covers a card file failing mid-read (EIO).
 */
@FaultSuite
class CardRemovedTest {
    static final long SEED = Long.getLong("triplicate.fault.seed", 1313L);
    static final int FILES = 10;

    @TempDir
    Path tmp;

    @Test
    @FaultCase(name = "card-removed-mid-read", asserts = "The card's folder moved away before a seeded read during "
            + "ingest: exit 1 with each unread file named, nothing partial under a final name, only files read "
            + "whole are counted, the card unchanged, and with the card back the rerun completes.")
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void cardRemovedMidRead() throws Exception {
        FaultFixture f = new FaultFixture(tmp, SEED);
        f.cardFiles(FILES, 300_000);
        Path away = tmp.resolve("card-pulled");
        AtomicInteger reads = new AtomicInteger();
        int at = 2 + f.rnd.nextInt(FILES - 3);
        String ctx = "seed " + SEED + ", card pulled before its copy read " + at;
        ForwardingFileAccess pull = new ForwardingFileAccess() {
            volatile boolean pulled;

            @Override
            public FileChannel openRead(Path file) throws IOException {
                if (!pulled && file.toAbsolutePath().startsWith(f.card) && reads.incrementAndGet() == at) {
                    FaultFixture.move(f.card, away);
                    pulled = true;
                }
                return real.openRead(file);
            }
        };

        CliHarness.Result r = f.with(pull).run("ingest", f.card.toString(), "--json", "--progress", "none");
        assertTrue(reads.get() >= at, "the card was never pulled (" + ctx + ")");
        FaultFixture.move(away, f.card);
        f.cardBefore.assertUnchanged(f.card, ctx);
        assertEquals(1, r.exitCode(), ctx + ": " + r.out() + r.err());
        var failed = FaultFixture.failures(r.json());
        assertTrue(!failed.isEmpty(), ctx + ": " + r.out());
        for (String line : failed) {
            FaultFixture.assertNames(line, "IMG_");
        }
        Library.assertNoPartialFiles(f.drives, Library.contents(f.card), false, ctx);
        Map<String, Integer> counted = Library.assertCountedCopiesAreReal(f.home, f.drives, ctx);
        assertTrue(counted.getOrDefault("A", 0) < FILES, ctx + ": " + counted);

        f.ingest(f.cli, 0);
        f.assertWholeAndTrue(Map.of("A", FILES, "B", FILES), ctx);
    }
}
