package app.triplicate.ui.importer;

import app.triplicate.core.CannotRunException;
import app.triplicate.core.CopyPolicy;
import app.triplicate.core.Durations;
import app.triplicate.core.LibraryLayout;
import app.triplicate.core.UsageException;
import app.triplicate.drives.DriveService;
import app.triplicate.ingest.IngestReport;
import app.triplicate.ingest.IngestService;
import app.triplicate.ingest.SessionPlanner;
import app.triplicate.progress.Cancellation;
import app.triplicate.progress.ProgressListener;
import app.triplicate.progress.TransferProgress;
import app.triplicate.settings.Settings;
import app.triplicate.ui.common.AppContext;
import app.triplicate.ui.common.Formats;
import app.triplicate.ui.common.Icons;
import app.triplicate.ui.common.Jobs;
import app.triplicate.ui.common.Poller;
import app.triplicate.ui.common.Theme;
import app.triplicate.ui.importer.ImportPlanModel.DriveChoice;
import app.triplicate.ui.importer.ImportPlanModel.SessionView;
import app.triplicate.ui.importer.ImportPlanModel.SplitPoint;
import app.triplicate.verify.CardCheckService;
import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.util.StringConverter;
import org.kordamp.ikonli.material2.Material2OutlinedAL;
import org.kordamp.ikonli.material2.Material2OutlinedMZ;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The import sheet for one card: its own window, owned by the main window but not modal, so the dashboard
 * stays usable. It reads the card's capture times, shows the proposed sessions (rename, merge, split), the
 * destination drives with the room each needs, copies with live progress and a Cancel, and ends with a
 * summary and the card's verdict: safe to format, or what is still missing. Every service call runs in the
 * background; progress is polled from the transfer's counters.
 */
final class ImportSheet {
    private enum State { READING, FAILED, PLAN, STARTING, IMPORTING, DONE }

    /** Flagged files listed per session before "Show all". */
    private static final int FLAGS_SHOWN = 4;

    private final AppContext context;
    private final ImportFlow flow;
    private final Path card;
    private final Stage stage = new Stage();
    private final BorderPane root = new BorderPane();
    private final Label title = new Label();
    private final Label subtitle = new Label();
    private final Button importButton = new Button("Import", Icons.of(Material2OutlinedAL.FILE_COPY));
    private final Button closeButton = new Button("Close");
    private final Button cancelButton = new Button("Stop import", Icons.of(Material2OutlinedMZ.STOP_CIRCLE));
    private final Label blocker = new Label();
    private final Label ready = new Label();
    private final Label notice = new Label();
    private final VBox sessionsBox = new VBox(10);
    private final VBox problemsBox = new VBox(4);
    private final VBox drivesBox = new VBox(6);
    private final Label planSummary = new Label();
    private final Map<String, SessionCard> sessionCards = new HashMap<>();
    private State state = State.READING;
    private ImportPlanModel model;
    private Duration gap;
    private String template;
    private long generation;
    private boolean replanning;
    private boolean startWhenPlanned;
    private Node planView;

    ImportSheet(AppContext context, ImportFlow flow, Path card) {
        this.context = context;
        this.flow = flow;
        this.card = card;
        root.setId("import-sheet");
        root.getStyleClass().add("import-sheet");
        root.setTop(header());
        root.setBottom(footer());

        Scene scene = new Scene(root, 860, 720);
        Theme.style(scene);
        stage.setScene(scene);
        stage.setTitle("Import " + cardName());
        stage.setMinWidth(620);
        stage.setMinHeight(480);
        stage.initModality(Modality.NONE);
        if (context.navigator().window() != null) {
            stage.initOwner(context.navigator().window());
        }
        // closing during a copy only hides the sheet: the import goes on (the status bar shows it) and the
        // sheet comes back with the summary
        stage.setOnHidden(e -> {
            if (state != State.IMPORTING && state != State.STARTING) {
                flow.closed(this);
            }
        });
        read();
    }

    String cardName() {
        Path name = card.getFileName();
        return name == null ? card.toString() : name.toString();
    }

    Path card() {
        return card;
    }

    void show() {
        stage.show();
        stage.toFront();
    }

    Stage stage() {
        return stage;
    }

    // ---- frame ----

    private Node header() {
        title.setText("Import " + cardName());
        title.getStyleClass().add(Styles.TITLE_3);
        title.setId("import-title");
        title.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
        subtitle.setText(card.toString());
        subtitle.getStyleClass().add(Styles.TEXT_MUTED);
        subtitle.setTextOverrun(OverrunStyle.LEADING_ELLIPSIS);
        VBox texts = new VBox(2, title, subtitle);
        texts.setMinWidth(0);
        HBox.setHgrow(texts, Priority.ALWAYS);
        Node icon = Icons.of(Material2OutlinedMZ.SD_CARD, 32);
        icon.getStyleClass().add("import-header-icon");
        HBox header = new HBox(12, icon, texts);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("import-header");
        return header;
    }

