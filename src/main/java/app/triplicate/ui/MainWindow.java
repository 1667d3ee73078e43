package app.triplicate.ui;

import app.triplicate.core.CannotRunException;
import app.triplicate.core.UsageException;
import app.triplicate.ui.common.AppContext;
import app.triplicate.ui.common.FolderChoices;
import app.triplicate.ui.common.Icons;
import app.triplicate.ui.common.Navigator;
import app.triplicate.ui.common.Theme;
import app.triplicate.ui.dashboard.DashboardView;
import app.triplicate.ui.dashboard.SessionDetailView;
import app.triplicate.ui.dashboard.StatusBarView;
import app.triplicate.ui.drives.DrivesView;
import app.triplicate.ui.drives.FirstRunSetup;
import app.triplicate.ui.importer.ImportFlow;
import app.triplicate.ui.settings.SettingsView;
import app.triplicate.ui.verify.VerifyFlow;
import app.triplicate.wiring.Version;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.image.Image;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.kordamp.ikonli.material2.Material2OutlinedAL;
import org.kordamp.ikonli.material2.Material2OutlinedMZ;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The main window: menu, navigation (sessions, drives, settings), the current view, the status bar, and
 * drag-and-drop of a card or folder anywhere on it.
 */
public final class MainWindow implements Navigator {
    private final AppContext context;
    private final Stage stage;
    private final BorderPane root = new BorderPane();
    private final StackPane content = new StackPane();
    private final ToggleGroup nav = new ToggleGroup();
    private final ToggleButton sessionsButton;
    private final ToggleButton drivesButton;
    private final ToggleButton settingsButton;
    private final VBox sidebar;
    private final DashboardView dashboard;
    private final StatusBarView statusBar;
    private final ImportFlow importFlow;
    private final VerifyFlow verifyFlow;
    private final app.triplicate.ui.verify.MassChangeBanner massChangeBanner;

    private final Runnable exit;
    private FolderOpener folderOpener = MainWindow::openWithDesktop;

    /** Shows a folder in the desktop's file manager. */
    @FunctionalInterface
    public interface FolderOpener {
        void open(Path folder) throws Exception;
    }

    /** A main window that only closes its stage when closed (tests). */
    public MainWindow(AppContext context, Stage stage) {
        this(context, stage, () -> {
        });
    }

    /** @param exit what closing the window does after the stage is closed (the application exits) */
    public MainWindow(AppContext context, Stage stage, Runnable exit) {
        this.context = context;
        this.stage = stage;
        this.exit = exit;
        context.setNavigator(this);
        Theme.apply(context.settings().theme());
        this.dashboard = new DashboardView(context);
        this.statusBar = new StatusBarView(context, dashboard.allRows());
        this.importFlow = new ImportFlow(context);
        this.verifyFlow = new VerifyFlow(context);
        this.massChangeBanner = new app.triplicate.ui.verify.MassChangeBanner(context);

        sessionsButton = navButton("Sessions", Icons.of(Material2OutlinedAL.COLLECTIONS, 18), this::showDashboard);
        drivesButton = navButton("Drives", Icons.of(Material2OutlinedMZ.STORAGE, 18), this::showDrives);
        settingsButton = navButton("Settings", Icons.of(Material2OutlinedMZ.SETTINGS, 18), this::showSettings);
        sidebar = new VBox(4, sessionsButton, drivesButton, settingsButton);
        sidebar.getStyleClass().add("sidebar");
        sidebar.setPadding(new Insets(8));

        root.setTop(new VBox(menuBar(), massChangeBanner.node()));
        root.setLeft(sidebar);
        root.setCenter(content);
        root.setBottom(statusBar.node());
        root.getStyleClass().add("main-window");
        installDragAndDrop(root);

        Scene scene = new Scene(root, 1200, 760);
        Theme.style(scene);
        stage.setScene(scene);
        stage.setTitle("Triplicate");
        stage.getIcons().setAll(appIcons());
        stage.setMinWidth(760);
        stage.setMinHeight(480);
        stage.setOnCloseRequest(e -> {
            e.consume();
            requestClose();
        });
        context.settingsProperty().addListener((o, was, now) -> {
            if (was == null || !was.withDefaults().theme().equals(now.withDefaults().theme())) {
                Theme.apply(now.withDefaults().theme());
            }
        });
    }

