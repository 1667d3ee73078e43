package app.triplicate.verify;

import app.triplicate.testing.Cards;
import app.triplicate.testing.CatalogFigures;
import app.triplicate.testing.CliHarness;
import app.triplicate.testing.ForwardingFileAccess;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Many copies renamed on a drive (as ransomware does): each unknown file is read at most once per verify. */
class VerifyRenamedTest {
    static final int FILES = 24;
    static final long SIZE = 64 * 1024;

    @TempDir
    Path tmp;

    @AfterEach
    void catalogFiguresAddUp() throws Exception {
        CatalogFigures.assertConsistent(tmp.resolve("home"));
    }

    /** The real file system, counting the files opened for reading and the bytes they hold. */
    static final class CountingReads extends ForwardingFileAccess {
        final Map<Path, Integer> opens = new ConcurrentHashMap<>();
        final AtomicLong bytes = new AtomicLong();

        private FileChannel counted(FileChannel ch, Path file) throws IOException {
            if (!inLibrary(file)) {
                return ch; // the catalog backup written after the verify reads its own file, not the library's
            }
            opens.merge(file.toAbsolutePath().normalize(), 1, Integer::sum);
            bytes.addAndGet(ch.size());
            return ch;
        }

        private static boolean inLibrary(Path file) {
            for (Path part : file) {
                if (part.toString().equals(app.triplicate.core.LibraryLayout.ROOT)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public FileChannel openRead(Path file) throws IOException {
            return counted(real.openRead(file), file);
        }

        @Override
        public FileChannel openDirectRead(Path file) throws IOException {
            return counted(real.openDirectRead(file), file);
        }
    }

    /**
     * 4 of 24 renamed are followed one by one; 10 of 24 are a mass change (SPEC.md), never followed to names
     * ransomware may have given them. Either way each unknown file is read once.
     */
    @ParameterizedTest
    @ValueSource(ints = {4, 10})
    void renamedCopiesAreSearchedForReadingEachUnknownFileOnce(int renamed) throws Exception {
        CliHarness cli = new CliHarness(tmp.resolve("home"));
        Path a = cli.addDrive(tmp.resolve("a"), "A");
        Path card = tmp.resolve("card");
        for (int i = 1; i <= FILES; i++) { // one size for all: the size alone tells none of them apart
            Cards.randomFile(card.resolve("DCIM/100TEST/IMG_%04d.JPG".formatted(i)), SIZE, 100 + i);
        }
        cli.expect(0, "ingest", card.toString(), "--name", "Ranch", "--progress", "none");
        Path folder;
        try (Stream<Path> s = Files.walk(a.resolve("Triplicate"))) {
            folder = s.filter(p -> p.getFileName().toString().equals("IMG_0001.JPG")).findFirst().orElseThrow().getParent();
        }
        java.util.Random names = new java.util.Random(7); // random new names, in no order related to the old ones
        for (int i = 1; i <= renamed; i++) {
            Path f = folder.resolve("IMG_%04d.JPG".formatted(i));
            Files.move(f, f.resolveSibling("%08x.locked".formatted(names.nextInt() & 0x7fffffff)));
        }

        CountingReads reads = new CountingReads();
        boolean mass = renamed >= 5;
        JsonNode v = new CliHarness(tmp.resolve("home")).withFiles(reads).expect(mass ? 1 : 0, "verify", "--json").json();
        reads.opens.forEach((file, n) -> assertEquals(1, n, file + " was read " + n + " times"));
        assertTrue(reads.bytes.get() <= FILES * SIZE + 4096,
                "read " + reads.bytes.get() + " bytes for a library of " + FILES * SIZE);
        if (mass) {
            assertEquals(1, v.get("findings").size(), v.toString());
            assertEquals("MASS_CHANGE", v.get("findings").get(0).get("kind").asText(), v.toString());
            return;
        }
        long moved = 0;
        for (JsonNode f : v.get("findings")) {
            assertEquals("MOVED", f.get("kind").asText(), f.toString());
            moved++;
        }
        assertEquals(renamed, moved, "every renamed copy is found at its new name");
        assertEquals(0, cli.expect(0, "verify", "--json").json().get("findings").size(), "the catalog follows them");
    }
}
