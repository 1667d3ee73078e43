package app.triplicate.ui.common;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Scene;

/** AtlantaFX's Primer theme, light or dark, plus Triplicate's own small stylesheet. */
public final class Theme {
    private static final java.util.List<String> APP_CSS = java.util.stream.Stream.of(
                    "triplicate.css", "importer.css", "verify.css", "drives.css", "detail.css")
            .map(name -> Theme.class.getResource("/app/triplicate/ui/" + name).toExternalForm()).toList();

    private Theme() {
    }

    /** Sets the theme for every window of the application (JavaFX thread). */
    public static void apply(String theme) {
        Application.setUserAgentStylesheet("dark".equals(theme)
                ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    /** Adds Triplicate's stylesheet to a scene (every window and dialog). */
    public static void style(Scene scene) {
        for (String css : APP_CSS) {
            if (!scene.getStylesheets().contains(css)) {
                scene.getStylesheets().add(css);
            }
        }
    }
}
