package app.triplicate.ui.dashboard;

import app.triplicate.bench.SyntheticCatalog;
import app.triplicate.testing.UiTest;
import app.triplicate.ui.common.AppContext;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A session of thousands of files opens quickly and scrolls: one read, a virtualised table. */
class SessionDetailScaleTest extends UiTest {
    private static final int FILES = 3000;

    @Test
    void aSessionOfThousandsOfFilesOpensAndScrolls() throws Exception {
        // drives registered at folders that do not exist: nothing is connected, only the catalog is read
        SyntheticCatalog.main(new String[]{fixture.home().toString(), Integer.toString(FILES), "1"});
        AppContext context = fixture.openContext();
        String id = context.services().status.sessions(context.settings().policy()).get(0).id();

        SessionDetailView[] view = new SessionDetailView[1];
        show(context, c -> {
            view[0] = new SessionDetailView(c, id);
            return (Parent) view[0].node();
        });
        waitUntil("every file is listed", 20, () -> view[0].idle() && view[0].visibleRows().size() == FILES);
        assertEquals(String.format(java.util.Locale.ENGLISH, "%,d files", FILES), lookup("#detail-files").queryAs(Label.class).getText());

        int rowCells = lookup("#files-table .table-row-cell").queryAll().size();
        assertTrue(rowCells < 60, "a screenful of row cells, not one per file: " + rowCells);

        TableView<SessionDetailRow> table = lookup("#files-table").queryAs(TableView.class);
        fx(() -> {
            table.scrollTo(FILES - 1);
            table.getSelectionModel().clearAndSelect(FILES - 1);
        });
        SessionDetailRow last = table.getItems().get(FILES - 1);
        waitUntil("the last file's row is on screen", 10, () -> lookup("#files-table .table-row-cell")
                .queryAllAs(TableRow.class).stream().anyMatch(r -> r.getItem() == last));
        assertEquals(last.name(), lookup("#selected-file-name").queryAs(Label.class).getText());
        assertEquals(last.copies().size(), lookup("#copies-table").queryAs(TableView.class).getItems().size());
        assertTrue(last.copies().size() >= 2);
        waitUntil("the preview placeholder says why", 10, () -> "No connected drive holds a verified copy"
                .equals(lookup("#thumbnail-caption").queryAs(Label.class).getText()));
    }
}
