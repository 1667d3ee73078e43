package app.triplicate.ui.settings;

import app.triplicate.settings.Settings;
import app.triplicate.settings.SettingsCheck;
import app.triplicate.ui.common.AppContext;
import app.triplicate.ui.common.Pages;
import app.triplicate.ui.common.Icons;
import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.material2.Material2OutlinedAL;
import org.kordamp.ikonli.material2.Material2OutlinedMZ;

import java.util.Locale;
import java.util.Optional;

/**
 * Settings: the copy policy, the session gap, the library folder template (with a live example) and the
 * theme. Every value is checked as it is typed; Save writes them all at once. The theme applies and is
 * saved at once, so the user sees what they chose.
 */
public final class SettingsView {
    private final AppContext context;
    private final BorderPane root = new BorderPane();
    private final PolicyEditor policy;
    private final RemoteEditor remote;
    private final TextField gap = new TextField();
    private final Label gapProblem = problemLabel("settings-gap-problem");
    private final TextField scrub = new TextField();
    private final Label scrubProblem = problemLabel("settings-scrub-problem");
    private final TextField uploadLimit = new TextField();
    private final Label uploadLimitProblem = problemLabel("settings-upload-limit-problem");
    private final TextField template = new TextField();
    private final Label templateExample = new Label();
    private final Label templateProblem = problemLabel("settings-template-problem");
    private final ToggleGroup theme = new ToggleGroup();
    private final ToggleButton light = new ToggleButton("Light", Icons.of(Material2OutlinedMZ.WB_SUNNY));
    private final ToggleButton dark = new ToggleButton("Dark", Icons.of(Material2OutlinedMZ.NIGHTS_STAY));
    private final Button save = new Button("Save", Icons.of(Material2OutlinedMZ.SAVE));
    private final Button revert = new Button("Revert");
    private final Label status = new Label();
    /** The settings the form started from (the saved ones); Save enables when the form differs. */
    private final ObjectProperty<Settings> saved = new SimpleObjectProperty<>();
    private final BooleanProperty justSaved = new SimpleBooleanProperty();
    private final BooleanBinding valid;
    private final BooleanBinding changed;

