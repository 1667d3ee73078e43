package app.triplicate.ui.verify;

import app.triplicate.ui.common.AppContext;
import app.triplicate.ui.common.Theme;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.stage.Modality;
import javafx.stage.Stage;

/**
 * Verify-all: a window of its own (owned by the main window, not modal, so the dashboard stays usable)
 * that checks every copy on every connected drive and offers Repair. Starting it while a check or a
 * repair runs only brings that window to the front.
 */
public final class VerifyFlow {
    private final AppContext context;
    private Stage stage;
    private VerifyView view;

    public VerifyFlow(AppContext context) {
        this.context = context;
    }

    /** Opens the verify window and starts a check, or brings the running one to the front (JavaFX thread). */
    public void start() {
        if (stage == null) {
            view = new VerifyView(context, () -> stage.hide());
            stage = new Stage();
            stage.initOwner(context.navigator().window());
            stage.initModality(Modality.NONE);
            stage.setTitle("Verify all · Triplicate");
            Scene scene = new Scene(view.node(), 980, 720);
            scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ESCAPE), stage::hide);
            Theme.style(scene);
            stage.setScene(scene);
            stage.setMinWidth(640);
            stage.setMinHeight(420);
        }
        if (!view.busy()) {
            view.runCheck();
        }
        stage.show();
        stage.toFront();
    }

    /** The verify window, once opened (tests, screenshots). */
    public Stage stage() {
        return stage;
    }
}
