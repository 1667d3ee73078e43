package app.triplicate.ui.dashboard;

import app.triplicate.drives.DriveService;
import app.triplicate.ui.common.AppContext;
import app.triplicate.ui.common.Formats;
import app.triplicate.ui.common.Jobs;
import app.triplicate.ui.common.Poller;
import javafx.beans.InvalidationListener;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;

import java.util.List;

/**
 * The line at the bottom of the window: drives connected of registered, sessions, files and bytes,
 * sessions below policy, and the background work running now.
 */
public final class StatusBarView {
    private final AppContext context;
    private final ObservableList<SessionRow> rows;
    private final HBox root = new HBox(12);
    private final Label drives = new Label();
    private final Label library = new Label();
    private final Label attention = new Label();
    private final Label work = new Label();
    private final Label offsite = new Label();
    private final Label backup = new Label();
    /** Copies an import proved while the studio catalog's server was away, not yet recorded: run it again. */
    private final Label unrecorded = new Label();
    /** Which catalog the window is on: "This computer", or "Studio catalog on HOST" (catalog connect). */
    private final Label catalog = new Label();
    private final Poller drivePoller;
    private boolean checkingDrives;

    public StatusBarView(AppContext context, ObservableList<SessionRow> rows) {
        this.context = context;
        this.rows = rows;
        root.getStyleClass().add("status-bar");
        drives.setId("status-drives");
        library.setId("status-library");
        attention.setId("status-attention");
        work.setId("status-work");
        offsite.setId("status-offsite");
        offsite.setMinWidth(0);
        offsite.setMaxWidth(520);
        offsite.visibleProperty().bind(context.offsite().lastFailedProperty()
                .and(context.offsite().activeProperty().not()));
        offsite.managedProperty().bind(offsite.visibleProperty());
        offsite.textProperty().bind(context.offsite().lastOutcomeProperty());
        offsite.getStyleClass().add("status-warn");
        offsite.setGraphic(app.triplicate.ui.common.Icons.of(org.kordamp.ikonli.material2.Material2OutlinedMZ.SYNC_PROBLEM));
        javafx.scene.control.Tooltip offsiteTip = new javafx.scene.control.Tooltip();
        offsiteTip.textProperty().bind(context.offsite().lastOutcomeProperty());
        offsiteTip.setWrapText(true);
        offsiteTip.setMaxWidth(480);
        offsite.setTooltip(offsiteTip);
        // a drive that missed its catalog backup: named until the next round reaches every drive
        backup.setId("status-backup");
        backup.setMinWidth(0);
        backup.setMaxWidth(520);
        backup.textProperty().bind(context.backupWarningProperty());
        backup.visibleProperty().bind(context.backupWarningProperty().isNotEmpty());
        backup.managedProperty().bind(backup.visibleProperty());
        backup.getStyleClass().add("status-warn");
        javafx.scene.control.Tooltip backupTip = new javafx.scene.control.Tooltip();
        backupTip.textProperty().bind(context.backupWarningProperty());
        backupTip.setWrapText(true);
        backupTip.setMaxWidth(480);
        backup.setTooltip(backupTip);
        unrecorded.setId("status-unrecorded");
        unrecorded.setMinWidth(0);
        unrecorded.setMaxWidth(520);
        unrecorded.visibleProperty().bind(unrecorded.textProperty().isNotEmpty());
        unrecorded.managedProperty().bind(unrecorded.visibleProperty());
        unrecorded.getStyleClass().add("status-warn");
        javafx.scene.control.Tooltip unrecordedTip = new javafx.scene.control.Tooltip();
        unrecordedTip.textProperty().bind(unrecorded.textProperty());
        unrecordedTip.setWrapText(true);
        unrecordedTip.setMaxWidth(480);
        unrecorded.setTooltip(unrecordedTip);
        catalog.setId("status-catalog");
        catalog.setText(where(context.services().catalogServer()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        root.getChildren().addAll(catalog, new Separator(javafx.geometry.Orientation.VERTICAL), drives,
                new Separator(javafx.geometry.Orientation.VERTICAL), library,
                new Separator(javafx.geometry.Orientation.VERTICAL), attention, spacer, unrecorded, backup, offsite, work);
        rows.addListener((ListChangeListener<SessionRow>) c -> summarise());
        context.jobs().running().addListener((ListChangeListener<Jobs.Job>) c -> {
            c.getList().forEach(j -> j.messageProperty().removeListener(jobText));
            c.getList().forEach(j -> j.messageProperty().addListener(jobText));
            showJobs();
        });
        context.catalogVersionProperty().addListener((o, a, b) -> checkDrives());
        summarise();
        showJobs();
        checkDrives();
        // drives come and go without telling anyone: look again now and then, off the JavaFX thread
        drivePoller = Poller.every(Duration.seconds(10), () -> {
            if (root.getScene() != null && root.getScene().getWindow() != null
                    && !root.getScene().getWindow().isShowing()) {
                dispose(); // its window is gone: stop looking
                return;
            }
            checkDrives();
        });
    }

    /** The status bar's words for where the catalog is. */
    static String where(java.util.Optional<app.triplicate.catalog.ServerCatalog> server) {
        return server.map(s -> "Studio catalog on " + s.host()).orElse("This computer");
    }

    private final InvalidationListener jobText = o -> showJobs();

    public Node node() {
        return root;
    }

    private void summarise() {
        long files = 0;
        long bytes = 0;
        long below = 0;
        for (SessionRow r : rows) {
            files += r.files();
            bytes += r.bytes();
            if (r.needsAttention()) {
                below++;
            }
        }
        library.setText(Formats.count(rows.size(), "session") + " · " + Formats.count(files, "file") + " · "
                + Formats.bytes(bytes));
        attention.setText(below == 0 ? "All sessions meet your policy"
                : Formats.count(below, "session") + " below policy");
        attention.getStyleClass().removeAll("status-ok", "status-warn");
        attention.getStyleClass().add(below == 0 ? "status-ok" : "status-warn");
    }

    private void showJobs() {
        List<String> texts = context.jobs().running().stream().map(j -> j.messageProperty().get()).toList();
        work.setText(texts.isEmpty() ? "Idle" : String.join(" · ", texts));
    }

    private void checkDrives() {
        if (checkingDrives) {
            return;
        }
        checkingDrives = true;
        context.background().run(() -> {
            // what a lost studio server left to record: read with the drives, so it goes once the import ran again
            List<String> reminders = context.services().unrecordedReminders();
            javafx.application.Platform.runLater(() -> unrecorded.setText(String.join(" ", reminders)));
            return context.services().drives.list();
        }, list -> {
            checkingDrives = false;
            long registered = list.size();
            long connected = list.stream().filter(DriveService.DriveState::connected).count();
            drives.setText(connected + " of " + registered + (registered == 1 ? " drive" : " drives") + " connected");
        }, e -> {
            checkingDrives = false;
            drives.setText("Drives: " + e.getMessage());
        });
    }

    public void dispose() {
        drivePoller.stop();
    }
}
