package app.triplicate.ui.drives;

import app.triplicate.ui.common.AppContext;
import javafx.scene.Node;
import javafx.scene.control.Label;

/** Placeholder until this view is built (work in progress on issue 5). */
public final class FirstRunSetup {
    private final AppContext context;

    public FirstRunSetup(AppContext context, Runnable onDone) {
        this.context = context;
    }

    public Node node() {
        return new Label("FirstRunSetup");
    }
}
