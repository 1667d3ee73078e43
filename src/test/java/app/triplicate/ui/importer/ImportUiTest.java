package app.triplicate.ui.importer;

import app.triplicate.settings.Home;
import app.triplicate.testing.Cards;
import app.triplicate.testing.SlowFileAccess;
import app.triplicate.testing.UiTest;
import app.triplicate.ui.MainWindow;
import app.triplicate.ui.common.AppContext;
import app.triplicate.ui.common.Background;
import app.triplicate.ui.common.Theme;
import app.triplicate.wiring.Services;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.testfx.api.FxToolkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the import flow's window tests share: the real main window on the fixture's catalog, lookups of what the
 * user sees, and checks of the copies on the drives.
 */
abstract class ImportUiTest extends UiTest {
    private static final String TEMP_SUFFIX = ".triplicate-tmp";

    protected MainWindow mainWindow;
    protected final List<Runnable> cleanups = new ArrayList<>();
    protected final List<Throwable> ownFailures = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeWindow() throws Exception {
        if (mainWindow != null) {
            fx(mainWindow::dispose);
        }
        FxToolkit.cleanupStages();
        for (Runnable r : cleanups.reversed()) {
            r.run();
        }
        assertEquals(List.of(), ownFailures, "unexpected failures shown to the user");
    }

    protected MainWindow showMainWindow(AppContext context) throws Exception {
        Stage s = stage;
        FxToolkit.setupFixture(() -> {
            Theme.apply(context.settings().theme());
            mainWindow = new MainWindow(context, s);
            mainWindow.show();
        });
        waitUntil("the dashboard is shown", 20, () -> lookup("#sessions-table").tryQuery().isPresent());
        return mainWindow;
    }

    protected String text(String query) {
        Node n = lookup(query).query();
        return n instanceof Label l ? l.getText() : ((TextField) n).getText();
    }

    protected boolean present(String query) {
        return lookup(query).tryQuery().isPresent();
    }

    protected void waitForPlan() {
        waitUntil("the proposed sessions are shown", 30, () -> present("#session-name-0"));
    }

    /** Every file of the card, by name, is on the drive's library under a final name, byte for byte. */
    protected static void assertSameBytes(Path card, Path drive) throws IOException {
        Map<String, Path> onDrive = finalFiles(drive).stream()
                .collect(Collectors.toMap(p -> p.getFileName().toString(), Function.identity()));
        for (String rel : Cards.filesUnder(card)) {
            Path original = card.resolve(rel);
            Path copy = onDrive.get(original.getFileName().toString());
            assertTrue(copy != null, original.getFileName() + " is missing on " + drive);
            assertEquals(-1L, Files.mismatch(original, copy), copy + " differs from " + original);
        }
    }

    protected static List<Path> finalFiles(Path drive) throws IOException {
        Path library = drive.resolve("Triplicate");
        return Cards.filesUnder(library).stream().map(library::resolve)
                .filter(p -> !p.getFileName().toString().endsWith(TEMP_SUFFIX)).toList();
    }

    /** The window's context on the fixture's home, with read-backs slowed down so a cancel lands mid-copy. */
    protected AppContext slowContext() {
        Services services = Services.open(Home.under(fixture.home()), new SlowFileAccess(120),
                List.of(fixture.root().resolve("media")), Clock.systemDefaultZone());
        Background background = new Background(ownFailures::add);
        cleanups.add(services::close);
        cleanups.add(background::close);
        return new AppContext(services, background, services.settings.load(), Clock.systemDefaultZone());
    }
}
