package app.triplicate.ui.common;

import atlantafx.base.theme.Tweaks;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** Layout shared by the form pages (first run, settings). */
public final class Pages {
    private Pages() {
    }

    /**
     * Appends {@code first} and {@code second} to {@code page}: side by side while the page is at least
     * {@code minWidth} wide, one above the other when narrower, so the page and its buttons fit a laptop
     * screen either way. Returns the page centred at the top of an edge-to-edge scroll pane.
     */
    public static ScrollPane twoColumns(VBox page, Node first, Node second, double minWidth, double wideGap,
                                        double narrowGap) {
        HBox wide = new HBox(wideGap, first, second);
        VBox narrow = new VBox(narrowGap);
        page.getChildren().add(wide);
        int at = page.getChildren().size() - 1;
        page.widthProperty().addListener((o, a, w) -> {
            boolean sideBySide = w.doubleValue() >= minWidth;
            Node shown = page.getChildren().get(at);
            if (sideBySide && shown != wide) {
                wide.getChildren().setAll(first, second);
                page.getChildren().set(at, wide);
            } else if (!sideBySide && shown != narrow) {
                narrow.getChildren().setAll(first, second);
                page.getChildren().set(at, narrow);
            }
        });
        StackPane centred = new StackPane(page);
        StackPane.setAlignment(page, Pos.TOP_CENTER);
        ScrollPane scroll = new ScrollPane(centred);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
        return scroll;
    }
}
