package app.triplicate.ui.drives;

import app.triplicate.core.UsageException;
import app.triplicate.drives.DriveService;
import app.triplicate.ui.common.AppContext;
import app.triplicate.ui.common.Columns;
import app.triplicate.ui.common.Icons;
import app.triplicate.ui.common.Poller;
import app.triplicate.ui.common.Theme;
import atlantafx.base.theme.Styles;
import javafx.beans.InvalidationListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.Duration;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.material2.Material2OutlinedAL;
import org.kordamp.ikonli.material2.Material2OutlinedMZ;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * The registered drives: connected or not, where, free space, role, offsite, last seen and last verified,
 * and a warning for a drive not seen or not verified for too long. Add, rename, flag offsite and retire.
 * While the view is showing it looks for connected drives again every ten seconds, off the JavaFX thread.
 */
public final class DrivesView {
    static final Duration REFRESH = Duration.seconds(10);
    private static final PseudoClass RETIRED = PseudoClass.getPseudoClass("retired");
    private static final PseudoClass DISCONNECTED = PseudoClass.getPseudoClass("disconnected");

    private final AppContext context;
    private final BorderPane root = new BorderPane();
    private final ObservableList<DriveRow> rows = FXCollections.observableArrayList();
    private final TableView<DriveRow> table = new TableView<>(rows);
    private final Label summary = new Label();
    private final Label placeholder = new Label();
    private final Button rename = new Button("Rename...", Icons.of(Material2OutlinedAL.EDIT));
    private final Button offsite = new Button("Mark offsite", Icons.of(Material2OutlinedAL.CLOUD_QUEUE));
    private final Button retire = new Button("Retire...", Icons.of(Material2OutlinedAL.ARCHIVE));
    private final InvalidationListener catalogListener = o -> reload();
    private final ObservableValue<Boolean> showing;
    private Poller poller;
    private Instant now = Instant.now();
    private boolean loading;
    private boolean loadAgain;

