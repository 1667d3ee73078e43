package app.triplicate.remote;

import app.triplicate.files.SmallFile;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.config.hosts.KnownHostHashValue;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.digest.BuiltinDigests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Triplicate's own known-hosts file (OpenSSH format, apart from the user's {@code ~/.ssh/known_hosts}): the
 * SFTP servers whose host keys the user has accepted. A server that is not in it, or presents another key
 * than the one accepted, is refused; only {@link #trust} adds a key, and only after the user saw its
 * fingerprint. Lines are formatted and parsed by Apache MINA SSHD, which also does the checking.
 */
public final class KnownHosts {
    private final Path file;

    public KnownHosts(Path file) {
        this.file = file.toAbsolutePath();
    }

    public Path file() {
        return file;
    }

    /** The fingerprint as OpenSSH prints it ({@code ssh-keygen -lf}): "SHA256:" and unpadded base64. */
    public static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
    }

    /** The key's SSH type, as in "ssh-ed25519", "ecdsa-sha2-nistp256", "ssh-rsa". */
    public static String keyType(PublicKey key) {
        return KeyUtils.getKeyType(key);
    }

    /**
     * Accepts {@code key} for the server at {@code host:port}, replacing any key accepted for it before. Call
     * it only with a key whose fingerprint the user has confirmed.
     */
    public synchronized void trust(String host, int port, PublicKey key) {
        try {
            StringBuilder line = KnownHostHashValue.appendHostPattern(new StringBuilder(), host, port).append(' ');
            PublicKeyEntry.appendPublicKeyEntry(line, key);
            KnownHostEntry.parseKnownHostEntry(line.toString()); // the library reads back what it wrote
            List<String> lines = new ArrayList<>();
            if (Files.exists(file)) {
                for (String old : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!isFor(old, host, port)) {
                        lines.add(old);
                    }
                }
            }
            lines.add(line.toString());
            SmallFile.write(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the known hosts file " + file, e);
        }
    }

    /** The key accepted for {@code host:port}, if any. */
    public synchronized Optional<PublicKey> trusted(String host, int port) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            for (KnownHostEntry entry : KnownHostEntry.readKnownHostEntries(file)) {
                if (entry.isHostMatch(host, port) && entry.getMarker() == null) {
                    AuthorizedKeyEntry keyEntry = entry.getKeyEntry();
                    return Optional.ofNullable(keyEntry.resolvePublicKey(null, PublicKeyEntryResolver.IGNORING));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the known hosts file " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the known hosts file " + file + " holds a key this Java cannot read", e);
        }
    }

    private static boolean isFor(String line, String host, int port) {
        String trimmed = line.trim();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return false;
        }
        try {
            KnownHostEntry entry = KnownHostEntry.parseKnownHostEntry(trimmed);
            return entry != null && entry.getMarker() == null && entry.isHostMatch(host, port);
        } catch (RuntimeException e) {
            return false; // a line we cannot parse stays as it is
        }
    }

    /** What the verifier saw when it refused a server. */
    record Refusal(PublicKey presented, Optional<PublicKey> expected) {
    }

    /**
     * A verifier for one SSH client: accepts only keys this file holds for the host; on any refusal it calls
     * {@code onRefusal} first, so the caller can tell an unknown key from a changed one.
     */
    ServerKeyVerifier verifier(java.util.function.Consumer<Refusal> onRefusal) {
        KnownHostsServerKeyVerifier verifier = new KnownHostsServerKeyVerifier((session, address, key) -> {
            onRefusal.accept(new Refusal(key, Optional.empty()));
            return false;
        }, file);
        verifier.setModifiedServerKeyAcceptor((session, address, entry, expected, actual) -> {
            onRefusal.accept(new Refusal(actual, Optional.ofNullable(expected)));
            return false;
        });
        return verifier;
    }
}
