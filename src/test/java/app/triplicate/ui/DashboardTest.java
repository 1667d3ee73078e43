package app.triplicate.ui;

import app.triplicate.testing.UiTest;
import app.triplicate.ui.common.AppContext;
import app.triplicate.ui.common.Formats;
import app.triplicate.ui.dashboard.DashboardView;
import app.triplicate.ui.dashboard.SessionRow;
import app.triplicate.ui.dashboard.StatusBarView;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sessions dashboard over a catalog filled by real ingests of camera samples. */
class DashboardTest extends UiTest {
    private DashboardView dashboard;
    private StatusBarView statusBar;

    /** The status bar polls the drives every 10 s: stopped, so it does not reach a later test's closed context. */
    @AfterEach
    void stopStatusBar() {
        if (statusBar != null) {
            fx(statusBar::dispose);
        }
    }

    /** Three sessions: on three drives (one offsite), on two, and on one. */
    private AppContext threeSessions() throws Exception {
        fixture.drive("Work SSD", "--role", "working");
        fixture.drive("Backup A");
        fixture.drive("Offsite B", "--offsite");
        fixture.ingest(fixture.card("iphone", "apple_iphonexr_IMG_3581.JPG", "apple_iphonexr_IMG_3582.JPG",
                "apple_iphonexr_IMG_3589.HEIC"), "--name", "Garden party");
        fixture.ingest(fixture.card("canon", "canon_eosrp__MG_0635.JPG", "canon_eosrp__MG_0636.JPG"),
                "--name", "Headshots Canon", "--to", "Work SSD", "--to", "Backup A");
        fixture.ingest(fixture.card("nikon", "nikon_d3100_DSC_0008.JPG"), "--name", "Street Nikon",
                "--to", "Work SSD");
        return fixture.openContext();
    }

    private BorderPane showDashboard(AppContext context) throws Exception {
        return show(context, c -> {
            dashboard = new DashboardView(c);
            StatusBarView bar = new StatusBarView(c, dashboard.allRows());
            statusBar = bar;
            BorderPane pane = new BorderPane(dashboard.node());
            pane.setBottom(bar.node());
            return pane;
        });
    }

    @Test
    void showsEverySessionWithItsBadgeAndOffsiteState() throws Exception {
        showDashboard(threeSessions());
        waitUntil("three sessions are listed", 20, () -> dashboard.visibleRows().size() == 3);

        Map<String, SessionRow> byName = dashboard.visibleRows().stream()
                .collect(Collectors.toMap(SessionRow::name, Function.identity()));
        SessionRow garden = byName.get("Garden party");
        assertEquals("3/3", garden.badge());
        assertEquals(Formats.Level.OK, garden.level());
        assertEquals("offsite drive", garden.offsite());
        assertTrue(garden.badgeTooltip().startsWith("3 verified copies: Backup A, Offsite B, Work SSD."),
                garden.badgeTooltip());
        assertEquals("iPhone XR", garden.cameras().replace("Apple ", ""));
        assertEquals(3, garden.files());

        assertEquals("2/3", byName.get("Headshots Canon").badge());
        assertEquals(Formats.Level.WARN, byName.get("Headshots Canon").level());
        assertEquals("none", byName.get("Headshots Canon").offsite());
        assertEquals("1/3", byName.get("Street Nikon").badge());
        assertEquals(Formats.Level.BAD, byName.get("Street Nikon").level());
        assertEquals("just now", garden.lastVerifiedText());

        // newest first: 2020-07-15 Nikon, 2020-04-17 iPhone, 2020-02-18 Canon
        assertEquals(List.of("Street Nikon", "Garden party", "Headshots Canon"),
                dashboard.visibleRows().stream().map(SessionRow::name).toList());

        // the badge cells show the same words, coloured
        TableView<?> table = lookup("#sessions-table").queryAs(TableView.class);
        List<Label> badges = lookup(".badge").queryAllAs(Label.class).stream().filter(Label::isVisible).toList();
        assertEquals(3, badges.size(), "one badge per row in " + table.getItems());
        assertTrue(badges.stream().anyMatch(b -> b.getText().equals("1/3") && b.getStyleClass().contains("badge-bad")));
        assertTrue(badges.stream().anyMatch(b -> b.getText().equals("2/3") && b.getStyleClass().contains("badge-warn")));
        assertTrue(badges.stream().anyMatch(b -> b.getText().equals("3/3") && b.getStyleClass().contains("badge-ok")));

        // the status bar sums it up
        waitUntil("the drives are counted", 10,
                () -> lookup("#status-drives").queryAs(Label.class).getText().startsWith("3 of 3 drives"));
        assertEquals("3 sessions · 6 files · " + Formats.bytes(dashboard.allRows().stream()
                .mapToLong(SessionRow::bytes).sum()), lookup("#status-library").queryAs(Label.class).getText());
        assertEquals("2 sessions below policy", lookup("#status-attention").queryAs(Label.class).getText());
        assertEquals("This computer", lookup("#status-catalog").queryAs(Label.class).getText());
    }

