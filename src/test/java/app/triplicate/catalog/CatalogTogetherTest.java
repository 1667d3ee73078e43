package app.triplicate.catalog;

import app.triplicate.settings.Home;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Catalog#together}: ingest records a batch of copies, their media files and card links in one
 * transaction through the repositories. What it promises is all or nothing, also across a reopen.
 */
class CatalogTogetherTest {

    @Test
    void changesMadeTogetherAreKeptTogetherAcrossAReopen(@TempDir Path home) {
        Path base = Home.under(home).catalogBase();
        try (Catalog c = Catalog.open(base)) {
            SessionRepository sessions = new SessionRepository(c);
            c.together(() -> {
                sessions.create("Wedding", "2024/2024-06-01 Wedding");
                sessions.create("Portraits", "2024/2024-06-02 Portraits");
            });
        }
        try (Catalog c = Catalog.open(base)) {
            assertEquals(2, new SessionRepository(c).all().size());
        }
    }

    @Test
    void aFailureInsideKeepsNoneOfIt(@TempDir Path home) {
        Path base = Home.under(home).catalogBase();
        try (Catalog c = Catalog.open(base)) {
            SessionRepository sessions = new SessionRepository(c);
            RuntimeException thrown = assertThrows(IllegalStateException.class, () -> c.together(() -> {
                sessions.create("Wedding", "2024/2024-06-01 Wedding");
                // a change that committed on its own here would stay after the failure below
                assertTrue(sessions.findByFolder("2024/2024-06-01 Wedding").isPresent(), "seen inside");
                throw new IllegalStateException("the batch failed");
            }));
            assertEquals("the batch failed", thrown.getMessage());
            assertEquals(0, sessions.all().size(), "rolled back in this process");
            // the connection commits on its own again afterwards
            sessions.create("Portraits", "2024/2024-06-02 Portraits");
        }
        try (Catalog c = Catalog.open(base)) {
            assertEquals(1, new SessionRepository(c).all().size(), "only the change made after the failure");
        }
    }
}
