package app.triplicate.capture.formats;

import app.triplicate.capture.FormatReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Every reader against every sample: it accepts only its own format, and reading anything never blows up. */
class AllReadersTest {
    private static final Map<Class<? extends FormatReader>, String> OWN = Map.of(
            Cr3Reader.class, "canon_eosm50_CanonRaw.cr3",
            CrwReader.class, "canon_eosdigitalrebel_CanonRaw.crw",
            X3fReader.class, "sigma_sd10_Sigma.x3f",
            M2tsReader.class, "canon_unknown_M2TS.mts",
            AviReader.class, "pentax_k-x_Pentax.avi",
            HeifReader.class, "apple_iphonexr_IMG_3589.HEIC");
    private static final List<FormatReader> READERS = List.of(new Cr3Reader(), new CrwReader(), new X3fReader(),
            new M2tsReader(), new AviReader(), new MrwReader(), new HeifReader(), new QuickTimeReader());

    @Test
    void eachAcceptsOnlyItsOwnSample() throws IOException {
        for (Path file : samples()) {
            String name = file.getFileName().toString();
            String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            for (FormatReader reader : READERS) {
                boolean own = name.equals(OWN.get(reader.getClass()));
                for (int n : new int[] {64, 512}) {
                    assertEquals(own, reader.accepts(Samples.head(file, n), ext),
                            reader.getClass().getSimpleName() + " on " + name + " (" + n + " bytes)");
                }
            }
        }
    }

    @Test
    void readingAnyFileGivesAnAnswerNothingOrAnIOException() throws IOException {
        for (Path file : samples()) {
            for (FormatReader reader : READERS) {
                assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                    try {
                        Samples.read(reader, file);
                    } catch (IOException refused) {
                        // fine: the caller falls back
                    }
                }, reader.getClass().getSimpleName() + " on " + file.getFileName());
            }
        }
    }

    private static List<Path> samples() throws IOException {
        try (Stream<Path> files = Files.list(Samples.sample(""))) {
            return files.filter(f -> !f.getFileName().toString().matches("README.md|expected.tsv")).sorted().toList();
        }
    }
}
