package app.triplicate.ui.verify;

import app.triplicate.catalog.MassChangeRepository.MassChange;
import app.triplicate.ui.common.Theme;
import app.triplicate.verify.Finding;
import atlantafx.base.theme.Styles;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.stage.Window;

import java.util.List;

/**
 * The question before a repair while a mass change verify found stands: it names each drive and its count, since
 * repairing while ransomware is still at work would write into its hands. Cancel, the default, repairs nothing.
 */
final class MassChangeConfirmation {
    private MassChangeConfirmation() {
    }

    /** Shows the question; {@code confirmed} runs only when the user chooses "Repair anyway". */
    static void ask(Window owner, List<MassChange> standing, Runnable confirmed) {
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "", ButtonType.CANCEL, ButtonType.OK);
        ask.setTitle("Many copies changed at once");
        ask.setHeaderText("Repair although many copies changed at once?");
        Label text = new Label(String.join("\n\n", standing.stream()
                .map(m -> Finding.massChangeWords(m.label(), m.changed(), m.checked())).toList())
                + "\n\nRepair only once you know the cause: disconnect the drive, check this computer for "
                + "ransomware, or replace a failing drive. The damaged copies are set aside in the drive's quarantine, "
                + "never deleted.");
        text.setId("mass-change-explanation");
        text.setWrapText(true);
        text.setPrefWidth(480);
        text.setMinHeight(Region.USE_PREF_SIZE);
        ask.getDialogPane().setContent(text);
        if (owner != null) {
            ask.initOwner(owner);
        }
        Theme.style(ask.getDialogPane().getScene());
        Button ok = (Button) ask.getDialogPane().lookupButton(ButtonType.OK);
        ok.setText("Repair anyway");
        ok.setId("mass-change-confirm");
        ok.getStyleClass().add(Styles.DANGER);
        ok.setDefaultButton(false);
        Button cancel = (Button) ask.getDialogPane().lookupButton(ButtonType.CANCEL);
        cancel.setId("mass-change-cancel");
        cancel.setDefaultButton(true);
        ask.resultProperty().addListener((o, was, now) -> {
            if (now == ButtonType.OK) {
                confirmed.run();
            }
        });
        ask.show();
    }
}
