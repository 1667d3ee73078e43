package app.triplicate.settings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HomeTest {
    private final Path user = Path.of("/home/ann");

    @Test
    void explicitHomeWinsOverTheEnvironment(@TempDir Path dir) {
        Home h = Home.resolve(dir, Map.of(Home.ENV, "/elsewhere"), "Linux", user);
        assertEquals(dir.resolve("data"), h.dataDir());
        assertEquals(dir.resolve("logs"), h.logDir());
    }

    @Test
    void environmentVariablePutsEverythingUnderOneFolder() {
        Home h = Home.resolve(null, Map.of(Home.ENV, "/portable/tri"), "Linux", user);
        assertEquals(Path.of("/portable/tri/config/settings.json"), h.settingsFile());
    }

    @Test
    void linuxUsesXdgFolders() {
        Home h = Home.resolve(null, Map.of("XDG_DATA_HOME", "/x/data"), "Linux", user);
        assertEquals(Path.of("/x/data/triplicate"), h.dataDir());
        assertEquals(Path.of("/home/ann/.config/triplicate"), h.configDir());
    }

    @Test
    void macUsesApplicationSupport() {
        Home h = Home.resolve(null, Map.of(), "Mac OS X", user);
        assertEquals(Path.of("/home/ann/Library/Application Support/Triplicate"), h.dataDir());
    }

    @Test
    void windowsUsesAppData() {
        Home h = Home.resolve(null, Map.of("APPDATA", "/appdata"), "Windows 11", user);
        assertEquals(Path.of("/appdata/Triplicate"), h.dataDir());
    }

    @Test
    void settingsRoundTripWithDefaults(@TempDir Path dir) {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"), "test");
        assertEquals(3, store.load().targetCopies());
        store.save(Settings.defaults());
        assertEquals("test", store.load().writtenBy());
        assertEquals(2, store.load().copiesBeforeFormat());
    }
}
