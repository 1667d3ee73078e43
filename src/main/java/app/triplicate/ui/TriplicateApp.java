package app.triplicate.ui;

import app.triplicate.settings.Settings;
import app.triplicate.ui.common.AppContext;
import app.triplicate.ui.common.Background;
import app.triplicate.ui.common.Theme;
import app.triplicate.wiring.Services;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.layout.Region;
import app.triplicate.files.LocalFileAccess;
import app.triplicate.settings.Home;
import java.util.Optional;
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
                         CatalogRecovery recovery) {
    }

    private static final AtomicReference<Start> HANDED_OVER = new AtomicReference<>();

    private Start prepared;
    private Background background;
    private MainWindow window;

    /** Shows the main window over {@code services} until it closes; they are closed then. */
    static void show(Services services, Settings settings) {
        HANDED_OVER.set(new Start(services, settings, null, null, null));
        Application.launch(TriplicateApp.class);
    }

    /** Shows only {@code message}, the reason the window cannot open, until the user dismisses it. */
    static void refuse(String message) {
        HANDED_OVER.set(new Start(null, null, message, null, null));
        Application.launch(TriplicateApp.class);
    }

    /**
     * Says why the catalog cannot be used ({@code problem}) and offers to restore the newest backup from a drive;
     * after a restore the main window opens on the restored catalog.
     */
    static void recover(Home home, String problem, CatalogRecovery recovery) {
        HANDED_OVER.set(new Start(null, null, problem, home, recovery));
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
            Optional<Start> restored = offerRestore(prepared);
            if (restored.isEmpty()) {
                Platform.exit();
                return;
            }
            prepared = restored.get();
        }
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
        // what the command line does meanwhile (cron's verify, an ingest) reaches the session list and status bar
        prepared.services().watchCatalog(java.time.Duration.ofSeconds(2),
                () -> Platform.runLater(context::catalogChanged));
    }

    /** The restore dialog; the services opened on the restored catalog, or empty when the user quits or it fails. */
    private static Optional<Start> offerRestore(Start start) {
        ButtonType restore = new ButtonType(CatalogRecovery.RESTORE, ButtonBar.ButtonData.OK_DONE);
        ButtonType quit = new ButtonType(CatalogRecovery.QUIT, ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert ask = new Alert(Alert.AlertType.WARNING, CatalogRecovery.question(start.refusal()), restore, quit);
        ask.setHeaderText(CatalogRecovery.HEADER);
        ask.getDialogPane().setMinHeight(Region.USE_PREF_SIZE);
        if (ask.showAndWait().orElse(quit) != restore) {
            return Optional.empty();
        }
        CatalogRecovery.Outcome outcome = start.recovery().restore();
        if (!outcome.restored()) {
            Alert failed = new Alert(Alert.AlertType.ERROR, outcome.message());
            failed.setHeaderText("The catalog was not restored");
            failed.showAndWait();
            return Optional.empty();
        }
        try {
            Services services = Services.open(start.home(), new LocalFileAccess(), Desktop.mountRoots(),
                    Clock.systemDefaultZone());
            Alert done = new Alert(Alert.AlertType.INFORMATION, outcome.message());
            done.setHeaderText("Catalog restored");
            done.showAndWait();
            return Optional.of(new Start(services, services.settings.load(), null, start.home(), null));
        } catch (RuntimeException e) {
            Alert failed = new Alert(Alert.AlertType.ERROR, outcome.message() + "\n\nBut it cannot be opened: "
                    + e.getMessage());
            failed.setHeaderText("Triplicate cannot start");
            failed.showAndWait();
            return Optional.empty();
        }
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
