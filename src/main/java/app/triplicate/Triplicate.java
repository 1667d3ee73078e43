package app.triplicate;

import app.triplicate.cli.Cli;

/**
 * Starts Triplicate. With no arguments it opens the window; with a subcommand it runs the command line,
 * which never touches JavaFX, so it works on headless machines and in scripts.
 */
public final class Triplicate {
    private Triplicate() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.exit(app.triplicate.ui.Desktop.launch(args));
        }
        System.exit(Cli.run(Cli.Environment.system(), args));
    }
}
