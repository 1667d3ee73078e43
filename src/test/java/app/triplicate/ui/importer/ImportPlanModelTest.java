package app.triplicate.ui.importer;

import app.triplicate.core.DriveRole;
import app.triplicate.files.LocalFileAccess;
import app.triplicate.ingest.IngestService;
import app.triplicate.ingest.SessionPlanner;
import app.triplicate.settings.Home;
import app.triplicate.testing.Cards;
import app.triplicate.ui.importer.ImportPlanModel.DriveChoice;
import app.triplicate.ui.importer.ImportPlanModel.SessionView;
import app.triplicate.ui.importer.ImportPlanModel.SplitPoint;
import app.triplicate.wiring.Services;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The import sheet's view model without a window: sessions, flags, rename, merge and split (planned again by
 * the real planner), and the room each drive needs, over a real scan of camera samples.
 */
class ImportPlanModelTest {
    private static final String TEMPLATE = "{yyyy}/{yyyy}-{MM}-{dd} {session}";
    private static final Duration GAP = Duration.ofHours(3);

    @TempDir
    Path tmp;
    Services services;
    Path card;

    @BeforeEach
    void setUp() throws Exception {
        services = Services.open(Home.under(tmp.resolve("home")), new LocalFileAccess(), List.of(),
                Clock.systemDefaultZone());
        card = tmp.resolve("EOS_DIGITAL");
        Path dcim = Files.createDirectories(card.resolve("DCIM/100TEST"));
        for (String f : List.of("canon_eosrp__MG_0635.JPG", "canon_eosrp__MG_0636.JPG", "apple_iphonexr_IMG_3581.JPG",
                "apple_iphonexr_IMG_3582.JPG", "polaroid_pdc640m_POL_0132.JPG")) {
            Files.copy(Cards.samples().resolve(f), dcim.resolve(f));
        }
        // a camera whose clock was never set: the Nikon's own date moved to 1975, byte for byte
        byte[] nikon = Files.readAllBytes(Cards.samples().resolve("nikon_d3100_DSC_0008.JPG"));
        String text = new String(nikon, StandardCharsets.ISO_8859_1).replace("2020:07:15", "1975:07:15");
        Files.write(dcim.resolve("DSC_0008.JPG"), text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @AfterEach
    void tearDown() {
        services.close();
    }

    private ImportPlanModel scanned() {
        SessionPlanner.Plan plan = services.ingest.scan(new IngestService.Request(card, Optional.empty(), List.of(),
                GAP, TEMPLATE, List.of()));
        return new ImportPlanModel(card, plan);
    }

    private void replan(ImportPlanModel model) {
        model.setPlan(services.ingest.replan(model.plan(), model.request(GAP, TEMPLATE)));
    }

    private static List<Integer> fileCounts(ImportPlanModel model) {
        return model.sessions().stream().map(SessionView::files).toList();
    }

    @Test
    void listsTheProposedSessionsWithTheirFiguresAndFlaggedFiles() {
        ImportPlanModel model = scanned();
        assertEquals("EOS_DIGITAL", model.cardName());
        List<SessionView> sessions = model.sessions();
        // 1975 (Nikon), 2020-02 (Canon), 2020-04 (iPhone), today (the Polaroid's modification time)
        assertEquals(List.of(1, 2, 2, 1), fileCounts(model));

        SessionView canon = sessions.get(1);
        assertEquals(List.of("Canon EOS RP"), canon.cameras());
        assertEquals("2 files, all new · " + app.triplicate.ui.common.Formats.bytes(canon.bytes()) + " new",
                canon.filesText());
        assertTrue(canon.whenText().startsWith("Tue 18 Feb 2020, "), canon.whenText());
        assertTrue(canon.whenText().endsWith(" · Canon EOS RP"), canon.whenText());
        assertTrue(canon.flags().isEmpty());
        assertTrue(canon.joins().isEmpty());

        assertEquals(List.of(new ImportPlanModel.FileFlag("DCIM/100TEST/DSC_0008.JPG",
                "suspicious camera clock: Tue 15 Jul 1975, 08:36:27 is before 1980 or in the future")),
                sessions.get(0).flags());
        ImportPlanModel.FileFlag undated = sessions.get(3).flags().get(0);
        assertEquals("DCIM/100TEST/polaroid_pdc640m_POL_0132.JPG", undated.path());
        assertTrue(undated.reason().startsWith("no capture date in the file; placed by its modification time, "),
                undated.reason());
    }

    @Test
    void renameMergeAndSplitMoveTheStartsAndKeepTypedNamesWithTheirSession() {
        ImportPlanModel model = scanned();
        model.rename(1, "Headshots");
        model.rename(2, "Garden");
        assertEquals(List.of("", "Headshots", "Garden", ""), model.names());

        model.mergeWithNext(1); // Canon and iPhone become one session, named as the first
        assertEquals(3, model.starts().size());
        replan(model);
        assertEquals(List.of(1, 4, 1), fileCounts(model));
        assertEquals("Headshots", model.sessions().get(1).name());
        assertTrue(model.sessions().get(1).edited());
        assertEquals(List.of("", "Headshots", ""), model.names(), "the merged session's own name is gone");

        List<SplitPoint> points = model.splitPoints(1);
        assertEquals(3, points.size(), "before each shot but the first: _MG_0636, IMG_3581, IMG_3582");
        SplitPoint longest = model.suggestedSplit(1).orElseThrow();
        assertEquals("apple_iphonexr_IMG_3581.JPG", longest.fileName(), "the two-month pause");
        assertTrue(longest.describe().startsWith("apple_iphonexr_IMG_3581.JPG · Fri 17 Apr 2020, 10:03:42 · "),
                "on the camera's clock, whatever this computer's zone: " + longest.describe());
        assertEquals("canon_eosrp__MG_0636.JPG", points.get(0).fileName());
        assertEquals(Duration.ofSeconds(9), points.get(0).gapBefore().withNanos(0));
        assertTrue(points.get(0).describe().endsWith(" · 9 s after the previous picture"), points.get(0).describe());

        model.split(1, points.get(0)); // the two Canon pictures apart
        replan(model);
        assertEquals(List.of(1, 1, 3, 1), fileCounts(model));
        assertEquals("Headshots", model.sessions().get(1).name());
        assertFalse(model.sessions().get(2).edited(), "a new session gets the planner's name");

        model.rename(1, "  ");
        replan(model);
        assertEquals(model.sessions().get(1).proposedName(), model.sessions().get(1).name(), "blank: proposed name");

        assertFalse(model.canMerge(3));
        assertThrows(IllegalArgumentException.class, () -> model.mergeWithNext(3));
        assertThrows(IllegalArgumentException.class, () -> model.split(0, points.get(0)), "not a point of session 1");
    }

    private static DriveChoice drive(String label, Long free, long needed) {
        return new DriveChoice(UUID.nameUUIDFromBytes(label.getBytes(StandardCharsets.UTF_8)), label, DriveRole.BACKUP,
                Path.of("/media/me", label), Optional.ofNullable(free), needed, true);
    }

    @Test
    void refusesToStartWhenASelectedDriveLacksRoomAndNamesIt() {
        ImportPlanModel model = scanned();
        assertEquals(Optional.of("No destination drive is connected. Connect a working or backup drive, or add one "
                + "under Drives."), model.blocker());

        DriveChoice roomy = drive("Work SSD", 500_000_000_000L, 7_000_000);
        DriveChoice small = drive("Backup A", 3_000_000L, 7_000_000);
        DriveChoice unknown = drive("Backup B", null, 7_000_000);
        model.setDrives(List.of(roomy, small, unknown), List.of("Offsite C"));
        assertEquals(4_000_000, model.drives().get(1).shortBy());
        assertEquals(0, model.drives().get(2).shortBy(), "free space unknown: not refused");
        assertEquals(Optional.of("Not enough room on Backup A: this import needs 7.00 MB there, 3.00 MB is free "
                + "(4.00 MB short)."), model.blocker());
        assertEquals(List.of("Offsite C"), model.notConnected());

        model.select(small.id(), false);
        assertEquals(Optional.empty(), model.blocker());
        assertEquals(List.of("Work SSD", "Backup B"), model.request(GAP, TEMPLATE).toLabels());

        // a fresh look at the drives keeps the user's choice
        model.setDrives(List.of(roomy, drive("Backup A", 3_000_000L, 7_000_000)), List.of());
        assertFalse(model.drives().get(1).selected());

        model.select(roomy.id(), false);
        assertEquals(Optional.of("Choose at least one drive to copy to."), model.blocker());
    }

    @Test
    void theRequestCarriesTheChosenStartsAndNames() {
        ImportPlanModel model = scanned();
        model.rename(0, "Old Nikon");
        IngestService.Request r = model.request(GAP, TEMPLATE);
        assertEquals(card, r.card());
        assertEquals(Optional.of(model.starts()), r.sessionStarts());
        assertEquals(List.of("Old Nikon", "", "", ""), r.names());
        assertEquals(GAP, r.gap());
        assertEquals(Optional.empty(), r.sessionName());
    }

    @Test
    void gapWordsReadNaturally() {
        assertEquals("9 s", ImportPlanModel.gapWords(Duration.ofSeconds(9)));
        assertEquals("12 min", ImportPlanModel.gapWords(Duration.ofMinutes(12)));
        assertEquals("2 h 10 min", ImportPlanModel.gapWords(Duration.ofMinutes(130)));
        assertEquals("3 h", ImportPlanModel.gapWords(Duration.ofHours(3)));
        assertEquals("58 days", ImportPlanModel.gapWords(Duration.ofDays(58)));
    }
}
