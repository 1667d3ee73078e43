package app.triplicate.remote;

import app.triplicate.catalog.LocationRepository;
import app.triplicate.catalog.SessionRepository;
import app.triplicate.core.Location;
import app.triplicate.core.Session;
import app.triplicate.core.UsageException;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The remote's settings as both front doors change them: the command line ({@code remote set/show/test/trust})
 * and the window's Settings. It checks what the user gave and builds the {@link RemoteConfig}, saves it with
 * its secret (kept apart, in {@link SecretFile}), tests a remote (saved, or as typed and not saved yet) with
 * the host-key outcome spelled out, and trusts exactly the SFTP host key whose fingerprint the user saw.
 * <p>
 * Secrets go in and are stored; they never come back out of this class, and no message it builds holds one.
 */
public final class RemoteSettingsService {
    private final RemoteStores stores;
    private final Path configDir;
    private final LocationRepository locations;
    private final SessionRepository sessions;

    /** With the catalog: also tells the remote's catalog location and the sessions' ids (the window). */
    public RemoteSettingsService(Path configDir, LocationRepository locations, SessionRepository sessions) {
        this.configDir = configDir;
        this.stores = new RemoteStores(configDir);
        this.locations = locations;
        this.sessions = sessions;
    }

    /** Settings only, without opening the catalog (the command line's {@code remote} commands). */
    public static RemoteSettingsService forConfig(Path configDir) {
        return new RemoteSettingsService(configDir, null, null);
    }

    // ---- building a config from what the user gave ----

    /** The S3 services Triplicate knows the addresses of; {@link #OTHER} is any S3-compatible server (MinIO, a NAS). */
    public enum S3Preset {
        BACKBLAZE_B2("Backblaze B2", "eu-central-003"),
        WASABI("Wasabi", "eu-central-1"),
        AWS("Amazon S3", "eu-west-1"),
        OTHER("MinIO or other", "us-east-1");

        private final String label;
        private final String exampleRegion;

        S3Preset(String label, String exampleRegion) {
            this.label = label;
            this.exampleRegion = exampleRegion;
        }

        public String label() {
            return label;
        }

        public String exampleRegion() {
            return exampleRegion;
        }

        /** The service's endpoint for a region (from {@link S3Settings}' presets); empty for {@link #OTHER}. */
        public Optional<String> endpoint(String region) {
            if (this == OTHER || region == null || region.isBlank() || !region.strip().matches("[a-z0-9-]+")) {
                return Optional.empty();
            }
            String r = region.strip();
            S3Settings s = switch (this) {
                case BACKBLAZE_B2 -> S3Settings.backblazeB2(r, "b", "", "k", "s");
                case WASABI -> S3Settings.wasabi(r, "b", "", "k", "s");
                case AWS -> S3Settings.aws(r, "b", "", "k", "s");
                case OTHER -> throw new IllegalStateException();
            };
            return Optional.of(s.endpoint().toString());
        }

        /** MinIO and most NAS servers want the bucket in the path; the big services take it in the host name. */
        public boolean pathStyle() {
            return this == OTHER;
        }

        /** The preset whose endpoint this is (for a region), else {@link #OTHER}. */
        public static S3Preset of(String endpoint, String region) {
            for (S3Preset p : values()) {
                if (p.endpoint(region).filter(e -> e.equalsIgnoreCase(endpoint)).isPresent()) {
                    return p;
                }
            }
            return OTHER;
        }
    }

    /** An SFTP remote from {@code sftp://USER@HOST[:PORT]/PATH} and, when signing in with a key, its file. */
    public RemoteConfig sftp(String url, Path keyFile) {
        if (keyFile != null && !Files.isRegularFile(keyFile)) {
            throw new UsageException("The key file " + keyFile + " does not exist.");
        }
        return RemoteConfig.sftp(url, keyFile);
    }

