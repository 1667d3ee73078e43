package app.triplicate.ui;

import app.triplicate.catalog.StatusService;
import app.triplicate.core.CopyPolicy;
import app.triplicate.testing.Shown;
import app.triplicate.testing.UiTest;
import app.triplicate.ui.common.AppContext;
import app.triplicate.ui.dashboard.DashboardView;
import app.triplicate.ui.dashboard.SessionRow;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableCell;
import javafx.scene.layout.BorderPane;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 10,000 sessions and a very long name neither break the layout nor the scrolling. The rows are made
 * from synthetic catalog figures (the catalog's own speed at this size is bench/status-million.sh's).
 */
class DashboardScaleTest extends UiTest {
    private static final String LONG_NAME = "Wedding of Alexandra Konstantinopoulou-Fitzgerald and Maximilian von "
            + "Hohenberg-Castellanos, ceremony, reception, speeches, first dance and the after party at the old mill";
    private DashboardView dashboard;

    private static List<SessionRow> sessions(int n) {
        CopyPolicy policy = CopyPolicy.DEFAULT;
        Instant now = Instant.parse("2026-11-26T12:00:00Z");
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        List<SessionRow> rows = new ArrayList<>();
        LocalDateTime start = LocalDateTime.parse("2026-11-20T10:00:00");
        for (int i = 0; i < n; i++) {
            LocalDateTime first = start.minusHours(7L * i);
            boolean short_ = i % 7 == 3;
            List<CopyPolicy.Bucket> buckets = List.of(new CopyPolicy.Bucket(short_ ? 2 : 3, short_ ? 0 : 1, 40));
            String name = i == 5_000 ? LONG_NAME : String.format("Session %05d", i);
            rows.add(SessionRow.of(new StatusService.SessionStatus("s" + i, name, "f" + i, first, first.plusHours(2),
                    40, 400_000_000L, policy.standing(buckets), 3,
                    List.of(new StatusService.LocationCopies(a, "Work SSD", 40, 1),
                            new StatusService.LocationCopies(b, "Backup A", 40, 1)),
                    List.of("Canon EOS R5"), 0, now.minusSeconds(3600L * i), 0, null, first, first.plusHours(2)),
                    policy, now));
        }
        return rows;
    }

    @Test
    void tenThousandSessionsAndALongNameKeepTheLayout() throws Exception {
        fixture.drive("Work SSD");
        AppContext context = fixture.openContext();
        show(context, c -> {
            dashboard = new DashboardView(c);
            return new BorderPane(dashboard.node());
        });
        waitUntil("the (empty) catalog is read", 10, () -> dashboard.table().getPlaceholder().isVisible());
        fx(() -> dashboard.showRows(sessions(10_000)));
        assertEquals(10_000, dashboard.visibleRows().size());
        assertEquals("Session 00000", dashboard.visibleRows().get(0).name(), "newest first");

        // the long name: wrapped whole in its column (a taller row); the table does not widen
        fx(() -> dashboard.table().scrollTo(5_000));
        waitUntil("the long name's cell is rendered", 10, () -> nameCell("Wedding of") != null);
        Shown.settle(this, dashboard.table(), List.of("col-name"));
        fx(() -> Shown.assertWhole(nameCell("Wedding of"), LONG_NAME, "the long name"));
        assertFalse(horizontalScrollBarVisible(), "the columns fit the window");

        // scrolling to the very end shows the last (oldest) session
        fx(() -> dashboard.table().scrollTo(9_999));
        waitUntil("the last row is rendered", 10, () -> nameCell("Session 09999") != null);

        // filtering and searching 10,000 rows stays correct
        clickOn("#needs-attention");
        assertEquals(10_000 / 7 + (10_000 % 7 > 3 ? 1 : 0), dashboard.visibleRows().size());
        assertTrue(dashboard.visibleRows().stream().allMatch(SessionRow::needsAttention));
        clickOn("#needs-attention");
        clickOn("#session-search").write("hohenberg");
        assertEquals(List.of(LONG_NAME), dashboard.visibleRows().stream().map(SessionRow::name).toList());
    }

    /** The first rendered name cell whose session's name starts with {@code prefix}. */
    private TableCell<?, ?> nameCell(String prefix) {
        return Shown.cells(dashboard.table(), "col-name").stream()
                .filter(c -> c.getItem() instanceof String s && s.startsWith(prefix)).findFirst().orElse(null);
    }

    private boolean horizontalScrollBarVisible() {
        return lookup(".scroll-bar").queryAllAs(ScrollBar.class).stream()
                .anyMatch(b -> b.getOrientation() == javafx.geometry.Orientation.HORIZONTAL && b.isVisible());
    }
}
