package app.triplicate.ingest;

import app.triplicate.core.MediaTypes;
import app.triplicate.core.UsageException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the files on a card: the whole card, not only {@code DCIM} (video often sits under
 * {@code PRIVATE/} or {@code AVCHD/}), skipping system clutter and never following a link. Media files and
 * other files (GPS logs, notes, camera settings) are both copied; everything skipped is listed, never dropped
 * silently.
 */
public final class CardScanner {

    /** Folders operating systems leave on removable media. */
    private static final Set<String> SYSTEM_FOLDERS = Set.of(
            ".trashes", ".spotlight-v100", ".fseventsd", ".temporaryitems", ".documentrevisions-v100",
            "system volume information", "$recycle.bin", "lost+found", ".triplicate");
    private static final Set<String> CLUTTER_FILES = Set.of(".ds_store", "thumbs.db", "desktop.ini", ".metadata_never_index");
    /**
     * Databases cameras keep about the card (print orders, Canon's and Sony's catalogues): rebuilt by the camera,
     * useless anywhere else. Recognised only on a camera card (one with {@code DCIM} at its root), at its root or
     * in {@code DCIM}, so a folder of one's own called "misc" elsewhere is copied like any other.
     */
    private static final Set<String> CAMERA_DATABASES = Set.of("misc", "canonmsc", "eosmisc", "avf_info");

    public record ScannedFile(Path path, String relativePath, long size, long modifiedMillis) {
        public String fileName() {
            return path.getFileName().toString();
        }
    }

    /**
     * @param media      media files, sorted by path
     * @param notMedia   the card paths of {@code others}
     * @param skipped    system clutter and links, with the reason
     * @param unreadable folders or files the scan could not read, with the reason
     * @param others     files outside system clutter that are not media: copied to the {@code Other files/}
     *                   folder of the session of the nearest media file; sorted by path
     */
    /**
     * @param histories the card's folders (relative, "" for its root) that hold an ASC MHL history of their own,
     *                  written by a camera or another offload tool: checked at ingest and kept, never copied as
     *                  the card's content
     */
    public record Scan(Path card, List<ScannedFile> media, List<String> notMedia, List<String> skipped,
                       List<String> unreadable, String fingerprint, List<ScannedFile> others, List<String> histories) {
        public long mediaBytes() {
            return media.stream().mapToLong(ScannedFile::size).sum();
        }

        public long otherBytes() {
            return others.stream().mapToLong(ScannedFile::size).sum();
        }

        /** Every file outside system clutter: the media files, then the others. */
        public List<ScannedFile> files() {
            List<ScannedFile> all = new ArrayList<>(media);
            all.addAll(others);
            return all;
        }
    }

    public Scan scan(Path card) {
        if (!Files.exists(card)) {
            throw new UsageException("The card " + card + " does not exist (is it inserted and mounted?).");
        }
        if (!Files.isDirectory(card)) {
            throw new UsageException("The card " + card + " is not a folder.");
        }
        Path root = card.toAbsolutePath().normalize();
        List<ScannedFile> media = new ArrayList<>();
        List<ScannedFile> others = new ArrayList<>();
        boolean cameraCard = Files.isDirectory(root.resolve("DCIM"));
        List<String> skipped = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        List<String> histories = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String folder = name(dir).toLowerCase(Locale.ROOT);
                    // .Trash-1000: the trash a Linux desktop keeps on removable media, one per user id
                    if (!dir.equals(root) && (SYSTEM_FOLDERS.contains(folder) || folder.startsWith(".trash-"))) {
                        skipped.add(rel(root, dir) + "/ (system folder)");
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    if (!dir.equals(root) && name(dir).equals(app.triplicate.core.LibraryLayout.MANIFEST_FOLDER)) {
                        String holder = rel(root, dir.getParent());
                        histories.add(dir.getParent().equals(root) ? "" : holder);
                        skipped.add(rel(root, dir) + "/ (the card's ASC MHL history: checked, and kept in "
                                + ".triplicate/card-histories)");
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    if (cameraCard && isCameraDatabase(root, dir)) {
                        skipped.add(rel(root, dir) + "/ (camera database)");
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String name = name(file);
                    String relative = rel(root, file);
                    if (attrs.isSymbolicLink()) {
                        skipped.add(relative + " (link, not followed)");
                    } else if (!attrs.isRegularFile()) {
                        skipped.add(relative + " (not a regular file)");
                    } else if (name.startsWith("._") || CLUTTER_FILES.contains(name.toLowerCase(Locale.ROOT))) {
                        skipped.add(relative + " (system clutter)");
                    } else if (MediaTypes.isMedia(name)) {
                        media.add(new ScannedFile(file, relative, attrs.size(), attrs.lastModifiedTime().toMillis()));
                    } else {
                        others.add(new ScannedFile(file, relative, attrs.size(), attrs.lastModifiedTime().toMillis()));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    unreadable.add(rel(root, file) + ": " + IoErrors.describe(e));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            unreadable.add(root + ": " + IoErrors.describe(e));
        }
        media.sort(Comparator.comparing(ScannedFile::relativePath));
        others.sort(Comparator.comparing(ScannedFile::relativePath));
        skipped.sort(null);
        List<ScannedFile> all = new ArrayList<>(media);
        all.addAll(others);
        all.sort(Comparator.comparing(ScannedFile::relativePath));
        return new Scan(root, List.copyOf(media), others.stream().map(ScannedFile::relativePath).toList(),
                List.copyOf(skipped), List.copyOf(unreadable), fingerprint(all), List.copyOf(others),
                histories.stream().sorted().toList());
    }

    private static boolean isCameraDatabase(Path root, Path dir) {
        Path parent = dir.getParent();
        boolean placed = root.equals(parent) || (parent != null && root.equals(parent.getParent())
                && name(parent).equalsIgnoreCase("DCIM"));
        return placed && CAMERA_DATABASES.contains(name(dir).toLowerCase(Locale.ROOT));
    }

    /**
     * The card's identity: a hash of its file list outside system clutter (names, sizes, times), never its path
     * or label.
     */
    static String fingerprint(List<ScannedFile> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (ScannedFile f : files) {
                sha.update((f.relativePath() + '\0' + f.size() + '\0' + f.modifiedMillis() + '\n')
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String name(Path p) {
        Path n = p.getFileName();
        return n == null ? p.toString() : n.toString();
    }

    private static String rel(Path root, Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }
}
