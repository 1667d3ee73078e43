package app.triplicate.remote;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an SFTP remote is and how to log in. The password is a secret: {@link #toString()} leaves it out, and
 * so does every message built from these settings.
 *
 * @param keyFile    a private key (OpenSSH or PEM); when set it is used, and the password, if any, unlocks it
 * @param password   the login password, or the key file's passphrase when a key file is given
 * @param baseFolder the folder on the server the library paths go under: absolute ({@code /srv/backup}) or
 *                   relative to the user's home ({@code backup}); it must exist, Triplicate does not create it
 */
public record SftpSettings(String host, int port, String user, Optional<Path> keyFile, Optional<String> password,
                           String baseFolder) {

    public SftpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(keyFile, "keyFile");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(baseFolder, "baseFolder");
        if (host.isBlank() || user.isBlank()) {
            throw new IllegalArgumentException("an SFTP remote needs a host and a user");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("not a TCP port: " + port);
        }
        if (keyFile.isEmpty() && password.isEmpty()) {
            throw new IllegalArgumentException("an SFTP remote needs a password or a key file");
        }
    }

    public static SftpSettings withPassword(String host, int port, String user, String password, String baseFolder) {
        return new SftpSettings(host, port, user, Optional.empty(), Optional.of(password), baseFolder);
    }

    public static SftpSettings withKey(String host, int port, String user, Path keyFile, String baseFolder) {
        return new SftpSettings(host, port, user, Optional.of(keyFile), Optional.empty(), baseFolder);
    }

    /** "sftp://photo@nas.local:22/backup", never with the password. */
    public String url() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        String b = baseFolder.startsWith("/") ? baseFolder : "/~/" + baseFolder;
        return "sftp://" + user + "@" + h + ":" + port + b;
    }

    @Override
    public String toString() {
        return "SftpSettings[" + url() + keyFile.map(k -> ", key " + k).orElse("")
                + password.map(p -> ", password set").orElse("") + "]";
    }
}
