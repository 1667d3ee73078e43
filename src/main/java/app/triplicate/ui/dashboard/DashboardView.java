package app.triplicate.ui.dashboard;

import app.triplicate.core.CopyPolicy;
import app.triplicate.ui.common.AppContext;
import app.triplicate.ui.common.Columns;
import app.triplicate.ui.common.Formats;
import app.triplicate.ui.common.Icons;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.kordamp.ikonli.material2.Material2OutlinedAL;
import org.kordamp.ikonli.material2.Material2OutlinedMZ;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The main view: every session, newest first, with its copies against the target as a coloured badge,
 * its offsite state and when it was last verified. Sortable, filterable ("needs attention") and
 * searchable; the table is virtualised, so 10,000 sessions scroll as smoothly as ten.
 */
public final class DashboardView {
    private final AppContext context;
    private final BorderPane root = new BorderPane();
    private final ObservableList<SessionRow> rows = FXCollections.observableArrayList();
    private final ObservableList<SessionRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final FilteredList<SessionRow> filtered = new FilteredList<>(rows);
    private final TableView<SessionRow> table = new TableView<>();
    private final TextField search = new TextField();
    private final ToggleButton needsAttention = new ToggleButton("Needs attention");
    private final Label empty = new Label();
    private long loadedVersion = -1;
    private boolean loading;

    public DashboardView(AppContext context) {
        this.context = context;
        root.getStyleClass().add("dashboard");
        root.setTop(toolbar());
        root.setCenter(buildTable());
        context.catalogVersionProperty().addListener((o, a, b) -> reload());
        context.settingsProperty().addListener((o, a, b) -> reload());
        context.offsite().sessionPercentsProperty().addListener((o, a, now) -> {
            if (now.isEmpty()) {
                reload(); // the upload ended: the catalog's own figures replace the live ones when read
            } else {
                showUploads(now);
            }
        });
    }

    /** Puts the running upload's live figures on the rows of the sessions it sends (and takes them off the rest). */
    private void showUploads(java.util.Map<String, Integer> percents) {
        for (int i = 0; i < rows.size(); i++) {
            SessionRow row = rows.get(i);
            SessionRow shown = row.uploading(percents.get(row.id()));
            if (shown != row) {
                rows.set(i, shown);
            }
        }
    }

    public Node node() {
        if (loadedVersion != context.catalogVersionProperty().get()) {
            reload();
        }
        return root;
    }

    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    /** Every session's row, filtered or not (the status bar sums them). */
    public ObservableList<SessionRow> allRows() {
        return rowsView;
    }

    /** The rows shown now, in table order (tests and screenshots). */
    public List<SessionRow> visibleRows() {
        return List.copyOf(table.getItems());
    }

    public TableView<SessionRow> table() {
        return table;
    }

    /** Shows these rows as if just read from the catalog (layout tests with synthetic sessions). */
    public void showRows(List<SessionRow> loaded) {
        loadedVersion = context.catalogVersionProperty().get();
        rows.setAll(loaded);
    }

    /** Reads the sessions again, off the JavaFX thread. */
    public void reload() {
        if (loading) {
            return;
        }
        loading = true;
        long version = context.catalogVersionProperty().get();
        CopyPolicy policy = context.settings().policy();
        context.background().run(() -> {
            Instant now = context.clock().instant();
            return context.services().status.sessions(policy).stream().map(s -> SessionRow.of(s, policy, now)).toList();
        }, loaded -> {
            loading = false;
            loadedVersion = version;
            java.util.Map<String, Integer> uploads = context.offsite().sessionPercentsProperty().get();
            rows.setAll(uploads.isEmpty() ? loaded : loaded.stream().map(r -> r.uploading(uploads.get(r.id()))).toList());
            if (!loaded.isEmpty()) {
                app.triplicate.ui.common.FirstPaint.rowsShown(table);
            }
            if (version != context.catalogVersionProperty().get()) {
                reload();
            }
        }, e -> {
            loading = false;
            empty.setText("The catalog could not be read: " + e.getMessage());
        });
    }

