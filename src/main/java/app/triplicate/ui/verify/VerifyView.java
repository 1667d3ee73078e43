package app.triplicate.ui.verify;

import app.triplicate.progress.Cancellation;
import app.triplicate.progress.VerifyProgress;
import app.triplicate.ui.common.AppContext;
import app.triplicate.ui.common.Columns;
import app.triplicate.ui.common.Icons;
import app.triplicate.ui.common.Jobs;
import app.triplicate.ui.common.Poller;
import app.triplicate.ui.verify.FindingRow.Tone;
import app.triplicate.verify.Finding;
import app.triplicate.verify.Finding.Kind;
import app.triplicate.verify.RepairService;
import app.triplicate.verify.VerifyService;
import atlantafx.base.theme.Styles;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2OutlinedAL;
import org.kordamp.ikonli.material2.Material2OutlinedMZ;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * The verify window's content: while a check runs, a progress bar per drive with its rate and time left
 * and a Stop button; then a headline, the findings grouped by kind with a filter, and Repair. The work runs
 * in {@link AppContext#background()}; progress and findings reach the controls only through a
 * {@link Poller}, a few times a second.
 */
final class VerifyView {
    enum State { IDLE, VERIFYING, VERIFIED, REPAIRING, REPAIRED }

    private final AppContext context;
    private final Runnable close;
    private final BorderPane root = new BorderPane();
    private final HBox header = new HBox(12);
    private final FontIcon headIcon = Icons.of(Material2OutlinedMZ.VERIFIED_USER, 32);
    private final Label headline = new Label();
    private final Label detail = new Label();
    private final VBox drivesBox = new VBox(10);
    private final Map<String, DriveRow> driveRows = new LinkedHashMap<>();
    private final HBox filters = new HBox(0);
    private final ToggleGroup filterGroup = new ToggleGroup();
    private final ObservableList<FindingRow> rows = FXCollections.observableArrayList();
    private final FilteredList<FindingRow> shown = new FilteredList<>(rows);
    private final TableView<FindingRow> table = new TableView<>(shown);
    private final Label tablePlaceholder = new Label();
    private final VBox repairBox = new VBox(8);
    private final Label repairSummary = new Label();
    private final ProgressIndicator repairSpinner = new ProgressIndicator();
    private final ObservableList<RepairService.Action> repairs = FXCollections.observableArrayList();
    private final TableView<RepairService.Action> repairTable = new TableView<>(repairs);
    private final Button againButton = new Button("Verify again", Icons.of(Material2OutlinedMZ.REFRESH));
    private final Button repairButton = new Button("Repair", Icons.of(Material2OutlinedAL.BUILD));
    private final Button stopButton = new Button("Stop", Icons.of(Material2OutlinedMZ.STOP));
    private final Button closeButton = new Button("Close");

    private State state = State.IDLE;
    private Kind filter;
    private Map<Kind, Long> filterCounts = Map.of();
    private VerifyResults results;
    private Cancellation cancellation;

    /** @param close hides the window (a running check carries on) */
    VerifyView(AppContext context, Runnable close) {
        this.context = context;
        this.close = close;
        root.setId("verify-root");
        root.getStyleClass().add("verify-window");
        root.setTop(header());
        root.setCenter(body());
        root.setBottom(buttons());
        show(State.IDLE);
    }

    javafx.scene.Parent node() {
        return root;
    }

    /** A check or a repair is running. */
    boolean busy() {
        return state == State.VERIFYING || state == State.REPAIRING;
    }

    State state() {
        return state;
    }

    /** The results of the last finished check (tests and screenshots). */
    VerifyResults results() {
        return results;
    }

    private Node header() {
        header.getStyleClass().add("verify-header");
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(16, 20, 16, 20));
        headIcon.getStyleClass().add("verify-headline-icon");
        headline.setId("verify-headline");
        headline.getStyleClass().addAll(Styles.TITLE_3, "verify-headline");
        headline.setTextOverrun(OverrunStyle.ELLIPSIS);
        detail.setId("verify-detail");
        detail.getStyleClass().add("verify-detail");
        detail.setWrapText(true);
        VBox texts = new VBox(4, headline, detail);
        HBox.setHgrow(texts, Priority.ALWAYS);
        header.getChildren().addAll(headIcon, texts);
        return header;
    }

    private Node body() {
        drivesBox.setId("verify-drives");
        drivesBox.getStyleClass().add("verify-drives");

        filters.setId("verify-filters");
        filters.getStyleClass().add("verify-filters");
        filters.setAlignment(Pos.CENTER_LEFT);
        filters.setMinHeight(Region.USE_PREF_SIZE);
        drivesBox.setMinHeight(Region.USE_PREF_SIZE);
        filterGroup.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null && was != null) {
                was.setSelected(true); // one filter is always on
                return;
            }
            filter = now == null ? null : (Kind) now.getUserData();
            shown.setPredicate(r -> filter == null || r.kind() == filter);
        });

        buildTable();
        buildRepairTable();
        repairSummary.setId("verify-repair-summary");
        repairSummary.getStyleClass().addAll(Styles.TITLE_4, "verify-repair-summary");
        repairSummary.setWrapText(true);
        repairSpinner.setPrefSize(20, 20);
        HBox repairHead = new HBox(8, repairSpinner, repairSummary);
        repairHead.setAlignment(Pos.CENTER_LEFT);
        repairBox.setId("verify-repair-section");
        repairBox.getStyleClass().add("verify-repair-section");
        repairBox.getChildren().addAll(repairHead, repairTable);
        visible(repairBox, false);

        VBox.setVgrow(table, Priority.ALWAYS);
        VBox.setVgrow(repairBox, Priority.ALWAYS);
        VBox body = new VBox(12, drivesBox, filters, table, repairBox);
        body.setPadding(new Insets(12, 20, 12, 20));
        return body;
    }

    private void buildTable() {
        table.setId("verify-results-table");
        table.getStyleClass().addAll("verify-results-table", Styles.STRIPED);
        TableColumn<FindingRow, FindingRow> kind = new TableColumn<>("Found");
        kind.setId("verify-col-kind");
        kind.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        kind.setCellFactory(c -> new KindCell());
        kind.setComparator(FindingRow.GROUPED);
        kind.setPrefWidth(150);
        TableColumn<FindingRow, String> drive = textColumn("Drive", FindingRow::drive, r -> "Drive " + r.drive(), 140);
        drive.setId("verify-col-drive");
        Columns.fit(drive, FindingRow::drive, 0);
        TableColumn<FindingRow, String> path = textColumn("File", r -> r.path() == null ? "" : r.path(),
                FindingRow::path, 300);
        path.setId("verify-col-path");
        path.setMinWidth(160);
        TableColumn<FindingRow, String> what = textColumn("What it means", FindingRow::detail,
                r -> r.sentence() + (r.technical().isEmpty() ? "" : "\n\nThe check reported: " + r.technical()), 380);
        what.setId("verify-col-detail");
        what.setMinWidth(200);
        kind.setMinWidth(kind.getPrefWidth());
        kind.setMaxWidth(kind.getPrefWidth());
        table.getColumns().setAll(List.of(kind, drive, path, what));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        tablePlaceholder.getStyleClass().add("placeholder-text");
        tablePlaceholder.setWrapText(true);
        tablePlaceholder.setPadding(new Insets(16));
        table.setPlaceholder(tablePlaceholder);
        table.setMinHeight(140);
        table.setPrefHeight(240);
    }

    private void buildRepairTable() {
        repairTable.setId("verify-repair-table");
        repairTable.getStyleClass().add("verify-repair-table");
        TableColumn<RepairService.Action, String> path = actionColumn("File", RepairService.Action::path, 300,
                OverrunStyle.CENTER_ELLIPSIS);
        TableColumn<RepairService.Action, String> drive = actionColumn("Drive", RepairService.Action::drive, 130,
                OverrunStyle.ELLIPSIS);
        TableColumn<RepairService.Action, String> from = actionColumn("From",
                a -> a.from() == null ? "—" : a.from(), 130, OverrunStyle.ELLIPSIS);
        TableColumn<RepairService.Action, RepairService.Action> outcome = new TableColumn<>("Outcome");
        outcome.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        outcome.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(RepairService.Action a, boolean isEmpty) {
                super.updateItem(a, isEmpty);
                getStyleClass().removeAll("repair-ok", "repair-failed");
                if (isEmpty || a == null) {
                    setText(null);
                    setGraphic(null);
                    setTooltip(null);
                    return;
                }
                String text = Character.toUpperCase(a.outcome().charAt(0)) + a.outcome().substring(1);
                setText(text);
                setGraphic(Icons.of(a.ok() ? Material2OutlinedAL.CHECK_CIRCLE : Material2OutlinedAL.ERROR_OUTLINE));
                getStyleClass().add(a.ok() ? "repair-ok" : "repair-failed");
                setTooltip(new Tooltip(text));
            }
        });
        outcome.setPrefWidth(320);
        repairTable.getColumns().setAll(List.of(path, drive, from, outcome));
        repairTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        repairTable.setPrefHeight(150);
        repairTable.setMinHeight(110);
        VBox.setVgrow(repairTable, Priority.ALWAYS);
        repairTable.setPlaceholder(new Label("Nothing was repaired."));
    }

    private Node buttons() {
        againButton.setId("verify-again-button");
        againButton.setTooltip(tip("Read every copy on every connected drive again."));
        againButton.setOnAction(e -> runCheck());
        repairButton.setId("verify-repair-button");
        repairButton.getStyleClass().add(Styles.ACCENT);
        repairButton.setTooltip(tip("Copies a verified good copy from another connected drive over each missing, "
                + "corrupt or outdated copy, and reads it back to prove it. A corrupt file is moved to "
                + ".triplicate/quarantine on its drive, never deleted."));
        repairButton.setOnAction(e -> repair());
        stopButton.setId("verify-cancel-button");
        stopButton.getStyleClass().add(Styles.DANGER);
        stopButton.setTooltip(tip("Stop after the copy being read now. What was checked so far is kept and shown."));
        stopButton.setOnAction(e -> stop());
        closeButton.setId("verify-close-button");
        closeButton.setTooltip(tip("Close this window. A check still running carries on; the status bar shows it."));
        closeButton.setOnAction(e -> close.run());
        closeButton.setCancelButton(true);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, againButton, repairButton, spacer, stopButton, closeButton);
        bar.getStyleClass().add("verify-buttons");
        bar.setAlignment(Pos.CENTER_RIGHT);
        bar.setPadding(new Insets(12, 20, 16, 20));
        return bar;
    }

    /** Starts a check of every copy on every connected drive, off the JavaFX thread. */
    void runCheck() {
        if (busy()) {
            return;
        }
        Cancellation stopper = new Cancellation();
        cancellation = stopper;
        VerifyProgress progress = new VerifyProgress();
        ConcurrentLinkedQueue<Finding> incoming = new ConcurrentLinkedQueue<>();
        List<Finding> found = new ArrayList<>();
        results = null;
        rows.clear();
        repairs.clear();
        driveRows.clear();
        drivesBox.getChildren().clear();
        rebuildFilters(Map.of());
        show(State.VERIFYING);
        tone(Tone.NOTE, Material2OutlinedMZ.VERIFIED_USER);
        headline.setText("Verifying every copy...");
        detail.setText("Reading the connected drives. You can keep working, or close this window: the check carries on.");
        tablePlaceholder.setText("Nothing found so far.");
        Jobs.Job job = context.jobs().start("Verifying", stopper);
        Runnable update = () -> {
            Instant now = context.clock().instant();
            boolean more = false;
            for (Finding f; (f = incoming.poll()) != null; ) {
                found.add(f);
                more = true;
            }
            if (more) {
                rows.setAll(VerifyResults.rowsOf(found, now));
                rebuildFilters(counts(rows));
            }
            VerifyProgress.Snapshot s = progress.snapshot();
            showDrives(s, found);
            if (!s.drives().isEmpty()) {
                job.setMessage(VerifyResults.jobMessage(s));
                headline.setText(VerifyResults.runningHeadline(s));
            }
        };
        Poller poller = Poller.start(update);
        context.background().run(
                () -> {
                    VerifyService.Report report = context.services().verify.verify(VerifyService.Request.everything(),
                            incoming::add, progress, stopper);
                    context.afterWork("verify");
                    return report;
                },
                report -> {
                    poller.stop();
                    update.run();
                    context.jobs().finished(job);
                    VerifyProgress.Snapshot s = progress.snapshot();
                    showResults(VerifyResults.of(report, s.copiesTotal(), context.clock().instant()));
                    showDrives(s, report.findings());
                    context.catalogChanged();
                },
                e -> {
                    poller.stop();
                    update.run();
                    context.jobs().finished(job);
                    show(State.VERIFIED);
                    tone(Tone.DANGER, Material2OutlinedAL.ERROR_OUTLINE);
                    headline.setText("The check could not finish");
                    detail.setText(message(e));
                    repairButton.setDisable(true);
                    context.catalogChanged();
                });
    }

    private void stop() {
        if (state == State.VERIFYING && cancellation != null) {
            cancellation.cancel();
            stopButton.setDisable(true);
            stopButton.setText("Stopping...");
            detail.setText("Stopping after the copy being read now...");
        }
    }

    private void showResults(VerifyResults r) {
        results = r;
        rows.setAll(r.rows());
        rebuildFilters(r.counts());
        show(State.VERIFIED);
        Tone t = r.tone();
        tone(t, switch (t) {
            case SUCCESS -> Material2OutlinedAL.CHECK_CIRCLE;
            case DANGER -> Material2OutlinedAL.ERROR_OUTLINE;
            default -> Material2OutlinedMZ.WARNING;
        });
        headline.setText(r.headline());
        detail.setText(r.detail());
        tablePlaceholder.setText(r.drivesChecked() == 0 ? "No drive was connected."
                : "Nothing to report: every copy checked matches what was copied.");
        repairButton.setDisable(r.repairable() == 0);
    }

    private void repair() {
        if (busy() || results == null || results.repairable() == 0) {
            return;
        }
        context.background().run(() -> context.services().repair.unconfirmedMassChanges(), standing -> {
            if (standing.isEmpty()) {
                repair(false);
            } else {
                MassChangeConfirmation.ask(root.getScene() == null ? null : root.getScene().getWindow(), standing,
                        () -> repair(true));
            }
        });
    }

    private void repair(boolean confirmMassChange) {
        Jobs.Job job = context.jobs().start("Repairing", new Cancellation());
        show(State.REPAIRING);
        repairs.clear();
        visible(repairBox, true);
        visible(repairSpinner, true);
        repairSummary.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER);
        repairSummary.setText("Repairing " + VerifyResults.count(results.repairable(), "copy", "copies")
                + " from good copies on the other drives...");
        context.background().run(() -> {
            var done = context.services().repair.repair(false, confirmMassChange);
            context.afterWork("repair");
            return done;
        }, actions -> {
            context.jobs().finished(job);
            show(State.REPAIRED);
            visible(repairSpinner, false);
            repairs.setAll(actions);
            Tone t = VerifyResults.repairTone(actions);
            repairSummary.getStyleClass().add(t == Tone.SUCCESS ? Styles.SUCCESS : Styles.DANGER);
            repairSummary.setText(VerifyResults.repairHeadline(actions) + (t == Tone.SUCCESS
                    ? ". Each new copy was read back and matches. Verify again to re-read everything." : "."));
            tone(t, t == Tone.SUCCESS ? Material2OutlinedAL.BUILD : Material2OutlinedAL.ERROR_OUTLINE);
            headline.setText(VerifyResults.repairHeadline(actions));
            detail.setText("Before the repair: " + results.detail());
            repairButton.setDisable(actions.stream().allMatch(RepairService.Action::ok));
            context.catalogChanged();
        }, e -> {
            context.jobs().finished(job);
            show(State.REPAIRED);
            visible(repairSpinner, false);
            repairSummary.getStyleClass().add(Styles.DANGER);
            repairSummary.setText("The repair could not run: " + message(e));
            repairButton.setDisable(false);
            context.catalogChanged();
        });
    }

    /** Buttons for the state: Stop only while checking; nothing else while a repair writes. */
    private void show(State s) {
        state = s;
        boolean verifying = s == State.VERIFYING;
        visible(stopButton, verifying);
        stopButton.setDisable(!verifying);
        stopButton.setText("Stop");
        againButton.setDisable(busy() || s == State.IDLE);
        repairButton.setDisable(true);
        if (s == State.VERIFYING) {
            visible(repairBox, false);
        }
        closeButton.setText(busy() ? "Hide" : "Close");
    }

    private void showDrives(VerifyProgress.Snapshot s, List<Finding> found) {
        Map<String, Long> problems = new LinkedHashMap<>();
        found.stream().filter(f -> f.kind().isProblem()).forEach(f -> problems.merge(f.drive(), 1L, Long::sum));
        for (VerifyProgress.DriveSnapshot d : s.drives()) {
            DriveRow row = driveRows.computeIfAbsent(d.label(), label -> {
                DriveRow r = new DriveRow(label, driveRows.size());
                drivesBox.getChildren().add(r.box);
                return r;
            });
            row.update(d, problems.getOrDefault(d.label(), 0L));
        }
    }

    private static Map<Kind, Long> counts(List<FindingRow> list) {
        return new VerifyResults(list, 0, 0, 0, false, List.of()).counts();
    }

    /** "All 5", "Corrupt 1", "Missing 2" ...: one pill per kind found, the one chosen kept when it still exists. */
    private void rebuildFilters(Map<Kind, Long> counts) {
        if (counts.equals(filterCounts) && !filters.getChildren().isEmpty()) {
            return;
        }
        filterCounts = counts;
        Kind keep = filter != null && counts.containsKey(filter) ? filter : null;
        filters.getChildren().clear();
        filterGroup.getToggles().clear();
        long all = counts.values().stream().mapToLong(Long::longValue).sum();
        List<ToggleButton> pills = new ArrayList<>();
        pills.add(pill("All " + all, null, "verify-filter-all"));
        counts.forEach((kind, n) -> pills.add(pill(FindingRow.title(kind) + " " + n, kind,
                "verify-filter-" + kind.name().toLowerCase(Locale.ROOT).replace('_', '-'))));
        for (int i = 0; i < pills.size(); i++) {
            ToggleButton p = pills.get(i);
            if (pills.size() > 1) {
                p.getStyleClass().add(i == 0 ? Styles.LEFT_PILL : i == pills.size() - 1 ? Styles.RIGHT_PILL
                        : Styles.CENTER_PILL);
            }
            filters.getChildren().add(p);
        }
        visible(filters, all > 0);
        pills.stream().filter(p -> p.getUserData() == keep).findFirst().orElse(pills.get(0)).setSelected(true);
        filter = keep;
        shown.setPredicate(r -> filter == null || r.kind() == filter);
    }

    private ToggleButton pill(String text, Kind kind, String id) {
        ToggleButton b = new ToggleButton(text);
        b.setId(id);
        b.setUserData(kind);
        b.setToggleGroup(filterGroup);
        b.getStyleClass().add("verify-filter");
        b.setTooltip(tip(kind == null ? "Show every finding." : "Only: " + FindingRow.title(kind).toLowerCase(Locale.ROOT)
                + (kind.isProblem() ? " (a problem Repair can fix when another drive has a good copy)" : "")));
        if (kind != null) {
            b.getStyleClass().add("verify-filter-" + FindingRow.tone(kind).name().toLowerCase(Locale.ROOT));
        }
        return b;
    }

    private void tone(Tone t, Ikon icon) {
        header.getStyleClass().removeAll("tone-success", "tone-warning", "tone-danger", "tone-note");
        header.getStyleClass().add("tone-" + t.name().toLowerCase(Locale.ROOT));
        headline.getStyleClass().removeAll(Styles.SUCCESS, Styles.WARNING, Styles.DANGER);
        switch (t) {
            case SUCCESS -> headline.getStyleClass().add(Styles.SUCCESS);
            case WARNING -> headline.getStyleClass().add(Styles.WARNING);
            case DANGER -> headline.getStyleClass().add(Styles.DANGER);
            default -> { }
        }
        headIcon.setIconCode(icon);
    }

    private static String message(Throwable e) {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    private static void visible(Node n, boolean on) {
        n.setVisible(on);
        n.setManaged(on);
    }

    private static Tooltip tip(String text) {
        Tooltip t = new Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(380);
        t.setShowDelay(Duration.millis(300));
        return t;
    }

    private static TableColumn<FindingRow, String> textColumn(String title, Function<FindingRow, String> value,
                                                              Function<FindingRow, String> tooltip, double width) {
        TableColumn<FindingRow, String> col = new TableColumn<>(title);
        col.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        // the path from its start and the whole sentence, on more lines where the column is narrow
        col.setCellFactory(c -> new Columns.WrapCell<>() {
            @Override
            protected void updateItem(String item, boolean isEmpty) {
                super.updateItem(item, isEmpty);
                FindingRow row = isEmpty || getTableRow() == null ? null : getTableRow().getItem();
                setText(isEmpty ? null : item);
                String tip = row == null ? null : tooltip.apply(row);
                setTooltip(tip == null || tip.isEmpty() ? null : VerifyView.tip(tip));
            }
        });
        col.setPrefWidth(width);
        return col;
    }

    private static TableColumn<RepairService.Action, String> actionColumn(
            String title, Function<RepairService.Action, String> value, double width, OverrunStyle overrun) {
        TableColumn<RepairService.Action, String> col = new TableColumn<>(title);
        col.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        col.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean isEmpty) {
                super.updateItem(item, isEmpty);
                setText(isEmpty ? null : item);
                setTextOverrun(overrun);
                setTooltip(isEmpty || item == null || item.isEmpty() ? null : new Tooltip(item));
            }
        });
        col.setPrefWidth(width);
        return col;
    }

    /** "Corrupt" on a coloured pill, the sentence in its tooltip. */
    private static final class KindCell extends TableCell<FindingRow, FindingRow> {
        private final Label badge = new Label();

        KindCell() {
            badge.getStyleClass().add("finding-kind");
            badge.setMinWidth(Region.USE_PREF_SIZE); // the word, never "Not conne..."
        }

        @Override
        protected void updateItem(FindingRow row, boolean isEmpty) {
            super.updateItem(row, isEmpty);
            if (isEmpty || row == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            badge.setText(row.title());
            badge.getStyleClass().removeAll("finding-danger", "finding-warning", "finding-note", "finding-success");
            badge.getStyleClass().add("finding-" + row.tone().name().toLowerCase(Locale.ROOT));
            setGraphic(badge);
            setTooltip(tip(row.sentence()));
        }
    }

    /** One drive: its name, a progress bar, and "12 of 340 copies · 85 MB/s · about 3 min left". */
    private static final class DriveRow {
        final VBox box = new VBox(4);
        final ProgressBar bar = new ProgressBar(0);
        final Label line = new Label();

        DriveRow(String label, int index) {
            Label name = new Label(label, Icons.of(Material2OutlinedMZ.STORAGE));
            name.getStyleClass().addAll("verify-drive-name", Styles.TEXT_BOLD);
            name.setTextOverrun(OverrunStyle.ELLIPSIS);
            name.setMinWidth(0);
            line.getStyleClass().addAll("verify-drive-line", Styles.TEXT_MUTED);
            line.setTextOverrun(OverrunStyle.ELLIPSIS);
            line.setMinWidth(Region.USE_PREF_SIZE); // a long drive name gives way to the figures
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            HBox top = new HBox(8, name, spacer, line);
            top.setAlignment(Pos.CENTER_LEFT);
            bar.setMaxWidth(Double.MAX_VALUE);
            bar.setMinHeight(Region.USE_PREF_SIZE); // the tables give way, not the bars
            bar.getStyleClass().add("verify-drive-bar");
            box.getChildren().addAll(top, bar);
            box.getStyleClass().add("verify-drive");
            box.setMinHeight(Region.USE_PREF_SIZE);
            box.setId("verify-drive-" + index);
            box.setUserData(label);
        }

        void update(VerifyProgress.DriveSnapshot d, long problems) {
            bar.setProgress(d.state() == VerifyProgress.DriveSnapshot.State.WAITING ? 0 : d.fraction());
            bar.getStyleClass().removeAll(Styles.SUCCESS, Styles.WARNING, Styles.DANGER);
            if (d.state() == VerifyProgress.DriveSnapshot.State.FINISHED) {
                bar.getStyleClass().add(problems > 0 ? Styles.DANGER
                        : d.copiesChecked() < d.copiesTotal() ? Styles.WARNING : Styles.SUCCESS);
            }
            line.setText(VerifyResults.driveLine(d, problems));
        }
    }
}
