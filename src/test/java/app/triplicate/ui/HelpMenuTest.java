package app.triplicate.ui;

import app.triplicate.settings.Home;
import app.triplicate.testing.UiTest;
import app.triplicate.wiring.Version;
import javafx.application.Platform;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.image.Image;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Help → Open Log Folder and About, and the window's icon. */
class HelpMenuTest extends UiTest {
    private MainWindow window;

    private void openWindow() throws Exception {
        fixture.drive("Work SSD");
        var context = fixture.openContext();
        FxToolkit.setupFixture(() -> {
            window = new MainWindow(context, stage);
            window.show();
        });
    }

    private MenuItem helpItem(String id) {
        MenuBar bar = (MenuBar) window.root().lookup(".menu-bar");
        Menu help = bar.getMenus().stream().filter(m -> m.getText().equals("Help")).findFirst().orElseThrow();
        return help.getItems().stream().filter(i -> id.equals(i.getId())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + id + " in the Help menu"));
    }

    private record OpenRequest(Path folder, boolean existed, boolean onFxThread) {
    }

    @Test
    void openLogFolderCreatesTheHomesLogFolderAndAsksTheFileManagerToShowIt() throws Exception {
        openWindow();
        Path logs = Home.under(fixture.home()).logDir();
        if (Files.exists(logs)) {
            try (var files = Files.walk(logs)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        assertFalse(Files.exists(logs));
        CompletableFuture<OpenRequest> asked = new CompletableFuture<>();
        window.setFolderOpener(dir -> asked.complete(
                new OpenRequest(dir, Files.isDirectory(dir), Platform.isFxApplicationThread())));

        MenuItem item = helpItem("menu-open-logs");
        assertEquals("Open Log Folder", item.getText());
        fx(item::fire);

        OpenRequest request = asked.get(10, TimeUnit.SECONDS);
        assertEquals(logs, request.folder());
        assertTrue(request.existed(), "the folder exists before the file manager is asked to show it");
        assertFalse(request.onFxThread(), "the file manager is started off the JavaFX thread");
    }

    @Test
    void whenTheFolderCannotBeOpenedItsPathIsShown() throws Exception {
        openWindow();
        window.setFolderOpener(dir -> {
            throw new IOException("xdg-open could not open it (exit code 3)");
        });
        fx(helpItem("menu-open-logs")::fire);
        Path logs = Home.under(fixture.home()).logDir();
        waitUntil("the message names the folder", 10, () -> lookup(".dialog-pane").queryAll().stream()
                .map(n -> ((DialogPane) n).getContentText())
                .anyMatch(t -> t != null && t.contains(logs.toString()) && t.contains("exit code 3")));
    }

    @Test
    void aboutShowsTheProjectVersion() throws Exception {
        openWindow();
        String version = Version.current();
        assertNotEquals("development", version, "the build filters the version into the resources");
        fx(helpItem("menu-about")::fire);
        waitUntil("About shows the version", 10, () -> lookup(".dialog-pane").queryAll().stream()
                .anyMatch(n -> ("Triplicate " + version).equals(((DialogPane) n).getHeaderText())));
    }

    @Test
    void theWindowHasTheApplicationIconInEverySize() throws Exception {
        openWindow();
        List<Image> icons = stage.getIcons();
        assertEquals(List.of(16.0, 32.0, 48.0, 64.0, 128.0, 256.0), icons.stream().map(Image::getWidth).toList());
        assertTrue(icons.stream().noneMatch(Image::isError));
        assertEquals(icons.stream().map(Image::getWidth).toList(), icons.stream().map(Image::getHeight).toList());
    }
}
