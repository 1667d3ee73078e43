package app.triplicate.ui.verify;

import app.triplicate.progress.VerifyProgress;
import app.triplicate.progress.VerifyProgress.DriveSnapshot;
import app.triplicate.ui.verify.FindingRow.Tone;
import app.triplicate.verify.Finding;
import app.triplicate.verify.Finding.Kind;
import app.triplicate.verify.RepairService;
import app.triplicate.verify.VerifyService;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The verify window's words: grouping, counts, headline and the lines under each progress bar. */
class VerifyResultsTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    private static VerifyService.DriveResult drive(String label, long copies) {
        return new VerifyService.DriveResult(label, copies, copies * 1000, 0, Duration.ofSeconds(1), "direct read");
    }

    private static VerifyResults results(List<Finding> findings, boolean cancelled, long planned,
                                         VerifyService.DriveResult... drives) {
        return VerifyResults.of(new VerifyService.Report(List.of(drives), findings, List.of(), cancelled), planned, NOW);
    }

    @Test
    void allGoodSaysHowManyCopiesOnHowManyDrives() {
        VerifyResults r = results(List.of(), false, 1234, drive("A", 600), drive("B", 400), drive("C", 234));
        assertEquals("All 1,234 copies on 3 drives are good", r.headline());
        assertEquals(Tone.SUCCESS, r.tone());
        assertEquals("Every copy was read back and matches what was copied.", r.detail());
        assertEquals(0, r.repairable());

        assertEquals("The 1 copy on 1 drive is good", results(List.of(), false, 1, drive("A", 1)).headline());
        assertEquals("No drive is connected, so nothing was checked", results(List.of(), false, 0).headline());
        assertEquals(Tone.WARNING, results(List.of(), false, 0).tone());
    }

    @Test
    void aDriveDisconnectedDuringVerifyIsNotAllGood() {
        List<Finding> found = List.of(Finding.disconnectedDuringVerify("B", 9, NOW.minus(Duration.ofDays(1))));
        VerifyResults r = results(found, false, 15, drive("A", 12), drive("B", 3));
        assertEquals("Not finished: B was disconnected during verify", r.headline());
        assertEquals(Tone.WARNING, r.tone());
        assertEquals("15 copies checked are good · disconnected during verify: B (nothing on it was marked missing;"
                + " connect it and verify again)", r.detail());
        assertEquals("Disconnected during verify: 9 copies not checked keep their standing; connect it and verify again",
                r.rows().get(0).sentence());
    }

    @Test
    void problemsComeFirstGroupedByKindThenDriveThenPath() {
        List<Finding> found = List.of(
                new Finding(Kind.UNTRACKED, "A", "2026/x.txt", "in the library but not in the catalog", null),
                new Finding(Kind.MISSING, "B", "2026/b.jpg", "not on the drive", null),
                new Finding(Kind.NOT_CONNECTED, "Offsite", null, "not connected; last seen ...", NOW.minus(Duration.ofDays(12))),
                new Finding(Kind.CORRUPT, "B", "2026/z.jpg", "content changed: 1 instead of 2", null),
                new Finding(Kind.CORRUPT, "A", "2026/y.jpg", "content changed: 3 instead of 4", null));
        VerifyResults r = results(found, false, 1234, drive("A", 617), drive("B", 617));

        assertEquals(List.of("CORRUPT A 2026/y.jpg", "CORRUPT B 2026/z.jpg", "MISSING B 2026/b.jpg",
                        "NOT_CONNECTED Offsite null", "UNTRACKED A 2026/x.txt"),
                r.rows().stream().map(f -> f.kind() + " " + f.drive() + " " + f.path()).toList());
        Map<Kind, Long> counts = new LinkedHashMap<>();
        counts.put(Kind.CORRUPT, 2L);
        counts.put(Kind.MISSING, 1L);
        counts.put(Kind.NOT_CONNECTED, 1L);
        counts.put(Kind.UNTRACKED, 1L);
        assertEquals(counts, r.counts());
        assertEquals(List.copyOf(counts.keySet()), List.copyOf(r.counts().keySet()), "in the table's order");
        assertEquals(2, r.rows(Kind.CORRUPT).size());
        assertEquals(5, r.rows(null).size());

        assertEquals("3 problems found", r.headline());
        assertEquals(Tone.DANGER, r.tone());
        assertEquals("2 corrupt, 1 missing · 1,231 of 1,234 copies on 2 drives are good · not connected: Offsite"
                + " · 1 untracked file", r.detail());
        assertEquals(3, r.repairable());
        assertEquals("1 problem found", results(found.subList(1, 2), false, 1, drive("B", 1)).headline());
    }

    @Test
    void eachFindingSaysWhatItMeansInWords() {
        FindingRow corrupt = FindingRow.of(new Finding(Kind.CORRUPT, "B", "p.jpg", "content changed: 1 instead of 2", null), NOW);
        assertTrue(corrupt.sentence().startsWith("Corrupt: the bytes no longer match what was copied"), corrupt.sentence());
        assertEquals("content changed: 1 instead of 2", corrupt.technical());
        assertEquals(Tone.DANGER, corrupt.tone());

        FindingRow offline = FindingRow.of(new Finding(Kind.NOT_CONNECTED, "Offsite", null, "not connected",
                NOW.minus(Duration.ofDays(12))), NOW);
        assertEquals("Not connected: its copies were not checked; last verified 12 days ago", offline.sentence());
        assertEquals("Its copies were not checked; last verified 12 days ago", offline.detail());
        assertEquals("Not connected: its copies were not checked; last verified never", FindingRow.of(
                new Finding(Kind.NOT_CONNECTED, "New", null, "", null), NOW).sentence());

        FindingRow moved = FindingRow.of(new Finding(Kind.MOVED, "A", "old.jpg",
                "found at s/new.jpg (renamed on the drive); the catalog now points there", null), NOW);
        assertTrue(moved.words().contains("found at s/new.jpg,"), moved.words());

        FindingRow unreadable = FindingRow.of(new Finding(Kind.UNREADABLE, "A", "x.jpg",
                "java.io.IOException: Input/output error", null), NOW);
        assertEquals("Unreadable: the drive reported an error reading it (Input/output error)", unreadable.sentence());
        assertEquals("AccessDeniedException", FindingRow.reason("java.nio.file.AccessDeniedException"));
        assertEquals(List.of(true, true, true, false, false), List.of(Kind.MISSING, Kind.CORRUPT, Kind.OUTDATED,
                Kind.UNREADABLE, Kind.UNTRACKED).stream().map(FindingRow::repairable).toList());
    }

    @Test
    void nothingReachableIsNeverAllGood() {
        // a new, empty drive is connected; the drives holding the copies are in a drawer
        VerifyService.Report report = new VerifyService.Report(List.of(drive("New", 0)),
                List.of(new Finding(Kind.NOT_CONNECTED, "Backup A", null, "not connected", NOW.minus(Duration.ofDays(3)))),
                List.of(), false, true);
        VerifyResults r = VerifyResults.of(report, 0, NOW);
        assertEquals("Nothing could be checked: no drive holding copies is connected", r.headline());
        assertEquals(Tone.WARNING, r.tone());
        assertEquals("Connect a drive that holds copies and verify again · not connected: Backup A", r.detail());

        DriveSnapshot empty = new DriveSnapshot("New", DriveSnapshot.State.FINISHED, 0, 0, 0, 0, Duration.ofSeconds(1));
        assertEquals("no copies to check", VerifyResults.driveLine(empty, 0));
    }

    @Test
    void aStoppedCheckSaysHowFarItGot() {
        VerifyResults good = results(List.of(), true, 500, drive("A", 120));
        assertEquals("Stopped: the 120 copies checked are good", good.headline());
        assertEquals(Tone.WARNING, good.tone());
        assertEquals("Stopped after 120 of 500 copies", good.detail());

        VerifyResults bad = results(List.of(new Finding(Kind.MISSING, "A", "a.jpg", "", null)), true, 500, drive("A", 120));
        assertEquals("1 problem found", bad.headline());
        assertTrue(bad.detail().endsWith("stopped after 120 of 500 copies"), bad.detail());
    }

    @Test
    void driveLinesShowCopiesRateAndTimeLeft() {
        DriveSnapshot checking = new DriveSnapshot("A", DriveSnapshot.State.CHECKING, 340, 12, 1_000_000_000L,
                100_000_000L, Duration.ofSeconds(4)); // 25 MB/s, 900 MB left: 36 s
        assertEquals("12 of 340 copies · 25.0 MB/s · less than a minute left", VerifyResults.driveLine(checking, 0));
        DriveSnapshot slow = new DriveSnapshot("A", DriveSnapshot.State.CHECKING, 340, 12, 10_000_000_000L,
                100_000_000L, Duration.ofSeconds(4));
        assertEquals("12 of 340 copies · 25.0 MB/s · about 7 min left · 2 problems", VerifyResults.driveLine(slow, 2));
        DriveSnapshot done = new DriveSnapshot("A", DriveSnapshot.State.FINISHED, 1234, 1234, 2_100_000_000L,
                2_100_000_000L, Duration.ofSeconds(10));
        assertEquals("1,234 copies checked · 2.10 GB at 210 MB/s · all good", VerifyResults.driveLine(done, 0));
        DriveSnapshot stopped = new DriveSnapshot("A", DriveSnapshot.State.FINISHED, 340, 12, 1_000_000_000L,
                100_000_000L, Duration.ofSeconds(4));
        assertEquals("stopped after 12 of 340 copies · 100 MB at 25.0 MB/s · 1 problem", VerifyResults.driveLine(stopped, 1));
        DriveSnapshot s3 = new DriveSnapshot("Remote s3://studio/photos", DriveSnapshot.State.FINISHED, 40, 40,
                0, 0, Duration.ofSeconds(2)); // checksums asked of the provider: nothing read
        assertEquals("40 copies checked · by the provider's checksums, nothing downloaded · all good",
                VerifyResults.driveLine(s3, 0));

        VerifyProgress.Snapshot s = new VerifyProgress.Snapshot(List.of(checking, slow), Duration.ofSeconds(4));
        // weighted by bytes: 0.2 GB of 11 GB
        assertEquals("Verifying 2%", VerifyResults.jobMessage(s));
        assertEquals("Verifying 2 drives · 2% · about 7 min left", VerifyResults.runningHeadline(s));
    }

    @Test
    void repairOutcomeInOneLine() {
        RepairService.Action ok = new RepairService.Action("a.jpg", "B", "A", "corrupt copy quarantined and replaced", true);
        RepairService.Action failed = new RepairService.Action("b.jpg", "B", null,
                "no verified copy on a connected drive to repair from", false);
        assertEquals("1 copy repaired", VerifyResults.repairHeadline(List.of(ok)));
        assertEquals(Tone.SUCCESS, VerifyResults.repairTone(List.of(ok)));
        assertEquals("2 copies repaired, 1 could not be", VerifyResults.repairHeadline(List.of(ok, ok, failed)));
        assertEquals(Tone.DANGER, VerifyResults.repairTone(List.of(ok, failed)));
        assertEquals("The copy could not be repaired", VerifyResults.repairHeadline(List.of(failed)));
        assertEquals("Nothing needed repairing on the connected drives", VerifyResults.repairHeadline(List.of()));
    }

    @Test
    void aDriveGoneDuringRepairIsNamedInTheOutcome() {
        RepairService.Action ok = new RepairService.Action("a.jpg", "A", "B", "copied again", true);
        RepairService.Action gone = new RepairService.Action(null, "B", null,
                "disconnected during repair: 4 files not repaired; connect it and run repair again", false);
        assertEquals("2 copies repaired; B was disconnected during repair", VerifyResults.repairHeadline(List.of(ok, ok, gone)));
        assertEquals("No copy repaired; B was disconnected during repair", VerifyResults.repairHeadline(List.of(gone)));
        assertEquals(Tone.DANGER, VerifyResults.repairTone(List.of(ok, gone)));
    }
}
