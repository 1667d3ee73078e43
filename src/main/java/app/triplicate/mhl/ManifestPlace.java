package app.triplicate.mhl;

import app.triplicate.core.LibraryLayout;
import app.triplicate.drives.ConnectedDrive;
import app.triplicate.files.SmallFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a location's session folders are, for their ASC MHL histories: a connected drive ({@link #on}), or the remote
 * (opened through {@link Elsewhere} for one {@link ManifestWriter#write}, and closed after it).
 */
public interface ManifestPlace extends AutoCloseable {

    /** The location's label: the drive's, or the remote's (its address). */
    String label();

    /** The session folder (a library path such as {@code 2026/2026-11-14 Smith}) there. */
    ManifestFolder folder(String sessionFolder) throws IOException;

    /** Its own files that may stand in a session folder, ignored by its histories besides {@link ManifestWriter#OWN_IGNORE}. */
    default List<String> ownIgnore() {
        return List.of();
    }

    /**
     * Whether its copies keep the folder name they were written under: the remote is never renamed, so a copy pushed
     * before a session was renamed stays in the older folder, and its history is continued there.
     */
    default boolean keepsFolderNames() {
        return false;
    }

    @Override
    default void close() {
    }

    /** The places of locations that are not drives (the remote). */
    interface Elsewhere {
        /** The place of location {@code locationId}, open for one write, or empty when this knows no such place. */
        Optional<ManifestPlace> open(UUID locationId);
    }

    /** A connected drive; its session folders must be there (a folder gone is reported, never created). */
    static ManifestPlace on(ConnectedDrive drive, SmallFile files, ZoneId zone) {
        return new ManifestPlace() {
            @Override
            public String label() {
                return drive.label();
            }

            @Override
            public ManifestFolder folder(String sessionFolder) throws IOException {
                Path folder = drive.libraryRoot().resolve(sessionFolder);
                if (!Files.isDirectory(folder)) {
                    throw new IOException("the folder " + folder + " is not there");
                }
                return ManifestFolder.on(folder, files, zone);
            }
        };
    }

    /** The session folder that holds {@code path} when the folder has as many parts as {@code sessionFolder}. */
    static Optional<String> folderOf(String path, String sessionFolder) {
        int depth = sessionFolder.split("/").length;
        String[] parts = path.split("/");
        if (parts.length <= depth || parts[depth - 1].equals(LibraryLayout.MANIFEST_FOLDER)) {
            return Optional.empty();
        }
        return Optional.of(String.join("/", java.util.Arrays.copyOf(parts, depth)));
    }
}
