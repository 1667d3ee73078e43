package app.triplicate.ui;

import app.triplicate.catalog.StatusService;
import app.triplicate.core.CopyPolicy;
import app.triplicate.testing.MainWindows;
import app.triplicate.testing.Shown;
import app.triplicate.testing.UiTest;
import app.triplicate.ui.dashboard.SessionRow;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * At the window's default size (1200 × 760) every cell of the sessions table shows its whole text: long camera
 * names and date ranges wrap, numbers and states keep the width of their widest text.
 */
class DashboardTextTest extends UiTest {
    private static final Instant NOW = Instant.now();
    private MainWindow window;

    @AfterEach
    void disposeWindow() {
        if (window != null) {
            fx(window::dispose);
        }
    }

    private static SessionRow row(String name, String first, String last, List<String> cameras, long files, long bytes,
                                  int copies, Instant verified) {
        CopyPolicy policy = CopyPolicy.DEFAULT;
        UUID a = UUID.randomUUID();
        return SessionRow.of(new StatusService.SessionStatus(UUID.randomUUID().toString(), name, name,
                LocalDateTime.parse(first), LocalDateTime.parse(last), files, bytes,
                policy.standing(List.of(new CopyPolicy.Bucket(copies, copies == 3 ? 1 : 0, files))), 3,
                List.of(new StatusService.LocationCopies(a, "Studio SSD", files, bytes)), cameras, 0, verified, 0,
                null, LocalDateTime.parse(first), LocalDateTime.parse(last)), policy, NOW);
    }

    @Test
    void camerasDatesAndFiguresAreShownWhole() throws Exception {
        fixture.drive("Studio SSD");
        window = MainWindows.show(fixture.openContext(), stage);
        TableView<SessionRow> table = window.dashboard().table();
        waitUntil("the catalog is read", 10, () -> table.getPlaceholder().isVisible());
        List<SessionRow> rows = List.of(
                row("2026-11-26 Morning", "2026-11-26T07:20:00", "2026-11-26T07:21:00",
                        List.of("OLYMPUS IMAGING CORP. E-M1MarkII"), 4, 773_000, 2, NOW.minusSeconds(600)),
                row("Smith wedding, ceremony and reception", "2026-09-19T10:03:00", "2026-09-20T01:47:00",
                        List.of("Canon EOS R5", "Apple iPhone 15 Pro Max", "DJI FC3582"), 12_345, 98_700_000_000L, 3,
                        NOW.minusSeconds(86_400L * 400)),
                row("Street, Lisbon", "2026-07-19T16:14:00", "2026-07-19T16:14:00",
                        List.of("Hewlett-Packard HP PhotoSmart R707 (V01.00)"), 1, 2_750_000, 1, null))
                .stream().map(r -> r.name().startsWith("Smith") ? r.uploading(45) : r).toList();
        fx(() -> window.dashboard().showRows(rows));
        waitUntil("the rows are drawn", 10, () -> Shown.cells(table, "col-date").size() == 3);
        List<String> columns = List.of("col-name", "col-date", "col-cameras", "col-files", "col-size", "col-offsite",
                "col-verified");
        // rows take their height from their wrapped cells over a layout pass or two
        Shown.settle(this, table, columns);

        fx(() -> {
            for (String column : columns) {
                List<TableCell<?, ?>> cells = Shown.cells(table, column);
                assertEquals(3, cells.size(), column);
                for (TableCell<?, ?> c : cells) {
                    Shown.assertWhole(c, c.getText(), column + " of \"" + ((SessionRow) c.getTableRow().getItem()).name()
                            + "\"");
                }
            }
        });
        assertEquals("10 minutes ago", text(table, "col-verified", "2026-11-26 Morning"));
    }

    private static String text(TableView<SessionRow> table, String column, String namePrefix) {
        return Shown.cells(table, column).stream()
                .filter(c -> ((SessionRow) c.getTableRow().getItem()).name().startsWith(namePrefix))
                .map(TableCell::getText).findFirst().orElseThrow();
    }
}
