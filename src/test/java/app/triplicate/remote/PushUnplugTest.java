package app.triplicate.remote;

import app.triplicate.files.LocalFileAccess;
import app.triplicate.progress.Cancellation;
import app.triplicate.progress.PushProgress;
import app.triplicate.settings.Home;
import app.triplicate.testing.Cards;
import app.triplicate.testing.CatalogFigures;
import app.triplicate.testing.CliHarness;
import app.triplicate.testing.SftpTestServer;
import app.triplicate.wiring.Services;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The only drive a push reads from is unplugged after two files: the push names it once, not file by file. */
class PushUnplugTest {
    private static final RetryingStore.Backoff QUICK = new RetryingStore.Backoff(3, Duration.ofMillis(20),
            Duration.ofMillis(100));

    @TempDir
    Path tmp;
    CliHarness cli;
    Path a;
    SftpTestServer server;

    @BeforeEach
    void ingestAndSetTheRemote() throws Exception {
        cli = new CliHarness(tmp.resolve("home"));
        a = cli.addDrive(tmp.resolve("a"), "A");
        Path card = tmp.resolve("card");
        for (int i = 0; i < 6; i++) {
            Cards.randomFile(card.resolve("DCIM/100TEST/IMG_000" + i + ".CR3"), 200_000 + i, i);
        }
        cli.expect(0, "ingest", card.toString(), "--name", "Studio", "--progress", "none");
        Files.createDirectories(tmp.resolve("served/backup"));
        server = new SftpTestServer(tmp.resolve("served"), tmp.resolve("hostkey")).start();
        cli.setSftpRemote(server);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        CatalogFigures.assertConsistent(tmp.resolve("home"));
    }

    @Test
    void aSourceDriveUnpluggedMidPushIsNamedOnce() throws Exception {
        Path away = tmp.resolve("a-unplugged");
        PushService.Report r;
        try (Services s = Services.open(Home.resolve(tmp.resolve("home")), new LocalFileAccess(), List.of(),
                Clock.systemUTC(), QUICK)) {
            PushProgress progress = new PushProgress((path, ok, now) -> {
                if (now.filesDone() == 2) {
                    try {
                        Files.move(a, away);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
            r = s.push.push(new PushService.Request(Optional.empty(), 0, 1), progress, new Cancellation());
        }
        assertEquals(2, r.uploaded().size());
        assertEquals(List.of(), r.failed(), "no file failed one by one");
        assertEquals(List.of("Drive A was disconnected during push: 4 files not sent; connect it and run push again."),
                r.warnings());
        assertFalse(r.ok());

        Files.move(away, a);
        cli.expect(0, "push");
        assertEquals("offsite verified",
                cli.expect(0, "status", "--json").json().get("sessions").get(0).get("offsite").asText());
        assertTrue(Files.exists(a));
    }
}
