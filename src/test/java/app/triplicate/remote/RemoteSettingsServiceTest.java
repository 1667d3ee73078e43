package app.triplicate.remote;

import app.triplicate.core.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window's remote form, checked as {@code remote set} checks the command line; secrets kept apart. */
class RemoteSettingsServiceTest {
    @TempDir
    Path config;

    @Test
    void anSftpFormIsCheckedAndBuiltLikeItsAddress() {
        RemoteSettingsService s = RemoteSettingsService.forConfig(config);
        RemoteConfig c = s.sftp(" nas.local ", "2222", "photo", "volume1/backup", null);
        assertEquals(RemoteConfig.sftp("sftp://photo@nas.local:2222/volume1/backup", null), c,
                "the same settings as remote set makes from the address");
        assertEquals(22, s.sftp("nas.local", "", "photo", "", null).port());
        assertEquals("/", s.sftp("nas.local", "22", "photo", " ", null).path());
        assertTrue(assertThrows(UsageException.class, () -> s.sftp("nas.local", "x", "photo", "/", null))
                .getMessage().startsWith("The SFTP port must be a number"));
        assertTrue(assertThrows(UsageException.class, () -> s.sftp("", "22", "photo", "/", null))
                .getMessage().contains("host name"));
        assertTrue(assertThrows(UsageException.class, () -> s.sftp("nas", "22", "a:b", "/", null))
                .getMessage().contains("user name"));
        assertTrue(assertThrows(UsageException.class, () -> s.sftp("nas", "22", "photo", "/", Path.of("/no/key")))
                .getMessage().contains("does not exist"));
    }

    @Test
    void anS3FormFollowsThePresetsAndRefusesPlainHttpAwayFromHome() {
        RemoteSettingsService s = RemoteSettingsService.forConfig(config);
        assertEquals(Optional.of("https://s3.eu-central-003.backblazeb2.com"),
                RemoteSettingsService.S3Preset.BACKBLAZE_B2.endpoint("eu-central-003"));
        assertEquals(Optional.of("https://s3.eu-central-1.wasabisys.com"),
                RemoteSettingsService.S3Preset.WASABI.endpoint("eu-central-1"));
        assertEquals(Optional.of("https://s3.eu-west-1.amazonaws.com"),
                RemoteSettingsService.S3Preset.AWS.endpoint("eu-west-1"));
        assertEquals(Optional.empty(), RemoteSettingsService.S3Preset.OTHER.endpoint("us-east-1"));
        assertEquals(RemoteSettingsService.S3Preset.WASABI,
                RemoteSettingsService.S3Preset.of("https://s3.eu-central-1.wasabisys.com", "eu-central-1"));

        RemoteConfig c = s.s3("https://s3.eu-central-003.backblazeb2.com", "eu-central-003", "studio", "/photos/",
                "AKID", false, false);
        assertEquals(RemoteConfig.s3("s3://studio/photos", "https://s3.eu-central-003.backblazeb2.com",
                "eu-central-003", "AKID", false, false), c);
        assertTrue(assertThrows(UsageException.class, () -> s.s3("http://8.8.8.8", null, "b", "", "k", true,
                true)).getMessage().contains("own network"));
        assertTrue(assertThrows(UsageException.class, () -> s.s3("https://x", null, "", "", "k", true, false))
                .getMessage().contains("bucket"));

        assertTrue(RemoteSettingsService.looksLocalHttp("http://127.0.0.1:9000"));
        assertTrue(RemoteSettingsService.looksLocalHttp("http://192.168.1.20:9000"));
        assertTrue(RemoteSettingsService.looksLocalHttp("http://nas.local:9000"));
        assertFalse(RemoteSettingsService.looksLocalHttp("http://8.8.8.8"));
        assertFalse(RemoteSettingsService.looksLocalHttp("http://s3.example.com"));
        assertFalse(RemoteSettingsService.looksLocalHttp("https://127.0.0.1"), "https needs no allowing");
    }

    @Test
    void aSecretIsKeptApartKeptWhenNotRetypedAndDroppedForAKeyFile() throws Exception {
        RemoteSettingsService s = RemoteSettingsService.forConfig(config);
        RemoteConfig pw = s.sftp("nas.local", "22", "photo", "/backup", null);
        assertTrue(assertThrows(UsageException.class, () -> s.save(pw, Optional.empty())).getMessage()
                .contains("password"), "a password remote needs its password");
        assertFalse(s.current().config().isPresent(), "nothing saved");

        s.save(pw, Optional.of("s3cr3t"));
        assertTrue(s.current().secretStored());
        assertFalse(Files.readString(config.resolve("remote.json")).contains("s3cr3t"));
        s.save(s.sftp("nas.local", "2222", "photo", "/backup", null), Optional.empty());
        assertEquals("s3cr3t", new SecretFile(config).load().orElseThrow(), "left empty: the stored one is kept");
        assertEquals(2222, s.current().config().orElseThrow().port());
        assertTrue(assertThrows(UsageException.class, () -> s.save(s.sftp("other.example", "2222", "photo", "/backup",
                null), Optional.empty())).getMessage().contains("password"),
                "another server never gets this one's password");
        assertTrue(assertThrows(UsageException.class, () -> s.save(s.sftp("nas.local", "2222", "anna", "/backup",
                null), Optional.empty())).getMessage().contains("password"), "nor another account");
        assertEquals("nas.local", s.current().config().orElseThrow().host(), "nothing saved");

        RemoteConfig s3 = s.s3("https://s3.eu-west-1.amazonaws.com", "eu-west-1", "studio", "", "AKID", false, false);
        assertTrue(assertThrows(UsageException.class, () -> s.save(s3, Optional.empty())).getMessage()
                .contains("secret key of access key AKID"), "an SFTP password is no S3 secret");
        assertEquals(RemoteConfig.SFTP, s.current().config().orElseThrow().kind(), "nothing saved");

                Path key = Files.writeString(config.resolve("id_ed25519"), "not a real key");
        s.save(s.sftp("nas.local", "22", "photo", "/backup", key), Optional.empty());
        assertFalse(s.current().secretStored(), "a key file now: no password kept");
        assertNull(s.current().config().orElseThrow().accessKey());
    }
}