    public SettingsView(AppContext context) {
        this.context = context;
        Settings current = context.settings().withDefaults();
        saved.set(current);
        policy = new PolicyEditor(current.policy());
        remote = new RemoteEditor(context);

        Label title = new Label("Settings");
        title.getStyleClass().add(Styles.TITLE_2);
        VBox left = new VBox(22,
                section("Copy policy", "What counts as safe: Triplicate shows every session against this target.",
                        policy.node()),
                section("Sessions", "A new session starts where two consecutive pictures are further apart than "
                        + "the session gap.", gapEditor()),
                section("Offsite uploads", "The most the uploads to the remote may send a second, all files "
                        + "together, so they leave room on your connection. Empty: as fast as the connection goes.",
                        uploadLimitEditor()),
                section("Verify schedule", "A session whose copies were last verified longer ago than this is "
                        + "shown as due for a verify.", scrubEditor()));
        VBox right = new VBox(22,
                section("Library folders", "Where each session's files go on every drive. Applies to sessions "
                        + "imported from now on; files already copied stay where they are.", templateEditor()),
                section("Appearance", "Light or dark; the window changes at once.", themeEditor()),
                section("Offsite remote", "Where the offsite copy goes: an SFTP server or S3-compatible storage. "
                        + "After each import Triplicate uploads in the background, checks every file there, and "
                        + "counts it as an offsite copy. It has its own Save button.", remote.node())
        );
        left.setMinWidth(320);
        right.setMinWidth(320);
        HBox.setHgrow(left, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        left.setPrefWidth(420);
        right.setPrefWidth(420);

        VBox page = new VBox(18, title);
        page.getStyleClass().add("settings-page");
        page.setPadding(new Insets(20, 28, 24, 28));
        page.setMaxWidth(1040);
        ScrollPane scroll = Pages.twoColumns(page, left, right, 760, 32, 22);
        root.setCenter(scroll);
        root.setBottom(buttons());
        root.getStyleClass().add("settings-view");
        root.setId("settings");

        load(current);
        valid = Bindings.createBooleanBinding(() -> form().isPresent(),
                gap.textProperty(), template.textProperty(), uploadLimit.textProperty(), scrub.textProperty(),
                policy.policyBinding());
        changed = Bindings.createBooleanBinding(() -> form().map(f -> !same(f, saved.get())).orElse(true),
                gap.textProperty(), template.textProperty(), uploadLimit.textProperty(), scrub.textProperty(),
                policy.policyBinding(), saved);
        changed.addListener((o, a, b) -> justSaved.set(false));
        save.disableProperty().bind(valid.not().or(changed.not()));
        revert.disableProperty().bind(changed.not());
        status.textProperty().bind(Bindings.createStringBinding(() -> !valid.get() ? "Fix the problems above to save."
                : changed.get() ? "Not saved yet." : justSaved.get() ? "Saved." : "", valid, changed, justSaved));
    }

    public Node node() {
        return root;
    }

    private static Label problemLabel(String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("form-problem");
        l.setWrapText(true);
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    private static VBox section(String title, String explanation, Node body) {
        Label t = new Label(title);
        t.getStyleClass().addAll(Styles.TITLE_4, "settings-section-title");
        Label e = new Label(explanation);
        e.getStyleClass().add("muted");
        e.setWrapText(true);
        VBox box = new VBox(8, t, e, body);
        box.getStyleClass().add("settings-section");
        box.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        return box;
    }

    private Node gapEditor() {
        return shortField(gap, "settings-gap", "3h", "Whole numbers with d, h, m or s, at least 1m: 90m, 3h, 1h30m, 1d.",
                "For example 90m, 3h or 1d.", SettingsCheck::sessionGap, gapProblem);
    }

    private Node scrubEditor() {
        return shortField(scrub, "settings-scrub", "30d", "Whole numbers with d or h, at least 1d: 30d, 14d.",
                "For example 30d or 14d.", SettingsCheck::scrubInterval, scrubProblem);
    }

    private Node uploadLimitEditor() {
        return shortField(uploadLimit, "settings-upload-limit", "no limit",
                "A number with kB/s, MB/s or GB/s (decimal units): 500kB/s, 5MB/s.",
                "For example 5MB/s; empty for no limit.", SettingsCheck::uploadLimit, uploadLimitProblem);
    }

    /** A short value checked as it is typed, with a hint beside it and what is wrong below it. */
    private static Node shortField(TextField field, String id, String prompt, String tooltip, String hintText,
                                   java.util.function.Function<String, Optional<String>> check, Label problem) {
        field.setId(id);
        field.setPrefColumnCount(8);
        field.setMaxWidth(140);
        field.setPromptText(prompt);
        field.setTooltip(new Tooltip(tooltip));
        field.textProperty().addListener((o, a, b) -> problem.setText(check.apply(b).orElse("")));
        Label hint = new Label(hintText);
        hint.getStyleClass().addAll("muted", Styles.TEXT_SMALL);
        return new VBox(6, new HBox(10, field, hint), problem);
    }

    private Node templateEditor() {
        template.setId("settings-template");
        template.setPrefColumnCount(36);
        template.setTooltip(new Tooltip("Tokens: {yyyy} {MM} {dd} (the day of the session's first picture), "
                + "{session} (its name) and {camera}. Use / between folders."));
        templateExample.setId("settings-template-example");
        templateExample.getStyleClass().add("settings-example");
        templateExample.setWrapText(true);
        templateExample.visibleProperty().bind(templateExample.textProperty().isNotEmpty());
        templateExample.managedProperty().bind(templateExample.visibleProperty());
        template.textProperty().addListener((o, a, b) -> {
            templateProblem.setText(SettingsCheck.folderTemplate(b).orElse(""));
            templateExample.setText(SettingsCheck.exampleFolder(b).map(f -> "<drive>/" + f).orElse(""));
        });
        Label tokens = new Label("Tokens: {yyyy} {MM} {dd} {session} {camera}; it needs {session} or the date down "
                + "to {dd}, so sessions do not share a folder.");
        tokens.getStyleClass().addAll("muted", Styles.TEXT_SMALL);
        tokens.setWrapText(true);
        Label exampleCaption = new Label("For example, a session \"" + SettingsCheck.SAMPLE_SESSION + "\" shot with a "
                + SettingsCheck.SAMPLE_CAMERA + " goes to:");
        exampleCaption.getStyleClass().addAll("muted", Styles.TEXT_SMALL);
        exampleCaption.setWrapText(true);
        exampleCaption.visibleProperty().bind(templateExample.visibleProperty());
        exampleCaption.managedProperty().bind(templateExample.visibleProperty());
        return new VBox(6, template, tokens, new VBox(2, exampleCaption, templateExample), templateProblem);
    }

    private Node themeEditor() {
        light.setId("theme-light");
        dark.setId("theme-dark");
        light.setToggleGroup(theme);
        dark.setToggleGroup(theme);
        light.getStyleClass().add(Styles.LEFT_PILL);
        dark.getStyleClass().add(Styles.RIGHT_PILL);
        (context.settings().withDefaults().theme().equals("dark") ? dark : light).setSelected(true);
        theme.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true); // one of the two is always chosen
                return;
            }
            String chosen = now == dark ? "dark" : "light";
            if (!chosen.equals(context.settings().withDefaults().theme())) {
                // saved on top of the saved settings: unsaved edits above stay unsaved
                context.saveSettings(context.settings().withTheme(chosen), () -> saved.set(context.settings()));
            }
        });
        return new HBox(0, light, dark);
    }

    private Node buttons() {
        save.setId("settings-save");
        save.getStyleClass().add(Styles.ACCENT);
        save.setDefaultButton(true);
        save.setOnAction(e -> save());
        revert.setId("settings-revert");
        revert.setTooltip(new Tooltip("Put back the saved settings."));
        revert.setOnAction(e -> load(saved.get()));
        status.setId("settings-status");
        status.getStyleClass().add("muted");
        HBox row = new HBox(10, save, revert, status);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("settings-footer");
        return row;
    }

    private void load(Settings s) {
        Settings d = s.withDefaults();
        policy.set(d.policy());
        gap.setText(d.sessionGap());
        template.setText(d.folderTemplate());
        uploadLimit.setText(d.uploadLimit() == null ? "" : d.uploadLimit());
        scrub.setText(d.scrubInterval());
    }

    /** The form's values on top of the saved settings, when every one of them is valid. */
    private Optional<Settings> form() {
        if (!policy.valid().get() || SettingsCheck.sessionGap(gap.getText()).isPresent()
                || SettingsCheck.folderTemplate(template.getText()).isPresent()
                || SettingsCheck.uploadLimit(uploadLimit.getText()).isPresent()
                || SettingsCheck.scrubInterval(scrub.getText()).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(context.settings().withPolicy(policy.policy())
                .withSessionGap(gap.getText().strip().toLowerCase(Locale.ROOT))
                .withFolderTemplate(template.getText().strip())
                .withUploadLimit(uploadLimit.getText())
                .withScrubInterval(scrub.getText().strip().toLowerCase(Locale.ROOT)));
    }

    private static boolean same(Settings a, Settings b) {
        Settings x = a.withDefaults();
        Settings y = b.withDefaults();
        return x.policy().equals(y.policy()) && x.sessionGap().equals(y.sessionGap())
                && x.folderTemplate().equals(y.folderTemplate())
                && java.util.Objects.equals(x.uploadLimit(), y.uploadLimit())
                && x.scrubInterval().equals(y.scrubInterval());
    }

    private void save() {
        Optional<Settings> updated = form();
        if (updated.isEmpty()) {
            return; // the problems are shown next to the fields
        }
        context.saveSettings(updated.get(), () -> {
            saved.set(context.settings());
            load(context.settings());
            justSaved.set(true);
        });
    }
}
