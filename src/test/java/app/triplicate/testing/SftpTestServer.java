package app.triplicate.testing;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.SftpModuleProperties;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpFileSystemAccessor;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.apache.sshd.sftp.server.SftpSubsystemProxy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channel;
import java.nio.charset.StandardCharsets;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SFTP server for tests (Apache MINA SSHD), on 127.0.0.1, serving a folder as its whole file system.
 * User {@link #USER} logs in with {@link #PASSWORD} or with a key {@link #authorize}d. The host key lives in
 * a file, generated on first use, so {@link #stop()} and {@link #start()} keep the port and the host key
 * (the resume case), while {@link #restartWithHostKey} brings it back with another (a changed host key).
 */
public final class SftpTestServer implements AutoCloseable {
    public static final String USER = "photo";
    public static final String PASSWORD = "correct horse battery Stäple";
    public static final String HOST = "127.0.0.1";

    private final Path root;
    private Path hostKeyFile;
    private Path rsaHostKeyFile;
    private int port;
    private SshServer server;
    private final Set<PublicKey> authorized = ConcurrentHashMap.newKeySet();
    private volatile Path authorizedKeysFile;
    private final AtomicInteger passwordAttempts = new AtomicInteger();
    private final AtomicInteger sessionsOpened = new AtomicInteger();
    private final List<String> fileEvents = new CopyOnWriteArrayList<>();
    private volatile boolean offersFsync = true;

    /**
     * @param root        the folder the server serves as "/"
     * @param hostKeyFile where the host key is kept (made on first start)
     */
    public SftpTestServer(Path root, Path hostKeyFile) {
        this.root = root;
        this.hostKeyFile = hostKeyFile;
    }

    /** Starts on a free port the first time, on the same port afterwards. */
    public synchronized SftpTestServer start() throws IOException {
        if (server != null) {
            return this;
        }
        SshServer s = SshServer.setUpDefaultServer();
        s.setHost(HOST);
        s.setPort(port);
        List<KeyPair> hostKeys = new ArrayList<>();
        hostKeyProvider(hostKeyFile).loadKeys(null).forEach(hostKeys::add);
        if (rsaHostKeyFile != null) {
            rsaHostKeyProvider(rsaHostKeyFile).loadKeys(null).forEach(hostKeys::add);
        }
        s.setKeyPairProvider(KeyPairProvider.wrap(hostKeys));
        s.setPasswordAuthenticator((user, password, session) -> {
            passwordAttempts.incrementAndGet();
            return USER.equals(user) && PASSWORD.equals(password);
        });
        s.setPublickeyAuthenticator((user, key, session) -> {
            if (!USER.equals(user)) {
                return false;
            }
            if (authorized.stream().anyMatch(k -> KeyUtils.compareKeys(k, key))) {
                return true;
            }
            Path file = authorizedKeysFile;
            return file != null && new AuthorizedKeysAuthenticator(file).authenticate(user, key, session);
        });
        SftpSubsystemFactory sftp = new SftpSubsystemFactory();
        sftp.setFileSystemAccessor(new RecordingAccessor());
        s.setSubsystemFactories(List.of(sftp));
        if (!offersFsync) {
            // the OpenSSH extensions MINA offers by default, less fsync@openssh.com (an older or other server)
            SftpModuleProperties.OPENSSH_EXTENSIONS.set(s, "posix-rename@openssh.com=1,statvfs@openssh.com=2,"
                    + "fstatvfs@openssh.com=2,hardlink@openssh.com=1,limits@openssh.com=1");
        }
        s.setFileSystemFactory(new VirtualFileSystemFactory(root.toAbsolutePath()));
        s.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                sessionsOpened.incrementAndGet();
            }
        });
        s.start();
        port = s.getPort();
        server = s;
        return this;
    }

    /** Stops at once, dropping every connection (a server that goes away mid-upload). */
    public synchronized void stop() throws IOException {
        if (server != null) {
            server.stop(true);
            server = null;
        }
    }

    /** Stops and starts on the same port with the host key kept in {@code otherHostKeyFile}. */
    public synchronized void restartWithHostKey(Path otherHostKeyFile) throws IOException {
        stop();
        hostKeyFile = otherHostKeyFile;
        start();
    }

    /**
     * Presents an RSA host key too (from its next start), kept in {@code file}: a server with several host
     * keys, as OpenSSH servers have.
     */
    public synchronized void alsoPresentRsaHostKey(Path file) {
        rsaHostKeyFile = file;
    }

    /** The RSA host key of {@link #alsoPresentRsaHostKey}. */
    public PublicKey rsaHostKey() {
        return rsaHostKeyProvider(rsaHostKeyFile).loadKeys(null).iterator().next().getPublic();
    }

    public boolean isRunning() {
        return server != null;
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    public Path root() {
        return root;
    }

    /** The public host key the server presents (now, or on its next start). */
    public PublicKey hostKey() {
        return hostKeyProvider(hostKeyFile).loadKeys(null).iterator().next().getPublic();
    }

    /** Lets {@link #USER} log in with this public key. */
    public void authorize(PublicKey key) {
        authorized.add(key);
    }

    /** Lets {@link #USER} log in with the keys of an OpenSSH authorized_keys file (the benchmark's sftp). */
    public void authorizeKeysFile(Path file) {
        authorizedKeysFile = file;
    }

    /** How often a password was tried, right or wrong, since this object was made. */
    public int passwordAttempts() {
        return passwordAttempts.get();
    }

    /**
     * Offers the {@code fsync@openssh.com} extension or not (from the next start): MINA offers it by default,
     * as OpenSSH does since 6.5.
     */
    public synchronized void offerFsync(boolean offer) {
        offersFsync = offer;
    }

    /**
     * What the server did to files, in order: {@code "fsync <path>"} for each {@code fsync@openssh.com} a
     * client asked for and {@code "rename <from> -> <to>"}, paths relative to the served folder.
     */
    public List<String> fileEvents() {
        return List.copyOf(fileEvents);
    }

    /** Notes fsyncs and renames for {@link #fileEvents()}, then does what MINA's own accessor does. */
    private final class RecordingAccessor implements SftpFileSystemAccessor {
        @Override
        public void syncFileData(SftpSubsystemProxy subsystem, FileHandle fileHandle, Path file, String handle,
                                 Channel channel) throws IOException {
            SftpFileSystemAccessor.super.syncFileData(subsystem, fileHandle, file, handle, channel);
            fileEvents.add("fsync " + shown(file));
        }

        @Override
        public void renameFile(SftpSubsystemProxy subsystem, Path oldPath, Path newPath,
                               Collection<CopyOption> opts) throws IOException {
            SftpFileSystemAccessor.super.renameFile(subsystem, oldPath, newPath, opts);
            fileEvents.add("rename " + shown(oldPath) + " -> " + shown(newPath));
        }

        private String shown(Path file) {
            String s = file.toString();
            return s.startsWith("/") ? s.substring(1) : s;
        }
    }

    /** How many SSH connections were opened since this object was made. */
    public int sessionsOpened() {
        return sessionsOpened.get();
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    /**
     * Makes a new user key pair and writes its private half to {@code file} in OpenSSH format.
     *
     * @param type an SSH key type: "ssh-ed25519", "ecdsa-sha2-nistp256", "ssh-rsa"
     */
    public static KeyPair writeUserKey(Path file, String type) {
        try {
            int bits = switch (type) {
                case "ssh-rsa" -> 3072;
                case "ssh-ed25519", "ecdsa-sha2-nistp256" -> 256;
                default -> throw new IllegalArgumentException(type);
            };
            KeyPair pair = KeyUtils.generateKeyPair(type, bits);
            try (OutputStream out = Files.newOutputStream(file)) {
                OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "triplicate-test", null, out);
            }
            return pair;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SimpleGeneratorHostKeyProvider rsaHostKeyProvider(Path file) {
        SimpleGeneratorHostKeyProvider provider = new SimpleGeneratorHostKeyProvider(file);
        provider.setAlgorithm(KeyUtils.RSA_ALGORITHM);
        provider.setKeySize(2048);
        return provider;
    }

    private static SimpleGeneratorHostKeyProvider hostKeyProvider(Path file) {
        SimpleGeneratorHostKeyProvider provider = new SimpleGeneratorHostKeyProvider(file);
        provider.setAlgorithm(KeyUtils.EC_ALGORITHM);
        provider.setKeySize(256);
        return provider;
    }

    /**
     * Runs the server for the benchmark until killed: {@code SftpTestServer ROOT HOST_KEY_FILE AUTHORIZED_KEYS
     * PORT_FILE}. Writes the port to PORT_FILE once it listens and the host key's known_hosts line beside it.
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: SftpTestServer ROOT HOST_KEY_FILE AUTHORIZED_KEYS PORT_FILE");
            System.exit(2);
        }
        SftpTestServer s = new SftpTestServer(Path.of(args[0]), Path.of(args[1]));
        s.authorizeKeysFile(Path.of(args[2]));
        s.start();
        StringBuilder line = new StringBuilder("[" + HOST + "]:" + s.port() + " ");
        org.apache.sshd.common.config.keys.PublicKeyEntry.appendPublicKeyEntry(line, s.hostKey());
        Path portFile = Path.of(args[3]);
        Files.writeString(portFile.resolveSibling(portFile.getFileName() + ".known_hosts"), line + "\n",
                StandardCharsets.UTF_8);
        Files.writeString(portFile, Integer.toString(s.port()), StandardCharsets.UTF_8);
        new CountDownLatch(1).await();
    }
}
