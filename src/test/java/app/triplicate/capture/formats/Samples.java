package app.triplicate.capture.formats;

import app.triplicate.capture.CaptureFields;
import app.triplicate.capture.FormatReader;
import app.triplicate.capture.HeaderSource;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Test helpers for the format readers: the shared sample files, reading through a HeaderSource, truncation. */
final class Samples {
    static final String JPEG = "google_pixel8pro_Google.jpg";

    private Samples() {
    }

    static Path sample(String name) {
        return Path.of(System.getProperty("triplicate.samples", "src/test/resources/samples")).resolve(name);
    }

    /** What the reader makes of the file, with the number of bytes it read. */
    record Result(Optional<CaptureFields> fields, long bytesRead) {
    }

    static Result readCounting(FormatReader reader, Path file) throws IOException {
        try (HeaderSource source = new HeaderSource(FileChannel.open(file), HeaderSource.DEFAULT_BUDGET)) {
            Optional<CaptureFields> fields = reader.read(source);
            return new Result(fields, source.bytesRead());
        }
    }

    static Optional<CaptureFields> read(FormatReader reader, Path file) throws IOException {
        return readCounting(reader, file).fields();
    }

    static byte[] head(Path file, int n) throws IOException {
        byte[] all = Files.readAllBytes(file);
        return Arrays.copyOf(all, Math.min(n, all.length));
    }

    /** accepts() says yes to its own sample's first 64 bytes and no to a JPEG's. */
    static void assertAcceptsOnlyItsOwn(FormatReader reader, Path own, String extension) throws IOException {
        assertTrue(reader.accepts(head(own, 64), extension), "own sample");
        assertFalse(reader.accepts(head(sample(JPEG), 64), "jpg"), "a JPEG");
        assertFalse(reader.accepts(head(sample(JPEG), 64), extension), "a JPEG with this format's extension");
        assertFalse(reader.accepts(new byte[0], extension), "an empty file");
    }

    /**
     * A copy cut to half its size, and to 16 bytes, gives nothing, an IOException, or (when the metadata sits
     * wholly in the first half) the same answer as the whole file; never a wrong answer, a runtime exception
     * or a hang.
     */
    static void assertTruncatedCopiesAreSafe(FormatReader reader, Path file, Path tempDir) throws IOException {
        byte[] all = Files.readAllBytes(file);
        Optional<CaptureFields> whole = read(reader, file);
        for (int length : new int[] {all.length / 2, 16}) {
            Path cut = tempDir.resolve("cut-" + length + "-" + file.getFileName());
            Files.write(cut, Arrays.copyOf(all, length));
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                try {
                    Optional<CaptureFields> got = read(reader, cut);
                    assertTrue(got.isEmpty() || got.equals(whole), "cut to " + length + " bytes gave " + got);
                } catch (IOException expected) {
                    // a clean refusal
                }
            });
        }
    }
}
