package app.triplicate.mhl;

import app.triplicate.core.LibraryLayout;
import app.triplicate.files.SmallFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A folder's ASC MHL history: its {@code ascmhl/} generations and the chain that holds each one's C4 id, read and
 * checked as the reference implementation reads them (every chained manifest present and unchanged), and continued
 * one generation at a time (the manifest first, then the chain, each written whole with {@link SmallFile}).
 */
public final class MhlHistory {
    public static final String CHAIN_FILE = "ascmhl_chain.xml";
    public static final String EXTENSION = ".mhl";
    /** The patterns the reference implementation starts every history with. */
    public static final List<String> DEFAULT_IGNORE = List.of(".DS_Store", LibraryLayout.MANIFEST_FOLDER,
            LibraryLayout.MANIFEST_FOLDER + "/");
    private static final Pattern GENERATION = Pattern.compile("^(\\d{4,})(?:_(.+))?\\" + EXTENSION + "$");
    private static final DateTimeFormatter FILE_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd_HHmmss", Locale.ROOT);

    private final ManifestFolder folder;
    private final List<ChainLink> chain;
    private final List<HashList> generations;
    /** Path → its first original hash; and path → every hash it was recorded with but failed ones (looked up per file). */
    private final Map<String, HashList.Hash> originals = new HashMap<>();
    private final Map<String, Set<String>> recorded = new HashMap<>();

    private MhlHistory(ManifestFolder folder, List<ChainLink> chain, List<HashList> generations) {
        this.folder = folder;
        this.chain = List.copyOf(chain);
        this.generations = List.copyOf(generations);
        for (HashList g : this.generations) {
            for (HashList.Hash h : g.hashes()) {
                if (h.action() == HashList.Action.ORIGINAL) {
                    originals.putIfAbsent(h.path(), h);
                }
                if (h.action() != HashList.Action.FAILED) {
                    recorded.computeIfAbsent(h.path(), k -> new HashSet<>())
                            .add(h.format() + ":" + h.value().toLowerCase(Locale.ROOT));
                }
            }
        }
    }

    /**
     * The history of {@code folder} on a local file system (empty when it has no {@code ascmhl/} yet).
     *
     * @throws MhlException when a chained manifest is missing or its bytes no longer match their C4 id, the chain is
     *                      missing beside manifests, or a manifest cannot be read
     */
    public static MhlHistory read(Path folder) throws IOException {
        return read(ManifestFolder.on(folder));
    }

    /** As {@link #read(Path)}, wherever the folder is (a drive, the remote). */
    public static MhlHistory read(ManifestFolder folder) throws IOException {
        List<HashList> lists = new ArrayList<>();
        Map<String, byte[]> bytesOf = new HashMap<>();
        for (String name : folder.manifestNames()) {
            Matcher m = GENERATION.matcher(name);
            if (name.startsWith("._") || !m.matches()) {
                continue; // AppleDouble shadows, temporary files, and other tools' extras are not generations
            }
            Optional<byte[]> bytes = folder.readManifest(name);
            if (bytes.isPresent()) {
                bytesOf.put(name, bytes.get());
                lists.add(MhlXml.read(bytes.get(), Integer.parseInt(m.group(1)), name));
            }
        }
        lists.sort(Comparator.comparingInt(HashList::number));
        String chainFile = folder.describe() + "/" + LibraryLayout.MANIFEST_FOLDER + "/" + CHAIN_FILE;
        Optional<byte[]> chainBytes = folder.readManifest(CHAIN_FILE);
        if (chainBytes.isEmpty() && !lists.isEmpty()) {
            throw new MhlException(chainFile + " is missing beside " + lists.size() + " manifest(s)");
        }
        List<ChainLink> links = chainBytes.isEmpty() ? List.of() : MhlXml.readChain(chainBytes.get(), chainFile);
        for (ChainLink l : links) {
            String file = folder.describe() + "/" + LibraryLayout.MANIFEST_FOLDER + "/" + l.path();
            byte[] bytes = bytesOf.containsKey(l.path()) ? bytesOf.get(l.path())
                    : folder.readManifest(l.path()).orElse(null);
            if (bytes == null) {
                throw new MhlException("the manifest " + file + " named in " + CHAIN_FILE + " is missing");
            }
            String c4 = C4.of(bytes);
            if (!c4.equals(l.c4())) {
                throw new MhlException("the manifest " + file + " was changed after it was written (its C4 id is "
                        + c4 + ", the chain says " + l.c4() + ")");
            }
        }
        return new MhlHistory(folder, links, lists);
    }

