package app.triplicate.ui.drives;

import app.triplicate.drives.DriveService;
import app.triplicate.ui.common.AppContext;
import app.triplicate.ui.common.Pages;
import app.triplicate.ui.common.Icons;
import app.triplicate.ui.settings.PolicyEditor;
import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.material2.Material2OutlinedAL;
import org.kordamp.ikonli.material2.Material2OutlinedMZ;

import java.util.List;

/**
 * The page shown while no drive is registered: what Triplicate does, the drives to copy to, and the copy
 * policy. Start saves the policy and hands over to the dashboard; nothing else is needed to import.
 */
public final class FirstRunSetup {
    private final AppContext context;
    private final Runnable onDone;
    private final BorderPane root = new BorderPane();
    private final AddDriveForm form;
    private final PolicyEditor policy;
    private final ObservableList<DriveRow> added = FXCollections.observableArrayList();
    private final VBox addedList = new VBox(6);
    private final BooleanProperty starting = new SimpleBooleanProperty();

    public FirstRunSetup(AppContext context, Runnable onDone) {
        this.context = context;
        this.onDone = onDone;
        this.form = new AddDriveForm(context);
        this.policy = new PolicyEditor(context.settings().policy());

        Label title = new Label("Welcome to Triplicate");
        title.getStyleClass().add(Styles.TITLE_1);
        Label intro = new Label("Triplicate copies every memory card to several drives at once and reads each copy "
                + "back to prove it. It then shows, for every session, how many good copies exist, so you know "
                + "when a card is safe to format.");
        intro.setWrapText(true);
        intro.getStyleClass().add("first-run-intro");

        Node drives = drivesStep();
        Node copies = policyStep();
        HBox.setHgrow(drives, Priority.ALWAYS);
        VBox page = new VBox(22, new VBox(10, title, intro));
        page.getStyleClass().add("first-run-page");
        page.setPadding(new Insets(28, 32, 24, 32));
        page.setMaxWidth(1040);
        ScrollPane scroll = Pages.twoColumns(page, drives, copies, 880, 18, 18);
        root.setCenter(scroll);
        root.setBottom(startRow());
        root.getStyleClass().add("first-run");
        root.setId("first-run");

        added.addListener((javafx.collections.ListChangeListener<DriveRow>) c -> showAdded());
        showAdded();
        reload();
    }

    public Node node() {
        return root;
    }

    private Node drivesStep() {
        Label heading = new Label("1. Where should your pictures go?");
        heading.getStyleClass().add(Styles.TITLE_3);
        Label text = new Label("Add the folders to copy to, ideally each on its own disk, with one kept in another "
                + "building (offsite). You can add more later under Drives.");
        text.setWrapText(true);
        text.getStyleClass().add("muted");

        Button add = new Button("Add drive", Icons.of(Material2OutlinedAL.ADD));
        add.setId("first-run-add");
        add.getStyleClass().add(Styles.ACCENT);
        add.disableProperty().bind(form.ready().not());
        add.setDefaultButton(true);
        add.setOnAction(e -> form.submit(r -> reload()));
        HBox addRow = new HBox(add);
        addRow.setAlignment(Pos.CENTER_RIGHT);
        addRow.setPadding(new Insets(-4, 0, 0, 0));

        addedList.setId("first-run-drives");
        addedList.getStyleClass().add("first-run-drives");
        VBox box = new VBox(10, heading, text, form.node(), addRow, addedList);
        box.getStyleClass().add("first-run-step");
        box.setMinWidth(360);
        return box;
    }

    private Node policyStep() {
        Label heading = new Label("2. How many copies?");
        heading.setWrapText(true);
        heading.getStyleClass().add(Styles.TITLE_3);
        Label text = new Label("Every session is shown against this target. The usual rule: three copies, one "
                + "offsite, and two before a card is formatted. You can change it later in Settings.");
        text.setWrapText(true);
        text.getStyleClass().add("muted");
        VBox box = new VBox(10, heading, text, policy.node());
        box.getStyleClass().add("first-run-step");
        box.setMinWidth(300);
        box.setPrefWidth(360);
        return box;
    }

    private Node startRow() {
        Button start = new Button("Start", Icons.of(Material2OutlinedMZ.PLAY_ARROW));
        start.setId("first-run-done");
        start.getStyleClass().addAll(Styles.ACCENT, Styles.LARGE);
        start.disableProperty().bind(Bindings.isEmpty(added).or(policy.valid().not()).or(starting));
        start.setOnAction(e -> start());
        Label hint = new Label();
        hint.setId("first-run-hint");
        hint.getStyleClass().add("muted");
        hint.setWrapText(true);
        hint.textProperty().bind(Bindings.createStringBinding(() -> added.isEmpty()
                        ? "Add at least one drive to start."
                        : !policy.valid().get() ? "Fix the copy policy to start."
                        : "Then drop a card or folder on the window to import it.",
                added, policy.valid()));
        HBox.setHgrow(hint, Priority.ALWAYS);
        HBox row = new HBox(14, start, hint);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("first-run-footer");
        return row;
    }

    private void start() {
        starting.set(true);
        context.saveSettings(context.settings().withPolicy(policy.policy()), onDone);
    }

    /** Reads the registered drives again (off the JavaFX thread). */
    private void reload() {
        context.background().run(() -> {
            DriveService drives = context.services().drives;
            return drives.list().stream().filter(s -> !s.retired())
                    .map(s -> DriveRow.of(s, null, java.util.Optional.empty())).toList();
        }, (List<DriveRow> rows) -> added.setAll(rows));
    }

    private void showAdded() {
        if (added.isEmpty()) {
            Label none = new Label("No drive added yet.");
            none.getStyleClass().add("muted");
            addedList.getChildren().setAll(none);
            return;
        }
        addedList.getChildren().setAll(added.stream().map(FirstRunSetup::addedRow).toList());
    }

    private static Node addedRow(DriveRow r) {
        Label name = new Label(r.label(), Icons.of(Material2OutlinedMZ.STORAGE));
        name.getStyleClass().add("first-run-drive-label");
        name.setTextOverrun(OverrunStyle.ELLIPSIS);
        name.setMinWidth(80);
        String details = r.roleText() + (r.offsite() ? " · offsite" : "") + (r.sameDevice() ? " · shares a disk" : "")
                + " · " + r.path();
        Label more = new Label(details);
        more.getStyleClass().add("muted");
        more.setTextOverrun(OverrunStyle.LEADING_ELLIPSIS);
        more.setTooltip(new Tooltip(details));
        HBox.setHgrow(more, Priority.ALWAYS);
        more.setMaxWidth(Double.MAX_VALUE);
        HBox row = new HBox(10, name, more);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("first-run-drive");
        return row;
    }
}