    /**
     * An SFTP remote from a form's fields.
     *
     * @param baseFolder the folder on the server, from its root ({@code /volume1/backup}); "/" when blank
     * @param keyFile    a private key file, or null to sign in with a password
     */
    public RemoteConfig sftp(String host, String port, String user, String baseFolder, Path keyFile) {
        String h = host == null ? "" : host.strip();
        if (h.isEmpty() || h.contains(" ") || h.contains("/") || h.contains("@")) {
            throw new UsageException("Give the SFTP server's host name or address, e.g. nas.local or 192.168.1.20.");
        }
        int p;
        try {
            p = port == null || port.isBlank() ? 22 : Integer.parseInt(port.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("The SFTP port must be a number (usually 22), not \"" + port.strip() + "\".");
        }
        if (p < 1 || p > 65535) {
            throw new UsageException("The SFTP port must be between 1 and 65535 (usually 22), not " + p + ".");
        }
        String u = user == null ? "" : user.strip();
        if (u.isEmpty() || u.contains(":") || u.contains("@") || u.contains(" ")) {
            throw new UsageException("Give the user name Triplicate signs in with on the SFTP server.");
        }
        String folder = baseFolder == null || baseFolder.isBlank() ? "/" : baseFolder.strip().replace('\\', '/');
        if (!folder.startsWith("/")) {
            folder = "/" + folder;
        }
        if (keyFile != null && !Files.isRegularFile(keyFile)) {
            throw new UsageException("The key file " + keyFile + " does not exist.");
        }
        return new RemoteConfig(RemoteConfig.SFTP, h, p, u, folder,
                keyFile == null ? null : keyFile.toAbsolutePath().normalize().toString(), null, null, null, null,
                false, false);
    }

    /** An S3 remote from {@code s3://BUCKET[/PREFIX]} and its endpoint (checked: HTTPS, or allowed plain HTTP). */
    public RemoteConfig s3(String url, String endpoint, String region, String accessKey, boolean pathStyle,
                           boolean allowHttp) {
        return RemoteConfig.s3(url, endpoint, region, accessKey, pathStyle, allowHttp);
    }

    /** An S3 remote from a form's fields, checked as {@code remote set} checks them. */
    public RemoteConfig s3(String endpoint, String region, String bucket, String prefix, String accessKey,
                           boolean pathStyle, boolean allowHttp) {
        String b = bucket == null ? "" : bucket.strip();
        if (b.isEmpty() || !b.matches("[A-Za-z0-9._-]+")) {
            throw new UsageException("Give the bucket's name (letters, digits, dots and dashes).");
        }
        String e = endpoint == null ? "" : endpoint.strip();
        if (e.isEmpty()) {
            throw new UsageException("An S3 remote needs its endpoint, e.g. https://s3.eu-central-003.backblazeb2.com.");
        }
        RemoteConfig.checkEndpoint(e, allowHttp);
        String key = accessKey == null ? "" : accessKey.strip();
        if (key.isEmpty()) {
            throw new UsageException("An S3 remote needs its access key id.");
        }
        // S3Settings normalises and checks the prefix
        String p = new S3Settings(URI.create(e), region, b, prefix, key, "-", pathStyle, allowHttp,
                S3Settings.DEFAULT_PART_SIZE).prefix();
        return new RemoteConfig(RemoteConfig.S3, null, null, null, p, null, e,
                region == null || region.isBlank() ? "us-east-1" : region.strip(), b, key, pathStyle, allowHttp);
    }

    /**
     * Whether an endpoint is plain HTTP to what looks like a server on the user's own network, without asking
     * the name service (it may be slow): an IP literal that is loopback or private, "localhost", or a
     * {@code .local}/{@code .lan}/{@code .home.arpa} name. Saving and testing check it properly.
     */
    public static boolean looksLocalHttp(String endpoint) {
        URI u;
        try {
            u = new URI(endpoint == null ? "" : endpoint.strip());
        } catch (URISyntaxException e) {
            return false;
        }
        if (!"http".equalsIgnoreCase(u.getScheme()) || u.getHost() == null) {
            return false;
        }
        String host = u.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.equals("localhost") || host.endsWith(".local") || host.endsWith(".lan")
                || host.endsWith(".home.arpa")) {
            return true;
        }
        if (host.matches("[0-9.]+") || host.contains(":")) {
            try {
                InetAddress a = InetAddress.getByName(host); // a literal: no lookup
                boolean uniqueLocal6 = a instanceof java.net.Inet6Address && (a.getAddress()[0] & 0xfe) == 0xfc;
                return a.isLoopbackAddress() || a.isSiteLocalAddress() || uniqueLocal6;
            } catch (java.net.UnknownHostException ex) {
                return false;
            }
        }
        return false;
    }

    // ---- saving and showing ----

    /** What is set now, without the secret: only whether one is stored. */
    public record Current(Optional<RemoteConfig> config, boolean secretStored) {
    }

    public Current current() {
        return new Current(stores.config(), new SecretFile(configDir).load().isPresent());
    }

