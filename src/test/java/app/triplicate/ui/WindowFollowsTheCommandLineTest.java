package app.triplicate.ui;

import app.triplicate.files.LocalFileAccess;
import app.triplicate.settings.Home;
import app.triplicate.testing.ChildJvm;
import app.triplicate.testing.UiTest;
import app.triplicate.ui.dashboard.SessionRow;
import app.triplicate.wiring.Services;
import javafx.application.Application;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16, "Done when", through the application itself ({@link TriplicateApp}, as {@code ./mvnw javafx:run}
 * starts it): the window stays open on this computer's catalog while the command line, in JVMs of its own, runs
 * status, an ingest and verify; each exits 0, and the open window lists what they did within seconds.
 */
class WindowFollowsTheCommandLineTest extends UiTest {

    private String run(String... args) throws Exception {
        Process p = ChildJvm.start(fixture.home(), args);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "still running: " + List.of(args));
        assertEquals(0, p.exitValue(), List.of(args) + ": " + err);
        return out;
    }

    @SuppressWarnings("unchecked")
    private List<SessionRow> rows() {
        return (List<SessionRow>) lookup("#sessions-table").queryAs(TableView.class).getItems();
    }

    @Test
    void theOpenWindowShowsWhatTheCommandLineDidInOtherProcesses() throws Exception {
        fixture.drive("A");
        fixture.drive("B");
        Path card = fixture.card("canon", "canon_eosrp__MG_0635.JPG", "canon_eosrp__MG_0636.JPG");
        Services services = Services.open(Home.under(fixture.home()), new LocalFileAccess(), List.of(),
                Clock.systemDefaultZone());
        Application app = FxToolkit.setupApplication(() -> TriplicateApp.on(services, services.settings.load()));
        try {
            waitUntil("the window is open on the empty catalog", 20,
                    () -> lookup("#sessions-table").tryQuery().isPresent() && rows().isEmpty());

            assertTrue(run("status", "--json").contains("\"schemaVersion\""), "status runs beside the window");
            run("ingest", card.toString(), "--name", "Headshots", "--progress", "none");
            waitUntil("the window lists the session the command line imported", 20,
                    () -> rows().size() == 1 && rows().get(0).copies() == 2);
            assertEquals("Headshots", rows().get(0).name());
            Instant ingested = rows().get(0).lastVerified();

            run("verify");
            waitUntil("the window shows the command line's verify", 20,
                    () -> rows().get(0).lastVerified() != null && rows().get(0).lastVerified().isAfter(ingested));
            assertEquals(2, rows().get(0).copies());
        } finally {
            FxToolkit.cleanupApplication(app); // stops it: the window's services close with it
        }
    }
}
