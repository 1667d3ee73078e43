package app.triplicate.ui.dashboard;

import app.triplicate.capture.PreviewExtractor;
import app.triplicate.catalog.SessionFilesService.CopyEntry;
import app.triplicate.catalog.SessionFilesService.SessionFiles;
import app.triplicate.core.CopyPolicy;
import app.triplicate.core.CopyState;
import app.triplicate.progress.Cancellation;
import app.triplicate.ui.common.AppContext;
import app.triplicate.ui.common.Columns;
import app.triplicate.ui.common.FolderChoices;
import app.triplicate.ui.common.Formats;
import app.triplicate.ui.common.Icons;
import app.triplicate.ui.common.Jobs;
import app.triplicate.verify.CullService;
import app.triplicate.verify.RestoreService;
import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.material2.Material2OutlinedAL;
import org.kordamp.ikonli.material2.Material2OutlinedMZ;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * One session opened from the dashboard: its files (name, capture time, camera, size, copies against the
 * policy; files below it stand out), and for the selected file each copy (drive, state, path, last verified)
 * and the JPEG preview embedded in it. Actions: restore the session to a folder, and accept files deleted
 * from the working drive as deleted (cull). Everything is read in the background: the catalog in one go, then
 * the connected drives; the table is virtualised, so thousands of files scroll freely.
 */