    private Node footer() {
        importButton.setId("import-start");
        importButton.getStyleClass().add(Styles.ACCENT);
        importButton.setDefaultButton(true);
        importButton.setDisable(true);
        importButton.setTooltip(new Tooltip("Copy the new files to every chosen drive at once, read each copy back "
                + "and compare it before it counts."));
        importButton.setOnAction(e -> startImport());
        closeButton.setId("import-close");
        closeButton.setCancelButton(true);
        closeButton.setOnAction(e -> stage.hide());
        cancelButton.setId("import-cancel");
        cancelButton.getStyleClass().add(Styles.DANGER);
        cancelButton.setTooltip(new Tooltip("Stop after the files being copied now. Nothing is lost: the next "
                + "import of this card carries on where this one stopped."));
        cancelButton.setVisible(false);
        cancelButton.setManaged(false);

        blocker.setId("import-blocker");
        blocker.getStyleClass().add("import-blocker");
        blocker.setWrapText(true);
        ready.setId("import-ready");
        ready.getStyleClass().add(Styles.TEXT_MUTED);
        ready.setWrapText(true);
        hideWhenEmpty(blocker);
        hideWhenEmpty(ready);
        VBox messages = new VBox(2, blocker, ready);
        messages.setAlignment(Pos.CENTER_LEFT);
        messages.setMinWidth(0);
        for (Button b : List.of(cancelButton, closeButton, importButton)) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox.setHgrow(messages, Priority.ALWAYS);
        HBox footer = new HBox(10, messages, cancelButton, closeButton, importButton);
        footer.setAlignment(Pos.CENTER_RIGHT);
        footer.getStyleClass().add("import-footer");
        return footer;
    }

    private void setBody(Node body) {
        root.setCenter(body);
    }

    // ---- reading the card ----

    private void read() {
        state = State.READING;
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setMaxSize(48, 48);
        Label text = new Label("Reading capture times...");
        text.getStyleClass().add(Styles.TITLE_4);
        VBox reading = new VBox(14, spinner, text);
        reading.setId("import-reading");
        reading.setAlignment(Pos.CENTER);
        setBody(reading);

        Settings settings = context.settings();
        try {
            gap = Durations.parse(settings.sessionGap());
            template = LibraryLayout.checkTemplate(settings.folderTemplate());
        } catch (IllegalArgumentException e) {
            fail("The settings cannot be used: " + e.getMessage() + " Fix them under Settings.");
            return;
        }
        IngestService.Request request = new IngestService.Request(card, Optional.empty(), List.of(), gap, template,
                List.of());
        context.background().run(() -> {
            SessionPlanner.Plan plan = context.services().ingest.scan(request);
            return new Loaded(plan, loadDrives(plan));
        }, this::showPlan, e -> fail(message(e)));
    }

    private record Loaded(SessionPlanner.Plan plan, DriveLoad drives) {
    }

    private record DriveLoad(List<DriveChoice> connected, List<String> missing) {
    }

    /** Connected working and backup drives with free space and what this card needs there (background). */
    private DriveLoad loadDrives(SessionPlanner.Plan plan) {
        List<DriveService.DriveState> all = context.services().drives.list();
        List<DriveService.DriveState> usable = all.stream()
                .filter(s -> s.connected() && s.location().role().receivesIngest()).toList();
        List<String> missing = all.stream()
                .filter(s -> !s.retired() && !s.connected() && s.location().role().receivesIngest())
                .map(s -> s.location().label()).toList();
        Map<UUID, Long> needed = context.services().ingest.bytesNeeded(plan,
                usable.stream().map(DriveService.DriveState::location).toList());
        List<DriveChoice> choices = usable.stream().map(s -> new DriveChoice(s.location().id(), s.location().label(),
                s.location().role(), s.connectedAt().orElseThrow(), s.freeBytes(),
                needed.getOrDefault(s.location().id(), 0L), true)).toList();
        return new DriveLoad(choices, missing);
    }

    /** A card that cannot be imported: the reason in words, nothing started. */
    private void fail(String text) {
        state = State.FAILED;
        Label message = new Label(text);
        message.setId("import-message");
        message.setWrapText(true);
        message.getStyleClass().add(Styles.TITLE_4);
        VBox box = new VBox(14, Icons.of(Material2OutlinedAL.ERROR_OUTLINE, 40), message);
        box.setAlignment(Pos.CENTER);
        box.setPadding(new Insets(40));
        box.setMaxWidth(640);
        setBody(new StackPane(box));
        importButton.setDisable(true);
        blocker.setText("");
        ready.setText("");
    }

