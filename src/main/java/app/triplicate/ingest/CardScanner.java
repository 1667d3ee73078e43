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
 * Finds the media files on a card: the whole card, not only {@code DCIM} (video often sits under
 * {@code PRIVATE/} or {@code AVCHD/}), skipping system and hidden clutter and never following a link.
 * Everything not copied is listed, never dropped silently.
 */
public final class CardScanner {

    /** Folders operating systems leave on removable media. */
    private static final Set<String> SYSTEM_FOLDERS = Set.of(
            ".trashes", ".spotlight-v100", ".fseventsd", ".temporaryitems", ".documentrevisions-v100",
            "system volume information", "$recycle.bin", "lost+found", ".triplicate");
    private static final Set<String> CLUTTER_FILES = Set.of(".ds_store", "thumbs.db", "desktop.ini", ".metadata_never_index");

    public record ScannedFile(Path path, String relativePath, long size, long modifiedMillis) {
        public String fileName() {
            return path.getFileName().toString();
        }
    }

    /**
     * @param media      media files, sorted by path
     * @param notMedia   files that are not media (not copied, listed in the summary)
     * @param skipped    system clutter and links, with the reason
     * @param unreadable folders or files the scan could not read, with the reason
     */
    public record Scan(Path card, List<ScannedFile> media, List<String> notMedia, List<String> skipped,
                       List<String> unreadable, String fingerprint) {
        public long mediaBytes() {
            return media.stream().mapToLong(ScannedFile::size).sum();
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
        List<String> notMedia = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(root) && SYSTEM_FOLDERS.contains(name(dir).toLowerCase(Locale.ROOT))) {
                        skipped.add(rel(root, dir) + "/ (system folder)");
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
                        notMedia.add(relative);
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
        notMedia.sort(null);
        skipped.sort(null);
        return new Scan(root, List.copyOf(media), List.copyOf(notMedia), List.copyOf(skipped), List.copyOf(unreadable),
                fingerprint(media));
    }

    /** The card's identity: a hash of its media file list (names, sizes, times), never its path or label. */
    static String fingerprint(List<ScannedFile> media) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (ScannedFile f : media) {
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