    private ToolBar toolbar() {
        Button importButton = new Button("Import...", Icons.of(Material2OutlinedAL.ADD_PHOTO_ALTERNATE));
        importButton.setId("import-button");
        importButton.getStyleClass().add("import-button");
        importButton.setTooltip(new Tooltip("Import a card or folder (Ctrl+I). You can also drop it on the window."));
        importButton.setOnAction(e -> context.navigator().chooseAndImport());

        Button verifyButton = new Button("Verify all", Icons.of(Material2OutlinedMZ.VERIFIED_USER));
        verifyButton.setId("verify-all-button");
        verifyButton.setTooltip(new Tooltip("Re-read every copy on every connected drive (Ctrl+Shift+V)."));
        verifyButton.setOnAction(e -> context.navigator().verifyAll());

        needsAttention.setId("needs-attention");
        needsAttention.setGraphic(Icons.of(Material2OutlinedAL.ERROR_OUTLINE));
        needsAttention.setTooltip(new Tooltip("Only sessions below your copy policy."));

        search.setId("session-search");
        search.setPromptText("Search names and cameras (Ctrl+F)");
        search.setPrefColumnCount(24);

        needsAttention.selectedProperty().addListener((o, a, b) -> refilter());
        search.textProperty().addListener((o, a, b) -> refilter());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        return new ToolBar(importButton, verifyButton, spacer, needsAttention, search);
    }

    private void refilter() {
        String q = search.getText();
        boolean attention = needsAttention.isSelected();
        filtered.setPredicate(r -> (!attention || r.needsAttention()) && r.matches(q));
    }

