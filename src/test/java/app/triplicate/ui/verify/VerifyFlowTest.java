package app.triplicate.ui.verify;

import app.triplicate.settings.Home;
import app.triplicate.testing.Cards;
import app.triplicate.testing.SlowFileAccess;
import app.triplicate.testing.UiTest;
import app.triplicate.ui.MainWindow;
import app.triplicate.ui.common.AppContext;
import app.triplicate.ui.common.Background;
import app.triplicate.ui.common.Jobs;
import app.triplicate.testing.WindowOnlyNavigator;
import app.triplicate.ui.common.Theme;
import app.triplicate.verify.Finding.Kind;
import app.triplicate.verify.RepairService;
import app.triplicate.wiring.Services;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.StackPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Verify-all through the window, on a real catalog filled by real ingests: a copy corrupted by the test
 * is found and repaired, a drive that is not connected says when it was last verified, and Stop stops.
 */
class VerifyFlowTest extends UiTest {
    private static final String[] SAMPLES = {"canon_eosrp__MG_0635.JPG", "canon_eosrp__MG_0636.JPG",
            "nikon_d3100_DSC_0008.JPG"};
    private MainWindow mainWindow;

    @AfterEach
    void disposeWindow() {
        if (mainWindow != null) {
            fx(mainWindow::dispose);
        }
    }

    /** Two drives holding the three samples. */
    private void twoDrivesWithSamples() throws IOException {
        fixture.drive("Backup A");
        fixture.drive("Backup B");
        fixture.ingest(fixture.card("canon", SAMPLES), "--name", "Garden party");
    }

    /** Where a file of the library is on a drive folder (found by walking it, as a user would look). */
    private static Path onDrive(Path drive, String name) throws IOException {
        try (Stream<Path> s = Files.walk(drive)) {
            List<Path> found = s.filter(p -> p.getFileName().toString().equals(name))
                    .filter(p -> !drive.relativize(p).toString().startsWith(".triplicate")).toList();
            assertEquals(1, found.size(), name + " on " + drive + ": " + found);
            return found.get(0);
        }
    }

    private static void flipBytes(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        for (int i = b.length / 2; i < b.length / 2 + 16; i++) {
            b[i] ^= (byte) 0xFF;
        }
        Files.write(file, b);
    }

    private String text(String id) {
        return lookup(id).queryAs(Label.class).getText();
    }

    @SuppressWarnings("unchecked")
    private TableView<FindingRow> results() {
        return lookup("#verify-results-table").queryAs(TableView.class);
    }

    private Button button(String id) {
        return lookup(id).queryAs(Button.class);
    }

    /** Opens the verify window from a context shown in the test's (otherwise empty) stage. */
    private VerifyFlow startFlow(AppContext context) throws Exception {
        show(context, c -> new StackPane(new Label("main window")));
        context.setNavigator(new WindowOnlyNavigator(stage)); // the verify window needs an owner
        VerifyFlow flow = new VerifyFlow(context);
        fx(flow::start);
        return flow;
    }

