package app.triplicate.ui.settings;

import app.triplicate.ui.common.AppContext;
import javafx.scene.Node;
import javafx.scene.control.Label;

/** Placeholder until this view is built (work in progress on issue 5). */
public final class SettingsView {
    private final AppContext context;

    public SettingsView(AppContext context) {
        this.context = context;
    }

    public Node node() {
        return new Label("SettingsView");
    }
}
