package app.triplicate.ui.dashboard;

import app.triplicate.ui.common.AppContext;
import javafx.scene.Node;
import javafx.scene.control.Label;

/** Placeholder until this view is built (work in progress on issue 5). */
public final class SessionDetailView {
    private final AppContext context;

    public SessionDetailView(AppContext context, String sessionId) {
        this.context = context;
    }

    public Node node() {
        return new Label("SessionDetailView");
    }
}
