package app.triplicate.ui;

import app.triplicate.catalog.StatusService;
import app.triplicate.core.CannotRunException;
import app.triplicate.core.CopyPolicy;
import app.triplicate.progress.PushProgress;
import app.triplicate.remote.PushService;
import app.triplicate.remote.RemoteException;
import app.triplicate.ui.common.Formats;
import app.triplicate.ui.common.OffsiteWords;
import app.triplicate.ui.dashboard.SessionRow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The words of the offsite upload: the status bar's line, the dashboard's state and tooltip, the outcome. */
class OffsiteWordsTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final String REMOTE = "sftp://photo@nas.local/backup";

    private static PushProgress.Snapshot snapshot(long total, long done, long failed, long bytesSent, double rate,
                                                  Duration left) {
        return new PushProgress.Snapshot(total, 40_000_000, done, failed, 0, bytesSent, Duration.ofSeconds(10), rate,
                Optional.ofNullable(left));
    }

    @Test
    void theStatusBarCountsFilesAndShowsRateAndTimeLeft() {
        assertEquals("Uploading offsite: looking for files to send",
                Formats.uploadStatus(snapshot(0, 0, 0, 0, 0, null)));
        assertEquals("Uploading offsite: 12 of 40 files, 3.10 MB/s, 4:05 left",
                Formats.uploadStatus(snapshot(40, 12, 0, 31_000_000, 3_100_000, Duration.ofSeconds(245))));
        assertEquals("Uploading offsite: 0 of 1 file", Formats.uploadStatus(snapshot(1, 0, 0, 0, 0, null)),
                "no rate before a byte went");
        assertEquals("Uploading offsite: 1,200 of 2,000 files, 12.0 MB/s, 1:02:03 left, 2 files failed",
                Formats.uploadStatus(snapshot(2000, 1200, 2, 9_000_000_000L, 12_000_000, Duration.ofSeconds(3723))));
    }

    @Test
    void aSessionsShareOnTheRemoteAddsThisUploadToWhatWasThereAndStopsShortOfDone() {
        assertEquals(0, Formats.uploadPercent(1000, 0, 0));
        assertEquals(50, Formats.uploadPercent(1000, 0, 50));
        assertEquals(40, Formats.uploadPercent(1000, 400, 0), "what was there already counts");
        assertEquals(70, Formats.uploadPercent(1000, 400, 50), "400 there + half of the 600 queued");
        assertEquals(99, Formats.uploadPercent(1000, 400, 100), "done only once the catalog says so");
        assertEquals(0, Formats.uploadPercent(0, 0, 50), "an empty session");
        assertEquals(99, Formats.uploadPercent(1000, 5000, 150), "figures out of range are clamped");
    }

    private static SessionRow row(String offsiteState, StatusService.LocationCopies remote, long culled,
                                  int offsiteCopies) {
        CopyPolicy policy = CopyPolicy.DEFAULT;
        StatusService.SessionStatus s = new StatusService.SessionStatus("s1", "Smith wedding",
                "2026/2026-11-14 Smith wedding", LocalDateTime.parse("2026-11-14T14:02:00"),
                LocalDateTime.parse("2026-11-14T23:40:00"), 10, 1000,
                policy.standing(List.of(new CopyPolicy.Bucket(2, offsiteCopies, 10))), 3, List.of(), List.of(), 0,
                NOW, culled, remote, LocalDateTime.parse("2026-11-14T14:02:00"),
                LocalDateTime.parse("2026-11-14T23:40:00"));
        SessionRow row = SessionRow.of(s, policy, NOW);
        assertEquals(offsiteState, row.offsite());
        return row;
    }

    @Test
    void theDashboardSaysWhereTheOffsiteCopyIsAndShowsARunningUploadLive() {
        UUID id = UUID.randomUUID();
        String label = "Remote " + REMOTE;

        SessionRow none = row("none", null, 0, 0);
        assertTrue(none.offsiteTooltip().startsWith("No verified copy away from here yet"), none.offsiteTooltip());
        SessionRow live = none.uploading(30);
        assertEquals("uploading 30%", live.offsite());
        assertTrue(live.offsiteTooltip().startsWith("Uploading to the remote now: 30% of this session is there."),
                live.offsiteTooltip());
        assertEquals("none", live.uploading(null).offsite(), "back to the catalog's state when the upload ends");
        assertEquals("none", live.catalogOffsite());

        SessionRow partly = row("uploading 40%", new StatusService.LocationCopies(id, label, 4, 400), 0, 0);
        assertEquals("40% of this session (by size) has a verified copy on " + label
                + "; the rest goes with the next upload.", partly.offsiteTooltip());
        assertEquals("uploading 70%", partly.uploading(70).offsite());

        SessionRow drive = row("offsite drive", null, 0, 1);
        assertEquals("Every file has a verified copy on a drive kept offsite.", drive.offsiteTooltip());
        SessionRow driveUploading = drive.uploading(20);
        assertEquals("offsite drive", driveUploading.offsite(), "safe offsite already: the column keeps saying so");
        assertTrue(driveUploading.offsiteTooltip().startsWith("Uploading to the remote now: 20%"));

        // every file verified on the remote: each has that offsite copy, so the standing counts one offsite
        SessionRow verified = row("offsite verified", new StatusService.LocationCopies(id, label, 10, 1000), 0, 1);
        row("uploading 99%", new StatusService.LocationCopies(id, label, 10, 1000), 0, 0); // the remote's figure
        // alone (it may count a culled file's copy) does not prove every kept file is there
        assertEquals("Every file has a verified copy on " + label + ", checked after it was uploaded.",
                verified.offsiteTooltip());
        assertSame(verified, verified.uploading(null));
        assertEquals("offsite verified", verified.uploading(99).offsite());
    }

    private static PushService.Report report(List<PushService.Uploaded> up, List<PushService.Failed> failed,
                                             long waiting, List<String> on, boolean stopped) {
        return new PushService.Report(REMOTE, up, failed, waiting, on, stopped, snapshot(0, 0, 0, 0, 0, null),
                List.of());
    }

    private static PushService.Uploaded sent(String path) {
        return new PushService.Uploaded(path, path, 10, 10, false, "read-back");
    }

    @Test
    void aDriveCopyFoundBadOnTheWayIsSaidAndWantsAttention() {
        String warning = "The copy of 2026/x/IMG_1.JPG on drive A could not be sent (it no longer matches); it was"
                + " sent from drive B. Run \"triplicate verify --drive A\".";
        PushService.Report r = new PushService.Report(REMOTE, List.of(sent("2026/x/IMG_1.JPG")), List.of(), 0,
                List.of(), false, snapshot(0, 0, 0, 0, 0, null), List.of(warning));
        assertEquals("Offsite copies up to date: 1 file sent to " + REMOTE + ". " + warning, OffsiteWords.outcome(r));
        assertTrue(OffsiteWords.needsAttention(r));
    }

    @Test
    void theOutcomeSaysWhatWasSentWhatWaitsAndWhatFailed() {
        assertEquals("Offsite copies up to date.", OffsiteWords.outcome(report(List.of(), List.of(), 0, List.of(), false)));
        assertEquals("Offsite copies up to date: 2 files sent to " + REMOTE + ".",
                OffsiteWords.outcome(report(List.of(sent("a"), sent("b"),
                        new PushService.Uploaded("c", "c", 1, 0, true, "read-back")), List.of(), 0, List.of(), false)));
        assertEquals("Offsite upload finished: 1 file sent to " + REMOTE + ". 3 files wait for a drive that holds "
                        + "them to be connected (Vault).",
                OffsiteWords.outcome(report(List.of(sent("a")), List.of(), 3, List.of("Vault"), false)));
        PushService.Report failed = report(List.of(), List.of(new PushService.Failed("2026/x/IMG_1.JPG",
                "the copy on Backup A no longer matches")), 0, List.of(), false);
        assertEquals("Offsite upload: 1 file was not uploaded. 2026/x/IMG_1.JPG: the copy on Backup A no longer "
                + "matches", OffsiteWords.outcome(failed));
        assertTrue(OffsiteWords.needsAttention(failed));
        assertEquals("Offsite upload stopped after 1 file; it carries on with the rest next time.",
                OffsiteWords.outcome(report(List.of(sent("a")), List.of(), 0, List.of(), true)));
    }

    @Test
    void aFailureIsItsMessageNeverAStackTrace() {
        assertEquals("Offsite upload stopped: WARNING: the host key has CHANGED.",
                OffsiteWords.failure(new CompletionException(new CannotRunException("WARNING: the host key has CHANGED."))));
        assertEquals("Offsite upload stopped: Wrong password.",
                OffsiteWords.failure(new RemoteException(RemoteException.Kind.AUTH, "Wrong password.")));
        String odd = OffsiteWords.failure(new NullPointerException("x.y() is null"));
        assertTrue(odd.startsWith("Offsite upload stopped: something unexpected went wrong (NullPointerException)"), odd);
        assertFalse(odd.contains("x.y()"), odd);
    }
}
