package app.triplicate.ui.importer;

import app.triplicate.ui.common.AppContext;
import javafx.scene.Node;
import javafx.scene.control.Label;

/** Placeholder until this view is built (work in progress on issue 5). */
public final class ImportFlow {
    private final AppContext context;

    public ImportFlow(AppContext context) {
        this.context = context;
    }

    public Node node() {
        return new Label("ImportFlow");
    }

    public void open(java.nio.file.Path card) {
    }

    public void dispose() {
    }
}
