package app.triplicate.ui.dashboard;

import app.triplicate.testing.MainWindows;
import app.triplicate.testing.Shown;
import app.triplicate.testing.UiTest;
import app.triplicate.ui.MainWindow;
import app.triplicate.ui.common.AppContext;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A session's files and a file's copies at the window's default size (1200 × 760): camera names, capture
 * times, "10 minutes ago" and each copy's path inside the drive's Triplicate folder, from its start, are whole.
 */
class SessionDetailTextTest extends UiTest {
    private static final String SESSION = "Smith and Jones wedding, ceremony and reception at the old mill";
    private MainWindow window;

    @AfterEach
    void disposeWindow() {
        if (window != null) {
            fx(window::dispose);
        }
    }

    @Test
    void camerasTimesAndPathsAreShownWhole() throws Exception {
        fixture.drive("Studio SSD", "--role", "working");
        fixture.drive("Backup A on the shelf in the basement", "--offsite");
        fixture.ingest(fixture.card("mixed", "olympus_c3000z_P1010006.JPG", "hp_photosmartm627_HPIM3424.JPG",
                "sony_mavicafd7_MVC-003F.JPG"), "--session", SESSION);
        String sessionId = fixture.cli().expect(0, "status", "--json").json().get("sessions").get(0).get("id").asText();
        AppContext opened = fixture.openContext();
        // ten minutes after the ingest verified every copy
        AppContext context = new AppContext(opened.services(), opened.background(), opened.settings(),
                Clock.offset(Clock.systemDefaultZone(), Duration.ofMinutes(10).plusSeconds(5)));
        window = MainWindows.show(context, stage);
        fx(() -> window.showSession(sessionId));
        TableView<?> files = lookup("#files-table").queryAs(TableView.class);
        waitUntil("the files are read", 20, () -> files.getItems().size() == 3);
        waitUntil("the files are listed", 10, () -> !Shown.cells(files, "col-file-name").isEmpty());
        java.util.Set<String> camerasSeen = new java.util.HashSet<>();
        TableView<?> copies = lookup("#copies-table").queryAs(TableView.class);

        List<String> fileColumns = List.of("col-file-name", "col-capture", "col-camera", "col-size");
        List<String> copyColumns = List.of("col-copy-location", "col-copy-state", "col-copy-path", "col-copy-verified");
        for (int i = 0; i < 3; i++) {
            int index = i;
            fx(() -> {
                files.getSelectionModel().clearAndSelect(index);
                files.scrollTo(index);
            });
            waitUntil("its copies are listed", 10, () -> Shown.cells(copies, "col-copy-path").size() == 2);
            Shown.settle(this, files, fileColumns);
            Shown.settle(this, copies, copyColumns);
            fx(() -> {
                assertWhole(files, fileColumns);
                Shown.cells(files, "col-camera").forEach(c -> camerasSeen.add(c.getText()));
                assertWhole(copies, copyColumns);
                SessionDetailRow file = (SessionDetailRow) files.getSelectionModel().getSelectedItem();
                for (TableCell<?, ?> c : Shown.cells(copies, "col-copy-path")) {
                    assertEquals(file.file().libraryPath(), c.getText(), "the path in the library, from its start");
                    assertTrue(c.getText().matches("\\d{4}/\\d{4}-\\d\\d-\\d\\d " + SESSION + "/.+"), c.getText());
                }
                assertTrue(Shown.cells(copies, "col-copy-verified").stream().allMatch(c -> "10 minutes ago"
                        .equals(c.getText())), "verified at the ingest, ten minutes ago");
            });
        }
        assertTrue(camerasSeen.containsAll(List.of("OLYMPUS C3000Z", "Hewlett-Packard Photosmart M627")), camerasSeen.toString());
    }

    private static void assertWhole(TableView<?> table, List<String> columns) {
        for (String column : columns) {
            List<TableCell<?, ?>> cells = Shown.cells(table, column).stream()
                    .filter(c -> c.getText() != null && !c.getText().isEmpty()).toList();
            assertFalse(cells.isEmpty(), column);
            for (TableCell<?, ?> c : cells) {
                TableRow<?> row = c.getTableRow();
                Shown.assertWhole(c, c.getText(), column + " in row " + row.getIndex());
            }
        }
    }
}
