package app.triplicate.mhl;

import app.triplicate.core.LibraryLayout;
import app.triplicate.files.SmallFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A session folder's history on a local file system (a drive): plain files, each written with {@link SmallFile}. */
final class DiskFolder implements ManifestFolder {
    private final Path folder;
    private final SmallFile files;
    private final ZoneId zone;

    DiskFolder(Path folder, SmallFile files, ZoneId zone) {
        this.folder = folder;
        this.files = files;
        this.zone = zone;
    }

    DiskFolder with(SmallFile other) {
        return new DiskFolder(folder, other, zone);
    }

    @Override
    public String name() {
        return folder.getFileName().toString();
    }

    @Override
    public String describe() {
        return folder.toString();
    }

    private Path dir() {
        return folder.resolve(LibraryLayout.MANIFEST_FOLDER);
    }

    @Override
    public List<String> manifestNames() throws IOException {
        if (!Files.isDirectory(dir())) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> in = Files.newDirectoryStream(dir())) {
            for (Path p : in) {
                if (Files.isRegularFile(p)) {
                    names.add(p.getFileName().toString());
                }
            }
        }
        return names;
    }

    @Override
    public Optional<byte[]> readManifest(String name) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(dir().resolve(name)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void writeManifest(String name, byte[] bytes) throws IOException {
        files.replace(dir().resolve(name), bytes, t -> { });
    }

    @Override
    public long size(String path) throws IOException {
        Path file = folder.resolve(path);
        return Files.isRegularFile(file) ? Files.size(file) : -1;
    }

    @Override
    public OffsetDateTime modified(String path) {
        try {
            return OffsetDateTime.ofInstant(Files.getLastModifiedTime(folder.resolve(path)).toInstant(), zone);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public Optional<Found> readAgain(String path) throws IOException {
        Path file = folder.resolve(path);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.of(ManifestFolder.hash(in));
        }
    }
}
