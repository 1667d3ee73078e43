package app.triplicate.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The one way Triplicate writes a small file it owns (settings, remote settings, known hosts, the secret, a
 * drive's marker): a temporary name of its own beside the target (two writers never share one), the bytes
 * forced to the device, an atomic rename over the old file, then the folder synced so the rename survives a
 * power cut. A reader sees the old file or the new one, never a part; a failure leaves no temporary file.
 */
public final class SmallFile {
    /** Ends every temporary name Triplicate writes, so leftovers are recognised and never taken for content. */
    public static final String TEMP_SUFFIX = ".triplicate-tmp";

    /** Runs on the new, still empty temporary file before any byte is written (to restrict who may read it). */
    @FunctionalInterface
    public interface Prepare {
        void accept(Path temp) throws IOException;
    }

    /**
     * Makes the temporary file readable and writable by its owner only (POSIX mode 600; on Windows an access
     * list naming only the owner), before any byte is written: for the remote's secret and what this computer
     * remembers about its catalog.
     */
    public static final Prepare OWNER_ONLY = SmallFile::ownerOnly;

    private static final SmallFile LOCAL = new SmallFile(new LocalFileAccess());

    private final FileAccess files;

    public SmallFile(FileAccess files) {
        this.files = files;
    }

    /** Writes through the real file system. */
    public static void write(Path target, byte[] bytes) throws IOException {
        LOCAL.replace(target, bytes, t -> { });
    }

    /** Writes through the real file system; {@code prepare} runs on the empty temporary file first. */
    public static void write(Path target, byte[] bytes, Prepare prepare) throws IOException {
        LOCAL.replace(target, bytes, prepare);
    }

    /** A unique temporary name beside {@code target}, hidden, ending in {@link #TEMP_SUFFIX}. */
    public static Path temporaryFor(Path target) {
        return target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID().toString().substring(0, 13)
                + TEMP_SUFFIX);
    }

    /**
     * Deletes the temporary files a writer killed mid-write left in {@code dir} (not below it): only Triplicate's
     * own hidden {@link #TEMP_SUFFIX} names, and only those older than {@code olderThan}, so a writer in another
     * process still at work keeps its file. Never fails: what cannot be deleted stays for the next time.
     *
     * @return the files deleted
     */
    public static java.util.List<Path> sweepLeftovers(Path dir, java.time.Duration olderThan) {
        java.util.List<Path> deleted = new java.util.ArrayList<>();
        if (!java.nio.file.Files.isDirectory(dir)) {
            return deleted;
        }
        java.time.Instant before = java.time.Instant.now().minus(olderThan);
        try (java.nio.file.DirectoryStream<Path> s = java.nio.file.Files.newDirectoryStream(dir,
                p -> p.getFileName().toString().startsWith(".") && p.getFileName().toString().endsWith(TEMP_SUFFIX))) {
            for (Path p : s) {
                try {
                    if (java.nio.file.Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                            && java.nio.file.Files.getLastModifiedTime(p).toInstant().isBefore(before)
                            && java.nio.file.Files.deleteIfExists(p)) {
                        deleted.add(p);
                    }
                } catch (IOException e) {
                    // left for the next sweep
                }
            }
        } catch (IOException e) {
            // a folder that cannot be listed keeps its leftovers; they are never read as content
        }
        return deleted;
    }

    /**
     * Writes {@code bytes} to {@code target} the same safe way, but only when it does not exist: never replaces, so
     * two processes creating the same file at once (the catalog's secret) agree on the first one written.
     *
     * @return true when this call created it, false when another file stood there (it is left as it is)
     */
    public static boolean createIfAbsent(Path target, byte[] bytes, Prepare prepare) throws IOException {
        Path file = target.toAbsolutePath();
        if (java.nio.file.Files.exists(file)) {
            return false;
        }
        java.nio.file.Files.createDirectories(file.getParent());
        Path temp = temporaryFor(file);
        try {
            try (FileChannel out = FileChannel.open(temp, java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE)) {
                prepare.accept(temp);
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    out.write(buf);
                }
                out.force(true);
            }
            try {
                // a link fails when the name is taken: the file already there stands, and this one is dropped
                java.nio.file.Files.createLink(file, temp);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException | IOException e) {
                if (java.nio.file.Files.exists(file)) {
                    return false;
                }
                java.nio.file.Files.move(temp, file); // no REPLACE_EXISTING: fails rather than replace
            }
            LOCAL.files.syncDirectory(file.getParent());
            return true;
        } finally {
            java.nio.file.Files.deleteIfExists(temp);
        }
    }

    /** Replaces {@code target} (created if absent, its folder too) with {@code bytes}. */
    public void replace(Path target, byte[] bytes, Prepare prepare) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        java.nio.file.Files.createDirectories(dir);
        Path temp = temporaryFor(target.toAbsolutePath());
        boolean moved = false;
        try {
            try (FileChannel out = files.createNew(temp)) {
                prepare.accept(temp);
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    out.write(buf);
                }
                out.force(true);
            }
            files.replaceAtomically(temp, target.toAbsolutePath());
            moved = true;
            files.syncDirectory(dir);
        } finally {
            if (!moved) {
                files.deleteIfExists(temp);
            }
        }
    }

    private static void ownerOnly(Path p) throws IOException {
        if (java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            java.nio.file.Files.setPosixFilePermissions(p,
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            return;
        }
        var view = java.nio.file.Files.getFileAttributeView(p, java.nio.file.attribute.AclFileAttributeView.class);
        if (view == null) {
            return;
        }
        var owner = java.nio.file.attribute.AclEntry.newBuilder()
                .setType(java.nio.file.attribute.AclEntryType.ALLOW).setPrincipal(view.getOwner())
                .setPermissions(java.util.EnumSet.allOf(java.nio.file.attribute.AclEntryPermission.class)).build();
        view.setAcl(java.util.List.of(owner));
    }
}
