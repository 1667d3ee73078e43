package app.triplicate.ui.dashboard;

import app.triplicate.testing.UiTest;
import app.triplicate.testing.WindowOnlyNavigator;
import app.triplicate.ui.common.AppContext;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.TimeZone;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The dashboard and the session header show a session by the camera's own clock (SPEC.md, <i>capture time</i>): an
 * iPhone picture taken at 10:03 at -06:00, imported on a computer in Tokyo (where it was 01:03 the next day), reads
 * 10:03 on 17 April, as its file does.
 */
class CameraClockViewsTest extends UiTest {
    private TimeZone machineZone;
    private String sessionId;

    @BeforeEach
    void computerInTokyo() {
        machineZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
    }

    @AfterEach
    void restoreZone() {
        TimeZone.setDefault(machineZone);
    }

    private AppContext morningInMexico() throws Exception {
        fixture.drive("Work SSD");
        fixture.ingest(fixture.card("iphone", "apple_iphonexr_IMG_3581.JPG"));
        sessionId = fixture.cli().expect(0, "status", "--json").json().get("sessions").get(0).get("id").asText();
        AppContext context = fixture.openContext();
        context.setNavigator(new WindowOnlyNavigator(stage));
        return context;
    }

    @Test
    void theSessionHeaderReadsTheCamerasTime() throws Exception {
        AppContext context = morningInMexico();
        SessionDetailView[] view = new SessionDetailView[1];
        show(context, c -> {
            view[0] = new SessionDetailView(c, sessionId);
            return (Parent) view[0].node();
        });
        waitUntil("the session is read", 20, () -> view[0].idle() && view[0].visibleRows().size() == 1);

        assertEquals("2020-04-17 Morning", lookup("#detail-name").queryAs(Label.class).getText());
        assertEquals("Fri 17 Apr 2020, 10:03", lookup("#detail-dates").queryAs(Label.class).getText());
        assertEquals("Fri 17 Apr 2020, 10:03:42", view[0].visibleRows().get(0).captureText(),
                "the header and its file agree");
    }

    @Test
    void theDashboardsDatesColumnReadsTheCamerasTime() throws Exception {
        AppContext context = morningInMexico();
        DashboardView[] dashboard = new DashboardView[1];
        show(context, c -> {
            dashboard[0] = new DashboardView(c);
            return (Parent) dashboard[0].node();
        });
        waitUntil("the session is listed", 20, () -> dashboard[0].visibleRows().size() == 1);
        SessionRow row = dashboard[0].visibleRows().get(0);
        assertEquals("2020-04-17 Morning", row.name());
        assertEquals("Fri 17 Apr 2020, 10:03", row.dateRange());
        assertEquals(1, lookup("#sessions-table .table-cell").queryAllAs(javafx.scene.control.TableCell.class).stream()
                .filter(cell -> "Fri 17 Apr 2020, 10:03".equals(cell.getText())).count(), "the cell shows it");
    }
}
