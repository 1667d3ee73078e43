package app.triplicate.remote;

import app.triplicate.progress.Cancellation;
import app.triplicate.testing.SftpTestServer;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.client.SftpVersionSelector;
import org.apache.sshd.sftp.common.SftpException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The contract against a real SFTP server (Apache MINA SSHD, in-process on 127.0.0.1), plus SSH's own cases. */
class SftpStoreTest extends RemoteStoreContract {
    private static final String BASE = "/backup";

    private SftpTestServer server;
    private Path served;
    private KnownHosts knownHosts;

    @BeforeEach
    void startTheServer() throws IOException {
        served = Files.createDirectories(sources.resolve("server root"));
        Files.createDirectories(served.resolve("backup"));
        server = new SftpTestServer(served, sources.resolve("host key")).start();
        knownHosts = new KnownHosts(sources.resolve("config").resolve("known_hosts"));
        knownHosts.trust(server.host(), server.port(), server.hostKey());
    }

    @AfterEach
    void stopTheServer() throws IOException {
        server.close();
    }

    @Override
    protected RemoteStore newStore() {
        return store(SftpSettings.withPassword(server.host(), server.port(), SftpTestServer.USER,
                SftpTestServer.PASSWORD, BASE));
    }

    private SftpStore store(SftpSettings settings) {
        SftpStore s = new SftpStore(settings, knownHosts);
        opened.add(s);
        return s;
    }

    private final List<SftpStore> opened = new ArrayList<>();

    @AfterEach
    void closeStores() {
        opened.forEach(SftpStore::close);
    }

    @Override
    protected void stopServer() throws IOException {
        server.stop();
    }

    @Override
    protected void startServer() throws IOException {
        server.start();
    }

    @Override
    protected void damage(String key) throws IOException {
        Path file = objectFile(key);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(file, bytes);
    }

    @Override
    protected Optional<byte[]> rawObject(String key) throws IOException {
        Path file = objectFile(key);
        return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
    }

    private Path objectFile(String key) {
        return served.resolve("backup").resolve(key);
    }

    // ---------------------------------------------------------------- host keys