    /**
     * Saves {@code config} as the one remote, replacing the one before. A password or S3 secret given is
     * stored apart; none given keeps the stored one (the form showed "stored"), except that an SFTP remote
     * signing in with a key file keeps no password.
     *
     * @throws UsageException when the remote needs a secret and none is given or stored
     */
    public void save(RemoteConfig config, Optional<String> secret) {
        Objects.requireNonNull(config, "config");
        SecretFile secrets = new SecretFile(configDir);
        boolean keyFile = RemoteConfig.SFTP.equals(config.kind()) && config.keyFile() != null;
        Optional<String> given = secret.filter(s -> !s.isEmpty());
        if (!keyFile && given.isEmpty() && storedSecretFor(config).isEmpty()) {
            throw new UsageException(RemoteConfig.SFTP.equals(config.kind())
                    ? "Give the SFTP password, or a key file."
                    : "Give the secret key of access key " + config.accessKey() + ".");
        }
        new RemoteConfigStore(configDir).save(config);
        if (keyFile) {
            secrets.delete(); // a key file now: no password kept
        } else {
            given.ifPresent(secrets::save);
        }
    }

    // ---- testing and trusting ----

    /** The SFTP server's host key as it presented it: what the user compares and trusts. */
    public record HostKey(String host, int port, String type, String fingerprint) {
    }

    public enum Outcome {
        /** Reachable; a probe was written, read back and removed. */
        OK,
        /** An SFTP server whose host key is not trusted yet: {@link TestResult#hostKey()} is what it presents. */
        HOST_KEY_UNKNOWN,
        /** An SFTP server whose host key differs from the one trusted: a warning, nothing to trust here. */
        HOST_KEY_CHANGED,
        /** Anything else that failed: the message says what to fix. */
        FAILED
    }

    /**
     * @param message  what happened, in words (no secret)
     * @param warning  an S3 bucket without versioning or object lock, when the provider tells
     * @param hostKey  with {@link Outcome#HOST_KEY_UNKNOWN}: the key the server presents, to show and trust
     * @param kind     the failure's kind, when it was a remote failure
     */
    public record TestResult(Outcome outcome, String message, Optional<String> warning, Optional<HostKey> hostKey,
                             Optional<RemoteException.Kind> kind) {
        public boolean ok() {
            return outcome == Outcome.OK;
        }
    }

    /**
     * The stored secret, when it belongs to a remote of the same kind as {@code config} (an SFTP password is
     * no S3 secret key, and the other way round).
     */
    /**
     * The stored secret, when it belongs to this remote: the same kind, host (or S3 endpoint) and user (or
     * access key). An SFTP password is no S3 secret, and one server's password is never sent to another; a
     * corrected port on the same host keeps it.
     */
    private Optional<String> storedSecretFor(RemoteConfig config) {
        boolean same = stores.config().map(c -> c.kind().equals(config.kind())
                && java.util.Objects.equals(c.host(), config.host()) && java.util.Objects.equals(c.user(), config.user())
                && java.util.Objects.equals(c.endpoint(), config.endpoint())
                && java.util.Objects.equals(c.accessKey(), config.accessKey())).orElse(false);
        return same ? new SecretFile(configDir).load() : Optional.empty();
    }

    /** Tests the saved remote with its stored secret. */
    public TestResult test() {
        RemoteConfig c = stores.config().orElseThrow(() -> new UsageException(
                "No remote is set. Set one with \"triplicate remote set sftp://USER@HOST/PATH ...\" or "
                        + "\"triplicate remote set s3://BUCKET --endpoint URL ...\"."));
        return test(c, Optional.empty());
    }

    /**
     * Tests {@code config} (saved or not): connects, writes, reads back and removes a probe in Triplicate's
     * own area. {@code secret} when given, else the stored one.
     */
    public TestResult test(RemoteConfig config, Optional<String> secret) {
        try (RemoteStore store = open(config, secret)) {
            store.test();
            Optional<String> warning = store instanceof S3Store s3 ? s3.versioningWarning() : Optional.empty();
            return new TestResult(Outcome.OK, store.describe() + " is reachable; Triplicate wrote, read back and "
                    + "removed a probe there.", warning, Optional.empty(), Optional.empty());
        } catch (RemoteException e) {
            if (e.kind() == RemoteException.Kind.HOST_KEY_UNKNOWN) {
                Optional<HostKey> key;
                try {
                    key = Optional.of(hostKey(config, secret));
                } catch (RemoteException again) {
                    key = Optional.empty();
                }
                return new TestResult(Outcome.HOST_KEY_UNKNOWN, e.getMessage(), Optional.empty(), key,
                        Optional.of(e.kind()));
            }
            return new TestResult(e.kind() == RemoteException.Kind.HOST_KEY_CHANGED ? Outcome.HOST_KEY_CHANGED
                    : Outcome.FAILED, e.getMessage(), Optional.empty(), Optional.empty(), Optional.of(e.kind()));
        }
    }

    /** The host key the saved SFTP remote presents now, trusted or not. */
    public HostKey hostKey() {
        return hostKey(sftpConfig(), Optional.empty());
    }