    @Test
    void findsACorruptCopyAndRepairFixesIt() throws Exception {
        twoDrivesWithSamples();
        Path drives = fixture.root().resolve("drives");
        Path bad = onDrive(drives.resolve("Backup-B"), SAMPLES[1]);
        Path good = onDrive(drives.resolve("Backup-A"), SAMPLES[1]);
        flipBytes(bad);
        assertTrue(Files.mismatch(bad, good) >= 0, "the test corrupted the copy");
        String libraryPath = drives.resolve("Backup-B/Triplicate").relativize(bad).toString().replace('\\', '/');

        AppContext context = fixture.openContext();
        FxToolkit.setupFixture(() -> {
            Theme.apply(context.settings().theme());
            mainWindow = new MainWindow(context, stage);
            mainWindow.show();
        });
        waitUntil("the dashboard is shown", 10, () -> !lookup("#verify-all-button").queryAll().isEmpty());
        clickOn("#verify-all-button");

        waitUntil("the check finishes", 20, () -> text("#verify-headline").equals("1 problem found"));
        assertTrue(lookup("#verify-root").query().getStyleClass().contains("verify-window"));
        assertEquals("1 corrupt · 5 of 6 copies on 2 drives are good", text("#verify-detail"));
        List<FindingRow> rows = results().getItems();
        assertEquals(1, rows.size(), rows.toString());
        FindingRow corrupt = rows.get(0);
        assertEquals(Kind.CORRUPT, corrupt.kind());
        assertEquals("Backup B", corrupt.drive());
        assertEquals(libraryPath, corrupt.path());
        assertTrue(corrupt.sentence().startsWith("Corrupt: the bytes no longer match what was copied"));
        // what the table shows in its cells
        assertTrue(lookup(".finding-kind").queryAllAs(Label.class).stream().anyMatch(l -> l.getText().equals("Corrupt")
                && l.getStyleClass().contains("finding-danger")));
        assertTrue(lookup(".table-cell").queryAll().stream().anyMatch(n -> n instanceof javafx.scene.control.Labeled l
                && libraryPath.equals(l.getText())), "the path is in the table");
        // each drive's bar is full and says what it read
        Map<Object, String> lines = lookup(".verify-drive").queryAll().stream().collect(Collectors.toMap(
                javafx.scene.Node::getUserData, n -> ((Label) n.lookup(".verify-drive-line")).getText()));
        assertEquals(Set.of("Backup A", "Backup B"), lines.keySet());
        assertTrue(lines.get("Backup B").startsWith("3 copies checked · ") && lines.get("Backup B").endsWith(" · 1 problem"),
                lines.toString());
        assertTrue(lines.get("Backup A").startsWith("3 copies checked · ") && lines.get("Backup A").endsWith(" · all good"),
                lines.toString());
        assertTrue(lookup(".verify-drive-bar").queryAllAs(javafx.scene.control.ProgressBar.class).stream()
                .allMatch(b -> b.getProgress() == 1), "both bars are full");

        Button repair = button("#verify-repair-button");
        assertFalse(repair.isDisabled(), "a corrupt copy can be repaired");
        clickOn(repair);
        waitUntil("the repair finishes", 20, () -> text("#verify-repair-summary").startsWith("1 copy repaired"));
        assertEquals("1 copy repaired", text("#verify-headline"));
        @SuppressWarnings("unchecked")
        TableView<RepairService.Action> actions = lookup("#verify-repair-table").queryAs(TableView.class);
        assertEquals(List.of(new RepairService.Action(libraryPath, "Backup B", "Backup A",
                "corrupt copy quarantined and replaced", true)), actions.getItems());
        assertEquals(-1, Files.mismatch(bad, good), "the copy on Backup B is byte-identical to the good one again");
        assertTrue(repair.isDisabled(), "nothing left to repair");

        clickOn("#verify-again-button");
        waitUntil("the second check finishes", 20,
                () -> text("#verify-headline").equals("All 6 copies on 2 drives are good"));
        assertTrue(results().getItems().isEmpty());
        assertTrue(lookup("#verify-headline").query().getStyleClass().contains("success"));
        assertTrue(button("#verify-repair-button").isDisabled());
        assertFalse(context.jobs().busy(), "no job left running");
    }

    @Test
    void aDriveThatIsNotConnectedSaysWhenItWasLastVerified() throws Exception {
        twoDrivesWithSamples();
        fixture.drive("Offsite C", "--offsite");
        Path drives = fixture.root().resolve("drives");
        Files.move(drives.resolve("Offsite-C"), drives.resolve("Offsite-C-unplugged"));

        startFlow(fixture.openContext());
        waitUntil("the check finishes", 20, () -> text("#verify-headline").startsWith("All "));
        assertEquals("All 6 copies on 2 drives are good", text("#verify-headline"));
        assertEquals("Not connected: Offsite C", text("#verify-detail"));
        FindingRow offline = results().getItems().get(0);
        assertEquals(Kind.NOT_CONNECTED, offline.kind());
        assertEquals("Offsite C", offline.drive());
        assertEquals("Not connected: its copies were not checked; last verified never", offline.sentence());
        assertTrue(button("#verify-repair-button").isDisabled());
    }

