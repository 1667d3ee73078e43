package app.triplicate.remote;

import app.triplicate.core.Xxh128;
import app.triplicate.progress.Cancellation;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.client.SftpVersionSelector;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHFsyncExtension;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHPosixRenameExtension;
import org.apache.sshd.sftp.client.impl.AbstractSftpClient;
import org.apache.sshd.sftp.client.impl.SftpOutputStreamAsync;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/**
 * An SFTP server as the remote, through Apache MINA SSHD's client. Objects are files at
 * {@code <base folder>/<key>}. Uploads follow the local store's discipline over the wire: written under
 * {@code <key>.triplicate-part}, continued after an interruption from the first byte that differs from the
 * source (the part's bytes are read back and compared, never trusted by size alone), then renamed into place;
 * SFTP v3's rename fails when the target exists, and the target is looked at first, so nothing is replaced.
 * Before the rename the part is forced to the server's disk with OpenSSH's {@code fsync@openssh.com} where the
 * server offers it, so a power cut on the server cannot leave a final name over bytes that never reached its
 * disk; a server without it still gets the upload, and the log says once that it could not be forced.
 * Verify reads the object back and hashes it as it streams.
 * <p>
 * One SSH connection per store, opened on first use and again after it drops; each call borrows an SFTP
 * channel on it (several files upload in parallel over one connection). The server's host key must be in
 * Triplicate's {@link KnownHosts}; wrong credentials, a refused host key and a missing base folder fail at
 * once with what to fix; a dropped connection is {@link RemoteException.Kind#UNREACHABLE}, worth retrying.
 */
