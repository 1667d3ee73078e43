package app.triplicate.ui.verify;

import app.triplicate.ui.common.AppContext;
import javafx.scene.Node;
import javafx.scene.control.Label;

/** Placeholder until this view is built (work in progress on issue 5). */
public final class VerifyFlow {
    private final AppContext context;

    public VerifyFlow(AppContext context) {
        this.context = context;
    }

    public Node node() {
        return new Label("VerifyFlow");
    }

    public void start() {
    }
}