    /**
     * Shows the window: the dashboard, or the first-run setup when no drive is registered yet; and uploads to
     * the remote, when one is set, what is not offsite yet.
     */
    public void show() {
        stage.show();
        context.offsite().request();
        massChangeBanner.reload();
        context.background().run(() -> context.services().drives.list().isEmpty(), empty -> {
            if (empty) {
                showFirstRun();
            } else {
                showDashboard();
            }
        });
    }

    public Parent root() {
        return root;
    }

    public DashboardView dashboard() {
        return dashboard;
    }

    private void showFirstRun() {
        sidebar.setDisable(true);
        setContent(new FirstRunSetup(context, () -> {
            sidebar.setDisable(false);
            context.catalogChanged();
            showDashboard();
        }).node());
    }

    private ToggleButton navButton(String text, Node icon, Runnable action) {
        ToggleButton b = new ToggleButton(text, icon);
        b.setToggleGroup(nav);
        b.setMaxWidth(Double.MAX_VALUE);
        b.getStyleClass().add("nav-button");
        b.setId("nav-" + text.toLowerCase());
        b.setOnAction(e -> action.run());
        return b;
    }

    private MenuBar menuBar() {
        MenuItem importItem = item("Import...", "Shortcut+I", this::chooseAndImport);
        importItem.setId("menu-import");
        MenuItem quit = item("Quit", "Shortcut+Q", this::requestClose);
        Menu file = new Menu("File", null, importItem, quit);

        MenuItem verify = item("Verify all", "Shortcut+Shift+V", this::verifyAll);
        verify.setId("menu-verify");
        Menu library = new Menu("Library", null, verify);

        MenuItem search = item("Find session", "Shortcut+F", () -> {
            showDashboard();
            dashboard.focusSearch();
        });
        Menu view = new Menu("View", null,
                item("Sessions", "Shortcut+1", this::showDashboard),
                item("Drives", "Shortcut+2", this::showDrives),
                item("Settings", "Shortcut+COMMA", this::showSettings),
                search);

        MenuItem about = new MenuItem("About Triplicate");
        about.setId("menu-about");
        about.setOnAction(e -> {
            Alert a = new Alert(Alert.AlertType.INFORMATION, "Copies every card to several drives at once, proves "
                    + "every copy, and shows how many good copies of each session exist.");
            a.initOwner(stage);
            a.setHeaderText("Triplicate " + Version.current());
            a.setTitle("About Triplicate");
            a.show();
        });
        MenuItem logs = new MenuItem("Open Log Folder");
        logs.setId("menu-open-logs");
        logs.setOnAction(e -> openLogFolder());
        Menu help = new Menu("Help", null, logs, about);
        MenuBar bar = new MenuBar(file, library, view, help);
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    /** Replaces how a folder is shown in the file manager (tests record the request instead). */
    public void setFolderOpener(FolderOpener opener) {
        this.folderOpener = opener;
    }

    /**
     * Help → Open Log Folder: makes sure the home's log folder exists and shows it in the file manager, on a
     * thread of its own (the opener starts a process and may wait for it; the background executor stays free
     * for the catalog). If that fails, the folder's path is shown instead.
     */
    void openLogFolder() {
        Path dir = context.services().home.logDir();
        Thread opener = new Thread(() -> {
            try {
                Files.createDirectories(dir);
                folderOpener.open(dir);
            } catch (Exception e) {
                Platform.runLater(() -> info("Could not open the log folder",
                        "Triplicate's log is in " + dir + "\n\n" + e.getMessage()));
            }
        }, "open-log-folder");
        opener.setDaemon(true);
        opener.start();
    }

    /** The file manager of the platform: Explorer, the Finder, or whatever xdg-open picks on Linux. */
    private static void openWithDesktop(Path folder) throws java.io.IOException, InterruptedException {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        List<String> command = os.contains("win") ? List.of("explorer.exe", folder.toString())
                : os.contains("mac") ? List.of("open", folder.toString())
                : List.of("xdg-open", folder.toUri().toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        // xdg-open returns once the file manager was asked; Explorer's exit code means nothing, so only wait briefly
        if (p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() != 0 && !os.contains("win")) {
            throw new java.io.IOException(command.get(0) + " could not open it (exit code " + p.exitValue() + ")");
        }
    }

    /** The window's icon in the sizes the platforms pick from (title bar, task switcher, dock). */
    static List<Image> appIcons() {
        return java.util.stream.IntStream.of(16, 32, 48, 64, 128, 256)
                .mapToObj(size -> new Image(Objects.requireNonNull(
                        MainWindow.class.getResource("/app/triplicate/icons/triplicate-" + size + ".png"),
                        "icon " + size).toExternalForm()))
                .toList();
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem i = new MenuItem(text);
        i.setAccelerator(KeyCombination.keyCombination(accelerator));
        i.setOnAction(e -> action.run());
        return i;
    }

    private void installDragAndDrop(Region target) {
        target.addEventFilter(DragEvent.DRAG_OVER, e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
        });
        target.addEventFilter(DragEvent.DRAG_DROPPED, e -> {
            List<File> files = e.getDragboard().hasFiles() ? e.getDragboard().getFiles() : List.of();
            e.setDropCompleted(!files.isEmpty());
            e.consume();
            if (!files.isEmpty()) {
                Optional<Path> card = dropTarget(files);
                if (card.isPresent()) {
                    importFrom(card.get());
                } else {
                    info("Drop one card or folder at a time",
                            "Triplicate imports a whole card or folder. Drop the folder itself, not several items.");
                }
            }
        });
    }

    /** One dropped folder is the card; one dropped file stands for the folder it is in. */
    static Optional<Path> dropTarget(List<File> files) {
        if (files.size() != 1) {
            return Optional.empty();
        }
        Path p = files.get(0).toPath();
        return Optional.of(Files.isDirectory(p) || p.getParent() == null ? p : p.getParent());
    }

    private void setContent(Node node) {
        content.getChildren().setAll(node);
    }

    @Override
    public void showDashboard() {
        sessionsButton.setSelected(true);
        setContent(dashboard.node());
    }

    @Override
    public void showSession(String sessionId) {
        sessionsButton.setSelected(true);
        setContent(new SessionDetailView(context, sessionId).node());
    }

    @Override
    public void showDrives() {
        drivesButton.setSelected(true);
        setContent(new DrivesView(context).node());
    }

    @Override
    public void showSettings() {
        settingsButton.setSelected(true);
        setContent(new SettingsView(context).node());
    }

    @Override
    public void importFrom(Path card) {
        importFlow.open(card);
    }

    @Override
    public void chooseAndImport() {
        context.folders().choose(stage, FolderChoices.Purpose.IMPORT, "Import a card or folder")
                .ifPresent(this::importFrom);
    }

    @Override
    public void verifyAll() {
        verifyFlow.start();
    }

    @Override
    public Window window() {
        return stage;
    }

    /** Closing during an import or a check asks first, then stops the work cleanly and closes. */
    public void requestClose() {
        if (!context.jobs().busy()) {
            stage.close();
            exit.run();
            return;
        }
        String names = String.join(", ", context.jobs().running().stream().map(j -> j.name()).toList());
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION,
                "Stopping now loses nothing: files already copied stay proven, an import carries on from "
                        + "where it stopped the next time you import the same card, and an offsite upload carries "
                        + "on the next time Triplicate opens.",
                ButtonType.CANCEL, ButtonType.OK);
        ask.initOwner(stage);
        ask.setTitle("Stop and close?");
        ask.setHeaderText(names + " still running. Stop and close Triplicate?");
        ((javafx.scene.control.Button) ask.getDialogPane().lookupButton(ButtonType.OK)).setText("Stop and close");
        // shown without blocking: the work goes on (and may finish) while the question is open
        ask.resultProperty().addListener((o, was, answer) -> {
            if (answer != ButtonType.OK) {
                return;
            }
            context.jobs().cancelAll();
            Runnable closeWhenIdle = () -> {
                if (!context.jobs().busy() && stage.isShowing()) {
                    stage.close();
                    exit.run();
                }
            };
            context.jobs().running().addListener(
                    (ListChangeListener<app.triplicate.ui.common.Jobs.Job>) c -> closeWhenIdle.run());
            closeWhenIdle.run();
        });
        ask.show();
    }

    public void dispose() {
        importFlow.dispose();
        statusBar.dispose();
    }

    private void info(String header, String text) {
        Alert a = new Alert(Alert.AlertType.INFORMATION, text);
        a.initOwner(stage);
        a.setHeaderText(header);
        a.show();
    }

    /** A failure no view handled: its message, in words (the details are in the log). */
    static void showFailure(Window owner, Throwable e) {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                ? e.getCause() : e;
        boolean expected = cause instanceof UsageException || cause instanceof CannotRunException;
        Alert a = new Alert(Alert.AlertType.ERROR, expected ? cause.getMessage()
                : cause + "\n\nThe details are in the log file in Triplicate's home folder.");
        if (owner != null && owner.isShowing()) {
            a.initOwner(owner);
        }
        a.setHeaderText(expected ? "That did not work" : "Something went wrong");
        a.show();
    }
}
