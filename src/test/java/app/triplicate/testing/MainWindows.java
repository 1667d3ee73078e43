package app.triplicate.testing;

import app.triplicate.ui.MainWindow;
import app.triplicate.ui.common.AppContext;
import app.triplicate.ui.common.Theme;
import javafx.stage.Stage;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeoutException;

/** The whole main window in a test's stage, as the application opens it (theme, then window, then show). */
public final class MainWindows {
    private MainWindows() {
    }

    public static MainWindow show(AppContext context, Stage stage) throws TimeoutException {
        MainWindow[] made = new MainWindow[1];
        FxToolkit.setupFixture(() -> {
            Theme.apply(context.settings().theme());
            made[0] = new MainWindow(context, stage);
            made[0].show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        return made[0];
    }
}
