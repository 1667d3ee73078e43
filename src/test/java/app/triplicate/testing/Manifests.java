package app.triplicate.testing;

import app.triplicate.files.Xxh128Hasher;
import app.triplicate.mhl.C4;
import app.triplicate.mhl.ChainLink;
import app.triplicate.mhl.HashList;
import app.triplicate.mhl.MhlHistory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads a session folder's ASC MHL history back with Triplicate's reader and checks it against the folder. */
public final class Manifests {
    private Manifests() {
    }

    /**
     * The folder's history, after checking its structure: generations numbered 1..n, each named
     * {@code NNNN_<folder>_<yyyy-MM-dd_HHmmss>Z.mhl}, each chained with its C4 id recomputed from its bytes.
     */
    public static MhlHistory read(Path folder) throws IOException {
        MhlHistory h = MhlHistory.read(folder);
        // a generation keeps the folder name it was written under (a session renamed since keeps older ones)
        Pattern name = Pattern.compile("\\d{4}_.+_\\d{4}-\\d{2}-\\d{2}_\\d{6}Z\\.mhl");
        List<HashList> gens = h.generations();
        assertEquals(gens.size(), h.chain().size(), "one chain link per generation in " + folder);
        for (int i = 0; i < gens.size(); i++) {
            HashList g = gens.get(i);
            ChainLink link = h.chain().get(i);
            assertEquals(i + 1, g.number(), "generations numbered from 1 without gaps in " + folder);
            assertEquals(g.number(), link.sequence());
            assertEquals(g.fileName(), link.path());
            assertTrue(name.matcher(g.fileName()).matches(), g.fileName());
            assertEquals(C4.of(Files.readAllBytes(folder.resolve("ascmhl").resolve(link.path()))), link.c4());
            assertEquals("Triplicate", g.toolName());
            assertEquals(app.triplicate.wiring.Version.current(), g.toolVersion());
            assertTrue(g.ignore().containsAll(List.of("ascmhl", "ascmhl/", "*.triplicate-tmp")), g.ignore().toString());
        }
        return h;
    }

    /** The newest generation of the folder's (checked) history, named after the folder as it is now. */
    public static HashList newest(Path folder) throws IOException {
        HashList g = read(folder).generations().getLast();
        assertTrue(g.fileName().startsWith(String.format("%04d_%s_", g.number(), folder.getFileName())), g.fileName());
        return g;
    }

    /**
     * What the reference tool's verify would say about the folder, for the patterns Triplicate writes (plain names,
     * {@code *suffix}, {@code prefix*}, {@code **}{@code /path} with escapes): files not ignored whose first original
     * hash is missing ("new") or differs ("mismatch"), and recorded paths gone ("missing"). Empty when it passes.
     */
    public static List<String> referenceCheck(Path folder) throws IOException {
        MhlHistory h = MhlHistory.read(folder);
        List<String> ignore = h.ignorePatterns();
        List<String> out = new java.util.ArrayList<>();
        java.util.Set<String> recorded = new java.util.TreeSet<>();
        h.generations().forEach(g -> g.hashes().forEach(x -> recorded.add(x.path())));
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String rel = folder.relativize(f).toString().replace('\\', '/');
                if (ignored(rel, ignore)) {
                    continue;
                }
                recorded.remove(rel);
                var original = h.original(rel);
                if (original.isEmpty()) {
                    out.add("new " + rel);
                } else if (!original.get().value().equals(xxh128(f))) {
                    out.add("mismatch " + rel);
                }
            }
        }
        recorded.stream().filter(r -> !ignored(r, ignore)).forEach(r -> out.add("missing " + r));
        return out;
    }

    private static boolean ignored(String rel, List<String> patterns) {
        String name = rel.substring(rel.lastIndexOf('/') + 1);
        for (String p : patterns) {
            if (p.startsWith("**/")) {
                if (p.substring(3).replaceAll("\\\\(.)", "$1").equals(rel)) {
                    return true;
                }
            } else if (p.endsWith("/")) {
                if (rel.startsWith(p) || rel.contains("/" + p)) {
                    return true;
                }
            } else if (p.startsWith("*") ? name.endsWith(p.substring(1))
                    : p.endsWith("*") ? name.startsWith(p.substring(0, p.length() - 1))
                    : name.equals(p) || rel.startsWith(p + "/") || rel.contains("/" + p + "/")) {
                return true;
            }
        }
        return false;
    }

    /** Path → "action hash" for one generation. */
    public static Map<String, String> actions(HashList g) {
        Map<String, String> out = new TreeMap<>();
        g.hashes().forEach(h -> out.put(h.path(), h.action().xml() + " " + h.value()));
        return out;
    }

    /** Path → "action hash" with {@code action} for every file in the folder (outside ascmhl/), hashed now. */
    public static Map<String, String> everyFileAs(Path folder, HashList.Action action) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String rel = folder.relativize(f).toString().replace('\\', '/');
                if (!rel.startsWith("ascmhl/")) {
                    out.put(rel, action.xml() + " " + xxh128(f));
                }
            }
        }
        return out;
    }

    /** XXH128 of a file, as {@code xxhsum -H2} prints it. */
    public static String xxh128(Path file) throws IOException {
        Xxh128Hasher h = new Xxh128Hasher();
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                h.update(buf, 0, n);
            }
        }
        return h.finish().hex();
    }
}
