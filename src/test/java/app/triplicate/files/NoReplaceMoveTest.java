package app.triplicate.files;

import app.triplicate.core.VerifyMethod;
import app.triplicate.testing.Cards;
import app.triplicate.testing.FaultyFileAccess;
import app.triplicate.testing.FaultyFileAccess.Fault;
import app.triplicate.testing.FaultyFileAccess.Op;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A file is moved into place by a move that never replaces: a name taken meanwhile keeps its file. */
class NoReplaceMoveTest {
    @TempDir
    Path tmp;

    @Test
    void theMoveRefusesANameTakenBeforeItAndLeavesBothFiles() throws IOException {
        Path from = Files.writeString(tmp.resolve(".x" + SmallFile.TEMP_SUFFIX), "copy");
        Path to = Files.writeString(tmp.resolve("DSC_0001.JPG"), "someone else's");

        assertThrows(FileAlreadyExistsException.class, () -> new LocalFileAccess().moveAtomically(from, to));

        assertEquals("someone else's", Files.readString(to));
        assertEquals("copy", Files.readString(from));
    }

    @Test
    void theMoveLeavesNoSecondNameForTheFile() throws IOException {
        Path from = Files.writeString(tmp.resolve(".x" + SmallFile.TEMP_SUFFIX), "copy");
        Path to = tmp.resolve("DSC_0001.JPG");
        new LocalFileAccess().moveAtomically(from, to);
        assertFalse(Files.exists(from));
        assertEquals("copy", Files.readString(to));
        if (to.getFileSystem().supportedFileAttributeViews().contains("unix")) {
            assertEquals(1, (int) Files.getAttribute(to, "unix:nlink"), "the hard link was undone");
        }
    }

    /** As on FAT, exFAT or a network share without hard links: link(2) answers EPERM. */
    @Test
    void withoutHardLinksTheMoveChecksForTheNameThenRenamesAndNeverReplaces() throws IOException {
        AtomicInteger links = new AtomicInteger();
        LocalFileAccess noLinks = new LocalFileAccess((name, existing) -> {
            links.incrementAndGet();
            throw new FileSystemException(name.toString(), null, "Operation not permitted");
        });
        Path first = Files.writeString(tmp.resolve(".a" + SmallFile.TEMP_SUFFIX), "first");
        Path second = Files.writeString(tmp.resolve(".b" + SmallFile.TEMP_SUFFIX), "second");
        Path to = tmp.resolve("DSC_0001.JPG");

        noLinks.moveAtomically(first, to);
        assertThrows(FileAlreadyExistsException.class, () -> noLinks.moveAtomically(second, to));

        assertEquals(1, links.get(), "a file store that refused a link is not asked again");
        assertEquals("first", Files.readString(to));
        assertEquals("second", Files.readString(second));
        assertFalse(Files.exists(first));
    }

    @Test
    void aCopyWhoseNameIsTakenBetweenCheckAndMoveLandsUnderTheNextFreeName() throws IOException {
        Path source = Cards.randomFile(tmp.resolve("card/DSC_0001.JPG"), 300_000, 7);
        Path drive = Files.createDirectories(tmp.resolve("drive"));
        Path target = drive.resolve("Triplicate/2024/DSC_0001.JPG");
        byte[] theirs = "written by another program meanwhile".getBytes(StandardCharsets.UTF_8);
        FaultyFileAccess faulty = new FaultyFileAccess();
        // the hook runs when the copy is moved into place, after every check for the name was made
        Fault meanwhile = faulty.beforeOnce(Op.MOVE, drive, p -> p.equals(target), () -> write(target, theirs));

        AtomicCopier.Copied copied = new AtomicCopier(faulty).copy(source, drive, target, hash(source), "drive");

        assertEquals(1, meanwhile.fired(), "the other file was never created: " + meanwhile);
        assertEquals(target.resolveSibling("DSC_0001-2.JPG"), copied.path());
        assertArrayEquals(theirs, Files.readAllBytes(target), "the other program's file is intact");
        assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(copied.path()), "the copy is whole");
        assertTrue(copied.method() == VerifyMethod.DIRECT_READ || copied.method() == VerifyMethod.CACHED_READ);
        try (Stream<Path> s = Files.list(target.getParent())) {
            assertEquals(List.of("DSC_0001-2.JPG", "DSC_0001.JPG"),
                    s.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary file is left");
        }
    }

    private static app.triplicate.core.Xxh128 hash(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return new Xxh128Hasher().update(bytes, 0, bytes.length).finish();
    }

    private static void write(Path p, byte[] bytes) {
        try {
            Files.write(p, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