public final class SessionDetailView {
    static final double THUMBNAIL_SIZE = 240;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);

    private final AppContext context;
    private final String sessionId;
    private final BorderPane root = new BorderPane();
    private final ObservableList<SessionDetailRow> rows = FXCollections.observableArrayList();
    private final TableView<SessionDetailRow> filesTable = new TableView<>();
    private final TableView<CopyEntry> copiesTable = new TableView<>();
    private final Label name = new Label("Loading…");
    private final Label badge = new Label();
    private final Label dates = new Label();
    private final Label cameras = new Label();
    private final Label files = new Label();
    private final Label size = new Label();
    private final Label reasons = new Label();
    private final Label status = new Label();
    private final Button restoreButton = new Button("Restore to folder...", Icons.of(Material2OutlinedMZ.RESTORE));
    private final Button acceptButton = new Button("Accept as deleted", Icons.of(Material2OutlinedAL.DELETE_OUTLINE));
    private final VBox messages = new VBox(6);
    private final Label selectedName = new Label();
    private final Label selectedFacts = new Label();
    private final ImageView thumbnail = new ImageView();
    private final VBox thumbnailPlaceholder = new VBox(8);
    private final Label thumbnailCaption = new Label();
    private final Tooltip thumbnailTip = new Tooltip();
    private final ThumbnailCache thumbnails = new ThumbnailCache(64);
    private final PreviewExtractor extractor = new PreviewExtractor((int) THUMBNAIL_SIZE);
    private final Label tableEmpty = new Label("Reading the session…");
    private final SessionRename rename;
    /** Held here so the weak listeners on the context live as long as this view. */
    private final InvalidationListener onCatalogChange = o -> {
        if (root.getScene() != null) { // a view no longer shown is dropped, not kept up to date
            reload();
        }
    };

    private SessionFiles session;
    private Map<UUID, Path> libraries;
    private CopyPolicy policy;
    private boolean loading;
    private boolean reloadWanted;
    private boolean busy;
    /** The file whose preview is wanted now: a preview that arrives for another is only cached. */
    private volatile long wantedPreview = -1;

    public SessionDetailView(AppContext context, String sessionId) {
        this.context = context;
        this.sessionId = sessionId;
        root.getStyleClass().add("session-detail");
        root.setId("session-detail");
        rename = new SessionRename(context, sessionId, () -> session == null ? null : session.name(), this::setBusy,
                this::showMessage);
        VBox top = new VBox(header(), facts(), actions(), messages);
        top.getStyleClass().add("detail-header");
        root.setTop(top);
        SplitPane split = new SplitPane(buildFilesTable(), selectionPane());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.58);
        root.setCenter(split);
        root.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                context.navigator().showDashboard();
            }
        });
        context.catalogVersionProperty().addListener(new WeakInvalidationListener(onCatalogChange));
        context.settingsProperty().addListener(new WeakInvalidationListener(onCatalogChange));
        reload();
    }

    public Node node() {
        return root;
    }

    // ------------------------------------------------------------------ loading

    /** Reads the session again: the catalog first (shown at once), then the connected drives. */
    void reload() {
        if (loading) {
            reloadWanted = true;
            return;
        }
        loading = true;
        reloadWanted = false;
        CopyPolicy p = context.settings().policy();
        context.background().run(() -> SessionDetailData.load(context.services(), sessionId, p), loaded -> {
            if (loaded.isEmpty()) {
                loading = false;
                showGone();
                return;
            }
            policy = p;
            session = loaded.get().session();
            showSession(loaded.get().rows());
            status.setText("Checking the connected drives…");
            SessionFiles s = session;
            context.background().run(() -> SessionDetailData.check(context.services(), s, p), checked -> {
                libraries = checked.libraries();
                status.setText(libraries.isEmpty() ? "No drive is connected: previews and restore need one." : "");
                showSession(checked.rows());
                finishLoading();
            }, e -> {
                status.setText("The drives could not be checked: " + e.getMessage());
                finishLoading();
            });
        }, e -> {
            tableEmpty.setText("The catalog could not be read: " + e.getMessage());
            finishLoading();
        });
    }

    private void finishLoading() {
        loading = false;
        if (reloadWanted) {
            reload();
        }
    }

    /** Nothing is being read or written now (tests wait for this). */
    boolean idle() {
        return !loading && !busy;
    }

    private void showGone() {
        name.setText("Session not found");
        tableEmpty.setText("This session is no longer in the catalog.");
        rows.clear();
        restoreButton.setDisable(true);
        acceptButton.setDisable(true);
        rename.button().setDisable(true);
    }

    private void showSession(List<SessionDetailRow> loaded) {
        Set<Long> selected = new LinkedHashSet<>();
        filesTable.getSelectionModel().getSelectedItems().forEach(r -> selected.add(r.id()));
        SessionDetailRow focused = filesTable.getSelectionModel().getSelectedItem();
        rows.setAll(loaded);
        tableEmpty.setText("This session has no files.");
        if (!selected.isEmpty()) {
            filesTable.getSelectionModel().clearSelection();
            for (int i = 0; i < filesTable.getItems().size(); i++) {
                SessionDetailRow r = filesTable.getItems().get(i);
                if (selected.contains(r.id()) && (focused == null || r.id() != focused.id())) {
                    filesTable.getSelectionModel().select(i);
                }
            }
            if (focused != null) {
                for (int i = 0; i < filesTable.getItems().size(); i++) {
                    if (filesTable.getItems().get(i).id() == focused.id()) {
                        filesTable.getSelectionModel().select(i);
                    }
                }
            }
        }
        showHeader();
        showSelection();
        updateAccept();
    }

    private void showHeader() {
        name.setText(session.name());
        name.setTooltip(new Tooltip(session.name() + "\nFolder: " + session.folder() + "\nId: " + session.id()));
        dates.setText(Formats.dateRange(session.firstWallClock(), session.lastWallClock()));
        List<String> cams = new ArrayList<>();
        session.files().stream().sorted(Comparator.comparing(f -> f.capture() == null ? LocalDateTime.MAX : f.capture()))
                .filter(f -> f.camera().isKnown()).map(f -> f.camera().displayName())
                .forEach(c -> {
                    if (!cams.contains(c)) {
                        cams.add(c);
                    }
                });
        cameras.setText(cams.isEmpty() ? "no camera recorded" : String.join(", ", cams));
        cameras.setTooltip(cams.isEmpty() ? null : new Tooltip(String.join("\n", cams)));
        long counted = session.counted().size();
        long culled = session.files().size() - counted;
        files.setText(Formats.count(counted, "file") + (culled > 0 ? " · " + culled + " culled" : ""));
        files.setTooltip(culled == 0 ? null : tooltip(Formats.count(session.files().size(), "file") + " in the catalog: "
                + counted + " count against your copy policy, " + culled + " culled (deleted on purpose; their copies "
                + "on other drives are kept). The size is that of the files that count."));
        size.setText(Formats.bytes(session.counted().stream().mapToLong(f -> f.size()).sum()));
        CopyPolicy.Standing standing = session.standing(policy);
        badge.setText(Formats.copiesBadge(standing.copyCount(), policy.targetCopies()));
        badge.getStyleClass().removeAll("badge-ok", "badge-warn", "badge-bad");
        Formats.Level level = Formats.copiesLevel(standing.copyCount(), policy.targetCopies());
        if (level == Formats.Level.OK && !standing.meetsPolicy()) {
            level = Formats.Level.WARN;
        }
        badge.getStyleClass().add(level.styleClass());
        badge.setTooltip(tooltip(badgeTooltip(standing)));
        reasons.setText(standing.meetsPolicy() ? "" : "Needs attention: " + String.join(", ", standing.reasons()));
        reasons.setVisible(!standing.meetsPolicy());
        reasons.setManaged(!standing.meetsPolicy());
        restoreButton.setDisable(busy || counted == 0);
        rename.button().setDisable(busy);
    }

    /** As the dashboard's badge: the drives holding every counted file, and those holding some. */
    private String badgeTooltip(CopyPolicy.Standing standing) {
        List<SessionDetailRow> counted = rows.stream().filter(r -> !r.culled()).toList();
        Map<String, Long> held = new java.util.TreeMap<>();
        counted.forEach(r -> r.verifiedOn().forEach(l -> held.merge(l, 1L, Long::sum)));
        List<String> complete = new ArrayList<>();
        List<String> partial = new ArrayList<>();
        held.forEach((label, n) -> {
            if (n == counted.size()) {
                complete.add(label);
            } else {
                partial.add(label + " (" + n + " of " + counted.size() + " files)");
            }
        });
        String tip = Formats.copiesTooltip(standing.copyCount(), policy.targetCopies(), policy.offsiteCopies(), complete,
                partial);
        return standing.meetsPolicy() ? tip : tip + " Needs attention: " + String.join(", ", standing.reasons()) + ".";
    }

    // ------------------------------------------------------------------ layout

    private Node header() {
        Button back = new Button("Sessions", Icons.of(Material2OutlinedAL.ARROW_BACK));
        back.setId("detail-back");
        back.getStyleClass().add(Styles.FLAT);
        back.setTooltip(new Tooltip("Back to every session (Esc)."));
        back.setOnAction(e -> context.navigator().showDashboard());
        name.setId("detail-name");
        name.getStyleClass().add(Styles.TITLE_3);
        name.setTextOverrun(OverrunStyle.ELLIPSIS);
        name.setMinWidth(0);
        badge.setId("detail-badge");
        badge.getStyleClass().add("badge");
        back.setMinWidth(Region.USE_PREF_SIZE);
        // the badge's stylesheet gives it a small minimum width; held in a pane that never shrinks, it is never cut
        StackPane badgeHolder = new StackPane(badge);
        badgeHolder.setMinWidth(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox box = new HBox(12, back, name, rename.button(), badgeHolder, spacer);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private Node facts() {
        dates.setId("detail-dates");
        cameras.setId("detail-cameras");
        files.setId("detail-files");
        size.setId("detail-size");
        reasons.setId("detail-reasons");
        reasons.getStyleClass().add("status-warn");
        FlowPane pane = new FlowPane(18, 4);
        for (Label l : List.of(dates, cameras, files, size)) {
            l.getStyleClass().add("muted");
            l.setTextOverrun(OverrunStyle.ELLIPSIS);
            l.setMaxWidth(420);
        }
        dates.setGraphic(Icons.of(Material2OutlinedAL.EVENT));
        cameras.setGraphic(Icons.of(Material2OutlinedAL.CAMERA_ALT));
        files.setGraphic(Icons.of(Material2OutlinedMZ.PHOTO_LIBRARY));
        size.setGraphic(Icons.of(Material2OutlinedMZ.STORAGE));
        pane.getChildren().addAll(dates, cameras, files, size, reasons);
        pane.getStyleClass().add("detail-facts");
        return pane;
    }

    private Node actions() {
        restoreButton.setId("restore-button");
        restoreButton.setTooltip(tooltip("Copy this session's files into a folder of your choice, each from a connected "
                + "drive holding a verified copy, checked against its hash. Nothing in the folder is overwritten."));
        restoreButton.setOnAction(e -> chooseAndRestore());
        acceptButton.setId("accept-deleted-button");
        acceptButton.setOnAction(e -> confirmAndAccept());
        acceptButton.setDisable(true);
        status.setId("detail-status");
        status.getStyleClass().add("muted");
        status.setTextOverrun(OverrunStyle.ELLIPSIS);
        status.setMinWidth(0);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, restoreButton, acceptButton, spacer, status);
        bar.setAlignment(Pos.CENTER_LEFT);
        messages.setId("detail-messages");
        return bar;
    }

    private TableView<SessionDetailRow> buildFilesTable() {
        filesTable.setId("files-table");
        filesTable.getStyleClass().addAll("files-table", Styles.DENSE);
        filesTable.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);

        TableColumn<SessionDetailRow, String> nameCol = textColumn("Name", SessionDetailRow::name, 240);
        nameCol.setId("col-file-name");
        nameCol.setCellFactory(c -> new Columns.WrapCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                SessionDetailRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(row == null ? null : item);
                setTooltip(row == null ? null : new Tooltip(row.file().libraryPath()
                        + (row.file().originalName().equals(row.name()) ? "" : "\nOn the card: " + row.file().originalName())));
            }
        });
        TableColumn<SessionDetailRow, LocalDateTime> capture = new TableColumn<>("Captured");
        capture.setId("col-capture");
        capture.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().capture()));
        capture.setComparator(Comparator.nullsLast(Comparator.naturalOrder()));
        capture.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(LocalDateTime item, boolean empty) {
                super.updateItem(item, empty);
                SessionDetailRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(row == null ? null : row.captureText());
                setTooltip(row == null ? null : tooltip(row.captureTooltip()));
                getStyleClass().remove("fallback-time");
                if (row != null && row.file().fallbackTime()) {
                    getStyleClass().add("fallback-time");
                }
            }
        });
        capture.setPrefWidth(230);
        Columns.fit(capture, SessionDetailRow::captureText, 0);
        TableColumn<SessionDetailRow, String> camera = textColumn("Camera", SessionDetailRow::camera, 160);
        camera.setId("col-camera");
        TableColumn<SessionDetailRow, Long> sizeCol = new TableColumn<>("Size");
        sizeCol.setId("col-size");
        sizeCol.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().file().size()));
        sizeCol.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Long item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : Formats.bytes(item));
                setAlignment(Pos.CENTER_RIGHT);
            }
        });
        sizeCol.setPrefWidth(90);
        Columns.fit(sizeCol, r -> Formats.bytes(r.file().size()), 0);
        TableColumn<SessionDetailRow, Integer> copies = new TableColumn<>("Copies");
        copies.setId("col-file-copies");
        copies.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().culled() ? -1 : c.getValue().copyCount()));
        copies.setCellFactory(c -> new FileBadgeCell());
        copies.setPrefWidth(80);
        copies.setMinWidth(80);
        copies.setMaxWidth(80);
        TableColumn<SessionDetailRow, String> notes = textColumn("Notes", SessionDetailRow::notes, 220);
        notes.setId("col-notes");

        filesTable.getColumns().setAll(List.of(nameCol, capture, camera, sizeCol, copies, notes));
        nameCol.setMinWidth(120);
        camera.setMinWidth(110);
        notes.setMinWidth(120);
        SortedList<SessionDetailRow> sorted = new SortedList<>(rows);
        sorted.comparatorProperty().bind(filesTable.comparatorProperty());
        filesTable.setItems(sorted);
        filesTable.getSortOrder().add(capture);
        filesTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        filesTable.setRowFactory(t -> new FileRow());
        tableEmpty.getStyleClass().add("placeholder-text");
        filesTable.setPlaceholder(tableEmpty);
        filesTable.getSelectionModel().getSelectedItems().addListener((ListChangeListener<SessionDetailRow>) c -> {
            showSelection();
            updateAccept();
        });
        return filesTable;
    }

    /** A file's row: files below the policy stand out and say why; culled files are muted. */
    private static final class FileRow extends TableRow<SessionDetailRow> {
        @Override
        protected void updateItem(SessionDetailRow item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll("below-policy", "culled", "deleted-from-working");
            if (item == null || empty) {
                setTooltip(null);
                return;
            }
            if (item.belowPolicy()) {
                getStyleClass().add("below-policy");
            }
            if (item.culled()) {
                getStyleClass().add("culled");
            }
            if (item.acceptableAsDeleted()) {
                getStyleClass().add("deleted-from-working");
            }
            String tip = item.rowTooltip();
            setTooltip(tip == null ? null : tooltip(tip));
        }
    }

    /** "1/3" on a coloured pill; "culled" for a file deleted on purpose. */
    private static final class FileBadgeCell extends TableCell<SessionDetailRow, Integer> {
        private final Label pill = new Label();

        FileBadgeCell() {
            pill.getStyleClass().add("badge");
            setAlignment(Pos.CENTER);
        }

        @Override
        protected void updateItem(Integer item, boolean empty) {
            super.updateItem(item, empty);
            SessionDetailRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
            if (row == null) {
                setGraphic(null);
                return;
            }
            pill.setText(row.badge());
            pill.getStyleClass().removeAll("badge-ok", "badge-warn", "badge-bad", "badge-culled");
            pill.getStyleClass().add(row.culled() ? "badge-culled" : row.level().styleClass());
            pill.setTooltip(tooltip(row.badgeTooltip()));
            setGraphic(pill);
        }
    }

    private Node selectionPane() {
        thumbnail.setId("thumbnail");
        thumbnail.setFitWidth(THUMBNAIL_SIZE);
        thumbnail.setFitHeight(THUMBNAIL_SIZE);
        thumbnail.setPreserveRatio(true);
        thumbnail.setSmooth(true);
        Tooltip.install(thumbnail, thumbnailTip);
        thumbnailPlaceholder.setId("thumbnail-placeholder");
        thumbnailPlaceholder.setAlignment(Pos.CENTER);
        thumbnailCaption.setId("thumbnail-caption");
        thumbnailCaption.getStyleClass().add("muted");
        thumbnailCaption.setWrapText(true);
        thumbnailCaption.setMaxWidth(THUMBNAIL_SIZE - 20);
        thumbnailCaption.setAlignment(Pos.CENTER);
        thumbnailCaption.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        thumbnailPlaceholder.getChildren().addAll(Icons.of(Material2OutlinedAL.IMAGE, 64), thumbnailCaption);
        StackPane frame = new StackPane(thumbnailPlaceholder, thumbnail);
        frame.getStyleClass().add("thumbnail-frame");
        frame.setMinSize(THUMBNAIL_SIZE + 16, THUMBNAIL_SIZE + 16);
        frame.setPrefSize(THUMBNAIL_SIZE + 16, THUMBNAIL_SIZE + 16);
        frame.setMaxSize(THUMBNAIL_SIZE + 16, THUMBNAIL_SIZE + 16);

        selectedName.setId("selected-file-name");
        selectedName.getStyleClass().add(Styles.TITLE_4);
        selectedName.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
        selectedName.setMinWidth(0);
        selectedFacts.setId("selected-file-facts");
        selectedFacts.getStyleClass().add("muted");
        selectedFacts.setTextOverrun(OverrunStyle.ELLIPSIS);
        selectedFacts.setMinWidth(0);

        buildCopiesTable();
        VBox.setVgrow(copiesTable, Priority.ALWAYS);
        VBox info = new VBox(6, selectedName, selectedFacts, copiesTable);
        info.setMinWidth(0);
        HBox.setHgrow(info, Priority.ALWAYS);
        HBox pane = new HBox(14, frame, info);
        pane.getStyleClass().add("selection-pane");
        pane.setPadding(new Insets(10));
        return pane;
    }

    private void buildCopiesTable() {
        copiesTable.setId("copies-table");
        copiesTable.getStyleClass().add(Styles.DENSE);
        TableColumn<CopyEntry, String> location = new TableColumn<>("Location");
        location.setId("col-copy-location");
        location.setCellValueFactory(c -> new ReadOnlyStringWrapper(SessionDetailWords.location(c.getValue())));
        location.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                CopyEntry copy = empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(copy == null ? null : item);
                setGraphic(copy == null ? null : Icons.of(copy.offsite() ? Material2OutlinedAL.CLOUD_DONE
                        : Material2OutlinedMZ.STORAGE));
                setTooltip(copy == null ? null : tooltip(copy.offsite() ? "Kept in another building (offsite)."
                        : "Kept on site."));
            }
        });
        location.setPrefWidth(200);
        Columns.fit(location, SessionDetailWords::location, 24);
        TableColumn<CopyEntry, String> state = new TableColumn<>("State");
        state.setId("col-copy-state");
        state.setCellValueFactory(c -> new ReadOnlyStringWrapper(SessionDetailWords.state(c.getValue(), foundGone(c.getValue()))));
        state.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                CopyEntry copy = empty || getTableRow() == null ? null : getTableRow().getItem();
                getStyleClass().removeAll("copy-good", "copy-bad", "copy-other");
                if (copy == null) {
                    setText(null);
                    setGraphic(null);
                    setTooltip(null);
                    return;
                }
                boolean gone = foundGone(copy);
                boolean good = copy.counts() && !gone;
                boolean bad = gone || copy.state() == CopyState.MISSING || copy.state() == CopyState.CORRUPT;
                setText(item);
                setGraphic(Icons.of(good ? Material2OutlinedAL.CHECK_CIRCLE_OUTLINE
                        : bad ? Material2OutlinedAL.ERROR_OUTLINE : Material2OutlinedAL.HELP_OUTLINE));
                getStyleClass().add(good ? "copy-good" : bad ? "copy-bad" : "copy-other");
                setTooltip(tooltip(SessionDetailWords.stateTooltip(copy, gone)));
            }
        });
        state.setPrefWidth(190);
        Columns.fit(state, c -> SessionDetailWords.state(c, foundGone(c)), 24);
        TableColumn<CopyEntry, String> path = new TableColumn<>("Path");
        path.setId("col-copy-path");
        path.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().path()));
        // the path inside the drive's Triplicate folder, from its start, on more lines where it is long
        path.setCellFactory(c -> new Columns.WrapCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                CopyEntry copy = empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(copy == null ? null : item);
                Path library = copy == null || libraries == null ? null : libraries.get(copy.locationId());
                setTooltip(copy == null ? null : new Tooltip(library == null
                        ? item + "\n(inside the drive's Triplicate folder; the drive is not connected)"
                        : library.resolve(item).toString()));
            }
        });
        path.setPrefWidth(260);
        path.setMinWidth(160);
        TableColumn<CopyEntry, Instant> verified = new TableColumn<>("Last verified");
        verified.setId("col-copy-verified");
        verified.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().verifiedAt()));
        verified.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Instant item, boolean empty) {
                super.updateItem(item, empty);
                CopyEntry copy = empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(copy == null ? null : Formats.relative(item, context.clock().instant()));
                setTooltip(copy == null || item == null ? null : new Tooltip(
                        WHEN.format(item.atZone(ZoneId.systemDefault()))
                                + (copy.method() == null ? "" : " (" + copy.method().word() + ")")));
            }
        });
        verified.setPrefWidth(120);
        Columns.fit(verified, c -> Formats.relative(c.verifiedAt(), context.clock().instant()), 0);
        copiesTable.getColumns().setAll(List.of(location, state, path, verified));
        copiesTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        Label none = new Label("Select a file to see its copies.");
        none.getStyleClass().add("muted");
        copiesTable.setPlaceholder(none);
    }

    private boolean foundGone(CopyEntry copy) {
        SessionDetailRow row = filesTable.getSelectionModel().getSelectedItem();
        return row != null && row.id() == copy.mediaFileId() && row.goneFrom().contains(copy.locationId());
    }

    // ------------------------------------------------------------------ the selected file

    private void showSelection() {
        SessionDetailRow row = filesTable.getSelectionModel().getSelectedItem();
        if (row == null) {
            selectedName.setText("");
            selectedFacts.setText("");
            copiesTable.getItems().clear();
            wantedPreview = -1;
            showPlaceholder("Select a file to see its preview.");
            return;
        }
        selectedName.setText(row.name());
        selectedName.setTooltip(new Tooltip(row.file().libraryPath()));
        List<String> facts = new ArrayList<>();
        facts.add(row.captureText());
        if (!row.camera().isEmpty()) {
            facts.add(row.camera());
        }
        facts.add(Formats.bytes(row.file().size()));
        facts.add(row.culled() ? "culled" : row.belowPolicy() ? "below policy: " + row.shortfall()
                : row.copyCount() + (row.copyCount() == 1 ? " verified copy" : " verified copies"));
        selectedFacts.setText(String.join(" · ", facts));
        copiesTable.getItems().setAll(row.copies());
        copiesTable.refresh();
        showThumbnail(row);
    }

    private void showThumbnail(SessionDetailRow row) {
        long id = row.id();
        ThumbnailCache.Entry cached = thumbnails.get(id);
        if (cached != null) {
            wantedPreview = id;
            show(cached);
            return;
        }
        if (libraries == null) {
            showPlaceholder("Looking for a connected drive…");
            return; // asked again when the drives are known
        }
        if (wantedPreview == id) {
            return; // already on its way
        }
        wantedPreview = id;
        showPlaceholder("Loading preview…");
        Map<UUID, Path> libs = libraries;
        context.background().run(() -> {
            if (wantedPreview != id) {
                return null; // another file was selected before this one's turn came
            }
            SessionDetailData.PreviewLookup found = SessionDetailData.preview(row, libs, extractor);
            if (found.preview() == null) {
                return new ThumbnailCache.Entry(null, found.reason());
            }
            Image image = new Image(new ByteArrayInputStream(found.preview().jpeg()), THUMBNAIL_SIZE, THUMBNAIL_SIZE,
                    true, true);
            return image.isError() ? new ThumbnailCache.Entry(null, "The preview could not be decoded")
                    : new ThumbnailCache.Entry(image, found.preview().source());
        }, entry -> {
            if (entry == null) {
                return;
            }
            if (entry.image() != null || entry.reason().equals(SessionDetailData.NO_PREVIEW)
                    || entry.reason().startsWith("The preview")) {
                thumbnails.put(id, entry);
            }
            if (wantedPreview == id) {
                wantedPreview = entry.image() != null ? id : -1;
                SessionDetailRow now = filesTable.getSelectionModel().getSelectedItem();
                if (now != null && now.id() == id) {
                    show(entry);
                }
            }
        }, e -> {
            if (wantedPreview == id) {
                wantedPreview = -1;
                showPlaceholder("The preview could not be read: " + e.getMessage());
            }
        });
    }

    private void show(ThumbnailCache.Entry entry) {
        if (entry.image() == null) {
            showPlaceholder(entry.reason());
            return;
        }
        thumbnail.setImage(entry.image());
        thumbnailTip.setText("The preview embedded in the file (" + entry.reason() + "), read from a drive holding a "
                + "verified copy.");
        thumbnail.setVisible(true);
        thumbnailPlaceholder.setVisible(false);
    }

    private void showPlaceholder(String caption) {
        thumbnail.setImage(null);
        thumbnail.setVisible(false);
        thumbnailCaption.setText(caption);
        thumbnailPlaceholder.setVisible(true);
    }

    // ------------------------------------------------------------------ restore

    private void chooseAndRestore() {
        context.folders().choose(root.getScene() == null ? null : root.getScene().getWindow(),
                        FolderChoices.Purpose.RESTORE, "Restore \"" + (session == null ? "" : session.name())
                                + "\" into a folder")
                .ifPresent(this::restoreTo);
    }

    /** Restores the session into {@code dir} in the background, then shows what was restored and what was not. */
    void restoreTo(Path dir) {
        String label = session == null ? sessionId : session.name();
        Jobs.Job job = context.jobs().start("Restoring " + label, new Cancellation());
        setBusy(true);
        status.setText("Restoring into " + dir + "…");
        context.background().run(() -> context.services().restore.restore(sessionId, dir, Optional.empty()), report -> {
            context.jobs().finished(job);
            setBusy(false);
            status.setText("");
            showRestoreReport(report);
        }, e -> {
            context.jobs().finished(job);
            setBusy(false);
            status.setText("");
            showMessage("restore-result", Styles.DANGER, Icons.of(Material2OutlinedAL.ERROR_OUTLINE),
                    "Nothing was restored", e.getMessage());
        });
    }

    private void showRestoreReport(RestoreService.Report report) {
        showMessage("restore-result", report.ok() ? Styles.SUCCESS : Styles.WARNING,
                Icons.of(report.ok() ? Material2OutlinedAL.CHECK_CIRCLE_OUTLINE : Material2OutlinedMZ.WARNING),
                SessionDetailWords.restoreTitle(report), SessionDetailWords.restoreDetails(report));
    }

    // ------------------------------------------------------------------ accept as deleted (cull)

    private List<SessionDetailRow> acceptable() {
        return filesTable.getSelectionModel().getSelectedItems().stream()
                .filter(SessionDetailRow::acceptableAsDeleted).toList();
    }

    private void updateAccept() {
        List<SessionDetailRow> chosen = acceptable();
        acceptButton.setDisable(busy || chosen.isEmpty());
        boolean anyGone = rows.stream().anyMatch(SessionDetailRow::acceptableAsDeleted);
        acceptButton.setTooltip(tooltip(!chosen.isEmpty()
                ? "You deleted " + (chosen.size() == 1 ? "this file" : "these " + chosen.size() + " files")
                + " from the working drive: stop counting " + (chosen.size() == 1 ? "it" : "them")
                + " against your copy policy. Copies on other drives are kept."
                : anyGone ? "Select the files marked \"deleted from\" your working drive to accept them as deleted."
                : "For files you deleted on purpose from your working drive (rejects): none of this session's files "
                + "is missing from a connected working drive."));
    }

    private void confirmAndAccept() {
        List<SessionDetailRow> chosen = acceptable();
        if (chosen.isEmpty()) {
            return;
        }
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, SessionDetailWords.cullConfirmation(chosen),
                ButtonType.CANCEL, ButtonType.OK);
        if (root.getScene() != null) {
            ask.initOwner(root.getScene().getWindow());
        }
        ask.setTitle("Accept as deleted");
        ask.setHeaderText(chosen.size() == 1 ? "Accept " + chosen.get(0).name() + " as deleted?"
                : "Accept " + chosen.size() + " files as deleted?");
        ask.getDialogPane().setId("accept-deleted-dialog");
        ask.getDialogPane().setMinWidth(520);
        Button ok = (Button) ask.getDialogPane().lookupButton(ButtonType.OK);
        ok.setText("Accept as deleted");
        ok.setId("confirm-accept-deleted");
        ask.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> acceptAsDeleted(chosen));
    }

    /** Culls the files by library path (see {@link CullService#cull}), then reloads. */
    void acceptAsDeleted(List<SessionDetailRow> chosen) {
        List<String> paths = chosen.stream().map(r -> r.file().libraryPath()).toList();
        Jobs.Job job = context.jobs().start("Accepting " + Formats.count(paths.size(), "file") + " as deleted",
                new Cancellation());
        setBusy(true);
        context.background().run(() -> {
            var culled = context.services().cull.cull(paths, false);
            context.afterWork("cull");
            return culled;
        }, report -> {
            context.jobs().finished(job);
            setBusy(false);
            showMessage("cull-result", report.ok() ? Styles.SUCCESS : Styles.WARNING,
                    Icons.of(Material2OutlinedAL.CHECK_CIRCLE_OUTLINE), "Accepted as deleted",
                    SessionDetailWords.cullResult(report));
            context.catalogChanged();
        }, e -> {
            context.jobs().finished(job);
            setBusy(false);
            showMessage("cull-result", Styles.DANGER, Icons.of(Material2OutlinedAL.ERROR_OUTLINE),
                    "Nothing was accepted as deleted", e.getMessage());
        });
    }

    // ------------------------------------------------------------------ helpers

    private void setBusy(boolean now) {
        busy = now;
        restoreButton.setDisable(now || session == null || session.counted().isEmpty());
        rename.button().setDisable(now || session == null);
        updateAccept();
    }

    /** A dismissable message under the actions; one per kind (a new restore report replaces the last). */
    private void showMessage(String id, String style, Node icon, String title, String text) {
        messages.getChildren().removeIf(n -> id.equals(n.getId()));
        Message m = new Message(title, text, icon);
        m.setId(id);
        m.getStyleClass().add(style);
        m.setOnClose(e -> messages.getChildren().remove(m));
        messages.getChildren().add(m);
    }

    private static TableColumn<SessionDetailRow, String> textColumn(String title,
                                                                    Function<SessionDetailRow, String> value,
                                                                    double width) {
        TableColumn<SessionDetailRow, String> col = new TableColumn<>(title);
        col.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        col.setCellFactory(c -> new Columns.WrapCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.isEmpty() ? null : new Tooltip(item));
            }
        });
        col.setPrefWidth(width);
        return col;
    }

    private static Tooltip tooltip(String text) {
        Tooltip t = new Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(380);
        t.setShowDelay(Duration.millis(250));
        return t;
    }

    /** The files shown now, in table order (tests). */
    List<SessionDetailRow> visibleRows() {
        return List.copyOf(filesTable.getItems());
    }
}
