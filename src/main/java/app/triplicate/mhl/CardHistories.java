package app.triplicate.mhl;

import app.triplicate.core.LibraryLayout;
import app.triplicate.core.Xxh128;
import app.triplicate.drives.DriveMarker;
import app.triplicate.files.SmallFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The ASC MHL histories a card brings with it (written by a camera or another offload tool), SPEC.md: <i>manifest</i>.
 * Each file the card's history recorded in {@code xxh128} is checked against it as ingest reads it (source
 * verification: bytes that differ never become a copy), and each history is kept verbatim on every destination in
 * {@code .triplicate/card-histories/<card fingerprint>/}, in the card's own layout; the library's manifests are
 * Triplicate's own and never continue a card's.
 */
public final class CardHistories {
    /** Where a drive keeps the histories cards brought, below its {@code .triplicate} folder. */
    public static final String FOLDER = "card-histories";

    private final Path card;
    private final List<String> folders;
    /** Card-relative path → the first original hash the card's history holds for it in a format Triplicate reads. */
    private final Map<String, Recorded> expected = new HashMap<>();
    private final List<String> problems = new ArrayList<>();

    private record Recorded(String hash, String tool) {
    }

    private CardHistories(Path card, List<String> folders) {
        this.card = card;
        this.folders = List.copyOf(folders);
    }

    /** Reads the histories in the card's {@code folders} (relative to {@code card}; "" for its root). */
    public static CardHistories read(Path card, List<String> folders) {
        CardHistories h = new CardHistories(card, folders);
        for (String folder : folders) {
            Path dir = folder.isEmpty() ? card : card.resolve(folder);
            String prefix = folder.isEmpty() ? "" : folder + "/";
            try {
                MhlHistory history = MhlHistory.read(dir);
                for (HashList g : history.generations()) {
                    for (HashList.Hash x : g.hashes()) {
                        if (x.action() == HashList.Action.ORIGINAL && x.format().equals(ManifestWriter.FORMAT)) {
                            h.expected.putIfAbsent(prefix + x.path(), new Recorded(x.value().toLowerCase(
                                    java.util.Locale.ROOT), g.toolName()));
                        }
                    }
                }
                if (history.generations().stream().flatMap(g -> g.hashes().stream())
                        .anyMatch(x -> !x.format().equals(ManifestWriter.FORMAT))) {
                    h.problems.add("the card's ASC MHL history in " + (folder.isEmpty() ? "its top folder" : folder)
                            + " also holds hashes in formats Triplicate does not compute (only xxh128 is checked)");
                }
            } catch (IOException | RuntimeException e) {
                h.problems.add("the card's ASC MHL history in " + (folder.isEmpty() ? "its top folder" : folder)
                        + " cannot be used to check its files: " + e.getMessage());
            }
        }
        return h;
    }

    public boolean isEmpty() {
        return folders.isEmpty();
    }

    /** What could not be checked (a history broken or in other hash formats); said, not a failure of the copy. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** How many of the card's files its histories let Triplicate check. */
    public int checkable() {
        return expected.size();
    }

    /**
     * Why the bytes read from the card at {@code cardPath} are not the ones its own history recorded, or empty when
     * they are, or when the history says nothing about that file in xxh128.
     */
    public Optional<String> mismatch(String cardPath, Xxh128 read) {
        Recorded r = expected.get(cardPath);
        if (r == null || r.hash().equals(read.hex())) {
            return Optional.empty();
        }
        return Optional.of("its bytes on the card are not the ones the card's own ASC MHL history recorded (xxh128 "
                + r.hash() + " by " + r.tool() + ", read " + read.hex() + "): not copied; check the card in the camera "
                + "or the tool that wrote the history");
    }

    /**
     * Keeps every history verbatim on the drive at {@code driveRoot}:
     * {@code .triplicate/card-histories/<fingerprint>/<folder>/ascmhl/...}. Files already kept are written again
     * (a card's history only grows).
     */
    public void keep(Path driveRoot, String fingerprint, SmallFile files) throws IOException {
        Path base = driveRoot.resolve(DriveMarker.FOLDER).resolve(FOLDER).resolve(fingerprint);
        for (String folder : folders) {
            Path from = (folder.isEmpty() ? card : card.resolve(folder)).resolve(LibraryLayout.MANIFEST_FOLDER);
            Path to = (folder.isEmpty() ? base : base.resolve(folder)).resolve(LibraryLayout.MANIFEST_FOLDER);
            List<Path> all;
            try (Stream<Path> s = Files.walk(from)) {
                all = s.filter(Files::isRegularFile).toList();
            }
            for (Path f : all) {
                files.replace(to.resolve(from.relativize(f).toString()), Files.readAllBytes(f), t -> { });
            }
        }
    }
}
