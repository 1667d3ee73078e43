package app.triplicate.ui.dashboard;

import app.triplicate.catalog.SessionFilesService.CopyEntry;
import app.triplicate.catalog.SessionFilesService.FileEntry;
import app.triplicate.core.Camera;
import app.triplicate.core.CopyPolicy;
import app.triplicate.core.CopyState;
import app.triplicate.core.DriveRole;
import app.triplicate.core.VerifyMethod;
import app.triplicate.ui.common.Formats;
import app.triplicate.verify.CullService;
import app.triplicate.verify.RestoreService;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The session view's rows and words, without a window. */
class SessionDetailWordsTest {
    private static final CopyPolicy POLICY = CopyPolicy.DEFAULT; // 3 copies, 1 offsite
    private static final UUID WORK = UUID.randomUUID();
    private static final UUID BACKUP = UUID.randomUUID();
    private static final UUID VAULT = UUID.randomUUID();

    private static FileEntry file(long id, String name, int copies, int offsite, boolean culled) {
        return new FileEntry(id, "2026/2026-05-01 Wedding/" + name, name, 1000, LocalDateTime.of(2026, 5, 1, 14, 2, 37),
                "EXIF:ExifIFD:DateTimeOriginal", false, false, new Camera("Canon", "Canon EOS R5", null), copies,
                offsite, culled);
    }

    private static CopyEntry copy(long fileId, UUID at, String label, DriveRole role, boolean offsite, CopyState state) {
        return new CopyEntry(fileId, at, label, role, offsite, false, "2026/2026-05-01 Wedding/x", state,
                Instant.parse("2026-11-20T10:00:00Z"), VerifyMethod.DIRECT_READ);
    }

    private static SessionDetailRow row(FileEntry f, Set<UUID> gone, CopyEntry... copies) {
        return new SessionDetailRow(f, List.of(copies), POLICY, gone);
    }

    @Test
    void aFileWithEnoughCopiesButNoneOffsiteIsStillBelowPolicy() {
        SessionDetailRow r = row(file(1, "IMG_1.CR3", 3, 0, false), Set.of(),
                copy(1, WORK, "Work", DriveRole.WORKING, false, CopyState.VERIFIED),
                copy(1, BACKUP, "Backup", DriveRole.BACKUP, false, CopyState.VERIFIED));
        assertEquals("3/3", r.badge());
        assertTrue(r.belowPolicy());
        assertEquals(Formats.Level.WARN, r.level(), "amber, not green: no offsite copy");
        assertEquals("no offsite copy", r.shortfall());
        assertEquals("Below your copy policy: no offsite copy. Verified on Work, Backup.", r.rowTooltip());
    }

    @Test
    void aFileMeetingThePolicyHasNoTooltipAndGreenBadge() {
        SessionDetailRow r = row(file(1, "IMG_1.CR3", 3, 1, false), Set.of(),
                copy(1, VAULT, "Vault", DriveRole.BACKUP, true, CopyState.VERIFIED));
        assertFalse(r.belowPolicy());
        assertEquals(Formats.Level.OK, r.level());
        assertNull(r.rowTooltip());
        assertEquals("Fri 1 May 2026, 14:02:37", r.captureText());
    }

    @Test
    void notesNameTheDrivesACopyIsGoneFromOrBadOn() {
        SessionDetailRow r = row(file(1, "IMG_1.CR3", 1, 0, false), Set.of(WORK),
                copy(1, WORK, "Work", DriveRole.WORKING, false, CopyState.VERIFIED),
                copy(1, BACKUP, "Backup", DriveRole.BACKUP, false, CopyState.CORRUPT));
        assertEquals("deleted from Work, corrupt on Backup", r.notes());
        assertTrue(r.acceptableAsDeleted());
        assertEquals(List.of("Work"), r.goneFromWorking());

        SessionDetailRow onBackupOnly = row(file(2, "IMG_2.CR3", 1, 0, false), Set.of(BACKUP),
                copy(2, BACKUP, "Backup", DriveRole.BACKUP, false, CopyState.MISSING));
        assertFalse(onBackupOnly.acceptableAsDeleted(), "only a deletion from the working drive is a cull");

        SessionDetailRow culled = row(file(3, "IMG_3.CR3", 1, 0, true), Set.of(WORK),
                copy(3, WORK, "Work", DriveRole.WORKING, false, CopyState.MISSING),
                copy(3, BACKUP, "Backup", DriveRole.BACKUP, false, CopyState.VERIFIED));
        assertEquals("culled", culled.badge());
        assertFalse(culled.acceptableAsDeleted());
        assertFalse(culled.belowPolicy());
        assertEquals("", culled.notes());
        assertTrue(culled.badgeTooltip().contains("Its copies on Backup are kept."), culled.badgeTooltip());
    }