    private TableView<SessionRow> buildTable() {
        table.setId("sessions-table");
        table.getStyleClass().add("sessions-table");
        TableColumn<SessionRow, String> name = textColumn("Session", SessionRow::name, 200);
        name.setId("col-name");
        TableColumn<SessionRow, LocalDateTime> date = new TableColumn<>("Date");
        date.setId("col-date");
        date.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().first()));
        date.setComparator(Comparator.nullsFirst(Comparator.naturalOrder()));
        date.setCellFactory(c -> new Columns.WrapCell<>() {
            @Override
            protected void updateItem(LocalDateTime item, boolean isEmpty) {
                super.updateItem(item, isEmpty);
                SessionRow row = isEmpty || getTableRow() == null ? null : getTableRow().getItem();
                setText(row == null ? null : row.dateRange());
            }
        });
        date.setPrefWidth(240);
        date.setSortType(TableColumn.SortType.DESCENDING);
        TableColumn<SessionRow, String> cameras = textColumn("Cameras", SessionRow::cameras, 230);
        TableColumn<SessionRow, Long> files = numberColumn("Files", SessionRow::files,
                n -> String.format(java.util.Locale.ENGLISH, "%,d", n), 70);
        TableColumn<SessionRow, Long> size = numberColumn("Size", SessionRow::bytes, Formats::bytes, 95);
        cameras.setId("col-cameras");
        files.setId("col-files");
        size.setId("col-size");
        TableColumn<SessionRow, Integer> copies = new TableColumn<>("Copies");
        copies.setId("col-copies");
        copies.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().copies()));
        copies.setCellFactory(c -> new BadgeCell());
        copies.setPrefWidth(85);
        TableColumn<SessionRow, String> offsite = textColumn("Offsite", SessionRow::offsite, 140);
        offsite.setId("col-offsite");
        offsite.setCellFactory(c -> new OffsiteCell());
        TableColumn<SessionRow, Instant> verified = new TableColumn<>("Last verified");
        verified.setId("col-verified");
        verified.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().lastVerified()));
        verified.setComparator(Comparator.nullsFirst(Comparator.naturalOrder()));
        verified.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Instant item, boolean isEmpty) {
                super.updateItem(item, isEmpty);
                SessionRow row = isEmpty || getTableRow() == null ? null : getTableRow().getItem();
                setText(row == null ? null : row.lastVerifiedText());
            }
        });
        verified.setPrefWidth(125);

        // numbers, badges and states keep the width of their widest text; names, dates and cameras wrap
        Columns.fit(files, r -> String.format(java.util.Locale.ENGLISH, "%,d", r.files()), 0);
        Columns.fit(size, r -> Formats.bytes(r.bytes()), 0);
        copies.setMinWidth(copies.getPrefWidth());
        copies.setMaxWidth(copies.getPrefWidth());
        Columns.fit(offsite, SessionRow::offsite, 24);
        Columns.fit(verified, SessionRow::lastVerifiedText, 0);
        name.setMinWidth(120);
        date.setMinWidth(150);
        cameras.setMinWidth(150); // "Hewlett-Packard" on one line
        table.getColumns().setAll(List.of(name, date, cameras, files, size, copies, offsite, verified));
        SortedList<SessionRow> sorted = new SortedList<>(filtered);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.getSortOrder().add(date);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.setRowFactory(t -> {
            TableRow<SessionRow> row = new TableRow<>() {
                @Override
                protected void updateItem(SessionRow item, boolean isEmpty) {
                    super.updateItem(item, isEmpty);
                    pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("attention"),
                            item != null && item.needsAttention());
                }
            };
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    context.navigator().showSession(row.getItem().id());
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER && table.getSelectionModel().getSelectedItem() != null) {
                context.navigator().showSession(table.getSelectionModel().getSelectedItem().id());
            }
        });
        empty.setText("No sessions yet. Drop a card or folder on the window, or choose Import...");
        empty.getStyleClass().add("placeholder-text");
        empty.setWrapText(true);
        empty.setPadding(new Insets(24));
        empty.setAlignment(Pos.CENTER);
        table.setPlaceholder(empty);
        return table;
    }

    private static TableColumn<SessionRow, String> textColumn(String title, Function<SessionRow, String> value,
                                                              double width) {
        TableColumn<SessionRow, String> col = new TableColumn<>(title);
        col.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        col.setCellFactory(c -> new Columns.WrapCell<>() {
            @Override
            protected void updateItem(String item, boolean isEmpty) {
                super.updateItem(item, isEmpty);
                setText(isEmpty ? null : item);
                setTooltip(isEmpty || item == null || item.isEmpty() ? null : new Tooltip(item));
            }
        });
        col.setPrefWidth(width);
        return col;
    }

    private static <T extends Comparable<T>> TableColumn<SessionRow, T> numberColumn(
            String title, Function<SessionRow, T> value, Function<T, String> text, double width) {
        TableColumn<SessionRow, T> col = new TableColumn<>(title);
        col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        col.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean isEmpty) {
                super.updateItem(item, isEmpty);
                setText(isEmpty || item == null ? null : text.apply(item));
                setAlignment(Pos.CENTER_RIGHT);
            }
        });
        col.setPrefWidth(width);
        return col;
    }

    /** "2/3" on a coloured pill, with the copies spelled out in its tooltip. */
    static final class BadgeCell extends TableCell<SessionRow, Integer> {
        private final Label badge = new Label();

        BadgeCell() {
            badge.getStyleClass().add("badge");
            setAlignment(Pos.CENTER);
        }

        @Override
        protected void updateItem(Integer item, boolean isEmpty) {
            super.updateItem(item, isEmpty);
            SessionRow row = isEmpty || getTableRow() == null ? null : getTableRow().getItem();
            if (row == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            badge.setText(row.badge());
            badge.getStyleClass().removeAll("badge-ok", "badge-warn", "badge-bad");
            badge.getStyleClass().add(row.level().styleClass());
            Tooltip tip = new Tooltip(row.badgeTooltip());
            tip.setShowDelay(Duration.millis(200));
            tip.setWrapText(true);
            tip.setMaxWidth(360);
            badge.setTooltip(tip);
            setGraphic(badge);
        }
    }

    /** none / offsite drive / uploading n% / offsite verified, with an icon and its meaning in a tooltip. */
    static final class OffsiteCell extends TableCell<SessionRow, String> {
        @Override
        protected void updateItem(String item, boolean isEmpty) {
            super.updateItem(item, isEmpty);
            SessionRow row = isEmpty || getTableRow() == null ? null : getTableRow().getItem();
            getStyleClass().removeAll("offsite-none", "offsite-ok", "offsite-uploading");
            if (isEmpty || item == null) {
                setText(null);
                setGraphic(null);
                setTooltip(null);
                return;
            }
            setText(item);
            String style;
            org.kordamp.ikonli.Ikon icon;
            if ("none".equals(item)) {
                icon = Material2OutlinedAL.CLOUD_OFF;
                style = "offsite-none";
            } else if (item.startsWith("uploading")) {
                icon = Material2OutlinedAL.CLOUD_UPLOAD;
                style = "offsite-uploading";
            } else if ("offsite drive".equals(item)) {
                icon = Material2OutlinedMZ.STORAGE;
                style = "offsite-ok";
            } else {
                icon = Material2OutlinedAL.CLOUD_DONE;
                style = "offsite-ok";
            }
            setGraphic(Icons.of(icon));
            getStyleClass().add(style);
            if (row != null && row.offsiteTooltip() != null) {
                Tooltip tip = new Tooltip(row.offsiteTooltip());
                tip.setShowDelay(Duration.millis(200));
                tip.setWrapText(true);
                tip.setMaxWidth(360);
                setTooltip(tip);
            } else {
                setTooltip(null);
            }
        }
    }
}
