package app.triplicate.remote;

import app.triplicate.core.UsageException;

import java.nio.file.Path;
import java.util.Optional;

/** Opens the configured remote: its settings, its secret and Triplicate's own known-hosts file. */
public final class RemoteStores {
    private final Path configDir;

    /** @param configDir the home's config folder (remote.json, secrets/remote, known_hosts) */
    public RemoteStores(Path configDir) {
        this.configDir = configDir;
    }

    public Optional<RemoteConfig> config() {
        return new RemoteConfigStore(configDir).load();
    }

    public KnownHosts knownHosts() {
        return new KnownHosts(configDir.resolve("known_hosts"));
    }

    /** The remote's store; fails with a usage message when none is set or its secret is gone. */
    public RemoteStore open() {
        RemoteConfig c = config().orElseThrow(() -> new UsageException(
                "No remote is set. Set one with \"triplicate remote set sftp://USER@HOST/PATH ...\" or "
                        + "\"triplicate remote set s3://BUCKET --endpoint URL ...\"."));
        return open(c);
    }

    public RemoteStore open(RemoteConfig c) {
        Optional<String> secret = new SecretFile(configDir).load();
        if (RemoteConfig.SFTP.equals(c.kind())) {
            return new SftpStore(sftpSettings(c, secret), knownHosts());
        }
        if (RemoteConfig.S3.equals(c.kind())) {
            return new S3Store(new S3Settings(java.net.URI.create(c.endpoint()), c.region(), c.bucket(), c.path(),
                    c.accessKey(), secret.orElseThrow(() -> new UsageException(
                            "The remote's secret key is not stored; set the remote again with --secret-stdin.")),
                    c.pathStyle(), c.allowHttp(), S3Settings.DEFAULT_PART_SIZE));
        }
        throw new UsageException("This version of Triplicate cannot open a remote of kind \"" + c.kind() + "\".");
    }

    /** The SFTP settings of {@code c}: a key file, else the stored password. */
    public SftpSettings sftpSettings(RemoteConfig c, Optional<String> secret) {
        if (c.keyFile() != null) {
            return SftpSettings.withKey(c.host(), c.port(), c.user(), Path.of(c.keyFile()), c.path());
        }
        return SftpSettings.withPassword(c.host(), c.port(), c.user(), secret.orElseThrow(() -> new UsageException(
                "The remote's password is not stored; set the remote again with --password-stdin.")), c.path());
    }
}