public final class SftpStore implements RemoteStore {
    private static final Logger log = LoggerFactory.getLogger(SftpStore.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration AUTH_TIMEOUT = Duration.ofSeconds(30);
    /** Local reads and hashing, as in ingest. */
    private static final int CHUNK = 256 * 1024;
    /** One SFTP write or read request; the async streams keep many of them in flight. */
    private static final int REQUEST = 64 * 1024;

    private final SftpSettings settings;
    private final KnownHosts knownHosts;
    private final String base;

    private final Object lock = new Object();
    private SshClient client;
    private ClientSession session;
    private final Deque<SftpClient> idle = new ArrayDeque<>();
    private boolean closed;
    /** Folders known to exist on the server, so each upload does not stat them again. */
    private final Set<String> knownFolders = ConcurrentHashMap.newKeySet();
    private List<NamedFactory<Signature>> defaultSignatures;
    private volatile PublicKey presentedKey;
    private volatile KnownHosts.Refusal refusal;
    private final AtomicBoolean toldCannotForce = new AtomicBoolean();

    public SftpStore(SftpSettings settings, KnownHosts knownHosts) {
        this.settings = settings;
        this.knownHosts = knownHosts;
        String b = settings.baseFolder();
        while (b.length() > 1 && b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        this.base = b;
    }

    @Override
    public String describe() {
        return settings.url();
    }

    @Override
    public void test() {
        withSftp("checking that Triplicate can write there", sftp -> {
            String area = join(base, Keys.OWN_AREA);
            boolean madeArea = false;
            if (statOf(sftp, area).isEmpty()) {
                sftp.mkdir(area);
                madeArea = true;
            }
            String probe = area + "/probe-" + UUID.randomUUID();
            byte[] bytes = new byte[4096];
            new SecureRandom().nextBytes(bytes);
            try {
                try (OutputStream out = sftp.write(probe, SftpClient.OpenMode.Write, SftpClient.OpenMode.Create,
                        SftpClient.OpenMode.Exclusive)) {
                    out.write(bytes);
                }
                byte[] back;
                try (InputStream in = sftp.read(probe)) {
                    back = in.readAllBytes();
                }
                if (!Arrays.equals(bytes, back)) {
                    throw new RemoteException(RemoteException.Kind.FAILED, "A probe file written to " + describe()
                            + " read back different bytes: the server cannot be trusted with the library.");
                }
            } finally {
                removeQuietly(sftp, probe, madeArea ? area : null);
            }
            return null;
        });
    }

    @Override
    public Optional<RemoteObject> stat(String key) {
        String path = pathOf(key);
        return withSftp("looking at " + key, sftp -> statOf(sftp, path)
                .filter(SftpClient.Attributes::isRegularFile)
                .map(a -> new RemoteObject(key, a.getSize(), Optional.empty())));
    }

    @Override
    public Upload upload(String key, Path source, Xxh128 hash, long size, LongConsumer sent, Cancellation cancel) {
        String path = pathOf(key);
        Sources.checkSize(source, size);
        return withSftp("uploading " + key, sftp -> {
            Optional<SftpClient.Attributes> existing = statOf(sftp, path);
            if (existing.isPresent()) {
                return alreadyThereOrRefuse(sftp, key, path, existing.get(), hash, size);
            }
            makeParents(sftp, key);
            String part = path + Keys.PART_SUFFIX;
            long partSize = statOf(sftp, part).map(SftpClient.Attributes::getSize).orElse(0L);
            ContentHasher hasher = new ContentHasher();
            long kept = 0;
            try (FileChannel in = Sources.open(source)) {
                if (partSize > 0) {
                    kept = keepMatchingPrefix(sftp, part, source, in, Math.min(partSize, size), hasher);
                }
                Sources.position(in, kept, source);
                try (SftpClient.CloseableHandle handle = sftp.open(part, SftpClient.OpenMode.Write,
                        SftpClient.OpenMode.Create)) {
                    // the stream does not own the handle: closing it waits for every write's answer, and the
                    // handle stays open for the fsync that follows
                    try (SftpOutputStreamAsync out = new SftpOutputStreamAsync((AbstractSftpClient) sftp, REQUEST,
                            part, handle, false)) {
                        out.setOffset(kept);
                        ByteBuffer buf = ByteBuffer.allocate(CHUNK);
                        long written = kept;
                        while (true) {
                            if (cancel.isCancelled()) {
                                throw new CancellationException("upload of " + key + " cancelled; " + written
                                        + " bytes were sent and are kept on the server for the next attempt");
                            }
                            int n = Sources.read(in, buf.clear(), source);
                            if (n < 0) {
                                break;
                            }
                            hasher.update(buf.array(), 0, n);
                            out.write(buf.array(), 0, n);
                            written += n;
                            sent.accept(n);
                        }
                    }
                    if (partSize > size) {
                        sftp.setStat(part, new SftpClient.Attributes().size(size));
                    }
                    force(sftp, handle);
                }
            }
            Sources.checkHash(source, hash, hasher);
            Optional<SftpClient.Attributes> meanwhile = statOf(sftp, path);
            if (meanwhile.isPresent()) {
                return alreadyThereOrRefuse(sftp, key, path, meanwhile.get(), hash, size);
            }
            try {
                sftp.rename(part, path);
            } catch (SftpException e) {
                Optional<SftpClient.Attributes> now = statOf(sftp, path);
                if (now.isPresent()) {
                    return alreadyThereOrRefuse(sftp, key, path, now.get(), hash, size);
                }
                throw e;
            }
            return new Upload(key, size, hasher.sha256Base64(), Optional.empty(), size - kept, kept > 0, false);
        });
    }

    @Override
    public Check verify(String key, Xxh128 hash, long size, Optional<String> sha256) {
        String path = pathOf(key);
        return withSftp("verifying " + key, sftp -> {
            Optional<SftpClient.Attributes> attrs = statOf(sftp, path);
            if (attrs.isEmpty()) {
                return new Check(Outcome.MISSING, "read-back", "no file at " + path);
            }
            if (attrs.get().getSize() != size) {
                return new Check(Outcome.CORRUPT, "read-back",
                        path + " holds " + attrs.get().getSize() + " bytes, " + size + " were uploaded");
            }
            ContentHasher back = new ContentHasher();
            try {
                readInto(sftp, path, back, Long.MAX_VALUE);
            } catch (SftpException e) {
                return new Check(Outcome.UNREADABLE, "read-back", "cannot read " + path + ": " + e.getMessage());
            }
            Xxh128 read = back.xxh128();
            if (back.length() != size || !read.equals(hash)) {
                return new Check(Outcome.CORRUPT, "read-back", path + " reads back as " + back.length()
                        + " bytes with XXH128 " + read + ", " + size + " bytes with " + hash + " were uploaded");
            }
            return new Check(Outcome.OK, "read-back", "read back over SFTP");
        });
    }

    /** Streams the file over a borrowed channel, given back when the stream is closed. */
    @Override
    public Optional<InputStream> open(String key) {
        String path = pathOf(key);
        SftpClient sftp = borrow();
        boolean reusable = false;
        try {
            Optional<SftpClient.Attributes> attrs = statOf(sftp, path);
            if (attrs.isEmpty() || !attrs.get().isRegularFile()) {
                reusable = true;
                return Optional.empty();
            }
            InputStream in = sftp.read(path, REQUEST);
            AtomicBoolean given = new AtomicBoolean();
            SftpClient channel = sftp;
            sftp = null; // the stream owns the channel now
            return Optional.of(new java.io.FilterInputStream(in) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        if (given.compareAndSet(false, true)) {
                            giveBack(channel, true);
                        }
                    }
                }
            });
        } catch (SftpException e) {
            reusable = true;
            throw refused("reading " + key, e);
        } catch (IOException e) {
            throw dropped("reading " + key, e);
        } finally {
            if (sftp != null) {
                giveBack(sftp, reusable);
            }
        }
    }

    @Override
    public List<String> list(String folder) {
        String path = pathOf(folder);
        return withSftp("listing " + folder, sftp -> {
            Optional<SftpClient.Attributes> attrs = statOf(sftp, path);
            if (attrs.isEmpty() || !attrs.get().isDirectory()) {
                return List.of();
            }
            List<String> names = new ArrayList<>();
            for (SftpClient.DirEntry e : sftp.readDir(path)) {
                if (e.getAttributes().isRegularFile() && Keys.isObjectName(e.getFilename())) {
                    names.add(e.getFilename());
                }
            }
            names.sort(null);
            return names;
        });
    }

    /**
     * Written under a unique part name, forced to the server's disk where it offers that, then renamed over the
     * old one with OpenSSH's {@code posix-rename@openssh.com} (an atomic replace). A server without it gets the old
     * file removed just before the rename: a reader in between finds no file, never a part.
     */
    @Override
    public void replace(String key, byte[] bytes) {
        String path = pathOf(Keys.checkManifest(key));
        withSftp("writing " + key, sftp -> {
            makeParents(sftp, key);
            String part = path + "." + UUID.randomUUID() + Keys.PART_SUFFIX;
            boolean renamed = false;
            try {
                try (SftpClient.CloseableHandle handle = sftp.open(part, SftpClient.OpenMode.Write,
                        SftpClient.OpenMode.Create, SftpClient.OpenMode.Exclusive)) {
                    try (SftpOutputStreamAsync out = new SftpOutputStreamAsync((AbstractSftpClient) sftp, REQUEST,
                            part, handle, false)) {
                        out.write(bytes);
                    }
                    force(sftp, handle);
                }
                OpenSSHPosixRenameExtension posix = sftp.getExtension(OpenSSHPosixRenameExtension.class);
                if (posix != null && posix.isSupported()) {
                    posix.posixRename(part, path);
                } else {
                    if (statOf(sftp, path).isPresent()) {
                        sftp.remove(path);
                    }
                    sftp.rename(part, path);
                }
                renamed = true;
            } finally {
                if (!renamed) {
                    removeQuietly(sftp, part, null);
                }
            }
            return null;
        });
    }

    /**
     * Connects only as far as the key exchange and returns the host key the server presents, trusted or not:
     * for {@code remote trust}, which shows its fingerprint and lets the user accept it with
     * {@link KnownHosts#trust}.
     */
    public PublicKey hostKey() {
        synchronized (lock) {
            SshClient c = client();
            preferTrustedKeyType(c);
            presentedKey = null;
            try (ClientSession s = c.connect(settings.user(), settings.host(), settings.port())
                    .verify(CONNECT_TIMEOUT).getSession()) {
                s.waitFor(EnumSet.of(ClientSession.ClientSessionEvent.WAIT_AUTH,
                        ClientSession.ClientSessionEvent.CLOSED), CONNECT_TIMEOUT);
            } catch (IOException e) {
                if (presentedKey == null) {
                    throw unreachable(e);
                }
            }
            PublicKey key = presentedKey;
            if (key == null) {
                throw new RemoteException(RemoteException.Kind.UNREACHABLE, "The server at " + address()
                        + " did not finish the key exchange; try again later.");
            }
            return key;
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            dropSession();
            if (client != null) {
                client.stop();
                client = null;
            }
        }
    }

    // ---------------------------------------------------------------- connection and channels

    @FunctionalInterface
    private interface SftpCall<T> {
        T run(SftpClient sftp) throws IOException;
    }

    /**
     * Runs one call on a borrowed SFTP channel and maps what goes wrong: a status the server answered is a
     * refusal (the channel stays usable); any other I/O failure means the connection is gone.
     */
    private <T> T withSftp(String what, SftpCall<T> call) {
        SftpClient sftp = borrow();
        boolean reusable = false;
        try {
            T result = call.run(sftp);
            reusable = true;
            return result;
        } catch (RemoteException e) {
            reusable = e.kind() != RemoteException.Kind.UNREACHABLE;
            throw e;
        } catch (SftpException e) {
            reusable = true;
            knownFolders.clear();
            throw refused(what, e);
        } catch (IOException e) {
            throw dropped(what, e);
        } finally {
            giveBack(sftp, reusable);
        }
    }

    private SftpClient borrow() {
        ClientSession s;
        synchronized (lock) {
            s = session();
            while (!idle.isEmpty()) {
                SftpClient c = idle.pop();
                if (c.isOpen() && c.getClientSession() == s) {
                    return c;
                }
                closeQuietly(c);
            }
        }
        try {
            return SftpClientFactory.instance().createSftpClient(s, SftpVersionSelector.fixedVersionSelector(3));
        } catch (IOException e) {
            throw dropped("opening an SFTP channel", e);
        }
    }

    private void giveBack(SftpClient sftp, boolean reusable) {
        synchronized (lock) {
            if (reusable && !closed && sftp.isOpen() && sftp.getClientSession() == session) {
                idle.push(sftp);
                return;
            }
        }
        closeQuietly(sftp);
    }

    /** The open, authenticated session; connects (again) when there is none. Called with the lock held. */
    private ClientSession session() {
        if (closed) {
            throw new IllegalStateException("this store is closed");
        }
        if (session != null && session.isOpen() && session.isAuthenticated()) {
            return session;
        }
        dropSession();
        SshClient c = client();
        preferTrustedKeyType(c);
        refusal = null;
        ClientSession s;
        try {
            s = c.connect(settings.user(), settings.host(), settings.port()).verify(CONNECT_TIMEOUT).getSession();
        } catch (IOException e) {
            // A host key refused fast enough closes the connection before the session is handed over (MINA then
            // fails the connect with MissingAttachedSessionException): that is the refusal, not an unreachable server.
            throw refusal != null ? loginFailure(e, false) : unreachable(e);
        }
        RemoteException failure = null;
        try {
            addIdentity(s);
            AuthFuture auth = s.auth();
            if (!auth.await(AUTH_TIMEOUT)) {
                failure = new RemoteException(RemoteException.Kind.UNREACHABLE, "The SFTP server at " + address()
                        + " did not answer the login within " + AUTH_TIMEOUT.toSeconds() + " s; try again later.");
            } else if (!auth.isSuccess()) {
                // a refused login leaves the session open; a refused host key or a dropped line closes it
                Throwable cause = auth.getException();
                failure = loginFailure(cause instanceof Exception ex ? ex : new IOException(cause), s.isOpen());
            }
        } catch (RemoteException e) {
            failure = e;
        } catch (IOException | RuntimeException e) {
            failure = loginFailure(e, s.isOpen());
        }
        if (failure != null) {
            closeQuietly(s);
            throw failure;
        }
        try {
            checkBase(s);
        } catch (RuntimeException e) {
            closeQuietly(s);
            throw e;
        }
        session = s;
        return s;
    }

    private SshClient client() {
        if (client == null) {
            ServerKeyVerifier known = knownHosts.verifier(r -> refusal = r);
            SshClient c = SshClient.setUpDefaultClient();
            c.setServerKeyVerifier((s, address, key) -> {
                presentedKey = key;
                return known.verifyServerKey(s, address, key);
            });
            // Only what the settings say: no ~/.ssh/config, no keys from ~/.ssh, no interactive prompts.
            c.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
            c.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
            c.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE, UserAuthPasswordFactory.INSTANCE));
            // AES-GCM first: the JDK runs it on the CPU's AES instructions; MINA's ChaCha20 (OpenSSH's first
            // choice) is plain Java and uploads at about half the speed (bench/push-vs-sftp.sh).
            List<NamedFactory<Cipher>> ciphers = new ArrayList<>(c.getCipherFactories());
            ciphers.sort(Comparator.comparingInt(f -> f.getName().matches("aes\\d+-gcm.*") ? 0 : 1));
            c.setCipherFactories(ciphers);
            defaultSignatures = List.copyOf(c.getSignatureFactories());
            c.start();
            client = c;
        }
        return client;
    }

    /**
     * A server has several host keys (ed25519, ECDSA, RSA) and shows the one the client asks for first. Asking
     * first for the type that was trusted, as OpenSSH does, keeps a server that also has other keys from
     * looking as if its key had changed.
     */
    private void preferTrustedKeyType(SshClient c) {
        List<NamedFactory<Signature>> all = defaultSignatures;
        Optional<PublicKey> trusted = knownHosts.trusted(settings.host(), settings.port());
        if (trusted.isEmpty()) {
            c.setSignatureFactories(all);
            return;
        }
        String type = KeyUtils.getCanonicalKeyType(KeyUtils.getKeyType(trusted.get()));
        List<NamedFactory<Signature>> ordered = new ArrayList<>();
        for (NamedFactory<Signature> f : all) {
            if (type.equals(KeyUtils.getCanonicalKeyType(f.getName()))) {
                ordered.add(f);
            }
        }
        for (NamedFactory<Signature> f : all) {
            if (!ordered.contains(f)) {
                ordered.add(f);
            }
        }
        c.setSignatureFactories(ordered);
    }

    private void addIdentity(ClientSession s) {
        if (settings.keyFile().isPresent()) {
            Path file = settings.keyFile().get();
            FilePasswordProvider passphrase = settings.password().map(FilePasswordProvider::of)
                    .orElse(FilePasswordProvider.EMPTY);
            List<KeyPair> keys = new ArrayList<>();
            try (InputStream in = Files.newInputStream(file)) {
                Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(null,
                        NamedResource.ofName(file.toString()), in, passphrase);
                if (loaded != null) {
                    loaded.forEach(keys::add);
                }
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                throw new RemoteException(RemoteException.Kind.AUTH, "Cannot use the key file " + file + " ("
                        + e.getClass().getSimpleName() + "): check that it is a private key in OpenSSH or PEM"
                        + " format and, if it has a passphrase, that the passphrase given is right.");
            }
            if (keys.isEmpty()) {
                throw new RemoteException(RemoteException.Kind.AUTH, "The key file " + file + " holds no private key.");
            }
            keys.forEach(s::addPublicKeyIdentity);
        } else {
            s.addPasswordIdentity(settings.password().orElseThrow());
        }
    }

    private void checkBase(ClientSession s) {
        try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(s,
                SftpVersionSelector.fixedVersionSelector(3))) {
            Optional<SftpClient.Attributes> attrs = statOf(sftp, base.isEmpty() ? "." : base);
            if (attrs.isEmpty() || !attrs.get().isDirectory()) {
                throw new RemoteException(RemoteException.Kind.NOT_FOUND, "The base folder " + shownBase() + " "
                        + (attrs.isEmpty() ? "does not exist" : "is not a folder") + " on " + address() + " for user "
                        + settings.user() + ". Create it on the server (Triplicate does not create it, so a typo"
                        + " does not quietly make a new folder), or correct the remote's settings.");
            }
        } catch (SftpException e) {
            throw refused("looking at the base folder " + shownBase(), e);
        } catch (IOException e) {
            throw dropped("looking at the base folder " + shownBase(), e);
        }
    }

    private void dropSession() {
        while (!idle.isEmpty()) {
            closeQuietly(idle.pop());
        }
        if (session != null) {
            closeQuietly(session);
            session = null;
        }
    }

    // ---------------------------------------------------------------- remote files

    private String pathOf(String key) {
        return join(base, Keys.check(key));
    }

    private static String join(String folder, String name) {
        if (folder.isEmpty()) {
            return name;
        }
        return folder.endsWith("/") ? folder + name : folder + "/" + name;
    }

    private static Optional<SftpClient.Attributes> statOf(SftpClient sftp, String path) throws IOException {
        try {
            return Optional.of(sftp.stat(path));
        } catch (SftpException e) {
            if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE || e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_PATH) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Creates the folders between the base and the key's file; the base itself must exist already. */
    private void makeParents(SftpClient sftp, String key) throws IOException {
        String folder = base;
        String[] parts = key.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            folder = join(folder, parts[i]);
            if (knownFolders.contains(folder)) {
                continue;
            }
            Optional<SftpClient.Attributes> attrs = statOf(sftp, folder);
            if (attrs.isEmpty()) {
                try {
                    sftp.mkdir(folder);
                } catch (SftpException e) {
                    attrs = statOf(sftp, folder); // another upload may have made it meanwhile
                    if (attrs.isEmpty()) {
                        throw e;
                    }
                }
            }
            if (attrs.isPresent() && !attrs.get().isDirectory()) {
                throw new RemoteException(RemoteException.Kind.EXISTS, folder + " on " + address()
                        + " is a file where Triplicate needs a folder; it is never replaced.");
            }
            knownFolders.add(folder);
        }
    }

    /** An existing object is fine when it holds exactly this content; anything else is never replaced. */
    private Upload alreadyThereOrRefuse(SftpClient sftp, String key, String path, SftpClient.Attributes attrs,
                                        Xxh128 hash, long size) throws IOException {
        if (attrs.getSize() == size && attrs.isRegularFile()) {
            ContentHasher back = new ContentHasher();
            readInto(sftp, path, back, Long.MAX_VALUE);
            if (back.length() == size && back.xxh128().equals(hash)) {
                return new Upload(key, size, back.sha256Base64(), Optional.empty(), 0, false, true);
            }
        }
        throw new RemoteException(RemoteException.Kind.EXISTS, path + " on " + address() + " already exists with"
                + " other content (" + attrs.getSize() + " bytes); Triplicate never overwrites a file on the remote."
                + " Move it away on the server if it is not needed, then try again.");
    }

    /**
     * Asks the server to force the open part to its disk before it gets its final name: without it, a power cut
     * on the server could leave the final name over bytes still in its cache. A server that does not offer
     * {@code fsync@openssh.com} (not OpenSSH, or older than 6.5) cannot be asked; the upload goes on, as with
     * {@code sftp}, and the log says so once for this store.
     */
    private void force(SftpClient sftp, SftpClient.Handle handle) throws IOException {
        OpenSSHFsyncExtension fsync = sftp.getExtension(OpenSSHFsyncExtension.class);
        if (fsync != null && fsync.isSupported()) {
            fsync.fsync(handle);
        } else if (toldCannotForce.compareAndSet(false, true)) {
            log.warn("The SFTP server at {} does not offer fsync@openssh.com: uploads to {} are renamed into place"
                    + " without being forced to the server's disk, so a power cut there could damage the newest"
                    + " ones (verify finds them).", address(), describe());
        }
    }

    /** Streams up to {@code limit} bytes of a remote file into {@code hasher}. */
    private static void readInto(SftpClient sftp, String path, ContentHasher hasher, long limit) throws IOException {
        try (InputStream in = sftp.read(path, REQUEST)) {
            byte[] buf = new byte[CHUNK];
            long total = 0;
            while (total < limit) {
                int n = in.readNBytes(buf, 0, (int) Math.min(buf.length, limit - total));
                if (n <= 0) {
                    break;
                }
                hasher.update(buf, 0, n);
                total += n;
            }
        }
    }

    /** Reads back the part file an earlier attempt left and keeps its prefix that matches the source. */
    private static long keepMatchingPrefix(SftpClient sftp, String part, Path source, FileChannel in, long limit,
                                           ContentHasher hasher) throws IOException {
        try (InputStream remote = sftp.read(part, REQUEST)) {
            return Sources.keepMatchingPrefix(source, in, limit, CHUNK, hasher,
                    (buf, want, at) -> remote.readNBytes(buf, 0, want));
        }
    }

    private static void removeQuietly(SftpClient sftp, String file, String folderToo) {
        try {
            sftp.remove(file);
        } catch (IOException e) {
            // our own probe; the result of the test is what matters
        }
        if (folderToo != null) {
            try {
                sftp.rmdir(folderToo);
            } catch (IOException e) {
                // not empty (another probe) or gone: leave it
            }
        }
    }

    // ---------------------------------------------------------------- failures

    private String address() {
        String h = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return h + ":" + settings.port();
    }

    private String shownBase() {
        return base.isEmpty() ? "(the login folder)" : base;
    }

    private RemoteException unreachable(IOException e) {
        if (has(e, UnknownHostException.class) || has(e, UnresolvedAddressException.class)) {
            return RemoteException.serverNameNotFound(settings.host(), describe(), e);
        }
        String why;
        if (has(e, ConnectException.class)) {
            why = "the connection was refused: is the SFTP server running, and are the host and port right?";
        } else if (has(e, SocketTimeoutException.class) || has(e, NoRouteToHostException.class)
                || String.valueOf(e.getMessage()).toLowerCase().contains("timeout")) {
            why = "no answer (is the server on and the network up?)";
        } else {
            why = String.valueOf(e.getMessage());
        }
        return new RemoteException(RemoteException.Kind.UNREACHABLE, "Cannot connect to the SFTP server at "
                + address() + ": " + why + " Triplicate will try again later.", e);
    }

    private RemoteException loginFailure(Exception e, boolean sessionStillOpen) {
        KnownHosts.Refusal r = refusal;
        if (r != null && r.expected().isPresent()) {
            return new RemoteException(RemoteException.Kind.HOST_KEY_CHANGED, "WARNING: the host key of the SFTP"
                    + " server at " + address() + " has CHANGED. It was trusted as "
                    + KnownHosts.keyType(r.expected().get()) + " " + KnownHosts.fingerprint(r.expected().get())
                    + "; the server now presents " + KnownHosts.keyType(r.presented()) + " "
                    + KnownHosts.fingerprint(r.presented()) + ". Someone may be intercepting the connection, or the"
                    + " server was reinstalled. Nothing was sent. Ask the server's owner; only if they confirm the"
                    + " new fingerprint, trust it on the command line with: " + trustCommand(r.presented()), e);
        }
        if (r != null) {
            return new RemoteException(RemoteException.Kind.HOST_KEY_UNKNOWN, "The SFTP server at " + address()
                    + " is not known yet. Its host key is " + KnownHosts.keyType(r.presented()) + " "
                    + KnownHosts.fingerprint(r.presented()) + ". Compare this fingerprint with the server's own"
                    + " (on the server: ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub). Nothing was sent. If they match,"
                    + " trust it with: " + trustCommand(r.presented()), e);
        }
        String message = String.valueOf(e.getMessage()).toLowerCase();
        if (sessionStillOpen || message.contains("authentication")) {
            String with = settings.keyFile().map(k -> "the key " + k).orElse("the password given");
            return new RemoteException(RemoteException.Kind.AUTH, "The SFTP server at " + address()
                    + " refused user " + settings.user() + " with " + with + ": check the user name and the "
                    + (settings.keyFile().isPresent() ? "key (is its public half in the server's authorized_keys?)"
                    : "password") + ".", e);
        }
        return new RemoteException(RemoteException.Kind.UNREACHABLE, "The connection to the SFTP server at "
                + address() + " dropped while logging in (" + e.getMessage() + "); try again later.", e);
    }

    /** The whole command that trusts exactly {@code key}, to copy from the message. */
    private static String trustCommand(PublicKey key) {
        return "triplicate remote trust --fingerprint " + KnownHosts.fingerprint(key);
    }

    private RemoteException refused(String what, SftpException e) {
        int status = e.getStatus();
        String reason = switch (status) {
            case SftpConstants.SSH_FX_PERMISSION_DENIED, SftpConstants.SSH_FX_WRITE_PROTECT ->
                    "permission denied: check that user " + settings.user() + " may write in " + shownBase();
            case SftpConstants.SSH_FX_NO_SPACE_ON_FILESYSTEM, SftpConstants.SSH_FX_QUOTA_EXCEEDED ->
                    "the server's disk is full or the user's quota is used up";
            case SftpConstants.SSH_FX_NO_SUCH_FILE, SftpConstants.SSH_FX_NO_SUCH_PATH ->
                    "a file or folder is missing (" + e.getMessage() + ")";
            default -> "the server refused (" + e.getMessage() + ")";
        };
        RemoteException.Kind kind = status == SftpConstants.SSH_FX_CONNECTION_LOST
                || status == SftpConstants.SSH_FX_NO_CONNECTION
                ? RemoteException.Kind.UNREACHABLE : RemoteException.Kind.FAILED;
        return new RemoteException(kind, describe() + ": " + what + " failed: " + reason + ".", e);
    }

    private RemoteException dropped(String what, IOException e) {
        synchronized (lock) {
            if (session != null && !session.isOpen()) {
                dropSession();
            }
        }
        knownFolders.clear();
        return new RemoteException(RemoteException.Kind.UNREACHABLE, "The connection to the SFTP server at "
                + address() + " dropped while " + what + ". What arrived is kept; try again later.", e);
    }

    private static boolean has(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing a dead channel or session
        }
    }
}
