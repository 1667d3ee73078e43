package app.triplicate.ui.drives;

import app.triplicate.core.DriveRole;
import app.triplicate.core.UsageException;
import app.triplicate.drives.DriveService;
import app.triplicate.drives.SameDeviceException;
import app.triplicate.ui.common.AppContext;
import app.triplicate.ui.common.FolderChoices;
import app.triplicate.ui.common.Icons;
import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.event.ActionEvent;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.material2.Material2OutlinedAL;
import org.kordamp.ikonli.material2.Material2OutlinedMZ;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The form that registers a drive: its folder (chosen or typed), a label, a role and the offsite flag.
 * Used inside the Drives view's dialog and inline on the first-run page. A folder on the same disk as a
 * registered drive is refused first; the form then says why and offers to register it anyway.
 */
final class AddDriveForm {
    private final AppContext context;
    private final VBox root = new VBox(10);
    private final TextField path = new TextField();
    private final TextField label = new TextField();
    private final ComboBox<DriveRole> role = new ComboBox<>();
    private final CheckBox offsite = new CheckBox("Kept offsite (in another building)");
    private final VBox problem = new VBox(8);
    private final Label problemText = new Label();
    private final Button anyway = new Button("Register anyway", Icons.of(Material2OutlinedMZ.WARNING));
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private Consumer<DriveService.Registration> onAdded = r -> { };
    private Runnable onResize = () -> { };

    AddDriveForm(AppContext context) {
        this.context = context;
        path.setId("add-drive-path");
        path.setPromptText("/media/you/Backup A");
        path.setPrefColumnCount(30);
        path.setTooltip(new Tooltip("The folder to copy to: the top of a drive, or a folder on it. "
                + "Triplicate keeps its library in a Triplicate folder inside it."));
        Button browse = new Button("Choose...", Icons.of(Material2OutlinedAL.FOLDER_OPEN));
        browse.setId("add-drive-browse");
        browse.setOnAction(e -> choose(browse.getScene() == null ? null : browse.getScene().getWindow()));
        browse.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        // Enter in the path field names the drive after its folder when no label is given, then goes on to the
        // default button (Add drive): a handler, not onAction, so the key still reaches that button
        path.addEventHandler(ActionEvent.ACTION, e -> proposeLabel());
        HBox.setHgrow(path, Priority.ALWAYS);
        HBox folderRow = new HBox(6, path, browse);

        label.setId("add-drive-label");
        label.setPromptText("Backup A");
        label.setTooltip(new Tooltip("The name you know the drive by; it is written on the drive too."));

        role.setId("add-drive-role");
        role.getItems().setAll(DriveRole.values());
        role.setValue(DriveRole.BACKUP);
        role.setCellFactory(l -> new RoleCell());
        role.setButtonCell(new RoleCell());
        role.setTooltip(new Tooltip("Working and backup drives receive every import; an archive drive is filled "
                + "on purpose and may sit in a drawer."));

        offsite.setId("add-drive-offsite");
        offsite.setTooltip(new Tooltip("An offsite drive survives a fire or a theft at home: "
                + "your copy policy asks for at least one offsite copy."));

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        ColumnConstraints names = new ColumnConstraints();
        names.setHalignment(HPos.RIGHT);
        names.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setFillWidth(true);
        grid.getColumnConstraints().setAll(names, fields);
        grid.addRow(0, new Label("Folder"), folderRow);
        grid.addRow(1, new Label("Label"), label);
        grid.addRow(2, new Label("Role"), role);
        grid.add(offsite, 1, 3);

        problem.setId("add-drive-problem");
        problem.getStyleClass().add("drive-form-problem");
        problem.setPadding(new Insets(10));
        problemText.setId("add-drive-problem-text");
        problemText.setWrapText(true);
        problemText.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        anyway.setId("add-drive-anyway");
        anyway.getStyleClass().add(Styles.WARNING);
        anyway.setTooltip(new Tooltip("Register this folder as a separate copy although it shares a disk with "
                + "another drive."));
        anyway.setOnAction(e -> register(true));
        anyway.disableProperty().bind(busy);
        problem.getChildren().setAll(problemText, anyway);
        hideProblem();

        // a new folder or label makes the last refusal moot
        path.textProperty().addListener((o, a, b) -> hideProblem());
        label.textProperty().addListener((o, a, b) -> hideProblem());

        root.getChildren().setAll(grid, problem);
        grid.disableProperty().bind(busy);
    }

    Node node() {
        return root;
    }

    /** True once a folder and a label are given and no registration is running. */
    BooleanBinding ready() {
        return Bindings.createBooleanBinding(() -> !path.getText().isBlank() && !label.getText().isBlank() && !busy.get(),
                path.textProperty(), label.textProperty(), busy);
    }