    private void showPlan(Loaded loaded) {
        SessionPlanner.Plan plan = loaded.plan();
        if (plan.scan().media().isEmpty()) {
            List<String> unreadable = plan.scan().unreadable();
            if (!unreadable.isEmpty()) {
                fail("Could not read " + card + ": " + String.join("; ", unreadable.subList(0,
                        Math.min(3, unreadable.size()))));
            } else {
                int others = plan.scan().notMedia().size();
                fail("No pictures or videos found in " + card + "."
                        + (others > 0 ? " (" + Formats.count(others, "other file") + ", none of them a picture or "
                        + "video.)" : ""));
            }
            return;
        }
        model = new ImportPlanModel(card, plan);
        model.setDrives(loaded.drives().connected(), loaded.drives().missing());
        state = State.PLAN;
        planView = buildPlanView();
        setBody(planView);
        refreshPlan();
    }

    // ---- the plan ----

    private Node buildPlanView() {
        planSummary.setId("import-summary");
        planSummary.setWrapText(true);
        notice.setId("import-notice");
        notice.getStyleClass().add("import-blocker");
        notice.setWrapText(true);
        notice.setVisible(false);
        notice.setManaged(false);
        sessionsBox.setId("import-sessions");
        problemsBox.setId("import-problems");
        drivesBox.setId("import-drives");

        Button refresh = new Button("Look again", Icons.of(Material2OutlinedMZ.REFRESH));
        refresh.setId("drives-refresh");
        refresh.getStyleClass().add(Styles.FLAT);
        refresh.setTooltip(new Tooltip("Look for connected drives and their free space again."));
        refresh.setOnAction(e -> refreshDrives());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox drivesTitle = new HBox(8, section("Copy to"), spacer, refresh);
        drivesTitle.setAlignment(Pos.CENTER_LEFT);

        VBox content = new VBox(12, notice, planSummary, section("Sessions"), sessionsBox, problemsBox, drivesTitle,
                drivesBox);
        content.getStyleClass().add("import-body");
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setId("import-plan");
        return scroll;
    }

