package app.triplicate.core;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A card file's name in the library: portable, NFC, at most 200 UTF-8 bytes (SPEC.md section 4). */
class LibraryFileNameTest {

    @Test
    void aNameOf255BytesIsShortenedTo200KeepingItsExtensionAndWholeCharacters() {
        String name = "写".repeat(83) + "ab.JPG";
        String kept = LibraryLayout.libraryFileName(name);
        assertTrue(kept.getBytes(StandardCharsets.UTF_8).length <= 200, kept);
        assertTrue(kept.getBytes(StandardCharsets.UTF_8).length > 195, "no more is cut than needed: " + kept);
        assertEquals("写".repeat(65) + ".JPG", kept);
        assertTrue(LibraryLayout.alternative("s/" + kept, 2).getBytes(StandardCharsets.UTF_8).length <= 204);
    }

    @Test
    void shortNamesAreUnchanged() {
        assertEquals("IMG_0001.CR3", LibraryLayout.libraryFileName("IMG_0001.CR3"));
        assertEquals("a_b_.JPG", LibraryLayout.libraryFileName("a:b?.JPG"));
    }

    @Test
    void theDecomposedFormOfANameIsStoredComposed() {
        String nfd = Normalizer.normalize("Café.JPG", Normalizer.Form.NFD);
        assertEquals(Normalizer.normalize("Café.JPG", Normalizer.Form.NFC), LibraryLayout.libraryFileName(nfd));
    }
}
