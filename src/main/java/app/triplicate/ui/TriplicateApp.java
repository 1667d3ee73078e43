package app.triplicate.ui;

import app.triplicate.files.LocalFileAccess;
import app.triplicate.settings.Home;
import app.triplicate.settings.Settings;
import app.triplicate.ui.common.AppContext;
import app.triplicate.ui.common.Background;
import app.triplicate.ui.common.Theme;
import app.triplicate.wiring.Logging;
import app.triplicate.wiring.Services;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.stage.Stage;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;

/**
 * The desktop application: opens the catalog at the home folder ({@code TRIPLICATE_HOME} or the
 * platform default) before the window appears, then shows the main window.
 */
public final class TriplicateApp extends Application {
    private Services services;
    private Background background;
    private Settings settings;
    private RuntimeException failure;
    private MainWindow window;

    @Override
    public void init() {
        // runs on the launcher thread, not the JavaFX thread: the catalog opens here
        try {
            String env = System.getenv(Home.ENV);
            Home home = Home.resolve(env == null || env.isBlank() ? null : Path.of(env));
            Logging.init(home);
            services = Services.open(home, new LocalFileAccess());
            settings = services.settings.load();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    @Override
    public void start(Stage stage) {
        if (failure != null) {
            LoggerFactory.getLogger(TriplicateApp.class).error("cannot start", failure);
            Theme.apply("light");
            Alert alert = new Alert(Alert.AlertType.ERROR, failure.getMessage());
            alert.setHeaderText("Triplicate cannot start");
            alert.showAndWait();
            Platform.exit();
            return;
        }
        Theme.apply(settings.withDefaults().theme());
        background = new Background(e -> MainWindow.showFailure(stage, e));
        AppContext context = new AppContext(services, background, settings, Clock.systemDefaultZone());
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
        if (services != null) {
            services.close();
        }
    }
}
