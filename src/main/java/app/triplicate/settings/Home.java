package app.triplicate.settings;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The folders Triplicate keeps its catalog, settings and logs in: the platform's own (XDG on Linux,
 * Application Support on macOS, AppData on Windows), or everything under one folder given by
 * {@code --home} or {@code TRIPLICATE_HOME} (tests, portable installs).
 */
public record Home(Path dataDir, Path configDir, Path logDir) {

    public static final String ENV = "TRIPLICATE_HOME";

    public static Home under(Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        return new Home(d.resolve("data"), d.resolve("config"), d.resolve("logs"));
    }

    /** {@code --home} wins, then {@code TRIPLICATE_HOME}, then the platform's folders. */
    public static Home resolve(Path explicitHome, Map<String, String> env, String osName, Path userHome) {
        if (explicitHome != null) {
            return under(explicitHome);
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return under(Path.of(fromEnv));
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            Path base = userHome.resolve("Library/Application Support/Triplicate");
            return new Home(base, base, userHome.resolve("Library/Logs/Triplicate"));
        }
        if (os.contains("win")) {
            String appData = env.get("APPDATA");
            Path base = appData != null ? Path.of(appData, "Triplicate") : userHome.resolve("AppData/Roaming/Triplicate");
            return new Home(base, base, base.resolve("logs"));
        }
        Path data = xdg(env, "XDG_DATA_HOME", userHome.resolve(".local/share")).resolve("triplicate");
        Path config = xdg(env, "XDG_CONFIG_HOME", userHome.resolve(".config")).resolve("triplicate");
        Path state = xdg(env, "XDG_STATE_HOME", userHome.resolve(".local/state")).resolve("triplicate");
        return new Home(data, config, state.resolve("logs"));
    }

    public static Home resolve(Path explicitHome) {
        return resolve(explicitHome, System.getenv(), System.getProperty("os.name"),
                Path.of(System.getProperty("user.home")));
    }

    private static Path xdg(Map<String, String> env, String name, Path fallback) {
        String v = env.get(name);
        return v != null && !v.isBlank() && Path.of(v).isAbsolute() ? Path.of(v) : fallback;
    }

    public Path catalogBase() {
        return dataDir.resolve("catalog");
    }

    /** Where an ingest locks the card it imports, so that no other process imports it at the same time. */
    public Path cardLocks() {
        return dataDir.resolve("card-locks");
    }

    /** Notes of copies an ingest proved but could not record when the studio catalog's server went away. */
    public Path unrecordedCopies() {
        return dataDir.resolve("unrecorded-copies");
    }

    public Path settingsFile() {
        return configDir.resolve("settings.json");
    }

    /** The catalog's id and newest generation as this computer last saw them (drives.CatalogMemory). */
    public Path catalogMemoryFile() {
        return configDir.resolve("last-catalog.json");
    }

    /**
     * The same memory for a studio catalog on a server ({@code address}: its JDBC address without the password),
     * kept apart per server: connecting to a studio's catalog, or back to this computer's, is not a lost catalog.
     */
    public Path studioCatalogMemoryFile(String address) {
        java.util.UUID key = java.util.UUID.nameUUIDFromBytes(address.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return configDir.resolve("last-studio-catalog-" + key + ".json");
    }
}
