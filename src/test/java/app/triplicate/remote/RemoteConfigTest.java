package app.triplicate.remote;

import app.triplicate.core.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Remote addresses as the user writes them, and where the settings and the secret are kept. */
class RemoteConfigTest {

    @Test
    void sftpAddresses() {
        RemoteConfig c = RemoteConfig.sftp("sftp://photo@nas.local:2222/volume1/Triplicate%20backup", null);
        assertEquals("nas.local", c.host());
        assertEquals(2222, c.port());
        assertEquals("photo", c.user());
        assertEquals("/volume1/Triplicate backup", c.path());
        assertEquals("sftp://photo@nas.local:2222/volume1/Triplicate backup", c.describe());
        assertEquals(22, RemoteConfig.sftp("sftp://me@host/", null).port());
        assertEquals("/", RemoteConfig.sftp("sftp://me@host", null).path());
        assertTrue(assertThrows(UsageException.class, () -> RemoteConfig.sftp("sftp://host/x", null))
                .getMessage().contains("sftp://USER@HOST"));
        assertTrue(assertThrows(UsageException.class, () -> RemoteConfig.sftp("sftp://me:secret@host/x", null))
                .getMessage().contains("--password-stdin"));
        assertTrue(assertThrows(UsageException.class, () -> RemoteConfig.sftp("s3://bucket", null))
                .getMessage().contains("sftp://"));
        assertTrue(assertThrows(UsageException.class, () -> RemoteConfig.sftp("sftp://me@host/with space", null))
                .getMessage().contains("%20"));
    }

    @Test
    void s3AddressesAndEndpoints() {
        RemoteConfig c = RemoteConfig.s3("s3://studio-backup/triplicate/", "https://s3.eu-central-003.backblazeb2.com",
                "eu-central-003", "KEYID", false, false);
        assertEquals("studio-backup", c.bucket());
        assertEquals("triplicate", c.path());
        assertEquals("s3://studio-backup/triplicate at https://s3.eu-central-003.backblazeb2.com", c.describe());
        assertEquals("", RemoteConfig.s3("s3://b", "https://s3.example", null, "K", false, false).path());
        assertEquals("us-east-1", RemoteConfig.s3("s3://b", "https://s3.example", null, "K", false, false).region());

        assertTrue(assertThrows(UsageException.class,
                () -> RemoteConfig.s3("s3://b", "http://s3.example.com", null, "K", false, false))
                .getMessage().contains("unencrypted"));
        assertTrue(assertThrows(UsageException.class,
                () -> RemoteConfig.s3("s3://b", "http://203.0.113.5", null, "K", false, true))
                .getMessage().contains("only for a server on your own network"));
        RemoteConfig local = RemoteConfig.s3("s3://b", "http://192.168.1.20:9000", null, "K", true, true);
        assertTrue(local.allowHttp());
        assertTrue(local.pathStyle());
        RemoteConfig.s3("s3://b", "http://127.0.0.1:9000", null, "K", true, true);
        assertTrue(assertThrows(UsageException.class, () -> RemoteConfig.s3("s3://b", null, null, "K", false, false))
                .getMessage().contains("--endpoint"));
        assertTrue(assertThrows(UsageException.class,
                () -> RemoteConfig.s3("s3://b", "https://s3.example", null, null, false, false))
                .getMessage().contains("--access-key"));
        assertFalse(S3Settings.isLocal("172.32.0.1"));
        assertTrue(S3Settings.isLocal("172.20.0.1"));
        assertFalse(S3Settings.isLocal("8.8.8.8"));
    }

    @Test
    void settingsAndSecretAreKeptApart(@TempDir Path config) throws Exception {
        RemoteConfigStore store = new RemoteConfigStore(config);
        RemoteConfig c = RemoteConfig.sftp("sftp://photo@nas.local/backup", null);
        store.save(c);
        assertEquals(c, store.load().orElseThrow());

        SecretFile secret = new SecretFile(config);
        secret.save("correct horse battery staple");
        assertEquals("correct horse battery staple", secret.load().orElseThrow());
        assertFalse(Files.readString(config.resolve("remote.json")).contains("horse"), "no secret in the settings");
        if (Files.getFileStore(config).supportsFileAttributeView("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret.path())));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret.path().getParent())));
        }
        secret.save("new one");
        assertEquals("new one", secret.load().orElseThrow());
        secret.delete();
        assertTrue(secret.load().isEmpty());
    }
}
