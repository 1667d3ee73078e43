package app.triplicate.fault;

import app.triplicate.catalog.Catalog;
import app.triplicate.core.Xxh128;
import app.triplicate.files.SmallFile;
import app.triplicate.files.Xxh128Hasher;
import app.triplicate.settings.Home;
import app.triplicate.testing.CliHarness;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The invariants the fault suite checks after every case, from what is really on the drives and in the catalog:
 * no partial file under a final name, no copy counted without its bytes, the card unchanged, the catalog open in
 * seconds with figures that match a recount.
 */
final class Library {
    private Library() {
    }

    /** A card's files as a photographer would notice a change: bytes (as a hash), size and modification time. */
    record CardState(Map<String, String> files) {
        void assertUnchanged(Path card, String context) {
            assertEquals(files, snapshot(card).files(), "the card was changed (" + context + "): " + card);
        }
    }

    static CardState snapshot(Path card) {
        Map<String, String> out = new TreeMap<>();
        for (Path f : regularFiles(card)) {
            try {
                out.put(card.relativize(f).toString(), sample(f) + " " + Files.size(f) + " "
                        + Files.getLastModifiedTime(f, LinkOption.NOFOLLOW_LINKS).toMillis());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new CardState(out);
    }

    /** The contents of every file under {@code card}: the only bytes a library file may have. */
    static Set<String> contents(Path card) {
        return new java.util.HashSet<>(regularFiles(card).stream().filter(f -> size(f) <= LARGE)
                .map(f -> hash(f).hex()).toList());
    }

    /** Larger card files (the sparse 4 GiB video) are never meant to land in these cases, nor read whole. */
    private static final long LARGE = 64L << 20;

    /** A file's whole hash, or for a large one the hash of its first and last MiB (with its size and time beside). */
    private static String sample(Path f) throws IOException {
        if (size(f) <= LARGE) {
            return hash(f).hex();
        }
        Xxh128Hasher h = new Xxh128Hasher();
        try (var ch = java.nio.channels.FileChannel.open(f)) {
            for (long at : new long[]{0, ch.size() - (1 << 20)}) {
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(1 << 20);
                while (buf.hasRemaining() && ch.read(buf, at + buf.position()) > 0) {
                    // read the MiB
                }
                h.update(buf.array(), 0, buf.position());
            }
        }
        return "sampled:" + h.finish().hex();
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every file under a final name in each drive's library is whole: its bytes are one of {@code good}. A
     * named temporary file is allowed only when {@code tempsAllowed} (right after a kill); after a rerun none
     * may be left.
     */
    static void assertNoPartialFiles(Map<String, Path> drives, Set<String> good, boolean tempsAllowed, String context) {
        for (var d : drives.entrySet()) {
            Path lib = d.getValue().resolve("Triplicate");
            for (Path f : regularFiles(lib)) {
                String rel = lib.relativize(f).toString();
                if (f.getFileName().toString().endsWith(SmallFile.TEMP_SUFFIX)) {
                    assertTrue(tempsAllowed, "a temporary file was left on " + d.getKey() + " (" + context + "): " + rel);
                    continue;
                }
                assertTrue(good.contains(hash(f).hex()),
                        "partial or foreign file under a final name on " + d.getKey() + " (" + context + "): " + rel);
            }
        }
    }

    /**
     * Every copy the catalog counts as verified on these drives is there with the recorded bytes (read and hashed
     * now). Returns how many copies each drive is counted with.
     */
    static Map<String, Integer> assertCountedCopiesAreReal(Path home, Map<String, Path> drives, String context)
            throws Exception {
        Map<String, Path> libraries = new LinkedHashMap<>();
        drives.forEach((label, root) -> libraries.put(label, root.resolve("Triplicate")));
        return assertCountedCopiesAreRealIn(home, libraries, context);
    }

    /** Every copy the catalog records in {@code state}, as "STATE label path". */
    static Set<String> copiesIn(Path home, String state) {
        Set<String> out = new java.util.TreeSet<>();
        try (Catalog catalog = Catalog.open(Home.under(home).catalogBase())) {
            catalog.inTransaction(c -> {
                try (java.sql.PreparedStatement ps = c.prepareStatement("""
                        SELECT l.label, c.path FROM copy c JOIN location l ON l.id = c.location_id
                        WHERE c.state = ?""")) {
                    ps.setString(1, state);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(state + " " + rs.getString(1) + " " + rs.getString(2));
                        }
                    }
                }
                return null;
            });
        }
        return out;
    }

    /** The remote's copies are checked under the key {@link #REMOTE}, against the folder the server serves. */
    static final String REMOTE = "(remote)";

    /** As {@link #assertCountedCopiesAreReal}, given each location's library root (drives by label). */
    static Map<String, Integer> assertCountedCopiesAreRealIn(Path home, Map<String, Path> libraries, String context)
            throws Exception {
        List<String[]> rows = new ArrayList<>();
        try (Catalog catalog = Catalog.open(Home.under(home).catalogBase())) {
            catalog.inTransaction(c -> {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                        SELECT CASE WHEN l.kind = 'DRIVE' THEN l.label ELSE '(remote)' END, c.path, m.hash FROM copy c JOIN media_file m ON m.id = c.media_file_id
                        JOIN location l ON l.id = c.location_id WHERE c.state = 'VERIFIED'""")) {
                    while (rs.next()) {
                        rows.add(new String[]{rs.getString(1), rs.getString(2), rs.getString(3)});
                    }
                }
                return null;
            });
        }
        Map<String, Integer> counted = new HashMap<>();
        for (String[] r : rows) {
            Path library = libraries.get(r[0]);
            if (library == null) {
                continue; // a location this case does not look at
            }
            Path f = library.resolve(r[1]);
            assertTrue(Files.isRegularFile(f), "counted as verified but not there on " + r[0] + " (" + context + "): "
                    + r[1]);
            assertEquals(r[2], hash(f).hex(), "counted as verified but other bytes on " + r[0] + " (" + context + "): "
                    + r[1]);
            counted.merge(r[0], 1, Integer::sum);
        }
        return counted;
    }

    /**
     * The catalog opens within seconds, {@code catalog check} finds no drifted figure, and what {@code status}
     * shows per drive is what {@link #assertCountedCopiesAreReal} found there (returned, by drive). The test's own
     * recount of every figure, {@link app.triplicate.testing.CatalogFigures}, is the slower final check of a case.
     */
    static Map<String, Integer> assertCatalogTrue(CliHarness cli, Path home, Map<String, Path> drives, String context)
            throws Exception {
        long start = System.nanoTime();
        CliHarness.Result check = cli.run("catalog", "check", "--json");
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(0, check.exitCode(), "catalog check (" + context + "): " + check.out() + check.err());
        assertTrue(ms < 15_000, "the catalog took " + ms + " ms to open and check (" + context + ")");
        Map<String, Integer> counted = assertCountedCopiesAreReal(home, drives, context);
        Map<String, Integer> shown = new HashMap<>();
        for (JsonNode s : cli.expect(0, "status", "--json").json().get("sessions")) {
            for (JsonNode c : s.get("copies")) {
                if (drives.containsKey(c.get("location").asText()) && c.get("verifiedFiles").asInt() > 0) {
                    shown.merge(c.get("location").asText(), c.get("verifiedFiles").asInt(), Integer::sum);
                }
            }
        }
        assertEquals(counted, shown, "status shows other figures than the drives hold (" + context + ")");
        return counted;
    }

    static List<Path> regularFiles(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            // a session folder's ASC MHL history is Triplicate's own record, not a copy of a card file
            return s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> !root.relativize(p).toString().replace('\\', '/').matches("(.*/)?ascmhl/.*"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Xxh128 hash(Path f) {
        Xxh128Hasher h = new Xxh128Hasher();
        byte[] buf = new byte[256 * 1024];
        try (InputStream in = Files.newInputStream(f)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                h.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return h.finish();
    }
}