    /** The host key the SFTP server of {@code config} presents now, trusted or not. */
    public HostKey hostKey(RemoteConfig config, Optional<String> secret) {
        requireSftp(config);
        try (SftpStore store = new SftpStore(sftpSettings(config, secret), stores.knownHosts())) {
            PublicKey key = store.hostKey();
            return new HostKey(config.host(), config.port(), KnownHosts.keyType(key), KnownHosts.fingerprint(key));
        }
    }

    /** @param file Triplicate's known-hosts file, where the key was written */
    public record Trusted(HostKey key, Path file) {
    }

    /** Trusts the saved SFTP remote's host key, if it is the one with {@code fingerprint}. */
    public Trusted trust(String fingerprint) {
        return trust(sftpConfig(), Optional.empty(), fingerprint);
    }

    /**
     * Trusts the host key the SFTP server of {@code config} presents now, but only when its fingerprint is
     * {@code fingerprint} (the one the user saw): another key is refused and nothing is written.
     *
     * @throws RemoteException FAILED when the server presents another key; UNREACHABLE when it cannot be reached
     */
    public Trusted trust(RemoteConfig config, Optional<String> secret, String fingerprint) {
        requireSftp(config);
        try (SftpStore store = new SftpStore(sftpSettings(config, secret), stores.knownHosts())) {
            PublicKey key = store.hostKey();
            String shown = KnownHosts.fingerprint(key);
            String wanted = fingerprint == null ? "" : fingerprint.strip();
            if (!wanted.equals(shown)) {
                throw new RemoteException(RemoteException.Kind.FAILED, "The server presents " + shown + ", not "
                        + wanted + ". Nothing was trusted. If the server's key really changed, check why before "
                        + "trusting it.");
            }
            stores.knownHosts().trust(config.host(), config.port(), key);
            return new Trusted(new HostKey(config.host(), config.port(), KnownHosts.keyType(key), shown),
                    stores.knownHosts().file());
        }
    }

    // ---- the catalog's side (the window) ----

    /** The remote's catalog location (kind REMOTE, offsite), once a push has used it. */
    public Optional<Location> remoteLocation() {
        return requireCatalog(locations).currentRemote();
    }

    /**
     * Each session's stable id (the one status and the window show) by its catalog id: a push reports its
     * progress per catalog id ({@code PushProgress.sessionPercent}).
     */
    public Map<Long, String> sessionIds() {
        Map<Long, String> ids = new HashMap<>();
        for (Session s : requireCatalog(sessions).all()) {
            ids.put(s.id(), s.stableId());
        }
        return ids;
    }

    // ----

    private RemoteStore open(RemoteConfig c, Optional<String> secret) {
        if (RemoteConfig.SFTP.equals(c.kind())) {
            return new SftpStore(sftpSettings(c, secret), stores.knownHosts());
        }
        if (RemoteConfig.S3.equals(c.kind())) {
            String s = secret.filter(x -> !x.isEmpty()).or(() -> storedSecretFor(c))
                    .orElseThrow(() -> new UsageException("The remote's secret key is not stored; give it (on the "
                            + "command line: set the remote again with --secret-stdin)."));
            return new S3Store(new S3Settings(URI.create(c.endpoint()), c.region(), c.bucket(), c.path(),
                    c.accessKey(), s, c.pathStyle(), c.allowHttp(), S3Settings.DEFAULT_PART_SIZE));
        }
        throw new UsageException("This version of Triplicate cannot open a remote of kind \"" + c.kind() + "\".");
    }

    private SftpSettings sftpSettings(RemoteConfig c, Optional<String> secret) {
        Optional<String> s = secret.filter(x -> !x.isEmpty());
        if (c.keyFile() == null && s.isEmpty()) {
            s = storedSecretFor(c);
        }
        if (c.keyFile() == null && s.isEmpty()) {
            throw new UsageException("The remote's password is not stored; give it (on the command line: set the "
                    + "remote again with --password-stdin).");
        }
        return stores.sftpSettings(c, s);
    }

    private RemoteConfig sftpConfig() {
        RemoteConfig c = stores.config().orElseThrow(() -> new UsageException("No remote is set."));
        requireSftp(c);
        return c;
    }

    private static void requireSftp(RemoteConfig c) {
        if (!RemoteConfig.SFTP.equals(c.kind())) {
            throw new UsageException("Only SFTP servers have host keys; this remote is " + c.describe() + ".");
        }
    }

    private static <T> T requireCatalog(T repository) {
        if (repository == null) {
            throw new IllegalStateException("the remote's settings were opened without the catalog");
        }
        return repository;
    }
}