    @Test
    void aDriveUnpluggedAfterItsCopiesWereVerifiedShowsThatDate() throws Exception {
        twoDrivesWithSamples();
        Path drives = fixture.root().resolve("drives");
        Files.move(drives.resolve("Backup-B"), drives.resolve("Backup-B-unplugged"));
        // an untracked file on the connected drive: listed, but not a problem
        Files.writeString(drives.resolve("Backup-A/Triplicate/notes.txt"), "mine");

        startFlow(fixture.openContext());
        waitUntil("the check finishes", 20, () -> text("#verify-headline").startsWith("All "));
        assertEquals("All 3 copies on 1 drive are good", text("#verify-headline"));
        assertEquals("Not connected: Backup B · 1 untracked file", text("#verify-detail"));
        assertEquals(List.of("NOT_CONNECTED Backup B", "UNTRACKED Backup A"),
                results().getItems().stream().map(r -> r.kind() + " " + r.drive()).toList());
        assertEquals("Its copies were not checked; last verified just now", results().getItems().get(0).detail());

        clickOn("#verify-filter-untracked");
        assertEquals(List.of("notes.txt"), results().getItems().stream().map(FindingRow::path).toList());
        clickOn("#verify-filter-all");
        assertEquals(2, results().getItems().size());
    }

    @Test
    void stopEndsTheCheckAndShowsWhatWasChecked() throws Exception {
        fixture.drive("Backup A");
        fixture.drive("Backup B");
        Path card = fixture.root().resolve("cards/big");
        int files = 30;
        for (int i = 0; i < files; i++) {
            Cards.randomFile(card.resolve(String.format("DCIM/100TEST/IMG_%04d.CR2", i)), 200_000 + i, i);
        }
        fixture.ingest(card, "--name", "Big day");

        // the same catalog, read through a file layer where each read-back takes 100 ms, as on a slow disk
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        try (Services services = Services.open(Home.under(fixture.home()), new SlowFileAccess(100),
                List.of(fixture.root().resolve("media")), Clock.systemDefaultZone());
             Background background = new Background(failures::add)) {
            AppContext context = new AppContext(services, background, services.settings.load(), Clock.systemDefaultZone());
            VerifyFlow flow = startFlow(context);
            Pattern copies = Pattern.compile("(\\d+) of 30 copies.*");
            waitUntil("a few copies are checked", 20, () -> lookup(".verify-drive-line").queryAllAs(Label.class).stream()
                    .map(l -> copies.matcher(l.getText())).anyMatch(c -> c.matches() && Integer.parseInt(c.group(1)) >= 3));
            Jobs.Job job = context.jobs().running().get(0);
            assertTrue(job.messageProperty().get().matches("Verifying \\d+%"), job.messageProperty().get());
            assertTrue(text("#verify-headline").startsWith("Verifying 2 drives · "), text("#verify-headline"));

            fx(flow::start); // a second start only brings the running check to the front
            assertEquals(1, context.jobs().running().size());

            clickOn("#verify-cancel-button");
            waitUntil("the check stops", 20, () -> !context.jobs().busy());
            Matcher m = Pattern.compile("Stopped: the (\\d+) copies checked are good").matcher(text("#verify-headline"));
            assertTrue(m.matches(), text("#verify-headline"));
            int checked = Integer.parseInt(m.group(1));
            assertTrue(checked >= 3 && checked < 2 * files, "stopped part way: " + checked);
            assertEquals("Stopped after " + checked + " of 60 copies", text("#verify-detail"));
            assertTrue(lookup(".verify-drive-line").queryAllAs(Label.class).stream()
                    .allMatch(l -> l.getText().startsWith("stopped after ")), "each drive says it stopped");
            assertFalse(lookup("#verify-cancel-button").query().isVisible());
            assertFalse(button("#verify-again-button").isDisabled());
            assertEquals(List.of(), failures);
        }
    }
}
