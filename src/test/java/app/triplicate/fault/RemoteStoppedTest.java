package app.triplicate.fault;

import app.triplicate.core.CannotRunException;
import app.triplicate.files.LocalFileAccess;
import app.triplicate.progress.Cancellation;
import app.triplicate.progress.PushProgress;
import app.triplicate.remote.PushService;
import app.triplicate.remote.RetryingStore;
import app.triplicate.settings.Home;
import app.triplicate.testing.SftpTestServer;
import app.triplicate.wiring.Services;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SFTP server stopped while a file is being uploaded (a part file with bytes in it on the server, after a
 * seeded number of files landed): push reports it for each file not sent, counts nothing offsite that did not
 * land whole, and a push after the server is back completes.
 */
@FaultSuite
class RemoteStoppedTest {
    static final long SEED = Long.getLong("triplicate.fault.seed", 1313L);
    static final int FILES = 8;
    private static final RetryingStore.Backoff QUICK = new RetryingStore.Backoff(2, Duration.ofMillis(20),
            Duration.ofMillis(50));

    @TempDir
    Path tmp;

    @Test
    @FaultCase(name = "remote-stopped-mid-upload", asserts = "The SFTP server stopped while a file is mid-upload: "
            + "push stops naming the server (or fails each file not sent), counts nothing offsite that is not whole on the "
            + "server, and the push after a restart leaves every file offsite verified.")
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void serverStoppedMidUpload() throws Exception {
        FaultFixture f = new FaultFixture(tmp, SEED);
        f.cardFiles(FILES, 400_000);
        f.ingest(f.cli, 0);
        Path served = Files.createDirectories(tmp.resolve("served/backup"));
        try (SftpTestServer server = new SftpTestServer(tmp.resolve("served"), tmp.resolve("hostkey")).start()) {
            f.cli.setSftpRemote(server);
            int landed = 1 + f.rnd.nextInt(FILES - 2);
            String ctx = "seed " + SEED + ", server stopped mid-upload after " + landed + " files";
            AtomicInteger done = new AtomicInteger();
            PushService.Report report;
            try (Services s = Services.open(Home.resolve(f.home), new LocalFileAccess(), List.of(), Clock.systemUTC(),
                    QUICK)) {
                PushProgress progress = new PushProgress((path, ok, now) -> done.set((int) now.filesDone()));
                // 1 MB/s, one at a time: a file takes ~0.4 s, long enough to be caught with bytes on the server
                CompletableFuture<PushService.Report> push = CompletableFuture.supplyAsync(() -> s.push.push(
                        new PushService.Request(Optional.empty(), 1_000_000, 1), progress, new Cancellation()));
                boolean stopped = false;
                while (!push.isDone()) {
                    if (done.get() >= landed && partWithBytes(served)) {
                        server.stop();
                        stopped = true;
                        break;
                    }
                    Thread.onSpinWait();
                }
                assertTrue(stopped, "the push ended before the server was stopped (" + ctx + ")");
                try {
                    report = push.get(40, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    // the server gone for good: push stops and says which server (exit 3 on the command line)
                    assertTrue(e.getCause() instanceof CannotRunException, ctx + ": " + e.getCause());
                    FaultFixture.assertNames(e.getCause().getMessage(), "127.0.0.1:" + server.port(), "SFTP");
                    report = null;
                }
            }
            if (report != null) {
                assertFalse(report.ok(), ctx);
                assertFalse(report.failed().isEmpty() && report.warnings().isEmpty(), "push said nothing (" + ctx + ")");
                for (PushService.Failed failed : report.failed()) {
                    assertTrue(failed.libraryPath().contains("IMG_"), ctx + ": the failure names the file: " + failed);
                }
            }
            // nothing counted offsite that is not whole on the server
            Map<String, Integer> offsite = Library.assertCountedCopiesAreRealIn(f.home, Map.of(Library.REMOTE, served),
                    ctx);
            assertTrue(offsite.getOrDefault(Library.REMOTE, 0) >= landed, ctx + ": what landed before is counted");
            assertTrue(offsite.getOrDefault(Library.REMOTE, 0) < FILES, ctx + ": " + offsite);
            assertWholeOnServer(served, f, ctx);

            server.start();
            f.cli.expect(0, "push");
            assertWholeOnServer(served, f, ctx);
            offsite = Library.assertCountedCopiesAreRealIn(f.home, Map.of(Library.REMOTE, served), ctx);
            assertEquals(FILES, offsite.get(Library.REMOTE), ctx);
            for (JsonNode session : f.cli.expect(0, "status", "--json").json().get("sessions")) {
                assertEquals("offsite verified", session.get("offsite").asText(), ctx);
            }
            f.assertWholeAndTrue(Map.of("A", FILES, "B", FILES), ctx);
        }
    }

    private static boolean partWithBytes(Path served) {
        for (Path p : Library.regularFiles(served)) {
            try {
                if (p.getFileName().toString().endsWith(".triplicate-part") && Files.size(p) > 0) {
                    return true;
                }
            } catch (java.io.IOException e) {
                // renamed into place meanwhile
            }
        }
        return false;
    }

    private static void assertWholeOnServer(Path served, FaultFixture f, String ctx) {
        var good = Library.contents(f.card);
        for (Path p : Library.regularFiles(served)) {
            if (!p.getFileName().toString().endsWith(".triplicate-part")) {
                assertTrue(good.contains(Library.hash(p).hex()), "partial object under a final name on the server ("
                        + ctx + "): " + served.relativize(p));
            }
        }
    }
}
