package app.triplicate.ui.verify;

import app.triplicate.catalog.MassChangeRepository.MassChange;
import app.triplicate.ui.common.AppContext;
import app.triplicate.ui.common.Icons;
import app.triplicate.verify.Finding;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.material2.Material2OutlinedMZ;

import java.util.List;

/**
 * The ransomware canary's banner across the top of the main window: one line per mass change verify found that the
 * user has neither dismissed nor confirmed, in the command line's words (drive and count). It stays, whatever the
 * window shows, until dismissed; dismissing hides it but does not let repair go ahead (that takes the confirmation
 * in the verify window, or {@code repair --confirm-mass-change}).
 */
public final class MassChangeBanner {
    private final AppContext context;
    private final VBox box = new VBox();

    public MassChangeBanner(AppContext context) {
        this.context = context;
        box.setId("mass-change-banner");
        box.getStyleClass().add("mass-change-banner");
        box.setManaged(false);
        box.setVisible(false);
        context.catalogVersionProperty().addListener((o, was, now) -> reload());
    }

    public Node node() {
        return box;
    }

    /** Reads the standing mass changes off the JavaFX thread, then shows those not dismissed. */
    public void reload() {
        context.background().run(() -> context.services().repair.unconfirmedMassChanges(), this::show);
    }

    private void show(List<MassChange> standing) {
        List<MassChange> shown = standing.stream().filter(m -> m.dismissedAt() == null).toList();
        box.getChildren().setAll(shown.stream().map(this::row).toList());
        box.setManaged(!shown.isEmpty());
        box.setVisible(!shown.isEmpty());
    }

    private Node row(MassChange m) {
        Label text = new Label(Finding.massChangeWords(m.label(), m.changed(), m.checked()));
        text.setId("mass-change-text-" + m.id());
        text.getStyleClass().add("mass-change-text");
        text.setWrapText(true);
        text.setGraphic(Icons.of(Material2OutlinedMZ.WARNING, 20));
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        Button dismiss = new Button("Dismiss");
        dismiss.setId("mass-change-dismiss-" + m.id());
        dismiss.setOnAction(e -> context.background().run(() -> {
            context.services().ledger.dismissMassChange(m.id());
            return null;
        }, done -> reload()));
        HBox row = new HBox(12, text, dismiss);
        row.setAlignment(Pos.CENTER_LEFT);
        row.setPadding(new Insets(10, 16, 10, 16));
        row.getStyleClass().add("mass-change-row");
        return row;
    }
}
