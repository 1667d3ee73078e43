package app.triplicate.ui.verify;

import app.triplicate.testing.MainWindows;
import app.triplicate.testing.Shown;
import app.triplicate.testing.UiTest;
import app.triplicate.ui.MainWindow;
import app.triplicate.ui.common.AppContext;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The verify results at the verify window's own size: each problem's drive, its path in the library from its
 * start, and the whole "What it means" sentence are shown, wrapped where the column is narrow.
 */
class VerifyResultsTextTest extends UiTest {
    private static final String SESSION = "Smith and Jones wedding, ceremony and reception at the old mill";
    private MainWindow window;

    @AfterEach
    void disposeWindow() {
        if (window != null) {
            fx(window::dispose);
        }
    }

    private Path copyOn(String drive, String file) throws IOException {
        try (Stream<Path> s = Files.walk(fixture.root().resolve("drives").resolve(drive.replace(' ', '-')))) {
            return s.filter(p -> p.getFileName().toString().equals(file)).findFirst().orElseThrow();
        }
    }

    @Test
    void aDeepPathAndTheWholeSentenceAreShown() throws Exception {
        fixture.drive("Studio SSD");
        fixture.drive("Backup A on the shelf");
        fixture.ingest(fixture.card("rp", "canon_eosrp__MG_0635.JPG", "canon_eosrp__MG_0636.JPG"), "--name", SESSION);
        Path corrupt = copyOn("Backup A on the shelf", "canon_eosrp__MG_0636.JPG");
        byte[] b = Files.readAllBytes(corrupt);
        b[b.length / 2] ^= 1;
        Files.write(corrupt, b);
        Files.delete(copyOn("Studio SSD", "canon_eosrp__MG_0635.JPG"));
        AppContext context = fixture.openContext();
        window = MainWindows.show(context, stage);
        waitUntil("the session is listed", 20, () -> window.dashboard().visibleRows().size() == 1);

        clickOn("#verify-all-button");
        waitUntil("the check has finished", 60, () -> lookup("#verify-headline").tryQuery().isPresent()
                && !context.jobs().busy());
        TableView<?> table = lookup("#verify-results-table").queryAs(TableView.class);
        waitUntil("both problems are listed", 10, () -> Shown.cells(table, "verify-col-path").size() == 2);
        List<String> columns = List.of("verify-col-drive", "verify-col-path", "verify-col-detail");
        Shown.settle(this, table, columns);

        fx(() -> {
            for (String column : columns) {
                for (TableCell<?, ?> c : Shown.cells(table, column)) {
                    Shown.assertWhole(c, c.getText(), column + " of " + ((FindingRow) c.getTableRow().getItem()).kind());
                }
            }
            for (TableCell<?, ?> c : Shown.cells(table, "verify-col-path")) {
                FindingRow row = (FindingRow) c.getTableRow().getItem();
                assertEquals(row.path(), c.getText(), "the path in the library, from its start");
                assertTrue(c.getText().matches("\\d{4}/\\d{4}-\\d\\d-\\d\\d " + SESSION + "/canon_eosrp__MG_063[56].JPG"),
                        c.getText());
            }
            assertTrue(Shown.cells(table, "verify-col-detail").stream().anyMatch(c -> c.getText().startsWith(
                    "The bytes no longer match what was copied; repair sets this file aside")), "the corrupt copy's words");
        });
    }
}