    /** Called when the form grows or shrinks (a dialog around it resizes its window). */
    void setOnResize(Runnable onResize) {
        this.onResize = onResize;
    }

    BooleanProperty busyProperty() {
        return busy;
    }

    void focus() {
        path.requestFocus();
    }

    /** Registers the drive off the JavaFX thread; {@code added} runs on success and the form is cleared. */
    void submit(Consumer<DriveService.Registration> added) {
        this.onAdded = added;
        register(false);
    }

    private void register(boolean sameDevice) {
        if (busy.get() || path.getText().isBlank() || label.getText().isBlank()) {
            return;
        }
        busy.set(true);
        String folder = path.getText().strip();
        String name = label.getText().strip();
        DriveRole r = role.getValue();
        boolean off = offsite.isSelected();
        context.background().run(() -> context.services().drives.add(folderPath(folder), name, r, off, sameDevice),
                registration -> {
                    busy.set(false);
                    context.folders().remember(FolderChoices.Purpose.DRIVE, folderPath(folder));
                    clear();
                    context.catalogChanged();
                    onAdded.accept(registration);
                }, e -> {
                    busy.set(false);
                    showProblem(e);
                });
    }

    /** A typed folder: "~" is the home folder; an impossible path is a usage problem, said in words. */
    static Path folderPath(String text) {
        String t = text.strip();
        if (t.equals("~") || t.startsWith("~/")) {
            t = System.getProperty("user.home") + t.substring(1);
        }
        Path p;
        try {
            p = Path.of(t);
        } catch (java.nio.file.InvalidPathException e) {
            throw new UsageException("\"" + text + "\" is not a folder path: " + e.getReason() + ".");
        }
        if (!p.isAbsolute()) {
            throw new UsageException("\"" + text + "\" is not a full path: choose the folder, or type its whole path "
                    + "(like /media/you/Backup A).");
        }
        return p;
    }

    private void showProblem(Throwable e) {
        problem.getStyleClass().removeAll("drive-form-error", "drive-form-warning");
        if (e instanceof SameDeviceException same) {
            problemText.setText("Not registered yet: " + same.folder() + " is on the same disk as drive \""
                    + same.otherDrive() + "\". Two folders on one disk are not two copies: if that disk fails, "
                    + "both are lost. Choose a folder on another drive, or register it anyway if you mean it "
                    + "to count as a separate copy.");
            problem.getStyleClass().add("drive-form-warning");
            anyway.setVisible(true);
            anyway.setManaged(true);
        } else {
            // a refusal that says itself what is wrong and what to do is shown as it is
            problemText.setText(e instanceof UsageException || e instanceof app.triplicate.drives.LostCatalogException
                    ? e.getMessage()
                    : "The drive could not be registered: " + e.getMessage());
            problem.getStyleClass().add("drive-form-error");
            anyway.setVisible(false);
            anyway.setManaged(false);
        }
        problem.setVisible(true);
        problem.setManaged(true);
        onResize.run();
    }

    private void hideProblem() {
        boolean was = problem.isVisible();
        problem.setVisible(false);
        problem.setManaged(false);
        anyway.setVisible(false);
        anyway.setManaged(false);
        problemText.setText("");
        if (was) {
            onResize.run();
        }
    }

    private void clear() {
        path.clear();
        label.clear();
        offsite.setSelected(false);
        role.setValue(DriveRole.BACKUP);
        hideProblem();
    }

    private void choose(Window owner) {
        context.folders().choose(owner, FolderChoices.Purpose.DRIVE, "Choose the folder to copy to").ifPresent(dir -> {
            path.setText(dir.toString());
            proposeLabel();
        });
    }

    /** A blank label takes the folder's own name ("Backup A" for /media/you/Backup A). */
    private void proposeLabel() {
        if (!label.getText().isBlank()) {
            return;
        }
        try {
            Path name = Path.of(path.getText().strip()).getFileName();
            if (name != null && !name.toString().isBlank()) {
                label.setText(name.toString());
            }
        } catch (java.nio.file.InvalidPathException e) {
            // the registration says what is wrong with the path
        }
    }

    /** "Backup — A backup; every import is copied to it." in the list, the word alone on the button. */
    private static final class RoleCell extends ListCell<DriveRole> {
        @Override
        protected void updateItem(DriveRole item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : DriveRow.roleWord(item));
            setTextOverrun(OverrunStyle.ELLIPSIS);
            setTooltip(empty || item == null ? null : new Tooltip(DriveRow.roleExplanation(item)));
        }
    }
}