    public ManifestFolder folder() {
        return folder;
    }

    public List<ChainLink> chain() {
        return chain;
    }

    /** The generations, oldest first. */
    public List<HashList> generations() {
        return generations;
    }

    public boolean isEmpty() {
        return generations.isEmpty();
    }

    public int nextNumber() {
        int n = 0;
        for (HashList g : generations) {
            n = Math.max(n, g.number());
        }
        for (ChainLink l : chain) {
            n = Math.max(n, l.sequence());
        }
        return n + 1;
    }

    /**
     * The ignore patterns in force: the newest generation's, since the reference implementation reads only those
     * (so each generation repeats the earlier ones); the defaults when there is no generation or it names none.
     */
    public List<String> ignorePatterns() {
        if (generations.isEmpty() || generations.getLast().ignore().isEmpty()) {
            return DEFAULT_IGNORE;
        }
        return generations.getLast().ignore();
    }

    /** The first {@code original} hash of {@code path} in any generation: what the reference tool checks it against. */
    public Optional<HashList.Hash> original(String path) {
        return Optional.ofNullable(originals.get(path));
    }

    /** Whether any generation recorded {@code path} with {@code value} as an original or a verified hash. */
    public boolean recorded(String path, String format, String value) {
        return recorded.getOrDefault(path, Set.of()).contains(format + ":" + value.toLowerCase(Locale.ROOT));
    }

    /** The file name of generation {@code number} written at {@code at}: {@code 0002_<folder>_2026-11-26_143000Z.mhl}. */
    public String fileName(int number, OffsetDateTime at) {
        return String.format(Locale.ROOT, "%04d", number) + "_" + folder.name() + "_"
                + FILE_DATE.format(at.withOffsetSameInstant(ZoneOffset.UTC)) + "Z" + EXTENSION;
    }

    /**
     * Writes {@code next} as the next generation and links it into the chain, each file whole (atomically) where
     * the history lives. Patterns already in force stay in force ({@link #ignorePatterns} and {@code next}'s
     * patterns together).
     *
     * @return the history with it
     */
    public MhlHistory append(HashList next) throws IOException {
        int number = nextNumber();
        LinkedHashSet<String> ignore = new LinkedHashSet<>(ignorePatterns());
        ignore.addAll(next.ignore());
        HashList written = new HashList(number, fileName(number, next.creationDate()), next.creationDate(),
                next.hostName(), next.toolName(), next.toolVersion(), next.process(), List.copyOf(ignore), next.hashes());
        byte[] bytes = MhlXml.write(written);
        // the manifest first: a crash before the chain is written leaves a generation the chain does not vouch for,
        // which the next one still counts past, never a chain naming a manifest that is not there
        folder.writeManifest(written.fileName(), bytes);
        List<ChainLink> links = new ArrayList<>(chain);
        links.add(new ChainLink(number, written.fileName(), C4.of(bytes)));
        folder.writeManifest(CHAIN_FILE, MhlXml.writeChain(links));
        List<HashList> all = new ArrayList<>(generations);
        all.add(written);
        return new MhlHistory(folder, links, all);
    }

    /** As {@link #append(HashList)}, a history read from a local folder written with {@code files}. */
    public MhlHistory append(HashList next, SmallFile files) throws IOException {
        ManifestFolder on = folder instanceof DiskFolder d ? d.with(files) : folder;
        return new MhlHistory(on, chain, generations).append(next);
    }

    /**
     * An ignore pattern for one path in the folder. The reference tool matches patterns (gitwildmatch) against
     * absolute paths, so the path is preceded by {@code **}{@code /} (any folders above it) and its wildcard
     * characters are escaped; it would also match the same path in a subfolder of that name, which a session
     * folder's layout does not make.
     */
    public static String ignorePattern(String relativePath) {
        StringBuilder sb = new StringBuilder("**/");
        for (char c : relativePath.toCharArray()) {
            if ("\\*?[]!#".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
