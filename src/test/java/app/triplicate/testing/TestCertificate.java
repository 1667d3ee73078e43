package app.triplicate.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;

/**
 * A self-signed TLS certificate for a test server, made with the JDK's {@code keytool} (no other tool needed):
 * {@code server.crt} and {@code server.key} (PKCS#8), both PEM, in a folder; the certificate names the host as
 * its subject and as an IP address in its subject alternative names, so a client checking the name accepts it.
 */
public final class TestCertificate {
    private static final char[] STORE_PASSWORD = "test-only".toCharArray();

    private TestCertificate() {
    }

    public static void make(Path folder, String host) throws IOException {
        Path store = folder.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-keyalg", "RSA", "-keysize",
                "2048", "-validity", "2", "-alias", "server", "-dname", "CN=" + host, "-ext", "SAN=ip:" + host,
                "-ext", "BC:c=ca:true", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass",
                new String(STORE_PASSWORD))).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (p.waitFor() != 0) {
                throw new IOException("keytool failed: " + out);
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, STORE_PASSWORD);
            }
            Key key = ks.getKey("server", STORE_PASSWORD);
            Certificate cert = ks.getCertificate("server");
            Files.writeString(folder.resolve("server.crt"), pem("CERTIFICATE", cert.getEncoded()));
            Files.writeString(folder.resolve("server.key"), pem("PRIVATE KEY", key.getEncoded()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making a test certificate", e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("test certificate: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(store);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
