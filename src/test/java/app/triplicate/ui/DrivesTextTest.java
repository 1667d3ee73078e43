package app.triplicate.ui;

import app.triplicate.testing.MainWindows;
import app.triplicate.testing.Shown;
import app.triplicate.testing.UiTest;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Drives view at the window's default size (1200 × 760): a long label and a deep folder are shown whole. */
class DrivesTextTest extends UiTest {
    private MainWindow window;

    @AfterEach
    void disposeWindow() {
        if (window != null) {
            fx(window::dispose);
        }
    }

    @Test
    void longLabelsAndPathsAreShownWhole() throws Exception {
        fixture.drive("Studio SSD", "--role", "working");
        Path deep = fixture.drive("Backup A on the shelf in the basement", "--offsite");
        window = MainWindows.show(fixture.openContext(), stage);
        fx(window::showDrives);
        waitUntil("both drives are listed", 10, () -> lookup("#drives-table").tryQuery().isPresent()
                && Shown.cells(lookup("#drives-table").queryAs(TableView.class), "col-drive-path").size() == 2);
        TableView<?> table = lookup("#drives-table").queryAs(TableView.class);
        List<String> columns = List.of("col-drive-label", "col-drive-state", "col-drive-path", "col-drive-free",
                "col-drive-role", "col-drive-offsite", "col-drive-seen", "col-drive-verified");
        Shown.settle(this, table, columns);

        fx(() -> {
            for (String column : columns) {
                for (TableCell<?, ?> c : Shown.cells(table, column)) {
                    Shown.assertWhole(c, c.getText(), column + " of a drive");
                }
            }
            assertTrue(Shown.cells(table, "col-drive-path").stream().anyMatch(c -> deep.toString().equals(c.getText())),
                    "the folder from its start");
            assertEquals(2, Shown.cells(table, "col-drive-label").size());
        });
    }
}