    @Test
    void aChangedHostKeyIsRefused() throws Exception {
        Source s = source("a.bin", 10_000, 20);
        PublicKey trusted = server.hostKey();
        server.restartWithHostKey(sources.resolve("another host key"));

        RemoteException e = assertThrows(RemoteException.class, () -> store().upload("k/a.jpg", s.path(), s.xxh(),
                s.size(), n -> { }, new Cancellation()));

        assertEquals(RemoteException.Kind.HOST_KEY_CHANGED, e.kind(), e.getMessage());
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("WARNING") && e.getMessage().contains("CHANGED"), e.getMessage());
        assertTrue(e.getMessage().contains(KnownHosts.fingerprint(trusted)), "names the key it trusted");
        assertTrue(e.getMessage().contains(KnownHosts.fingerprint(server.hostKey())), "names the new key");
        assertTrue(rawObject("k/a.jpg").isEmpty(), "nothing was sent");
        assertEquals(trusted, knownHosts.trusted(server.host(), server.port()).orElseThrow(), "the file is unchanged");
    }

    @Test
    void anUnknownHostKeyShowsItsFingerprintAndWorksOnceTrusted() throws Exception {
        Source s = source("b.bin", 10_000, 21);
        knownHosts = new KnownHosts(sources.resolve("fresh config").resolve("known_hosts"));
        SftpStore store = (SftpStore) store();

        RemoteException e = assertThrows(RemoteException.class, store::test);

        String expected = "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(sshBlob(server.hostKey())));
        assertEquals(RemoteException.Kind.HOST_KEY_UNKNOWN, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains(expected), "shows the OpenSSH fingerprint " + expected + ": " + e.getMessage());
        assertTrue(e.getMessage().contains("remote trust"), "says how to trust it: " + e.getMessage());

        PublicKey shown = store.hostKey();
        assertEquals(expected, KnownHosts.fingerprint(shown));
        knownHosts.trust(server.host(), server.port(), shown);
        store.upload("k/b.jpg", s.path(), s.xxh(), s.size(), n -> { }, new Cancellation());

        assertArrayEquals(s.bytes(), rawObject("k/b.jpg").orElseThrow());
        String line = Files.readString(knownHosts.file()).trim();
        assertTrue(line.startsWith("[127.0.0.1]:" + server.port() + " ecdsa-sha2-nistp256 "), line);
    }

    @Test
    void aServerWithSeveralHostKeysIsCheckedAgainstTheTrustedOne() throws Exception {
        server.stop();
        server.alsoPresentRsaHostKey(sources.resolve("rsa host key"));
        server.start();
        knownHosts.trust(server.host(), server.port(), server.rsaHostKey());

        store().test();

        assertEquals(server.rsaHostKey(), ((SftpStore) store()).hostKey(), "asked for the trusted type");
    }

    @Test
    void trustingAgainReplacesTheKeyForThatServerOnly() throws Exception {
        PublicKey other = SftpTestServer.writeUserKey(sources.resolve("other.key"), "ecdsa-sha2-nistp256").getPublic();
        knownHosts.trust("nas.example", 22, other);

        knownHosts.trust(server.host(), server.port(), other);

        assertEquals(other, knownHosts.trusted(server.host(), server.port()).orElseThrow());
        assertEquals(other, knownHosts.trusted("nas.example", 22).orElseThrow());
        assertEquals(2, Files.readAllLines(knownHosts.file()).size());
        RemoteException e = assertThrows(RemoteException.class, () -> store().test());
        assertEquals(RemoteException.Kind.HOST_KEY_CHANGED, e.kind());
    }

    // ---------------------------------------------------------------- logging in

    @Test
    void aWrongPasswordFailsAtOnceWithoutShowingIt() throws Exception {
        String wrong = "Tr0ub4dor&3-wrong";
        SftpStore store = store(SftpSettings.withPassword(server.host(), server.port(), SftpTestServer.USER, wrong, BASE));

        RemoteException e = assertThrows(RemoteException.class, store::test);

        assertEquals(RemoteException.Kind.AUTH, e.kind(), e.getMessage());
        assertFalse(e.retryable());
        assertEquals(1, server.passwordAttempts(), "tried once, no retries");
        assertFalse(e.getMessage().contains(wrong), e.getMessage());
        assertTrue(e.getMessage().contains("password"), e.getMessage());
        assertFalse(store.describe().contains(wrong));
        assertFalse(store.toString().contains(wrong));
        assertFalse(SftpSettings.withPassword("h", 22, "u", wrong, "/b").toString().contains(wrong));
        for (Throwable c = e; c != null; c = c.getCause()) {
            assertFalse(String.valueOf(c.getMessage()).contains(wrong), "no secret in " + c);
        }
    }

    @Test
    void logsInWithAKeyFile() throws Exception {
        for (String algorithm : new String[]{"ssh-ed25519", "ecdsa-sha2-nistp256", "ssh-rsa"}) {
            Path keyFile = sources.resolve("id_" + algorithm);
            KeyPair pair = SftpTestServer.writeUserKey(keyFile, algorithm);
            server.authorize(pair.getPublic());
            SftpStore store = store(SftpSettings.withKey(server.host(), server.port(), SftpTestServer.USER, keyFile,
                    BASE));

            store.test();
        }
        assertEquals(0, server.passwordAttempts());
    }

    @Test
    void logsInWithKeysMadeByOpenSsh() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh-keygen")), "needs OpenSSH's ssh-keygen");
        String passphrase = "eine lange Passphrase";
        Path plain = sources.resolve("id_ed25519");
        Path locked = sources.resolve("id_ed25519_locked");
        sshKeygen(plain, "");
        sshKeygen(locked, passphrase);
        Path authorized = sources.resolve("authorized_keys");
        Files.writeString(authorized, Files.readString(Path.of(plain + ".pub")) + Files.readString(Path.of(locked + ".pub")));
        server.authorizeKeysFile(authorized);

        store(SftpSettings.withKey(server.host(), server.port(), SftpTestServer.USER, plain, BASE)).test();
        store(new SftpSettings(server.host(), server.port(), SftpTestServer.USER, Optional.of(locked),
                Optional.of(passphrase), BASE)).test();
        RemoteException wrong = assertThrows(RemoteException.class, () -> store(new SftpSettings(server.host(),
                server.port(), SftpTestServer.USER, Optional.of(locked), Optional.of("not it"), BASE)).test());

        assertEquals(RemoteException.Kind.AUTH, wrong.kind(), wrong.getMessage());
        assertFalse(wrong.getMessage().contains("not it"));
    }

    private static void sshKeygen(Path file, String passphrase) throws Exception {
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", passphrase, "-C", "test",
                "-f", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
    }

    @Test
    void aKeyTheServerDoesNotKnowIsAuth() throws Exception {
        Path keyFile = sources.resolve("id_unknown");
        SftpTestServer.writeUserKey(keyFile, "ecdsa-sha2-nistp256");
        SftpStore store = store(SftpSettings.withKey(server.host(), server.port(), SftpTestServer.USER, keyFile, BASE));

        RemoteException e = assertThrows(RemoteException.class, store::test);

        assertEquals(RemoteException.Kind.AUTH, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("authorized_keys"), e.getMessage());
    }

    @Test
    void aMissingBaseFolderIsNotFound() throws Exception {
        SftpStore store = store(SftpSettings.withPassword(server.host(), server.port(), SftpTestServer.USER,
                SftpTestServer.PASSWORD, "/bakup"));

        RemoteException e = assertThrows(RemoteException.class, store::test);

        assertEquals(RemoteException.Kind.NOT_FOUND, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("/bakup") && e.getMessage().contains("does not exist"), e.getMessage());
        assertFalse(Files.exists(served.resolve("bakup")), "the base folder is not created");
    }

    // ---------------------------------------------------------------- the server's side

    @Test
    void testLeavesNothingBehind() throws Exception {
        store().test();

        try (Stream<Path> left = Files.list(served.resolve("backup"))) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void renameOnTheServerRefusesToReplaceAFile() throws Exception {
        Files.writeString(served.resolve("backup/there.jpg"), "first");
        Files.writeString(served.resolve("backup/new.jpg"), "second");
        SshClient client = SshClient.setUpDefaultClient();
        client.start();
        try (ClientSession session = client.connect(SftpTestServer.USER, server.host(), server.port())
                .verify(Duration.ofSeconds(10)).getSession()) {
            session.addPasswordIdentity(SftpTestServer.PASSWORD);
            session.auth().verify(Duration.ofSeconds(10));
            try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session,
                    SftpVersionSelector.fixedVersionSelector(3))) {
                assertEquals(3, sftp.getVersion());
                assertThrows(SftpException.class, () -> sftp.rename(BASE + "/new.jpg", BASE + "/there.jpg"));
            }
        } finally {
            client.stop();
        }
        assertEquals("first", Files.readString(served.resolve("backup/there.jpg")));
    }

    // ---------------------------------------------------------------- forced to the server's disk

    @Test
    void anUploadIsForcedToTheServersDiskBeforeItIsRenamedIntoPlace() throws Exception {
        Source s = source("f.bin", 700_000, 24);

        store().upload("k/f.jpg", s.path(), s.xxh(), s.size(), n -> { }, new Cancellation());

        assertEquals(List.of("fsync backup/k/f.jpg.triplicate-part",
                "rename backup/k/f.jpg.triplicate-part -> backup/k/f.jpg"), server.fileEvents());
        assertArrayEquals(s.bytes(), rawObject("k/f.jpg").orElseThrow());
    }

    @Test
    void aServerWithoutFsyncStillGetsTheUploadAndTheLogSaysSoOnce() throws Exception {
        server.stop();
        server.offerFsync(false);
        server.start();
        Source a = source("g.bin", 300_000, 25);
        Source b = source("h.bin", 200_000, 26);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        Logger log = (Logger) LoggerFactory.getLogger(SftpStore.class);
        logged.start();
        log.addAppender(logged);
        try {
            RemoteStore store = store();
            store.upload("k/g.jpg", a.path(), a.xxh(), a.size(), n -> { }, new Cancellation());
            store.upload("k/h.jpg", b.path(), b.xxh(), b.size(), n -> { }, new Cancellation());
        } finally {
            log.detachAppender(logged);
        }

        assertArrayEquals(a.bytes(), rawObject("k/g.jpg").orElseThrow());
        assertArrayEquals(b.bytes(), rawObject("k/h.jpg").orElseThrow());
        assertTrue(server.fileEvents().stream().noneMatch(e -> e.startsWith("fsync")), server.fileEvents().toString());
        List<ILoggingEvent> warnings = logged.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
        assertEquals(1, warnings.size(), "said once per store, not per file: " + logged.list);
        String said = warnings.get(0).getFormattedMessage();
        assertTrue(said.contains("fsync@openssh.com") && said.contains(server.host() + ":" + server.port()), said);
    }

    @Test
    void aPartFileIsKeptOnlyUpToItsFirstWrongByte() throws Exception {
        Source s = source("c.bin", 3_000_000, 22);
        byte[] part = java.util.Arrays.copyOf(s.bytes(), 2_000_000);
        part[1_234_567] ^= 0x40;
        Path partFile = served.resolve("backup/k/c.jpg.triplicate-part");
        Files.createDirectories(partFile.getParent());
        Files.write(partFile, part);

        RemoteStore.Upload up = store().upload("k/c.jpg", s.path(), s.xxh(), s.size(), n -> { }, new Cancellation());

        assertTrue(up.resumed());
        assertEquals(s.size() - 1_234_567, up.bytesSent());
        assertArrayEquals(s.bytes(), rawObject("k/c.jpg").orElseThrow());
        assertFalse(Files.exists(partFile));
    }

    @Test
    void aLongerPartFileIsCutToTheSource() throws Exception {
        Source s = source("d.bin", 1_000_000, 23);
        byte[] part = java.util.Arrays.copyOf(s.bytes(), 1_500_000);
        Path partFile = served.resolve("backup/k/d.jpg.triplicate-part");
        Files.createDirectories(partFile.getParent());
        Files.write(partFile, part);

        RemoteStore.Upload up = store().upload("k/d.jpg", s.path(), s.xxh(), s.size(), n -> { }, new Cancellation());

        assertEquals(0, up.bytesSent());
        assertArrayEquals(s.bytes(), rawObject("k/d.jpg").orElseThrow());
    }

    @Test
    void parallelUploadsShareOneConnection() throws Exception {
        List<Source> files = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            files.add(source("p" + i + ".bin", 400_000 + i, 30 + i));
        }
        RemoteStore store = store();
        int before = server.sessionsOpened();

        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<RemoteStore.Upload>> uploads = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                Source s = files.get(i);
                String key = "2026/parallel/IMG_" + i + ".CR3";
                uploads.add(pool.submit(() -> store.upload(key, s.path(), s.xxh(), s.size(), n -> { },
                        new Cancellation())));
            }
            for (Future<RemoteStore.Upload> f : uploads) {
                f.get();
            }
        }

        assertEquals(1, server.sessionsOpened() - before, "one SSH connection for all files");
        for (int i = 0; i < files.size(); i++) {
            assertArrayEquals(files.get(i).bytes(), rawObject("2026/parallel/IMG_" + i + ".CR3").orElseThrow());
        }
    }

    @Test
    void describeShowsWhereWithoutTheSecret() throws Exception {
        assertEquals("sftp://photo@127.0.0.1:" + server.port() + "/backup", store().describe());
    }

    /** The SSH wire encoding of an EC P-256 public key, written out here so the fingerprint is checked independently. */
    private static byte[] sshBlob(PublicKey key) throws IOException {
        java.security.interfaces.ECPublicKey ec = (java.security.interfaces.ECPublicKey) key;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        writeString(out, "ecdsa-sha2-nistp256".getBytes());
        writeString(out, "nistp256".getBytes());
        byte[] point = new byte[65];
        point[0] = 4;
        byte[] x = unsigned(ec.getW().getAffineX(), 32);
        byte[] y = unsigned(ec.getW().getAffineY(), 32);
        System.arraycopy(x, 0, point, 1, 32);
        System.arraycopy(y, 0, point, 33, 32);
        writeString(out, point);
        return out.toByteArray();
    }

    private static byte[] unsigned(java.math.BigInteger v, int length) {
        byte[] raw = v.toByteArray();
        byte[] fixed = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, fixed, length - copy, copy);
        return fixed;
    }

    private static void writeString(OutputStream out, byte[] bytes) throws IOException {
        out.write(new byte[]{(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16), (byte) (bytes.length >>> 8),
                (byte) bytes.length});
        out.write(bytes);
    }
}
