package app.triplicate.ui;

import app.triplicate.settings.Settings;
import app.triplicate.ui.common.AppContext;
import app.triplicate.ui.common.Background;
import app.triplicate.ui.common.Theme;
import app.triplicate.wiring.Services;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.stage.Stage;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The desktop application: shows the main window over the services {@link Desktop} opened on the home folder
 * before the toolkit started, or only the reason it cannot start.
 */
public final class TriplicateApp extends Application {
    /**
     * What {@link Desktop} prepared: JavaFX makes this class's instance itself, so the opened services and their
     * settings (or the reason the window cannot open) are handed over here, once per launch.
     */
    private record Start(Services services, Settings settings, String refusal) {
    }

    private static final AtomicReference<Start> HANDED_OVER = new AtomicReference<>();

    private Start prepared;
    private Background background;
    private MainWindow window;

    /** Shows the main window over {@code services} until it closes; they are closed then. */
    static void show(Services services, Settings settings) {
        HANDED_OVER.set(new Start(services, settings, null));
        Application.launch(TriplicateApp.class);
    }

    /** Shows only {@code message}, the reason the window cannot open, until the user dismisses it. */
    static void refuse(String message) {
        HANDED_OVER.set(new Start(null, null, message));
        Application.launch(TriplicateApp.class);
    }

    @Override
    public void init() {
        prepared = HANDED_OVER.getAndSet(null);
    }

    @Override
    public void start(Stage stage) {
        if (prepared.refusal() != null) {
            Theme.apply("light");
            Alert alert = new Alert(Alert.AlertType.ERROR, prepared.refusal());
            alert.setHeaderText("Triplicate cannot start");
            alert.showAndWait();
            Platform.exit();
            return;
        }
        Theme.apply(prepared.settings().withDefaults().theme());
        background = new Background(e -> MainWindow.showFailure(stage, e));
        AppContext context = new AppContext(prepared.services(), background, prepared.settings(),
                Clock.systemDefaultZone());
        window = new MainWindow(context, stage, Platform::exit);
        window.show();
    }

    @Override
    public void stop() {
        if (window != null) {
            window.dispose();
        }
        if (background != null) {
            background.close();
        }
        if (prepared != null && prepared.services() != null) {
            prepared.services().close();
        }
    }
}
