package app.triplicate.ui.verify;

import app.triplicate.testing.UiTest;
import app.triplicate.ui.MainWindow;
import app.triplicate.ui.common.AppContext;
import app.triplicate.ui.common.Theme;
import app.triplicate.verify.Finding.Kind;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ransomware canary in the window: verify shows one mass-change finding naming the drive and the count, a
 * banner across the main window stays until dismissed (or confirmed), and Repair asks for a confirmation naming the
 * drive and the count, dismissed or not: cancelled, nothing is written; confirmed, the copies are repaired.
 */
class MassChangeWindowTest extends UiTest {
    private static final String[] SAMPLES = {"canon_eosrp__MG_0635.JPG", "canon_eosrp__MG_0636.JPG",
            "nikon_d3100_DSC_0008.JPG", "sony_ilce6400_DSC00007.JPG", "olympus_c3000z_P1010006.JPG",
            "polaroid_pdc640m_POL_0132.JPG", "hp_photosmartm627_HPIM3424.JPG"};
    private MainWindow mainWindow;

    @AfterEach
    void disposeWindow() {
        if (mainWindow != null) {
            fx(mainWindow::dispose);
        }
    }

    private static List<Path> library(Path drive) throws IOException {
        try (Stream<Path> s = Files.walk(drive.resolve("Triplicate"))) {
            return s.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/ascmhl/")).sorted().toList();
        }
    }

    private static Map<Path, byte[]> contents(Path drive) throws IOException {
        Map<Path, byte[]> out = new TreeMap<>();
        for (Path p : library(drive)) {
            out.put(p, Files.readAllBytes(p));
        }
        return out;
    }

    private String text(String id) {
        return lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void aMassChangeIsOneFindingABannerUntilDismissedAndARepairOnlyAfterConfirmation() throws Exception {
        fixture.drive("Backup A");
        fixture.drive("Backup B");
        fixture.ingest(fixture.card("canon", SAMPLES), "--name", "Studio");
        Path a = fixture.root().resolve("drives/Backup-A");
        Path b = fixture.root().resolve("drives/Backup-B");
        Map<Path, byte[]> goodA = contents(a);
        Map<Path, byte[]> goodB = contents(b);
        Random random = new Random(5);
        List<Path> onA = library(a);
        for (Path p : onA.subList(0, 5)) { // 5 of 7: a mass change
            byte[] garbage = new byte[(int) Files.size(p)];
            random.nextBytes(garbage);
            Files.write(p, garbage);
        }

        AppContext context = fixture.openContext();
        FxToolkit.setupFixture(() -> {
            Theme.apply(context.settings().theme());
            mainWindow = new MainWindow(context, stage);
            mainWindow.show();
        });
        waitUntil("the dashboard is shown", 10, () -> !lookup("#verify-all-button").queryAll().isEmpty());
        assertTrue(lookup(".mass-change-text").queryAll().isEmpty(), "no banner before a mass change");
        clickOn("#verify-all-button");
        waitUntil("the check finishes", 20, () -> text("#verify-headline").equals("Many copies changed at once on Backup A"));
        @SuppressWarnings("unchecked")
        TableView<FindingRow> table = lookup("#verify-results-table").queryAs(TableView.class);
        List<FindingRow> rows = table.getItems();
        assertEquals(List.of(Kind.MASS_CHANGE), rows.stream().map(FindingRow::kind).toList(), rows.toString());
        // the count is the drive's own: 5 of its 7 copies (B's are not involved)
        String words = "Many copies changed at once on Backup A: 5 of 7.";
        assertTrue(rows.get(0).sentence().startsWith(words), rows.get(0).sentence());

        waitUntil("the banner shows", 10, () -> lookup(".mass-change-text").queryAll().stream()
                .anyMatch(n -> ((Label) n).getText().startsWith(words)));

        // Repair asks first; Cancel writes nothing
        clickOn("#verify-repair-button");
        waitUntil("the confirmation names the drive and the count", 10, () -> lookup("#mass-change-explanation")
                .queryAll().stream().anyMatch(n -> ((Label) n).getText().startsWith(words)));
        clickOn("#mass-change-cancel");
        assertFalse(Files.exists(a.resolve(".triplicate/quarantine")), "nothing was set aside");
        goodB.forEach((p, bytes) -> assertArrayEquals(bytes, read(p), p.toString()));

        // dismissing the banner hides it, but repair still asks
        javafx.scene.control.Button dismiss = lookup(".mass-change-row .button").queryButton();
        fx(dismiss::fire);
        waitUntil("the banner goes", 10, () -> lookup(".mass-change-text").queryAll().isEmpty());

        // confirmed: repaired
        clickOn("#verify-repair-button");
        waitUntil("the confirmation shows", 10, () -> !lookup("#mass-change-confirm").queryAll().isEmpty());
        clickOn("#mass-change-confirm");
        waitUntil("the repair finishes", 30, () -> text("#verify-repair-summary").startsWith("5 copies repaired"));
        goodA.forEach((p, bytes) -> assertArrayEquals(bytes, read(p), p.toString()));
        goodB.forEach((p, bytes) -> assertArrayEquals(bytes, read(p), p.toString()));
        assertTrue(lookup(".mass-change-text").queryAll().isEmpty(), "a confirmed mass change has no banner");
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
