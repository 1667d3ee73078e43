package app.triplicate.ui;

import app.triplicate.drives.CatalogBackups;
import app.triplicate.drives.DriveMarker;
import app.triplicate.testing.UiTest;
import app.triplicate.ui.common.AppContext;
import app.triplicate.ui.dashboard.DashboardView;
import app.triplicate.ui.dashboard.StatusBarView;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In the window, a drive that cannot take the catalog backup after a run is named in the status bar (the command
 * line says it on standard error), and the other drives still get theirs.
 */
class BackupWarningUiTest extends UiTest {
    private StatusBarView statusBar;

    @AfterEach
    void stopPolling() {
        if (statusBar != null) {
            fx(statusBar::dispose);
        }
    }

    @Test
    void aDriveThatMissesItsBackupIsNamedInTheStatusBar() throws Exception {
        Path a = fixture.drive("Backup A");
        Path b = fixture.drive("Backup B");
        fixture.ingest(fixture.card("canon", "canon_eosrp__MG_0635.JPG"), "--name", "Wedding");
        // a real fault, no seam needed: a file where A's backup folder must be
        Path folder = DriveMarker.catalogBackupsIn(a);
        for (CatalogBackups.Backup old : CatalogBackups.list(folder)) {
            Files.delete(old.file());
        }
        Files.delete(folder);
        Files.writeString(folder, "in the way");

        AppContext context = fixture.openContext();
        show(context, c -> {
            DashboardView dashboard = new DashboardView(c);
            statusBar = new StatusBarView(c, dashboard.allRows());
            BorderPane pane = new BorderPane(dashboard.node());
            pane.setBottom(statusBar.node());
            return pane;
        });
        Label warning = lookup("#status-backup").queryAs(Label.class);
        assertTrue(!warning.isVisible(), "nothing to say before a run");

        // what the import, verify, repair and cull views call once their work is done, off the JavaFX thread
        CountDownLatch done = new CountDownLatch(1);
        context.background().run(() -> {
            context.afterWork("verify");
            return null;
        }, ok -> done.countDown(), failed -> done.countDown());
        assertTrue(done.await(30, TimeUnit.SECONDS));

        waitUntil("the status bar names drive A", 10, warning::isVisible);
        assertTrue(warning.getText().startsWith("The catalog backup was not written to drive \"Backup A\""),
                warning.getText());
        assertEquals(2, CatalogBackups.list(DriveMarker.catalogBackupsIn(b)).size(), "B got the new one");
    }
}
