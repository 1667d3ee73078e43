package app.triplicate.ui;

import app.triplicate.settings.Settings;
import app.triplicate.ui.common.AppContext;
import app.triplicate.ui.common.Background;
import app.triplicate.ui.common.Theme;
import app.triplicate.wiring.Services;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.Scene;
import app.triplicate.settings.Home;
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
    private record Start(Services services, Settings settings, String refusal, Home home,
                         CatalogRecovery recovery, boolean offerAccept) {
        Start(Services services, Settings settings, String refusal, Home home, CatalogRecovery recovery) {
            this(services, settings, refusal, home, recovery, false);
        }
    }

    private static final AtomicReference<Start> HANDED_OVER = new AtomicReference<>();

    private Start prepared;
    private Background background;
    private MainWindow window;

    /** Shows the main window over {@code services} until it closes; they are closed then. */
    static void show(Services services, Settings settings) {
        Application.launch(on(services, settings).getClass());
    }

    /**
     * The application over {@code services}, as {@link #show} launches it: what it is handed is taken by the next
     * instance's {@link #init} (the one {@code Application.launch} makes, or this one when a test starts it).
     */
    static TriplicateApp on(Services services, Settings settings) {
        HANDED_OVER.set(new Start(services, settings, null, null, null));
        return new TriplicateApp();
    }

    /** Shows only {@code message}, the reason the window cannot open, until the user dismisses it. */
    static void refuse(String message) {
        HANDED_OVER.set(new Start(null, null, message, null, null));
        Application.launch(TriplicateApp.class);
    }

    /**
     * Says why the catalog cannot be used ({@code problem}) and offers to restore the newest backup from a drive
     * or to rebuild the catalog from the drives; after either the main window opens on the recovered catalog.
     */
    static void recover(Home home, String problem, boolean offerAccept, CatalogRecovery recovery) {
        HANDED_OVER.set(new Start(null, null, problem, home, recovery, offerAccept));
        Application.launch(TriplicateApp.class);
    }

    @Override
    public void init() {
        prepared = HANDED_OVER.getAndSet(null);
    }

    @Override
    public void start(Stage stage) {
        if (prepared.recovery() != null) {
            Theme.apply("light");
            offerRecovery(stage);
            return;
        }
        if (prepared.refusal() != null) {
            Theme.apply("light");
            Alert alert = new Alert(Alert.AlertType.ERROR, prepared.refusal());
            alert.setHeaderText("Triplicate cannot start");
            alert.showAndWait();
            Platform.exit();
            return;
        }
        showMain(stage);
    }

    private void showMain(Stage stage) {
        Theme.apply(prepared.settings().withDefaults().theme());
        if (background == null) {
            background = new Background(e -> MainWindow.showFailure(stage, e));
        }
        AppContext context = new AppContext(prepared.services(), background, prepared.settings(),
                Clock.systemDefaultZone());
        window = new MainWindow(context, stage, Platform::exit);
        window.show();
        // what the command line does meanwhile (cron's verify, an ingest) reaches the session list and status bar
        prepared.services().watchCatalog(java.time.Duration.ofSeconds(2),
                () -> Platform.runLater(context::catalogChanged));
    }

    /**
     * The recovery window: restore or rebuild the catalog in the background, then the main window opens in the
     * same stage on the recovered catalog; quitting ends the application.
     */
    private void offerRecovery(Stage stage) {
        background = new Background(e -> MainWindow.showFailure(stage, e));
        CatalogRecoveryView view = new CatalogRecoveryView(prepared.recovery(), prepared.refusal(),
                prepared.offerAccept(), background,
                services -> {
                    prepared = new Start(services, services.settings.load(), null, prepared.home(), null);
                    showMain(stage);
                }, Platform::exit);
        Scene scene = new Scene(view.node(), 760, 520);
        Theme.style(scene);
        stage.setTitle("Triplicate");
        stage.setScene(scene);
        stage.show();
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
