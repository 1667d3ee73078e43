package app.triplicate.remote;

import app.triplicate.core.CannotRunException;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The push service against a real SFTP server: stopped half-way and continued, a server that is down,
 * and a drive copy that went bad since it was verified.
 */
class PushServiceTest {
    private static final RetryingStore.Backoff QUICK = new RetryingStore.Backoff(3, Duration.ofMillis(20),
            Duration.ofMillis(100));

    @TempDir
    Path tmp;
    CliHarness cli;
    Path a;
    Path b;
    Path served;
    SftpTestServer server;

    @BeforeEach
    void ingestAndSetTheRemote() throws Exception {
        cli = new CliHarness(tmp.resolve("home"));
        a = cli.addDrive(tmp.resolve("a"), "A");
        b = cli.addDrive(tmp.resolve("b"), "B");
        Path card = tmp.resolve("card");
        for (int i = 0; i < 6; i++) {
            Cards.randomFile(card.resolve("DCIM/100TEST/IMG_000" + i + ".CR3"), 3_000_000 + i, i);
        }
        cli.expect(0, "ingest", card.toString(), "--name", "Studio", "--progress", "none");
        served = Files.createDirectories(tmp.resolve("served/backup"));
        server = new SftpTestServer(tmp.resolve("served"), tmp.resolve("hostkey")).start();
        cli.setSftpRemote(server);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        CatalogFigures.assertConsistent(tmp.resolve("home"));
    }

    private Services services() {
        return Services.open(Home.resolve(tmp.resolve("home")), new LocalFileAccess(), List.of(), Clock.systemUTC(),
                QUICK);
    }

    private String offsite() {
        return cli.expect(0, "status", "--json").json().get("sessions").get(0).get("offsite").asText();
    }

    @Test
    void aStoppedPushKeepsWhatWasCheckedAndTheNextOneSendsOnlyTheRest() throws Exception {
        Cancellation cancel = new Cancellation();
        PushService.Report first;
        try (Services s = services()) {
            PushProgress progress = new PushProgress((path, ok, now) -> {
                if (now.filesDone() == 2) {
                    cancel.cancel();
                }
            });
            first = s.push.push(new PushService.Request(Optional.empty(), 0, 1), progress, cancel);
        }
        assertTrue(first.stopped());
        assertFalse(first.ok());
        int sentFirst = first.uploaded().size();
        assertTrue(sentFirst >= 2 && sentFirst < 6, "stopped after two of six: " + sentFirst);
        assertTrue(offsite().startsWith("uploading "), offsite());
        for (PushService.Uploaded u : first.uploaded()) {
            assertArrayEquals(Files.readAllBytes(a.resolve("Triplicate").resolve(u.key())),
                    Files.readAllBytes(served.resolve(u.key())));
        }

        PushService.Report second;
        try (Services s = services()) {
            second = s.push.push(PushService.Request.all(), new PushProgress(), new Cancellation());
        }
        assertTrue(second.ok(), second.toString());
        assertEquals(6 - sentFirst, second.uploaded().size(), "only what the first push did not finish");
        assertEquals("offsite verified", offsite());
        List<String> onDrive = Cards.filesUnder(a.resolve("Triplicate"));
        assertEquals(onDrive, Cards.filesUnder(served), "every file, and no partial file left under any name");
    }

    @Test
    void aServerThatIsDownStopsThePushWithItsAddressAndRecordsNothing() throws Exception {
        server.stop();
        try (Services s = services()) {
            CannotRunException e = assertThrows(CannotRunException.class,
                    () -> s.push.push(PushService.Request.all(), new PushProgress(), new Cancellation()));
            assertTrue(e.getMessage().contains("127.0.0.1"), e.getMessage());
        }
        assertEquals("none", offsite());
        server.start();
        try (Services s = services()) {
            assertTrue(s.push.push(PushService.Request.all(), new PushProgress(), new Cancellation()).ok());
        }
        assertEquals("offsite verified", offsite());
    }

    @Test
    void aDriveCopyThatNoLongerMatchesIsNotSentAndTheFileGoesFromTheOtherDrive() throws Exception {
        String victim = Cards.filesUnder(a.resolve("Triplicate")).get(0);
        Path bad = a.resolve("Triplicate").resolve(victim);
        byte[] bytes = Files.readAllBytes(bad);
        bytes[1000] ^= 0x10;
        Files.write(bad, bytes);

        PushService.Report r;
        try (Services s = services()) {
            r = s.push.push(PushService.Request.all(), new PushProgress(), new Cancellation());
        }
        assertEquals(6, r.uploaded().size());
        assertEquals(1, r.warnings().size(), r.warnings().toString());
        assertTrue(r.warnings().get(0).contains(victim) && r.warnings().get(0).contains("drive A")
                && r.warnings().get(0).contains("sent from drive B"), r.warnings().get(0));
        assertFalse(r.ok(), "a bad drive copy is a problem to look at");
        assertArrayEquals(Files.readAllBytes(b.resolve("Triplicate").resolve(victim)),
                Files.readAllBytes(served.resolve(victim)), "the good bytes went offsite");
        assertEquals("offsite verified", offsite());
    }
}