    public DrivesView(AppContext context) {
        this.context = context;
        root.getStyleClass().add("drives-view");
        root.setTop(toolbar());
        root.setCenter(buildTable());
        summary.setId("drives-summary");
        summary.getStyleClass().add("muted");
        Label hint = new Label("Triplicate recognises a drive by the marker it wrote in its .triplicate folder, "
                + "wherever the drive is plugged in.");
        hint.getStyleClass().addAll("muted", Styles.TEXT_SMALL);
        hint.setWrapText(true);
        VBox footer = new VBox(2, summary, hint);
        footer.setPadding(new Insets(8, 12, 10, 12));
        root.setBottom(footer);

        // look for drives only while the view is on screen; MainWindow builds a new view each time
        showing = root.sceneProperty().flatMap(Scene::windowProperty).flatMap(Window::showingProperty).orElse(false);
        showing.addListener((o, was, is) -> {
            if (is) {
                attach();
            } else {
                detach();
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> updateActions());
        updateActions();
    }

    public Node node() {
        return root;
    }

    /** The drives shown now, in table order (tests). */
    public List<DriveRow> visibleRows() {
        return List.copyOf(table.getItems());
    }

    private void attach() {
        context.catalogVersionProperty().addListener(catalogListener);
        reload();
        if (poller == null) {
            poller = Poller.every(REFRESH, this::reload);
        }
    }

    private void detach() {
        context.catalogVersionProperty().removeListener(catalogListener);
        if (poller != null) {
            poller.stop();
            poller = null;
        }
    }

    /** Reads the drives again, off the JavaFX thread (connected state, free space, staleness). */
    public void reload() {
        if (loading) {
            loadAgain = true;
            return;
        }
        loading = true;
        context.background().run(() -> {
            DriveService drives = context.services().drives;
            // a drive not found whose marker is there but damaged is said as such, with how to mend it
            return drives.list().stream().map(s -> DriveRow.of(s, drives.lastVerified(s.location()),
                    s.connected() || s.retired() ? drives.staleness(s) : drives.damagedMarker(s.location())
                            .map(folder -> "Marker damaged: " + DriveService.damagedMarkerAdvice(s.location(), folder))
                            .or(() -> drives.staleness(s)))).toList();
        }, loaded -> {
            loading = false;
            now = context.clock().instant();
            UUID selected = selectedId();
            rows.setAll(loaded);
            reselect(selected);
            summarise();
            if (loadAgain) {
                loadAgain = false;
                reload();
            }
        }, e -> {
            loading = false;
            placeholder.setText("The drives could not be read: " + e.getMessage());
            summary.setText("The drives could not be read: " + e.getMessage());
        });
    }

    private UUID selectedId() {
        DriveRow r = table.getSelectionModel().getSelectedItem();
        return r == null ? null : r.id();
    }

    private void reselect(UUID id) {
        if (id == null) {
            return;
        }
        for (int i = 0; i < table.getItems().size(); i++) {
            if (table.getItems().get(i).id().equals(id)) {
                table.getSelectionModel().select(i);
                return;
            }
        }
    }

    private void summarise() {
        long active = rows.stream().filter(r -> !r.retired()).count();
        long connected = rows.stream().filter(DriveRow::connected).count();
        long off = rows.stream().filter(r -> !r.retired() && r.offsite()).count();
        long retired = rows.size() - active;
        long stale = rows.stream().filter(r -> r.warning() != null).count();
        StringBuilder b = new StringBuilder();
        b.append(connected).append(" of ").append(active).append(active == 1 ? " drive" : " drives").append(" connected");
        b.append(" · ").append(off).append(" offsite");
        if (retired > 0) {
            b.append(" · ").append(retired).append(" retired");
        }
        if (stale > 0) {
            b.append(" · ").append(stale).append(stale == 1 ? " drive needs" : " drives need").append(" looking at");
        }
        summary.setText(b.toString());
    }

    private ToolBar toolbar() {
        Button add = new Button("Add drive...", Icons.of(Material2OutlinedAL.ADD));
        add.setId("drive-add");
        add.getStyleClass().add(Styles.ACCENT);
        add.setTooltip(new Tooltip("Register a folder on a drive as a place Triplicate copies to."));
        add.setOnAction(e -> addDialog());

        rename.setId("drive-rename");
        rename.setTooltip(new Tooltip("Give the selected drive another label (on the drive too, when connected)."));
        rename.setOnAction(e -> selected().ifPresent(this::renameDialog));

        offsite.setId("drive-offsite");
        offsite.setOnAction(e -> selected().ifPresent(this::toggleOffsite));

        retire.setId("drive-retire");
        retire.setTooltip(new Tooltip("Take the selected drive out of service: its copies stop counting. "
                + "Nothing on it is deleted."));
        retire.setOnAction(e -> selected().ifPresent(this::retireDialog));

        Button refresh = new Button(null, Icons.of(Material2OutlinedMZ.REFRESH));
        refresh.setId("drive-refresh");
        refresh.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        refresh.setTooltip(new Tooltip("Look for connected drives now (the view also looks every 10 seconds)."));
        refresh.setOnAction(e -> reload());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        return new ToolBar(add, rename, offsite, retire, spacer, refresh);
    }

    private java.util.Optional<DriveRow> selected() {
        return java.util.Optional.ofNullable(table.getSelectionModel().getSelectedItem());
    }

    private void updateActions() {
        DriveRow r = table.getSelectionModel().getSelectedItem();
        boolean none = r == null || r.retired();
        rename.setDisable(none);
        offsite.setDisable(none);
        retire.setDisable(none);
        boolean isOffsite = r != null && r.offsite();
        offsite.setText(isOffsite ? "Mark on site" : "Mark offsite");
        offsite.setGraphic(Icons.of(isOffsite ? Material2OutlinedAL.HOME : Material2OutlinedAL.CLOUD_QUEUE));
        offsite.setTooltip(new Tooltip(isOffsite
                ? "The selected drive is back in the building: its copies stop counting as offsite."
                : "The selected drive is kept in another building: its copies count as offsite."));
    }

    private TableView<DriveRow> buildTable() {
        table.setId("drives-table");
        table.getStyleClass().add("drives-table");
        TableColumn<DriveRow, DriveRow> label = column("Drive", "col-drive-label", 150, r -> r.label(), r -> {
            String tip = r.label() + " · " + DriveRow.roleExplanation(r.role());
            return r.sameDevice() ? tip + " Shares a disk with another drive: counted as a separate copy by your choice."
                    : tip;
        }, null);
        TableColumn<DriveRow, DriveRow> state = column("State", "col-drive-state", 145, DriveRow::stateText,
                DriveRow::stateTooltip, r -> r.retired() ? Material2OutlinedAL.ARCHIVE
                        : r.connected() ? Material2OutlinedAL.CHECK_CIRCLE : Material2OutlinedAL.LINK_OFF);
        TableColumn<DriveRow, DriveRow> path = column("Path", "col-drive-path", 210, DriveRow::path,
                DriveRow::path, null);
        TableColumn<DriveRow, DriveRow> free = column("Free space", "col-drive-free", 112, DriveRow::freeText,
                r -> r.freeBytes() == null ? "Shown while the drive is connected." : r.freeText() + " free", null);
        TableColumn<DriveRow, DriveRow> role = column("Role", "col-drive-role", 85, DriveRow::roleText,
                r -> DriveRow.roleExplanation(r.role()), null);
        TableColumn<DriveRow, DriveRow> off = column("Offsite", "col-drive-offsite", 95, DriveRow::offsiteText,
                r -> r.offsite() ? "Kept in another building: its copies count as offsite."
                        : "Kept here: its copies do not count as offsite.",
                r -> r.offsite() ? Material2OutlinedAL.CLOUD_DONE : Material2OutlinedAL.HOME);
        TableColumn<DriveRow, DriveRow> seen = column("Last seen", "col-drive-seen", 100, r -> r.lastSeenText(now),
                r -> r.lastSeen() == null ? null : "Last connected " + r.lastSeen(), null);
        TableColumn<DriveRow, DriveRow> verified = column("Last verified", "col-drive-verified", 115,
                r -> r.lastVerifiedText(now), r -> r.lastVerified() == null
                        ? "Its copies have not been verified yet: run Verify all while it is connected."
                        : "Every copy on it was last read back and checked " + r.lastVerifiedText(now) + ".", null);
        TableColumn<DriveRow, DriveRow> warning = column("Attention", "col-drive-warning", 200, DriveRow::warningText,
                DriveRow::warningTooltip, r -> r.warning() == null ? null : Material2OutlinedMZ.WARNING);

        path.setSortable(false);
        table.getColumns().setAll(List.of(label, state, path, free, role, off, seen, verified, warning));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setRowFactory(t -> {
            TableRow<DriveRow> row = new TableRow<>() {
                @Override
                protected void updateItem(DriveRow item, boolean empty) {
                    super.updateItem(item, empty);
                    pseudoClassStateChanged(RETIRED, item != null && item.retired());
                    pseudoClassStateChanged(DISCONNECTED, item != null && !item.retired() && !item.connected());
                }
            };
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && row.getItem() != null && !row.getItem().retired()) {
                    renameDialog(row.getItem());
                }
            });
            return row;
        });
        placeholder.setText("No drives registered yet. Choose Add drive... to register the folders Triplicate "
                + "copies to.");
        placeholder.getStyleClass().add("placeholder-text");
        placeholder.setWrapText(true);
        placeholder.setPadding(new Insets(24));
        placeholder.setAlignment(Pos.CENTER);
        table.setPlaceholder(placeholder);
        return table;
    }

    /** A column whose cells show one text of the row (the label and the path wrapped), an optional icon, a tooltip. */
    private static TableColumn<DriveRow, DriveRow> column(String title, String id, double width,
                                                          Function<DriveRow, String> text,
                                                          Function<DriveRow, String> tooltip,
                                                          Function<DriveRow, Ikon> icon) {
        TableColumn<DriveRow, DriveRow> col = new TableColumn<>(title);
        col.setId(id);
        col.setPrefWidth(width);
        // short columns keep the width of their widest text; the label and the path wrap, the warning gives way
        boolean wraps = id.equals("col-drive-label") || id.equals("col-drive-path");
        if (wraps || id.equals("col-drive-warning")) {
            col.setMinWidth(wraps ? 120 : 80);
        } else {
            Columns.fit(col, text, icon == null ? 0 : 24);
        }
        col.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(c.getValue()));
        col.setComparator(java.util.Comparator.comparing(r -> text.apply(r) == null ? "" : text.apply(r),
                String.CASE_INSENSITIVE_ORDER));
        col.setCellFactory(c -> wraps ? new Columns.WrapCell<>() {
            @Override
            protected void updateItem(DriveRow item, boolean empty) {
                super.updateItem(item, empty);
                show(this, empty ? null : item, id, text, tooltip, null);
            }
        } : new TableCell<>() {
            @Override
            protected void updateItem(DriveRow item, boolean empty) {
                super.updateItem(item, empty);
                show(this, empty ? null : item, id, text, tooltip, icon);
            }
        });
        return col;
    }

    /** A drive's text in a cell, with its icon (none in a wrapping cell, whose text is its graphic) and tooltip. */
    private static void show(TableCell<DriveRow, DriveRow> cell, DriveRow item, String id,
                             Function<DriveRow, String> text, Function<DriveRow, String> tooltip,
                             Function<DriveRow, Ikon> icon) {
        cell.getStyleClass().removeAll("drive-connected", "drive-disconnected", "drive-retired", "drive-warning");
        if (item == null) {
            cell.setText(null);
            cell.setTooltip(null);
            if (icon != null) {
                cell.setGraphic(null);
            }
            return;
        }
        cell.setText(text.apply(item));
        cell.setTextOverrun(OverrunStyle.ELLIPSIS);
        if (icon != null) {
            Ikon ikon = icon.apply(item);
            cell.setGraphic(ikon == null ? null : Icons.of(ikon));
        }
        String tip = tooltip.apply(item);
        if (tip == null || tip.isBlank()) {
            cell.setTooltip(null);
        } else {
            Tooltip t = new Tooltip(tip);
            t.setWrapText(true);
            t.setMaxWidth(380);
            t.setShowDelay(Duration.millis(300));
            cell.setTooltip(t);
        }
        if ("col-drive-state".equals(id)) {
            cell.getStyleClass().add(item.retired() ? "drive-retired"
                    : item.connected() ? "drive-connected" : "drive-disconnected");
        } else if ("col-drive-warning".equals(id) && item.warning() != null) {
            cell.getStyleClass().add("drive-warning");
        }
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    private void styleDialog(Dialog<?> dialog) {
        Window owner = window();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        Theme.style(dialog.getDialogPane().getScene());
        dialog.getDialogPane().getStyleClass().add("drives-dialog");
    }

    private void addDialog() {
        AddDriveForm form = new AddDriveForm(context);
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle("Add drive");
        dialog.setHeaderText("Register a folder Triplicate copies to");
        ButtonType addType = new ButtonType("Add drive", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(addType, ButtonType.CANCEL);
        Label note = new Label("Best on its own disk; nothing already in the folder is changed.");
        note.getStyleClass().add("muted");
        note.setWrapText(true);
        VBox content = new VBox(12, note, form.node());
        content.setPrefWidth(520);
        dialog.getDialogPane().setContent(content);
        styleDialog(dialog);
        Button ok = (Button) dialog.getDialogPane().lookupButton(addType);
        ok.setId("add-drive-confirm");
        ok.disableProperty().bind(form.ready().not());
        Button cancel = (Button) dialog.getDialogPane().lookupButton(ButtonType.CANCEL);
        cancel.setId("add-drive-cancel");
        cancel.disableProperty().bind(form.busyProperty());
        // the dialog stays open while the drive is registered, so a refusal can be answered in place
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            form.submit(registration -> {
                dialog.setResult(addType);
                dialog.close();
                reload();
            });
        });
        form.setOnResize(() -> {
            if (dialog.isShowing()) {
                dialog.getDialogPane().getScene().getWindow().sizeToScene();
            }
        });
        dialog.setOnShown(e -> form.focus());
        dialog.show();
    }

    private void renameDialog(DriveRow row) {
        TextInputDialog dialog = new TextInputDialog(row.label());
        dialog.setTitle("Rename drive");
        dialog.setHeaderText("Rename drive \"" + row.label() + "\"");
        dialog.setContentText("New label:");
        dialog.getEditor().setId("rename-field");
        dialog.getEditor().setPrefColumnCount(24);
        styleDialog(dialog);
        Button ok = (Button) dialog.getDialogPane().lookupButton(ButtonType.OK);
        ok.setText("Rename");
        ok.setId("rename-confirm");
        ok.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> dialog.getEditor().getText().isBlank() || dialog.getEditor().getText().strip().equals(row.label()),
                dialog.getEditor().textProperty()));
        dialog.resultProperty().addListener((o, a, newLabel) -> {
            if (newLabel != null && !newLabel.isBlank()) {
                String label = newLabel.strip();
                change("Could not rename \"" + row.label() + "\"",
                        () -> context.services().drives.rename(row.id().toString(), label));
            }
        });
        dialog.show();
    }

    private void toggleOffsite(DriveRow row) {
        boolean to = !row.offsite();
        change("Could not change \"" + row.label() + "\"",
                () -> context.services().drives.setOffsite(row.id().toString(), to));
    }

    private void retireDialog(DriveRow row) {
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "", ButtonType.CANCEL, ButtonType.OK);
        ask.setTitle("Retire drive");
        ask.setHeaderText("Retire drive \"" + row.label() + "\"?");
        Label text = new Label("Its copies will no longer count towards your copy policy, so sessions may show "
                + "fewer copies until you repair them onto another drive.\n\nNothing on the drive is deleted: "
                + "its files stay where they are, and you can still copy them off it yourself.");
        text.setId("retire-explanation");
        text.setWrapText(true);
        text.setPrefWidth(440);
        text.setMinHeight(Region.USE_PREF_SIZE);
        ask.getDialogPane().setContent(text);
        styleDialog(ask);
        Button ok = (Button) ask.getDialogPane().lookupButton(ButtonType.OK);
        ok.setText("Retire");
        ok.setId("retire-confirm");
        ok.getStyleClass().add(Styles.DANGER);
        ask.getDialogPane().lookupButton(ButtonType.CANCEL).setId("retire-cancel");
        ((Button) ask.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        ok.setDefaultButton(false);
        ask.resultProperty().addListener((o, a, b) -> {
            if (b == ButtonType.OK) {
                change("Could not retire \"" + row.label() + "\"",
                        () -> context.services().drives.retire(row.id().toString()));
            }
        });
        ask.show();
    }

    /** One service call off the JavaFX thread; then every view hears that the catalog changed. */
    private void change(String failureHeader, Callable<?> call) {
        context.background().run(call, done -> {
            context.catalogChanged();
            reload();
        }, e -> {
            Alert a = new Alert(Alert.AlertType.ERROR, e instanceof UsageException ? e.getMessage()
                    : e + "\n\nThe details are in the log file in Triplicate's home folder.");
            a.setHeaderText(failureHeader);
            styleDialog(a);
            a.show();
        });
    }
}
