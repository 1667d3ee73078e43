package app.triplicate.remote;

import app.triplicate.files.SmallFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The remote's secret (an SFTP password or an S3 secret key), kept out of the settings file and out of
 * logs: in {@code config/secrets/remote}, readable only by the user (POSIX mode 600 in a 700 folder; on
 * Windows an access list naming only the owner). The file is written the one safe way ({@link SmallFile}),
 * its temporary file given those permissions while still empty. The studio catalog's password is kept the same way,
 * in {@code config/secrets/catalog} ({@link #named}).
 */
public final class SecretFile {
    private final Path file;

    public SecretFile(Path configDir) {
        this(configDir, "remote");
    }

    private SecretFile(Path configDir, String name) {
        this.file = configDir.resolve("secrets").resolve(name);
    }

    /** Another secret kept like the remote's, in {@code config/secrets/NAME}. */
    public static SecretFile named(Path configDir, String name) {
        return new SecretFile(configDir, name);
    }

    public Path path() {
        return file;
    }

    public void save(String secret) {
        try {
            Path dir = file.getParent();
            if (posix()) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            } else {
                Files.createDirectories(dir);
            }
            // the temporary file is made owner-only while still empty, before any byte of the secret
            SmallFile.write(file, secret.getBytes(StandardCharsets.UTF_8), SmallFile.OWNER_ONLY);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the secret in " + file + ": " + e.getMessage(), e);
        }
    }

    public Optional<String> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the secret in " + file + ": " + e.getMessage(), e);
        }
    }

    public void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the secret " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
