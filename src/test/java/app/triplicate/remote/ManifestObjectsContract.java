package app.triplicate.remote;

import app.triplicate.files.Xxh128Hasher;
import app.triplicate.progress.Cancellation;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What continuing an ASC MHL history on the remote needs of a store ({@link RemoteStore#open},
 * {@link RemoteStore#list}, {@link RemoteStore#replace}), proved against every store: {@link RemoteStoreContract}
 * implements it, so the local folder, SFTP and S3 pass the same cases.
 */
interface ManifestObjectsContract {
    /** A session folder as photographers name them: spaces, an umlaut, a date. */
    String FOLDER = "2026/2026-11-14 Hochzeit Müller";

    RemoteStore store() throws Exception;

    /** Where a test puts the files it uploads. */
    Path sourceFolder();

    /** The object's bytes as the server holds them, or empty. */
    Optional<byte[]> serverBytes(String key) throws Exception;

    @Test
    default void openFindsNothingUnderAMissingKeyOrAFolder() throws Exception {
        assertTrue(store().open(FOLDER + "/IMG 0001 ü.CR3").isEmpty(), "no object");
        put(FOLDER + "/IMG 0001 ü.CR3", "raw".getBytes(StandardCharsets.UTF_8));
        assertTrue(store().open(FOLDER).isEmpty(), "a folder is not an object");
        assertTrue(store().open("2027/nothing/ascmhl/ascmhl_chain.xml").isEmpty(), "nor a key in a missing folder");
    }

    @Test
    default void openReadsAnObjectWholeUnderAnUnusualName() throws Exception {
        byte[] bytes = new byte[300_000];
        new java.util.Random(7).nextBytes(bytes);
        String key = FOLDER + "/IMG 0001 ü (2).CR3";
        put(key, bytes);

        try (InputStream in = store().open(key).orElseThrow()) {
            assertArrayEquals(bytes, in.readAllBytes());
        }
        try (InputStream in = store().open(key).orElseThrow()) { // the channel it used is free again
            assertArrayEquals(bytes, in.readAllBytes());
        }
    }

    @Test
    default void listNamesTheObjectsDirectlyInAFolderSorted() throws Exception {
        assertEquals(List.of(), store().list(FOLDER), "a folder that is not there holds nothing");
        put(FOLDER + "/b.CR3", new byte[]{1});
        put(FOLDER + "/a ü.XMP", new byte[]{2});
        put(FOLDER + "/sub folder/c.JPG", new byte[]{3});

        assertEquals(List.of("a ü.XMP", "b.CR3"), store().list(FOLDER), "sub-folders are not objects");
        assertEquals(List.of(), store().list("2026"), "only folders there");
        assertEquals(List.of("c.JPG"), store().list(FOLDER + "/sub folder"));
    }

    @Test
    default void replaceWritesAManifestWholeAndReplacesIt() throws Exception {
        String chain = FOLDER + "/ascmhl/ascmhl_chain.xml";
        byte[] first = "<ascmhldirectory>first, the longer one</ascmhldirectory>".getBytes(StandardCharsets.UTF_8);
        byte[] second = "<ascmhldirectory>second</ascmhldirectory>".getBytes(StandardCharsets.UTF_8);

        store().replace(chain, first);
        assertArrayEquals(first, serverBytes(chain).orElseThrow());
        store().replace(chain, second);

        assertArrayEquals(second, serverBytes(chain).orElseThrow(), "replaced whole, no tail of the old bytes");
        try (InputStream in = store().open(chain).orElseThrow()) {
            assertArrayEquals(second, in.readAllBytes());
        }
        assertEquals(List.of("ascmhl_chain.xml"), store().list(FOLDER + "/ascmhl"), "no temporary name left over");
    }

    @Test
    default void replaceRefusesAnythingButAManifest() throws Exception {
        String picture = FOLDER + "/IMG 0001 ü.CR3";
        put(picture, new byte[]{1, 2, 3});

        assertThrows(IllegalArgumentException.class, () -> store().replace(picture, new byte[]{9}));
        assertThrows(IllegalArgumentException.class, () -> store().replace("ascmhl", new byte[]{9}));
        assertArrayEquals(new byte[]{1, 2, 3}, serverBytes(picture).orElseThrow(), "a library file is never replaced");
    }

    private void put(String key, byte[] bytes) throws Exception {
        Path file = Files.createTempFile(sourceFolder(), "object", ".bin");
        Files.write(file, bytes);
        store().upload(key, file, new Xxh128Hasher().update(bytes, 0, bytes.length).finish(), bytes.length,
                n -> { }, new Cancellation());
    }
}
