package app.triplicate.ui.importer;

import app.triplicate.ingest.IngestReport;
import app.triplicate.progress.ProgressListener;
import app.triplicate.progress.TransferProgress;
import app.triplicate.verify.CardCheckService;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Progress, summary and verdict wording of the import sheet. */
class ImportTextsTest {

    @Test
    void progressCountsProvenAndAlreadyPresentBytesPerDriveAndTheSlowestDriveSetsTheTimeLeft() {
        TransferProgress p = new TransferProgress(10, 10_000_000, List.of("Work SSD", "Backup A"), ProgressListener.NONE);
        p.addRead(6_000_000);
        p.addSkipped(1_000_000);
        for (int i = 0; i < 7; i++) {
            p.fileRead("f" + i);
        }
        p.lane("Work SSD").addVerified(5_000_000);
        p.lane("Work SSD").addSkipped(1_000_000);
        p.lane("Backup A").addVerified(2_000_000);
        p.lane("Backup A").addSkipped(1_000_000);
        p.lane("Backup A").copyFinished("f1", false);

        TransferProgress.Snapshot s = p.snapshot();
        assertEquals(0.6, ImportTexts.laneFraction(s.lanes().get(0), 10, 10_000_000), 1e-9);
        assertEquals(0.3, ImportTexts.laneFraction(s.lanes().get(1), 10, 10_000_000), 1e-9);
        ImportTexts.Line overall = ImportTexts.overall(s);
        assertEquals(0.45, overall.fraction(), 1e-9, "the mean of the drives");
        assertTrue(overall.text().startsWith("Read 7 of 10 files · 7.00 MB of 10.0 MB · "), overall.text());
        assertTrue(overall.text().endsWith(" left"), overall.text());

        ImportTexts.Line lane = ImportTexts.lane(s.lanes().get(1), 10, 10_000_000);
        assertTrue(lane.text().startsWith("1 of 10 files · 2.00 MB proven · "), lane.text());
        assertTrue(lane.text().endsWith(" left · 1 failed"), lane.text());
        assertEquals("Importing EOS_DIGITAL 45%", ImportTexts.jobMessage("EOS_DIGITAL", overall.fraction()));
    }

    @Test
    void anEmptyTransferIsDone() {
        TransferProgress.Snapshot s = new TransferProgress(0, 0, List.of("A"), ProgressListener.NONE).snapshot();
        assertEquals(1.0, ImportTexts.overall(s).fraction());
    }

    private static IngestReport report(List<String> copied, List<String> already, List<IngestReport.Failure> failed,
                                       boolean cancelled) {
        return new IngestReport("/media/me/EOS_DIGITAL", "f", List.of(
                new IngestReport.Destination("Work SSD", "/w", copied.size(), 2_000_000, 50_000_000, "direct read"),
                new IngestReport.Destination("Backup A", "/b", copied.size(), 2_000_000, 40_000_000, "direct read")),
                3, 3_000_000, copied, already, failed, List.of("GPS/track.log"), List.of(), List.of("a warning"),
                2_000_000, Duration.ofSeconds(3), cancelled, 1, 2_000, List.of(), List.of());
    }

    @Test
    void summaryNamesWhatWasCopiedWhatWasThereAndEachFailure() {
        IngestReport ok = report(List.of("a", "b"), List.of("c"), List.of(), false);
        assertEquals("Import complete", ImportTexts.headline(ok));
        assertEquals("Copied 2 files to Work SSD and Backup A.", ImportTexts.copied(ok));
        assertEquals("1 file was already there, proven before.", ImportTexts.alreadyThere(ok));
        assertEquals(List.of("Work SSD: 2 files written, 2.00 MB, 50.0 MB/s",
                "Backup A: 2 files written, 2.00 MB, 40.0 MB/s"), ImportTexts.perDrive(ok));
        assertEquals(List.of("a warning", "1 other file (not a picture or video) was copied too, into the session's "
                + "\"Other files\" folder"), ImportTexts.warnings(ok));

        IngestReport bad = report(List.of("a"), List.of(), List.of(
                new IngestReport.Failure("DCIM/IMG_2.CR2", "Backup A", "No space left on device"),
                new IngestReport.Failure("DCIM/IMG_3.CR2", null, "cannot read it from the card: I/O error")), false);
        assertEquals("Import finished with problems", ImportTexts.headline(bad));
        assertEquals(List.of("DCIM/IMG_2.CR2 on Backup A: No space left on device",
                "DCIM/IMG_3.CR2 (on the card): cannot read it from the card: I/O error"), ImportTexts.failures(bad));
        assertEquals("No file was already there.", ImportTexts.alreadyThere(bad));

        assertEquals("Import stopped", ImportTexts.headline(report(List.of(), List.of(), List.of(), true)));
    }

    @Test
    void verdictSaysSafeToFormatOrWhatIsMissing() {
        CardCheckService.Verdict safe = new CardCheckService.Verdict(true, 2, 12, List.of());
        assertEquals("Safe to format", ImportTexts.verdict(safe));
        assertEquals("Every picture and video on the card (12 files) has at least 2 verified copies on separate drives.",
                ImportTexts.verdictDetail(safe));

        CardCheckService.Verdict notYet = new CardCheckService.Verdict(false, 2, 12, List.of(
                new CardCheckService.Lacking("DCIM/IMG_1.CR2", 1, "1 of 2 verified copies"),
                new CardCheckService.Lacking("DCIM/IMG_2.CR2", 0, "not imported")));
        assertEquals("Not safe to format yet", ImportTexts.verdict(notYet));
        assertEquals("2 files of 12 still lack the 2 verified copies needed before the card may be formatted:",
                ImportTexts.verdictDetail(notYet));
        assertEquals(List.of("DCIM/IMG_1.CR2: 1 of 2 verified copies", "DCIM/IMG_2.CR2: not imported"),
                ImportTexts.lacking(notYet));
    }

    @Test
    void longListsEndWithHowManyMore() {
        List<String> many = IntStream.range(0, 60).mapToObj(i -> "f" + i).toList();
        List<String> shown = ImportTexts.limit(many);
        assertEquals(51, shown.size());
        assertEquals("and 10 more", shown.get(50));
        assertEquals("A, B and C", ImportTexts.andList(List.of("A", "B", "C")));
    }
}
