package app.triplicate.wiring;

import app.triplicate.catalog.Catalog;
import app.triplicate.catalog.ServerCatalog;
import app.triplicate.core.UsageException;
import app.triplicate.files.SmallFile;
import app.triplicate.remote.SecretFile;
import app.triplicate.settings.Home;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which catalog a home opens: this computer's embedded one, or a studio's shared one on a PostgreSQL server as
 * {@code catalog connect} recorded it. The address and user are kept in {@code config/catalog-server.json}; the
 * password like the remote's secret, in the owner-only {@code config/secrets/catalog}, never in settings or logs.
 */
public final class CatalogChoice {

    /** What {@code config/catalog-server.json} holds. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Connection(String url, String user) {
    }

    private final Path file;
    private final SecretFile password;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public CatalogChoice(Path configDir) {
        this.file = configDir.resolve("catalog-server.json");
        this.password = SecretFile.named(configDir, "catalog");
    }

    /** The server this home is connected to, or empty for the embedded catalog. */
    public Optional<Connection> connection() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), Connection.class));
        } catch (IOException e) {
            throw new UncheckedIOException("The studio catalog's settings " + file + " cannot be read: "
                    + e.getMessage(), e);
        }
    }

    /** The server catalog with its stored password, or empty for the embedded catalog. */
    public Optional<ServerCatalog> server() {
        return connection().map(c -> ServerCatalog.at(c.url(), c.user(), password.load().orElseThrow(() ->
                new UsageException("The password of the studio catalog is not stored (" + password.path()
                        + "); connect again with 'triplicate catalog connect'."))));
    }

    /** Records the server for this home: its address and user in settings, its password in the secret file. */
    public void connect(ServerCatalog server, String secret) {
        password.save(secret);
        try {
            SmallFile.write(file, json.writeValueAsBytes(new Connection(server.url(), server.user())));
        } catch (IOException e) {
            throw new UncheckedIOException("The studio catalog's settings " + file + " cannot be written: "
                    + e.getMessage(), e);
        }
    }

    /** Back to this computer's embedded catalog: the server's settings and password are removed. */
    public void disconnect() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("The studio catalog's settings " + file + " cannot be removed: "
                    + e.getMessage(), e);
        }
        password.delete();
    }

    /** Opens the catalog this home uses. */
    public Catalog open(Home home) {
        Optional<ServerCatalog> server = server();
        return server.isPresent() ? server.get().open() : Catalog.open(home.catalogBase());
    }
}
