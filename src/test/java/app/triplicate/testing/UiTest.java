package app.triplicate.testing;

import app.triplicate.ui.common.AppContext;
import app.triplicate.ui.common.Theme;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Base of the window's tests: headless JavaFX (Monocle, see the surefire properties), a real catalog in
 * a temporary folder ({@link UiFixture}), and a stage that shows only what the test builds.
 */
public abstract class UiTest extends FxRobot {
    @TempDir
    protected Path tmp;
    protected UiFixture fixture;
    protected Stage stage;

    @BeforeAll
    static void startToolkit() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void createFixture() throws TimeoutException {
        fixture = new UiFixture(tmp);
        stage = FxToolkit.registerStage(Stage::new);
    }

    @AfterEach
    void closeFixture() throws TimeoutException {
        FxToolkit.cleanupStages();
        fixture.close();
        assertEquals(java.util.List.of(), fixture.failures(), "unexpected failures shown to the user");
    }

    /** Shows {@code build}'s node in the test's stage, with the application's theme and stylesheet. */
    protected <T extends Parent> T show(AppContext context, Function<AppContext, T> build) throws TimeoutException {
        Object[] made = new Object[1];
        Stage s = stage;
        FxToolkit.setupFixture(() -> {
            Theme.apply(context.settings().theme());
            T node = build.apply(context);
            made[0] = node;
            Scene scene = new Scene(node, 1200, 760);
            Theme.style(scene);
            s.setScene(scene);
            s.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        T node = (T) made[0];
        return node;
    }

    /** Waits (up to {@code seconds}) until {@code condition}, checked on the JavaFX thread. */
    protected void waitUntil(String what, int seconds, BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                    condition::getAsBoolean).get());
        } catch (TimeoutException e) {
            fail("timed out after " + seconds + " s waiting until " + what);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Runs {@code action} on the JavaFX thread and waits for it and the events it caused. */
    protected void fx(Runnable action) {
        interact(action);
    }

    /** Scrolls the page holding the node {@code query} finds so that the node is in view (a robot clicks it). */
    protected void reveal(String query) {
        javafx.scene.Node node = lookup(query).query();
        fx(() -> {
            javafx.scene.Node p = node.getParent();
            while (p != null && !(p instanceof javafx.scene.control.ScrollPane)) {
                p = p.getParent();
            }
            if (p instanceof javafx.scene.control.ScrollPane sp && sp.getContent() != null) {
                javafx.scene.Node content = sp.getContent();
                javafx.geometry.Bounds b = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
                double extra = content.getBoundsInLocal().getHeight() - sp.getViewportBounds().getHeight();
                if (extra > 0) {
                    sp.setVvalue(Math.max(0, Math.min(1, (b.getMinY() - 40) / extra)));
                }
            }
        });
    }
}
