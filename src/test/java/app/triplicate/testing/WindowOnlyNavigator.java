package app.triplicate.testing;

import app.triplicate.ui.common.Navigator;
import javafx.stage.Window;

import java.nio.file.Path;

/**
 * A navigator for a view shown on its own in a test: it knows the window (an owner for dialogs) and does
 * nothing else; a test overrides what it wants to observe.
 */
public class WindowOnlyNavigator implements Navigator {
    private final Window window;

    public WindowOnlyNavigator(Window window) {
        this.window = window;
    }

    @Override
    public void showDashboard() {
    }

    @Override
    public void showSession(String sessionId) {
    }

    @Override
    public void showDrives() {
    }

    @Override
    public void showSettings() {
    }

    @Override
    public void importFrom(Path card) {
    }

    @Override
    public void chooseAndImport() {
    }

    @Override
    public void verifyAll() {
    }

    @Override
    public Window window() {
        return window;
    }
}
