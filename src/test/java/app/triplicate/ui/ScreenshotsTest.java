package app.triplicate.ui;

import app.triplicate.testing.Cards;
import app.triplicate.testing.UiTest;
import app.triplicate.ui.common.AppContext;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.testfx.api.FxToolkit;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Makes the README's pictures from the real views over a catalog filled by real ingests of the camera
 * samples. Runs only when asked: {@code ./mvnw test -Dtest=ScreenshotsTest -Dtriplicate.screenshots=assets/screenshots}.
 */
@EnabledIfSystemProperty(named = "triplicate.screenshots", matches = ".+")
class ScreenshotsTest extends UiTest {
    private MainWindow window;

    private Path out() throws IOException {
        return Files.createDirectories(Path.of(System.getProperty("triplicate.screenshots")));
    }

    /** Five named sessions on three drives (one offsite) in different states, and the rest of the samples. */
    private AppContext library() throws Exception {
        fixture.drive("Studio SSD", "--role", "working");
        fixture.drive("Backup A");
        fixture.drive("Offsite B", "--offsite");
        fixture.ingest(fixture.card("rp", "canon_eosrp__MG_0635.JPG", "canon_eosrp__MG_0636.JPG"),
                "--name", "Smith wedding");
        fixture.ingest(fixture.card("pixel", "google_pixel8pro_Google.jpg"), "--name", "Pixel 8 field test");
        fixture.ingest(fixture.card("iphone", "apple_iphonexr_IMG_3581.JPG", "apple_iphonexr_IMG_3582.JPG",
                        "apple_iphonexr_IMG_3589.HEIC", "apple_iphonexr_IMG_3589.mov"), "--name", "Garden party",
                "--to", "Studio SSD", "--to", "Backup A");
        fixture.ingest(fixture.card("sony", "sony_ilce6400_DSC00007.JPG"), "--name", "Street, Lisbon",
                "--to", "Studio SSD");
        Path rest = fixture.root().resolve("cards/rest");
        for (Path f : Cards.withSamples(rest)) {
            String n = f.getFileName().toString();
            if (n.startsWith("canon_eosrp") || n.startsWith("google") || n.startsWith("apple") || n.startsWith("sony_ilce")) {
                Files.delete(f); // already in a named session above
            }
        }
        fixture.ingest(rest, "--to", "Studio SSD", "--to", "Backup A");
        return fixture.openContext();
    }

    private void openWindow(AppContext context) throws Exception {
        FxToolkit.setupFixture(() -> {
            window = new MainWindow(context, stage);
            window.show();
        });
    }

    private void snapshot(Scene scene, String name) throws Exception {
        AtomicReference<WritableImage> image = new AtomicReference<>();
        fx(() -> image.set(scene.snapshot(null)));
        Path file = out().resolve(name);
        try {
            ImageIO.write(SwingFXUtils.fromFXImage(image.get(), null), "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertTrue(Files.size(file) > 10_000, file + " looks empty");
    }

    /** Flips a byte in the middle of a file's copy on a drive (a corrupt copy). */
    private void corrupt(String drive, String file) throws IOException {
        Path f = copyOn(drive, file);
        byte[] b = Files.readAllBytes(f);
        b[b.length / 2] ^= 1;
        Files.write(f, b);
    }

    private Path copyOn(String drive, String file) throws IOException {
        try (Stream<Path> s = Files.walk(fixture.root().resolve("drives").resolve(drive.replace(' ', '-')))) {
            return s.filter(p -> p.getFileName().toString().equals(file)).findFirst().orElseThrow();
        }
    }

    @Test
    void verifyResults() throws Exception {
        AppContext context = library();
        corrupt("Backup A", "canon_eosrp__MG_0636.JPG");
        Files.delete(copyOn("Studio SSD", "nikon_d3100_DSC_0008.JPG"));
        openWindow(context);
        waitUntil("the sessions are listed", 30, () -> window.dashboard().visibleRows().size() > 10);
        clickOn("#verify-all-button");
        waitUntil("the check has finished", 60, () -> lookup("#verify-headline").tryQuery().isPresent()
                && !context.jobs().busy());
        snapshot(lookup("#verify-root").query().getScene(), "verify-results.png");
    }

    @Test
    void importSheet() throws Exception {
        fixture.drive("Studio SSD", "--role", "working");
        fixture.drive("Backup A");
        fixture.drive("Offsite B", "--offsite");
        fixture.ingest(fixture.card("earlier", "canon_eosrp__MG_0635.JPG"), "--name", "Smith wedding");
        Path built = fixture.card("EOS_DIGITAL", "canon_eosrp__MG_0636.JPG", "apple_iphonexr_IMG_3581.JPG",
                "apple_iphonexr_IMG_3582.JPG", "apple_iphonexr_IMG_3589.HEIC", "apple_iphonexr_IMG_3589.mov",
                "nikon_d3100_DSC_0008.JPG", "olympus_c3000z_P1010006.JPG");
        // where a card appears on Linux, so the picture shows no test folder
        Path card = Path.of(System.getProperty("java.io.tmpdir"), "media", "photographer", "EOS_DIGITAL");
        deleteTree(card);
        Files.createDirectories(card.getParent());
        Files.move(built, card);
        openWindow(fixture.openContext());
        waitUntil("the dashboard is shown", 30, () -> window.dashboard().visibleRows().size() == 1);
        fx(() -> window.importFrom(card));
        waitUntil("the proposed sessions are shown", 60, () -> lookup("#session-name-0").tryQuery().isPresent());
        waitUntil("the drives are listed", 30, () -> lookup("#drive-0").tryQuery().isPresent());
        snapshot(lookup("#import-sheet").query().getScene(), "import-sheet.png");
        fx(() -> lookup("#import-close").queryButton().fire());
        deleteTree(card.getParent().getParent());
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void dashboard() throws Exception {
        openWindow(library());
        waitUntil("the sessions are listed", 30, () -> window.dashboard().visibleRows().size() > 10);
        waitUntil("the drives are counted", 15, () -> !lookup("#status-drives").queryLabeled().getText().isEmpty());
        snapshot(stage.getScene(), "dashboard.png");
        try (Stream<Path> s = Files.list(out())) {
            assertTrue(s.map(p -> p.getFileName().toString()).toList().containsAll(List.of("dashboard.png")));
        }
    }
}
