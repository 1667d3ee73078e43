package app.triplicate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** Builds cards from the real camera samples and from seeded random bytes. */
public final class Cards {
    private Cards() {
    }

    public static Path samples() {
        Path p = Path.of(System.getProperty("triplicate.samples", "src/test/resources/samples"));
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("camera samples not found at " + p.toAbsolutePath());
        }
        return p;
    }

    /** Copies the real camera files into {@code card/DCIM/100TEST}; returns the media files copied. */
    public static List<Path> withSamples(Path card) throws IOException {
        Path dcim = Files.createDirectories(card.resolve("DCIM/100TEST"));
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(samples())) {
            for (Path f : s.filter(p -> !p.getFileName().toString().endsWith(".md")
                    && !p.getFileName().toString().endsWith(".tsv")).sorted().toList()) {
                out.add(Files.copy(f, dcim.resolve(f.getFileName())));
            }
        }
        return out;
    }

    /** A file of seeded random bytes. */
    public static Path randomFile(Path file, long size, long seed) {
        try {
            Files.createDirectories(file.getParent());
            Random r = new Random(seed);
            byte[] buf = new byte[64 * 1024];
            try (var out = Files.newOutputStream(file)) {
                long left = size;
                while (left > 0) {
                    r.nextBytes(buf);
                    int n = (int) Math.min(buf.length, left);
                    out.write(buf, 0, n);
                    left -= n;
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every regular file under {@code root}, relative, sorted, outside the session folders' {@code ascmhl/}
     * histories: the files a library holds for the photographer (the manifests have tests of their own, in mhl).
     */
    public static List<String> filesUnder(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p))
                    .filter(rel -> java.util.stream.StreamSupport.stream(rel.spliterator(), false)
                            .noneMatch(part -> part.toString().equals(app.triplicate.core.LibraryLayout.MANIFEST_FOLDER)))
                    .map(Path::toString).sorted().toList();
        }
    }
}
