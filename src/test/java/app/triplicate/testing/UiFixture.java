package app.triplicate.testing;

import app.triplicate.files.LocalFileAccess;
import app.triplicate.settings.Home;
import app.triplicate.ui.common.AppContext;
import app.triplicate.ui.common.Background;
import app.triplicate.wiring.Services;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real catalog for the window's tests: a home folder, drive folders registered and cards ingested
 * through the real command line, then the window's context opened on the same home.
 */
public final class UiFixture implements AutoCloseable {
    private final Path root;
    private final Path home;
    private final CliHarness cli;
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private Services services;
    private Background background;

    public UiFixture(Path root) {
        this.root = root;
        this.home = root.resolve("home");
        this.cli = new CliHarness(home);
    }

    public Path root() {
        return root;
    }

    public Path home() {
        return home;
    }

    public CliHarness cli() {
        return cli;
    }

    /** Registers a drive folder under the fixture's root ({@code drives/NAME}); extra options such as --offsite. */
    public Path drive(String label, String... options) throws IOException {
        Path dir = Files.createDirectories(root.resolve("drives").resolve(label.replace(' ', '-')));
        List<String> args = new java.util.ArrayList<>(List.of("drive", "add", dir.toString(), "--label", label,
                "--same-device"));
        args.addAll(List.of(options));
        cli.expect(0, args.toArray(String[]::new));
        return dir;
    }

    /** A card folder ({@code cards/NAME/DCIM/100TEST}) holding the named camera samples. */
    public Path card(String name, String... sampleFiles) throws IOException {
        Path card = root.resolve("cards").resolve(name);
        Path dcim = Files.createDirectories(card.resolve("DCIM/100TEST"));
        for (String f : sampleFiles) {
            Files.copy(Cards.samples().resolve(f), dcim.resolve(f));
        }
        return card;
    }

    /** Ingests a card through the command line (extra options such as --name, --to). */
    public void ingest(Path card, String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("ingest", card.toString(), "--progress", "none"));
        args.addAll(List.of(options));
        cli.expect(0, args.toArray(String[]::new));
    }

    /** Opens the services on the fixture's home (the command line has closed its own) and a window context. */
    public AppContext openContext() {
        if (services == null) {
            services = Services.open(Home.under(home), new LocalFileAccess(), List.of(root.resolve("media")),
                    Clock.systemDefaultZone());
            background = new Background(failures::add);
        }
        return new AppContext(services, background, services.settings.load(), Clock.systemDefaultZone());
    }

    /** Failures that reached the window's default handler (a test expects none). */
    public List<Throwable> failures() {
        return failures;
    }

    @Override
    public void close() {
        if (background != null) {
            background.close();
        }
        if (services != null) {
            services.close();
        }
    }
}