    @Test
    void theCullConfirmationSaysWhatIsKeptAndWhatIsNot() {
        SessionDetailRow kept = row(file(1, "IMG_1.CR3", 2, 0, false), Set.of(WORK),
                copy(1, WORK, "Work", DriveRole.WORKING, false, CopyState.VERIFIED),
                copy(1, BACKUP, "Backup", DriveRole.BACKUP, false, CopyState.VERIFIED));
        String one = SessionDetailWords.cullConfirmation(List.of(kept));
        assertTrue(one.startsWith("IMG_1.CR3 is no longer on Work, your working drive."), one);
        assertTrue(one.contains("it will no longer count against your copy policy, and Repair will not copy it back"), one);
        assertTrue(one.contains("• IMG_1.CR3: kept on Backup"), one);

        SessionDetailRow lost = row(file(2, "IMG_2.CR3", 1, 0, false), Set.of(WORK),
                copy(2, WORK, "Work", DriveRole.WORKING, false, CopyState.VERIFIED));
        String two = SessionDetailWords.cullConfirmation(List.of(kept, lost));
        assertTrue(two.startsWith("2 files are no longer on Work"), two);
        assertTrue(two.contains("• IMG_2.CR3: no other verified copy: once accepted, this picture is gone for good"), two);

        List<SessionDetailRow> many = java.util.stream.IntStream.range(0, 9)
                .mapToObj(i -> row(file(10 + i, "IMG_" + i + ".CR3", 1, 0, false), Set.of(WORK),
                        copy(10 + i, WORK, "Work", DriveRole.WORKING, false, CopyState.VERIFIED))).toList();
        assertTrue(SessionDetailWords.cullConfirmation(many).endsWith("…and 3 more files"));
    }

    @Test
    void restoreAndCullReportsInWords() {
        Path to = Path.of("/tmp/out");
        RestoreService.Report ok = new RestoreService.Report("s1", "Wedding", to,
                List.of(new RestoreService.Restored("2026/W/a.JPG", "a.JPG", "Work", "direct-read", List.of()),
                        new RestoreService.Restored("2026/W/b.JPG", "b-2.JPG", "Work", "direct-read", List.of())),
                List.of(), 1);
        assertEquals("Restored 2 files to /tmp/out", SessionDetailWords.restoreTitle(ok));
        String details = SessionDetailWords.restoreDetails(ok);
        assertTrue(details.contains("1 file got a new name"), details);
        assertTrue(details.contains("1 culled file not restored"), details);

        RestoreService.Report partial = new RestoreService.Report("s1", "Wedding", to, ok.restored(),
                List.of(new RestoreService.Missing("2026/W/c.JPG", "verified copies on Vault (not connected)")), 0);
        assertEquals("Restored 2 of 3 files to /tmp/out", SessionDetailWords.restoreTitle(partial));
        assertTrue(SessionDetailWords.restoreDetails(partial).startsWith("c.JPG: verified copies on Vault (not connected)"));

        CullService.Report cull = new CullService.Report(false, List.of(
                new CullService.Item(null, null, "2026/W/a.JPG", "s1", "W", CullService.Outcome.CULLED, null),
                new CullService.Item(null, null, "2026/W/b.JPG", "s1", "W", CullService.Outcome.ALREADY_CULLED, null)));
        assertEquals("1 file was accepted as deleted: no longer counted against your copy policy. "
                + "b.JPG: was already culled.", SessionDetailWords.cullResult(cull));
        String manifest = "drive A: the ASC MHL manifest of 2026/W was not written (No space left on device); "
                + "the copies there are unaffected";
        assertTrue(SessionDetailWords.cullResult(new CullService.Report(false, cull.items(), List.of(manifest)))
                .endsWith("b.JPG: was already culled. " + manifest + "."), "a manifest not written is said by drive");
    }
}
