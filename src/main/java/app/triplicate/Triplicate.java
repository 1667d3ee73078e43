package app.triplicate;

import app.triplicate.cli.Cli;
import app.triplicate.settings.Home;

import java.util.Optional;

/**
 * Starts Triplicate. With no command (no arguments, or only {@code --home DIR}) it opens the window; with a
 * subcommand it runs the command line, which never touches JavaFX, so it works on headless machines and in
 * scripts.
 */
public final class Triplicate {
    private Triplicate() {
    }

    public static void main(String[] args) {
        // first, before anything loads H2: the port that shares the catalog between processes is loopback only
        app.triplicate.catalog.EmbeddedCatalog.loopbackOnly();
        Optional<Home> window = Cli.windowHome(System.getenv(), args);
        if (window.isPresent()) {
            System.exit(app.triplicate.ui.Desktop.launch(window.get()));
        }
        System.exit(Cli.run(Cli.Environment.system(), args));
    }
}
