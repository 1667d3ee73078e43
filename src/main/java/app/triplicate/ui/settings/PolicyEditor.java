package app.triplicate.ui.settings;

import app.triplicate.core.CopyPolicy;
import app.triplicate.settings.SettingsCheck;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.ObjectBinding;
import javafx.geometry.HPos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.Optional;

/**
 * The copy policy as three spinners: target copies, offsite copies, and copies before a card is safe to
 * format, checked together (offsite and before-format are part of the target). Used by Settings and by
 * the first-run page.
 */
public final class PolicyEditor {
    private final VBox root = new VBox(8);
    private final Spinner<Integer> target = spinner("policy-target");
    private final Spinner<Integer> offsite = spinner("policy-offsite");
    private final Spinner<Integer> beforeFormat = spinner("policy-before-format");
    private final Label problem = new Label();
    private final ObjectBinding<Optional<String>> check;
    private final ObjectBinding<CopyPolicy> policy;
    private final BooleanBinding valid;

    public PolicyEditor(CopyPolicy initial) {
        set(initial);
        target.setTooltip(new Tooltip("How many verified copies every file should have, on different drives."));
        offsite.setTooltip(new Tooltip("How many of those copies should be on drives kept in another building."));
        beforeFormat.setTooltip(new Tooltip("How many verified copies a card's files need before Triplicate "
                + "says the card is safe to format."));

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        ColumnConstraints names = new ColumnConstraints();
        names.setHgrow(Priority.NEVER);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHalignment(HPos.LEFT);
        grid.getColumnConstraints().setAll(names, fields);
        grid.addRow(0, name("Copies of every file"), target);
        grid.addRow(1, name("Of which offsite"), offsite);
        grid.addRow(2, name("Copies before a card is safe to format"), beforeFormat);

        check = Bindings.createObjectBinding(() -> SettingsCheck.policy(target.getValue(), offsite.getValue(),
                beforeFormat.getValue()), target.valueProperty(), offsite.valueProperty(), beforeFormat.valueProperty());
        policy = Bindings.createObjectBinding(() -> new CopyPolicy(target.getValue(), offsite.getValue(),
                beforeFormat.getValue()), target.valueProperty(), offsite.valueProperty(), beforeFormat.valueProperty());
        valid = Bindings.createBooleanBinding(() -> check.get().isEmpty(), check);
        problem.setId("policy-problem");
        problem.getStyleClass().add("form-problem");
        problem.setWrapText(true);
        problem.textProperty().bind(Bindings.createStringBinding(() -> check.get().orElse(""), check));
        problem.visibleProperty().bind(problem.textProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        root.getChildren().setAll(grid, problem);
    }

    private static Label name(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMaxWidth(230);
        return l;
    }

    public Node node() {
        return root;
    }

    public void set(CopyPolicy p) {
        target.getValueFactory().setValue(p.targetCopies());
        offsite.getValueFactory().setValue(p.offsiteCopies());
        beforeFormat.getValueFactory().setValue(p.copiesBeforeFormat());
    }

    /** The policy as set now (check {@link #valid()} first). */
    public CopyPolicy policy() {
        return policy.get();
    }

    public ObjectBinding<CopyPolicy> policyBinding() {
        return policy;
    }

    /** True when the three values make a policy (offsite and before-format within the target, at least 1). */
    public BooleanBinding valid() {
        return valid;
    }

    /**
     * A spinner from 0 to 9 that takes a typed digit at once (a bare spinner commits typed text only on
     * Enter); values the policy does not allow, such as 0 copies, are explained rather than refused.
     */
    private static Spinner<Integer> spinner(String id) {
        Spinner<Integer> s = new Spinner<>(new SpinnerValueFactory.IntegerSpinnerValueFactory(0,
                SettingsCheck.MAX_COPIES, 0));
        s.setId(id);
        s.setEditable(true);
        s.setPrefWidth(90);
        s.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        s.getEditor().setTextFormatter(new TextFormatter<>(c -> c.getControlNewText().matches("\\d?") ? c : null));
        s.getEditor().textProperty().addListener((o, was, text) -> {
            if (!text.isEmpty() && !Integer.valueOf(text).equals(s.getValue())) {
                s.getValueFactory().setValue(Integer.valueOf(text));
            }
        });
        s.getEditor().focusedProperty().addListener((o, was, focused) -> {
            if (!focused && s.getEditor().getText().isEmpty()) {
                s.getEditor().setText(Integer.toString(s.getValue()));
            }
        });
        return s;
    }
}
