package app.triplicate.ingest;

import app.triplicate.core.CopyPolicy;
import app.triplicate.core.DriveRole;
import app.triplicate.core.Location;
import app.triplicate.core.UsageException;
import app.triplicate.files.LocalFileAccess;
import app.triplicate.progress.Cancellation;
import app.triplicate.progress.ProgressListener;
import app.triplicate.settings.Home;
import app.triplicate.testing.Cards;
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
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sessions the user chose by splitting and merging (explicit session starts), planned again without
 * reading the card, and the bytes an ingest needs on each drive: through the real services and catalog.
 */
class ChosenSessionsTest {
    private static final String TEMPLATE = "{yyyy}/{yyyy}-{MM}-{dd} {session}";
    private static final String CANON_1 = "DCIM/100TEST/canon_eosrp__MG_0635.JPG";
    private static final String CANON_2 = "DCIM/100TEST/canon_eosrp__MG_0636.JPG";
    private static final String IPHONE_1 = "DCIM/100TEST/apple_iphonexr_IMG_3581.JPG";
    private static final String NIKON = "DCIM/100TEST/nikon_d3100_DSC_0008.JPG";

    @TempDir
    Path tmp;
    Services services;
    Path card;

    @BeforeEach
    void setUp() throws Exception {
        services = Services.open(Home.under(tmp.resolve("home")), new LocalFileAccess(), List.of(),
                Clock.systemDefaultZone());
        card = tmp.resolve("card");
        Path dcim = Files.createDirectories(card.resolve("DCIM/100TEST"));
        for (String f : List.of("canon_eosrp__MG_0635.JPG", "canon_eosrp__MG_0636.JPG", "apple_iphonexr_IMG_3581.JPG",
                "apple_iphonexr_IMG_3582.JPG", "nikon_d3100_DSC_0008.JPG")) {
            Files.copy(Cards.samples().resolve(f), dcim.resolve(f));
        }
    }

    @AfterEach
    void tearDown() {
        services.close();
    }

    private IngestService.Request request(List<String> names, List<String> to, Optional<List<String>> starts) {
        return new IngestService.Request(card, Optional.empty(), names, Duration.ofHours(3), TEMPLATE, to, starts);
    }

    private static List<List<String>> files(SessionPlanner.Plan plan) {
        return plan.sessions().stream().map(s -> s.files().stream().map(f -> f.file().relativePath()).toList()).toList();
    }

    private Location drive(String label) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(label));
        return services.drives.add(dir, label, DriveRole.BACKUP, false, true).location();
    }

    @Test
    void withoutChosenStartsTheCardIsSplitAtGapsAsBefore() {
        SessionPlanner.Plan plan = services.ingest.scan(request(List.of(), List.of(), Optional.empty()));
        assertEquals(List.of(List.of(CANON_1, CANON_2), List.of(IPHONE_1, "DCIM/100TEST/apple_iphonexr_IMG_3582.JPG"),
                List.of(NIKON)), files(plan));
    }

    @Test
    void chosenStartsMergeAndSplitSessionsWhateverTheGaps() {
        SessionPlanner.Plan plan = services.ingest.scan(request(List.of(), List.of(), Optional.empty()));

        // merge the Canon session with the next (iPhone, two months later): the iPhone no longer starts one
        SessionPlanner.Plan merged = services.ingest.replan(plan,
                request(List.of("Trip", "Street"), List.of(), Optional.of(List.of(CANON_1, NIKON))));
        assertEquals(2, merged.sessions().size());
        assertEquals(4, merged.sessions().get(0).files().size());
        assertEquals(List.of("Trip", "Street"), merged.sessions().stream().map(SessionPlanner.PlannedSession::name).toList());
        assertEquals("2020/2020-02-18 Trip", merged.sessions().get(0).folder());

        // split the Canon session between its two pictures, nine seconds apart
        SessionPlanner.Plan split = services.ingest.replan(plan,
                request(List.of(), List.of(), Optional.of(List.of(CANON_1, CANON_2, IPHONE_1, NIKON))));
        assertEquals(List.of(List.of(CANON_1), List.of(CANON_2)), files(split).subList(0, 2));
        assertEquals(4, split.sessions().size());

        // a start that names no file of the card is ignored; the first shot always starts a session
        SessionPlanner.Plan odd = services.ingest.replan(plan,
                request(List.of(), List.of(), Optional.of(List.of("DCIM/100TEST/gone.JPG", NIKON))));
        assertEquals(List.of(4, 1), odd.sessions().stream().map(s -> s.files().size()).toList());

        // a blank name keeps the proposed one
        SessionPlanner.Plan blank = services.ingest.replan(plan,
                request(List.of("", "Street"), List.of(), Optional.of(List.of(CANON_1, NIKON))));
        assertEquals(List.of(plan.sessions().get(0).name(), "Street"),
                blank.sessions().stream().map(SessionPlanner.PlannedSession::name).toList());

        UsageException e = assertThrows(UsageException.class, () -> services.ingest.replan(plan,
                request(List.of("a", "b", "c"), List.of(), Optional.of(List.of(CANON_1)))));
        assertTrue(e.getMessage().contains("3 session names given"), e.getMessage());
    }

    @Test
    void anIngestFollowsTheChosenSessionsAndNames() throws Exception {
        drive("A");
        var report = services.ingest.ingest(request(List.of("Trip", "Street"), List.of(),
                Optional.of(List.of(CANON_1, NIKON))), ProgressListener.NONE, new Cancellation());
        assertTrue(report.complete(), report.toString());
        Path library = tmp.resolve("A/Triplicate");
        assertTrue(Files.isRegularFile(library.resolve("2020/2020-02-18 Trip/apple_iphonexr_IMG_3581.JPG")));
        assertTrue(Files.isRegularFile(library.resolve("2020/2020-07-15 Street/nikon_d3100_DSC_0008.JPG")));
        assertEquals(List.of("Street", "Trip"), services.status.sessions(CopyPolicy.DEFAULT).stream()
                .map(s -> s.name()).sorted().toList());
    }

    @Test
    void bytesNeededCountsWhatEachDriveDoesNotHoldYet() throws Exception {
        Location a = drive("A");
        long cardBytes = Cards.filesUnder(card).stream().mapToLong(p -> card.resolve(p).toFile().length()).sum();
        SessionPlanner.Plan before = services.ingest.scan(request(List.of(), List.of(), Optional.empty()));
        assertEquals(Map.of(a.id(), cardBytes), services.ingest.bytesNeeded(before, List.of(a)));

        services.ingest.ingest(request(List.of(), List.of("A"), Optional.empty()), ProgressListener.NONE,
                new Cancellation());
        Location b = drive("B");
        Path extra = Cards.randomFile(card.resolve("DCIM/100TEST/EXTRA_0001.MOV"), 123_456, 1);
        SessionPlanner.Plan after = services.ingest.scan(request(List.of(), List.of(), Optional.empty()));
        Map<UUID, Long> needed = services.ingest.bytesNeeded(after, List.of(a, b));
        assertEquals(Files.size(extra), needed.get(a.id()), "A holds every file but the new one");
        assertEquals(cardBytes + Files.size(extra), needed.get(b.id()), "B holds nothing yet");
    }
}