    private static void hideWhenEmpty(VBox box) {
        box.managedProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(box.getChildren()));
        box.visibleProperty().bind(box.managedProperty());
    }

    private static void hideWhenEmpty(Label label) {
        label.managedProperty().bind(label.textProperty().isNotEmpty());
        label.visibleProperty().bind(label.managedProperty());
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().addAll(Styles.TITLE_4, "import-section");
        return l;
    }

    private void refreshPlan() {
        SessionPlanner.Plan plan = model.plan();
        List<SessionView> views = model.sessions();
        int n = plan.files().size();
        planSummary.setText((n == 1 ? "1 picture or video" : n + " pictures and videos") + " · "
                + Formats.bytes(plan.scan().mediaBytes()) + " · " + Formats.count(views.size(), "session")
                + " · " + Formats.bytes(model.newBytes()) + " new. Sessions are split where pictures are more than "
                + Durations.format(plan.gap()) + " apart; merge or split them below.");
        List<Node> nodes = new ArrayList<>();
        for (SessionView v : views) {
            SessionCard c = sessionCards.computeIfAbsent(v.start(), SessionCard::new);
            c.update(v, views.size());
            nodes.add(c.box);
        }
        sessionCards.keySet().retainAll(views.stream().map(SessionView::start).toList());
        sessionsBox.getChildren().setAll(nodes);
        refreshProblems(plan);
        refreshDriveList();
        updateActions();
    }

    private void refreshProblems(SessionPlanner.Plan plan) {
        List<Node> lines = new ArrayList<>();
        for (String u : plan.scan().unreadable()) {
            lines.add(flagLine("Could not read " + u, "import-flag-bad"));
        }
        if (!plan.scan().notMedia().isEmpty()) {
            List<String> others = plan.scan().notMedia();
            lines.add(flagLine(Formats.count(others.size(), "other file") + " (not a picture or video) will be copied "
                    + "too, into the \"" + LibraryLayout.OTHER_FILES + "\" folder of the session of the nearest "
                    + "picture: " + String.join(", ", others.subList(0, Math.min(5, others.size())))
                    + (others.size() > 5 ? ", ..." : ""), "import-note"));
        }
        if (!plan.scan().skipped().isEmpty()) {
            lines.add(flagLine(Formats.count(plan.scan().skipped().size(), "item") + " skipped (system files and "
                    + "links): " + String.join(", ", plan.scan().skipped().subList(0,
                    Math.min(5, plan.scan().skipped().size()))), "import-note"));
        }
        problemsBox.getChildren().setAll(lines);
        if (!lines.isEmpty()) {
            problemsBox.getChildren().add(0, section("On the card"));
        }
    }

    private static Label flagLine(String text, String style) {
        Label l = new Label(text, Icons.of(style.equals("import-note") ? Material2OutlinedAL.INFO
                : Material2OutlinedMZ.WARNING));
        l.getStyleClass().add(style);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    private void refreshDriveList() {
        List<Node> rows = new ArrayList<>();
        List<DriveChoice> drives = model.drives();
        if (drives.isEmpty()) {
            Label none = new Label("No destination drive is connected. Connect a working or backup drive and press "
                    + "Look again, or add a drive under Drives.");
            none.setId("drives-none");
            none.setWrapText(true);
            none.getStyleClass().add("import-blocker");
            rows.add(none);
        }
        for (int i = 0; i < drives.size(); i++) {
            DriveChoice d = drives.get(i);
            CheckBox box = new CheckBox(d.label());
            box.setId("drive-" + i);
            box.setSelected(d.selected());
            box.setMinWidth(Region.USE_PREF_SIZE);
            box.getStyleClass().add(Styles.TEXT_BOLD);
            UUID id = d.id();
            box.selectedProperty().addListener((o, was, now) -> {
                model.select(id, now);
                refreshDriveList();
                updateActions();
            });
            box.setTooltip(new Tooltip("Copy to " + d.label() + " (" + d.role().word() + " drive at " + d.path() + ")."));
            Label detail = new Label(driveDetail(d));
            detail.setId("drive-detail-" + i);
            detail.setMinWidth(0);
            detail.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
            detail.getStyleClass().add(d.selected() && d.shortBy() > 0 ? "import-blocker" : Styles.TEXT_MUTED);
            HBox row = new HBox(10, box, detail);
            row.setAlignment(Pos.CENTER_LEFT);
            row.getStyleClass().add("import-drive");
            rows.add(row);
        }
        if (!model.notConnected().isEmpty()) {
            Label missing = new Label("Not connected: " + String.join(", ", model.notConnected()));
            missing.setId("drives-missing");
            missing.getStyleClass().add(Styles.TEXT_MUTED);
            missing.setWrapText(true);
            rows.add(missing);
        }
        drivesBox.getChildren().setAll(rows);
    }

    /** "backup · /media/me/Backup A · 120 GB free · needs 1.2 GB (1.1 GB short)". */
    static String driveDetail(DriveChoice d) {
        String free = d.freeBytes().map(f -> Formats.bytes(f) + " free").orElse("free space unknown");
        String needs = d.neededBytes() == 0 ? "holds every file already" : "needs " + Formats.bytes(d.neededBytes());
        String shortBy = d.shortBy() > 0 ? " (" + Formats.bytes(d.shortBy()) + " short)" : "";
        return d.role().word() + " · " + d.path() + " · " + free + " · " + needs + shortBy;
    }

    private void refreshDrives() {
        if (model == null) {
            return;
        }
        SessionPlanner.Plan plan = model.plan();
        context.background().run(() -> loadDrives(plan), load -> {
            model.setDrives(load.connected(), load.missing());
            refreshDriveList();
            updateActions();
        }, e -> showNotice("Could not look at the drives: " + message(e)));
    }

    /** Called by the flow when an import starts or ends anywhere. */
    void importsChanged() {
        updateActions();
    }

    private void updateActions() {
        if (state != State.PLAN || model == null) {
            return;
        }
        Optional<String> why = model.blocker().or(() -> flow.otherImport(this)
                .map(other -> "Another import is running (" + other + "). Start this one when it has finished."));
        blocker.setText(why.orElse(""));
        List<DriveChoice> to = model.selectedDrives();
        ready.setText(why.isPresent() || replanning ? "" : "Copies " + Formats.bytes(model.newBytes()) + " of new files to "
                + ImportTexts.andList(to.stream().map(DriveChoice::label).toList())
                + ", reading every copy back before it counts.");
        importButton.setDisable(why.isPresent());
        sessionCards.values().forEach(c -> c.setEditable(!replanning));
    }

    private void showNotice(String text) {
        notice.setText(text);
        notice.setVisible(!text.isEmpty());
        notice.setManaged(!text.isEmpty());
    }

    /** Plans again after a merge, split or rename: no card file is read, only the catalog. */
    private void replan() {
        long mine = ++generation;
        replanning = true;
        updateActions();
        IngestService.Request request = model.request(gap, template);
        SessionPlanner.Plan previous = model.plan();
        context.background().run(() -> context.services().ingest.replan(previous, request), plan -> {
            if (mine != generation) {
                return;
            }
            replanning = false;
            model.setPlan(plan);
            refreshPlan();
            if (startWhenPlanned) {
                startWhenPlanned = false;
                startImport();
            }
        }, e -> {
            if (mine == generation) {
                replanning = false;
                startWhenPlanned = false;
                showNotice(message(e));
                updateActions();
            }
        });
    }

    /** One proposed session: its name, times, cameras, files, notes and flagged files; merge and split. */
    private final class SessionCard {
        final String start;
        final VBox box = new VBox(6);
        final TextField name = new TextField();
        final Label kind = new Label();
        final Label when = new Label();
        final Label files = new Label();
        final VBox notes = new VBox(2);
        final VBox flags = new VBox(2);
        final Button merge = new Button("Merge with next", Icons.of(Material2OutlinedAL.CALL_MERGE));
        final Button split = new Button("Split...", Icons.of(Material2OutlinedAL.CALL_SPLIT));
        final ComboBox<SplitPoint> splitChoice = new ComboBox<>();
        final Button splitConfirm = new Button("Split here");
        final Button splitCancel = new Button("Cancel");
        final HBox splitRow;
        SessionView view;

        SessionCard(String start) {
            this.start = start;
            box.getStyleClass().add("import-session");
            name.getStyleClass().add("import-session-name");
            name.setTooltip(new Tooltip("The session's name; its library folder is named after it."));
            name.setOnAction(e -> {
                e.consume(); // Enter renames; it does not start the import
                commitName();
            });
            name.focusedProperty().addListener((o, was, now) -> {
                if (!now) {
                    commitName();
                }
            });
            HBox.setHgrow(name, Priority.ALWAYS);
            name.setMinWidth(220);
            kind.getStyleClass().add("import-kind");
            kind.setMinWidth(0);
            kind.setMaxWidth(260);
            kind.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
            merge.setMinWidth(Region.USE_PREF_SIZE);
            split.setMinWidth(Region.USE_PREF_SIZE);
            HBox top = new HBox(8, name, kind, merge, split);
            top.setAlignment(Pos.CENTER_LEFT);
            when.setTextOverrun(OverrunStyle.ELLIPSIS);
            when.setMinWidth(0);
            files.setMinWidth(0);

            merge.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
            merge.setTooltip(new Tooltip("Make this session and the next one a single session."));
            merge.setOnAction(e -> {
                commitName();
                model.mergeWithNext(view.index());
                replan();
            });
            split.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
            split.setTooltip(new Tooltip("Start a new session at a picture you choose (the longest pause is "
                    + "suggested)."));
            split.setOnAction(e -> openSplit());

            splitChoice.setConverter(new StringConverter<>() {
                @Override
                public String toString(SplitPoint p) {
                    return p == null ? "" : p.describe();
                }

                @Override
                public SplitPoint fromString(String s) {
                    return null;
                }
            });
            splitChoice.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(splitChoice, Priority.ALWAYS);
            splitConfirm.getStyleClass().addAll(Styles.SMALL, Styles.ACCENT);
            splitConfirm.setOnAction(e -> {
                SplitPoint p = splitChoice.getValue();
                if (p != null) {
                    commitName();
                    model.split(view.index(), p);
                    closeSplit();
                    replan();
                }
            });
            splitCancel.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
            splitConfirm.setMinWidth(Region.USE_PREF_SIZE);
            splitCancel.setMinWidth(Region.USE_PREF_SIZE);
            splitChoice.setMinWidth(0);
            splitChoice.setPrefWidth(200);
            splitCancel.setOnAction(e -> closeSplit());
            Label at = new Label("New session starts at");
            at.setMinWidth(Region.USE_PREF_SIZE);
            splitRow = new HBox(8, at, splitChoice, splitConfirm, splitCancel);
            splitRow.setAlignment(Pos.CENTER_LEFT);
            closeSplit();

            hideWhenEmpty(notes);
            hideWhenEmpty(flags);
            box.getChildren().addAll(top, when, files, notes, flags, splitRow);
        }

        void update(SessionView v, int count) {
            view = v;
            int i = v.index();
            box.setId("session-" + i);
            name.setId("session-name-" + i);
            kind.setId("session-kind-" + i);
            when.setId("session-when-" + i);
            files.setId("session-files-" + i);
            flags.setId("session-flags-" + i);
            merge.setId("merge-" + i);
            split.setId("split-" + i);
            splitChoice.setId("split-choice-" + i);
            splitConfirm.setId("split-confirm-" + i);
            if (!name.isFocused()) {
                name.setText(v.name());
            }
            // files that join a session of the library keep its name, unless the user typed the name that joined it
            name.setDisable(v.joins().isPresent() && !v.edited());
            name.setPromptText(v.proposedName());
            kind.setText(v.joins().map(n -> "adds to " + n).orElse("new session"));
            kind.getStyleClass().removeAll("import-kind-new", "import-kind-joins");
            kind.getStyleClass().add(v.joins().isPresent() ? "import-kind-joins" : "import-kind-new");
            kind.setTooltip(new Tooltip(v.joins().map(n -> "These files join your existing session \"" + n
                    + "\" (they were taken with it, or some were imported into it before).")
                    .orElse("A new session in your library.")));
            when.setText(v.whenText());
            files.setText(v.filesText());
            List<Node> noteLines = new ArrayList<>();
            v.notes().forEach(n -> noteLines.add(flagLine(n, "import-note")));
            notes.getChildren().setAll(noteLines);
            showFlags(v, false);
            merge.setDisable(i >= count - 1);
            split.setDisable(v.shots() < 2);
        }

        /** Takes the typed name into the model; true when it changed. */
        boolean takeName() {
            if (view == null) {
                return false;
            }
            String typed = name.getText() == null ? "" : name.getText().strip();
            String current = view.edited() ? view.name() : "";
            String wanted = typed.equals(view.proposedName()) && !view.edited() ? "" : typed;
            if (wanted.equals(current)) {
                return false;
            }
            model.rename(start, wanted);
            return true;
        }

        private void commitName() {
            if (takeName()) {
                replan();
            }
        }

        void setEditable(boolean editable) {
            if (view != null) {
                merge.setDisable(!editable || !model.canMerge(view.index()));
                split.setDisable(!editable || view.shots() < 2);
                splitConfirm.setDisable(!editable);
            }
        }

        /** The flagged files: the first few, or all of them (up to the list limit) when asked. */
        private void showFlags(SessionView v, boolean all) {
            List<Node> flagLines = new ArrayList<>();
            if (!v.flags().isEmpty()) {
                Label head = new Label(Formats.count(v.flags().size(), "file") + " with a capture time to check:");
                head.getStyleClass().add("import-flag");
                flagLines.add(head);
                List<String> lines = ImportTexts.limit(v.flags().stream()
                        .map(f -> f.path().substring(f.path().lastIndexOf('/') + 1) + " — " + f.reason()).toList());
                int shown = all ? lines.size() : Math.min(FLAGS_SHOWN, lines.size());
                lines.subList(0, shown).forEach(l -> flagLines.add(flagLine(l, "import-flag")));
                if (shown < lines.size()) {
                    Hyperlink more = new Hyperlink("Show all " + v.flags().size());
                    more.setId("session-flags-more-" + v.index());
                    more.setOnAction(e -> showFlags(v, true));
                    flagLines.add(more);
                }
            }
            flags.getChildren().setAll(flagLines);
        }

        private void openSplit() {
            List<SplitPoint> points = model.splitPoints(view.index());
            splitChoice.getItems().setAll(points);
            model.suggestedSplit(view.index()).ifPresent(splitChoice::setValue);
            splitRow.setVisible(true);
            splitRow.setManaged(true);
        }

        private void closeSplit() {
            splitRow.setVisible(false);
            splitRow.setManaged(false);
        }
    }

    // ---- the import ----

    private void startImport() {
        if (state != State.PLAN) {
            return;
        }
        // a name still being typed counts; the plan shown then follows it before the copy starts
        boolean renamed = false;
        for (SessionCard c : sessionCards.values()) {
            renamed |= c.takeName();
        }
        if (renamed) {
            replan();
        }
        if (replanning) {
            startWhenPlanned = true;
            importButton.setDisable(true);
            return;
        }
        state = State.STARTING;
        importButton.setDisable(true);
        ready.setText("Checking the drives...");
        SessionPlanner.Plan plan = model.plan();
        // free space is checked again now: a drive may have filled up or gone since the sheet opened
        context.background().run(() -> loadDrives(plan), load -> {
            model.setDrives(load.connected(), load.missing());
            state = State.PLAN;
            refreshDriveList();
            updateActions();
            if (model.blocker().isEmpty() && flow.otherImport(this).isEmpty()) {
                runImport(model.request(gap, template), model.selectedDrives());
            }
        }, e -> {
            state = State.PLAN;
            showNotice("Could not look at the drives: " + message(e));
            updateActions();
        });
    }

    private record Outcome(IngestReport report, CardCheckService.Verdict verdict, String verdictProblem) {
    }

    private void runImport(IngestService.Request request, List<DriveChoice> to) {
        state = State.IMPORTING;
        showNotice("");
        Cancellation cancellation = new Cancellation();
        Jobs.Job job = context.jobs().start("Importing " + cardName(), cancellation);
        flow.importStarted(this);
        AtomicReference<TransferProgress> progress = new AtomicReference<>();
        ProgressView view = new ProgressView(to);
        setBody(view.root);
        importButton.setVisible(false);
        importButton.setManaged(false);
        closeButton.setVisible(false);
        closeButton.setManaged(false);
        closeButton.setCancelButton(false);
        cancelButton.setVisible(true);
        cancelButton.setManaged(true);
        cancelButton.setDisable(false);
        cancelButton.setOnAction(e -> {
            cancellation.cancel();
            cancelButton.setDisable(true);
            cancelButton.setText("Stopping...");
            view.overallText.setText("Stopping after the files being copied now...");
        });
        blocker.setText("");
        ready.setText("You can keep using Triplicate while this runs; closing this window does not stop the import.");
        Poller poller = Poller.start(() -> view.update(progress.get(), job, cancellation.isCancelled()));
        CopyPolicy policy = context.settings().policy();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void started(TransferProgress p) {
                progress.set(p);
            }
        };
        context.background().run(() -> {
            IngestReport report = context.services().ingest.ingest(request, listener, cancellation);
            CardCheckService.AfterImport after = context.services().cardCheck.checkAfterImport(card, policy);
            context.afterWork("ingest");
            return new Outcome(report, after.verdict(), after.problem());
        }, outcome -> {
            poller.stop();
            view.update(progress.get(), job, cancellation.isCancelled());
            finish(job);
            showDone(outcome);
        }, e -> {
            poller.stop();
            finish(job);
            state = State.PLAN;
            restorePlanButtons();
            setBody(planView);
            showNotice("The import stopped: " + message(e) + " Files already copied are kept; press Import to "
                    + "carry on.");
            refreshDrives();
            updateActions();
        });
    }

    private void finish(Jobs.Job job) {
        context.jobs().finished(job);
        flow.importEnded(this);
        context.catalogChanged();
        cancelButton.setVisible(false);
        cancelButton.setManaged(false);
        cancelButton.setText("Stop import");
        if (!stage.isShowing()) {
            show();
        }
    }

    private void restorePlanButtons() {
        importButton.setVisible(true);
        importButton.setManaged(true);
        closeButton.setVisible(true);
        closeButton.setManaged(true);
        closeButton.setCancelButton(true);
    }

    /** Overall and per-drive progress, filled from the transfer's counters a few times a second. */
    private final class ProgressView {
        final VBox root = new VBox(14);
        final ProgressBar overall = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
        final Label overallText = new Label("Reading the card and checking what is already copied...");
        final List<ProgressBar> bars = new ArrayList<>();
        final List<Label> texts = new ArrayList<>();

        ProgressView(List<DriveChoice> to) {
            Label head = new Label("Copying " + cardName());
            head.getStyleClass().add(Styles.TITLE_3);
            overall.setId("import-progress");
            overall.setMaxWidth(Double.MAX_VALUE);
            overall.getStyleClass().add(Styles.LARGE);
            overallText.setId("import-progress-text");
            root.getChildren().addAll(head, overall, overallText, section("Drives"));
            for (int i = 0; i < to.size(); i++) {
                Label name = new Label(to.get(i).label(), Icons.of(Material2OutlinedMZ.STORAGE));
                name.getStyleClass().add(Styles.TEXT_BOLD);
                ProgressBar bar = new ProgressBar(0);
                bar.setId("lane-progress-" + i);
                bar.setMaxWidth(Double.MAX_VALUE);
                Label text = new Label("waiting");
                text.setId("lane-text-" + i);
                text.getStyleClass().add(Styles.TEXT_MUTED);
                bars.add(bar);
                texts.add(text);
                root.getChildren().add(new VBox(4, name, bar, text));
            }
            root.setId("import-progress-view");
            root.getStyleClass().add("import-body");
        }

        void update(TransferProgress p, Jobs.Job job, boolean stopping) {
            if (p == null) {
                return; // still scanning the card and clearing up after an earlier interrupted copy
            }
            TransferProgress.Snapshot s = p.snapshot();
            ImportTexts.Line line = ImportTexts.overall(s);
            overall.setProgress(line.fraction());
            if (!stopping) {
                overallText.setText(line.text());
            }
            for (int i = 0; i < s.lanes().size() && i < bars.size(); i++) {
                ImportTexts.Line lane = ImportTexts.lane(s.lanes().get(i), s.totalFiles(), s.totalBytes());
                bars.get(i).setProgress(lane.fraction());
                texts.get(i).setText(lane.text());
            }
            job.setMessage(ImportTexts.jobMessage(cardName(), line.fraction()));
        }
    }

    // ---- the end ----

    private void showDone(Outcome o) {
        state = State.DONE;
        IngestReport r = o.report();
        VBox content = new VBox(12);
        content.getStyleClass().add("import-body");
        content.setId("import-done");

        Label verdict = new Label();
        verdict.setId("card-verdict");
        verdict.getStyleClass().addAll("card-verdict", Styles.TITLE_1);
        Label verdictDetail = new Label();
        verdictDetail.setId("card-verdict-detail");
        verdictDetail.setWrapText(true);
        VBox lacking = new VBox(2);
        lacking.setId("verdict-lacking");
        if (o.verdict() != null) {
            CardCheckService.Verdict v = o.verdict();
            verdict.setText(ImportTexts.verdict(v));
            verdict.setGraphic(Icons.of(v.safe() ? Material2OutlinedAL.CHECK_CIRCLE : Material2OutlinedMZ.WARNING, 36));
            verdict.getStyleClass().addAll(v.safe() ? Styles.SUCCESS : Styles.WARNING,
                    v.safe() ? "card-verdict-safe" : "card-verdict-not-safe");
            verdictDetail.setText(ImportTexts.verdictDetail(v));
            ImportTexts.lacking(v).forEach(l -> lacking.getChildren().add(flagLine(l, "import-flag")));
        } else {
            verdict.setText("Not safe to format yet");
            verdict.setGraphic(Icons.of(Material2OutlinedMZ.WARNING, 36));
            verdict.getStyleClass().addAll(Styles.WARNING, "card-verdict-not-safe");
            verdictDetail.setText("The card could not be checked: " + o.verdictProblem());
        }
        content.getChildren().addAll(verdict, verdictDetail, lacking);

        Label headline = new Label(ImportTexts.headline(r));
        headline.setId("import-result");
        headline.getStyleClass().add(Styles.TITLE_3);
        content.getChildren().add(headline);
        if (r.cancelled()) {
            Label stopped = new Label(ImportTexts.stoppedNote());
            stopped.setId("import-stopped");
            stopped.setWrapText(true);
            content.getChildren().add(stopped);
        }
        Label copied = new Label(ImportTexts.copied(r));
        copied.setId("summary-copied");
        Label already = new Label(ImportTexts.alreadyThere(r));
        already.setId("summary-already");
        content.getChildren().addAll(copied, already);
        VBox drives = new VBox(2);
        ImportTexts.perDrive(r).forEach(l -> {
            Label d = new Label(l, Icons.of(Material2OutlinedMZ.STORAGE));
            d.getStyleClass().add(Styles.TEXT_MUTED);
            drives.getChildren().add(d);
        });
        content.getChildren().add(drives);

        List<String> failures = ImportTexts.failures(r);
        VBox failed = new VBox(2);
        failed.setId("summary-failed");
        if (!failures.isEmpty()) {
            failed.getChildren().add(section(r.failed().size() == 1 ? "1 copy failed"
                    : r.failed().size() + " copies failed"));
            failures.forEach(f -> failed.getChildren().add(flagLine(f, "import-flag-bad")));
        }
        List<String> warnings = ImportTexts.warnings(r);
        VBox warned = new VBox(2);
        warned.setId("summary-warnings");
        if (!warnings.isEmpty()) {
            warned.getChildren().add(section("Good to know"));
            warnings.forEach(w -> warned.getChildren().add(flagLine(w, "import-note")));
        }
        content.getChildren().addAll(failed, warned);

        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        setBody(scroll);

        blocker.setText("");
        ready.setText(r.cancelled() ? "" : "Imported in " + seconds(r.elapsed()) + ".");
        importButton.setVisible(false);
        importButton.setManaged(false);
        closeButton.setVisible(true);
        closeButton.setManaged(true);
        closeButton.setCancelButton(true);
        closeButton.setDefaultButton(true);
    }

    private static String seconds(Duration d) {
        long s = Math.max(1, Math.round(d.toMillis() / 1000.0));
        return s < 60 ? s + " s" : (s / 60) + " min " + (s % 60) + " s";
    }

    /** A failure in words: the service's own message when it is one meant for the user. */
    static String message(Throwable e) {
        Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (c instanceof UsageException || c instanceof CannotRunException) {
            return c.getMessage();
        }
        return c.getMessage() != null ? c.getMessage() : c.toString();
    }
}
