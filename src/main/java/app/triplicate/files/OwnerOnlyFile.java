package app.triplicate.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * A small secret file only its owner may read (POSIX mode 600; on Windows an access list naming only the owner),
 * made the {@link SmallFile} way with those permissions set while still empty. {@link #createIfAbsent} never
 * replaces: two processes creating the same secret at once agree on the first one written.
 */
public final class OwnerOnlyFile {
    private OwnerOnlyFile() {
    }

    public static Optional<String> read(Path file) throws IOException {
        return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
    }

    /** Writes {@code text} to {@code file} unless it exists; returns what the file holds afterwards. */
    public static String createIfAbsent(Path file, String text) throws IOException {
        Optional<String> there = read(file);
        if (there.isPresent()) {
            return there.get();
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = SmallFile.temporaryFor(file);
        try {
            Files.createFile(temp);
            restrict(temp);
            try (var ch = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            }
            try {
                // a link fails when the name is taken: the other writer's secret stands, and ours is dropped
                Files.createLink(file, temp);
            } catch (FileAlreadyExistsException e) {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (UnsupportedOperationException | IOException e) {
                if (Files.exists(file)) {
                    return Files.readString(file, StandardCharsets.UTF_8);
                }
                Files.move(temp, file); // no REPLACE_EXISTING: fails rather than replace one just written
            }
            syncFolder(file.toAbsolutePath().getParent());
            return text;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The new name must survive a power cut: the catalog's password would otherwise outlive its only copy. */
    private static void syncFolder(Path dir) {
        try (var ch = java.nio.channels.FileChannel.open(dir, java.nio.file.StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a folder this way; its rename is durable on NTFS
        }
    }

    private static void restrict(Path p) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
            return;
        }
        AclFileAttributeView view = Files.getFileAttributeView(p, AclFileAttributeView.class);
        if (view != null) {
            view.setAcl(List.of(AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(view.getOwner())
                    .setPermissions(EnumSet.allOf(AclEntryPermission.class)).build()));
        }
    }
}