    @Test
    void aStudioCatalogIsNamedInTheStatusBar() throws Exception {
        app.triplicate.testing.CatalogEngine.POSTGRESQL.use(fixture.home());
        fixture.drive("Work SSD");
        showDashboard(fixture.openContext());
        assertEquals("Studio catalog on 127.0.0.1", lookup("#status-catalog").queryAs(Label.class).getText());
    }

    @Test
    void copiesALostStudioServerLeftUnrecordedAreNamedInTheStatusBar() throws Exception {
        app.triplicate.testing.CatalogEngine.POSTGRESQL.use(fixture.home());
        fixture.drive("Work SSD");
        AppContext context = fixture.openContext();
        assertTrue(context.services().unrecordedReminders().isEmpty());
        // as an ingest that lost the server leaves it (see catalog/ServerLossTest for the real loss)
        Path card = fixture.root().resolve("EOS_DIGITAL");
        new app.triplicate.ingest.UnrecordedCopies(app.triplicate.settings.Home.under(fixture.home())
                .unrecordedCopies()).note(context.services().catalogServer().orElseThrow().address(), card,
                "0123456789abcdef", Map.of("Work SSD", 12L), java.time.Instant.now());
        showDashboard(context);
        waitUntil("the status bar names what waits to be recorded", 20,
                () -> lookup("#status-unrecorded").queryAs(Label.class).isVisible());
        String said = lookup("#status-unrecorded").queryAs(Label.class).getText();
        assertTrue(said.contains("12 copies on drive Work SSD") && said.contains("triplicate ingest " + card), said);
    }

    @Test
    void needsAttentionAndSearchFilterTheTable() throws Exception {
        showDashboard(threeSessions());
        waitUntil("three sessions are listed", 20, () -> dashboard.visibleRows().size() == 3);

        clickOn("#needs-attention");
        assertEquals(List.of("Street Nikon", "Headshots Canon"),
                dashboard.visibleRows().stream().map(SessionRow::name).toList());

        clickOn("#session-search").write("nikon");
        assertEquals(List.of("Street Nikon"), dashboard.visibleRows().stream().map(SessionRow::name).toList());

        clickOn("#needs-attention");
        clickOn("#session-search");
        fx(() -> lookup("#session-search").queryAs(javafx.scene.control.TextField.class).clear());
        write("iphone"); // cameras are searched too
        assertEquals(List.of("Garden party"), dashboard.visibleRows().stream().map(SessionRow::name).toList());
    }

    @Test
    void anEmptyCatalogSaysHowToStart() throws Exception {
        fixture.drive("Work SSD");
        showDashboard(fixture.openContext());
        waitUntil("the catalog is read", 10,
                () -> lookup("#status-library").queryAs(Label.class).getText().startsWith("0 sessions"));
        assertTrue(lookup(".placeholder-text").queryAs(Label.class).getText().contains("Drop a card"));
        Path unused = tmp;
        assertTrue(unused.toFile().isDirectory());
    }
}
