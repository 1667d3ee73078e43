package app.triplicate.remote;

import app.triplicate.testing.CliHarness;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code remote set} and {@code remote show}: settings in config/remote.json, the secret apart, never printed. */
class RemoteCommandTest {
    @TempDir
    Path home;

    @Test
    void sftpWithAPasswordFromStandardInput() throws Exception {
        CliHarness cli = new CliHarness(home);
        String out = cli.withInput("s3cr3t-Passw0rd\n")
                .expect(0, "remote", "set", "sftp://photo@nas.local:2222/volume1/backup", "--password-stdin").out();
        assertTrue(out.contains("Remote set: sftp://photo@nas.local:2222/volume1/backup."), out);

        String show = cli.expect(0, "remote", "show").out();
        assertTrue(show.contains("password (stored, readable only by you)"), show);
        assertFalse(show.contains("s3cr3t"), show);
        JsonNode json = cli.expect(0, "remote", "show", "--json").json();
        assertEquals("sftp", json.get("kind").asText());
        assertEquals(2222, json.get("port").asInt());
        assertTrue(json.get("secretStored").asBoolean());
        assertFalse(json.toString().contains("s3cr3t"));

        String settings = Files.readString(home.resolve("config/remote.json"));
        assertFalse(settings.contains("s3cr3t"), "the secret stays out of the settings file: " + settings);
        assertEquals("s3cr3t-Passw0rd", Files.readString(home.resolve("config/secrets/remote")));
    }

    @Test
    void s3NeedsItsSecretOnStandardInputAndHttps() throws Exception {
        CliHarness cli = new CliHarness(home);
        assertTrue(cli.expect(2, "remote", "set", "s3://studio/triplicate", "--endpoint", "https://s3.example.com",
                "--access-key", "AKID").err().contains("--secret-stdin"));
        assertTrue(cli.withInput("wJalrXUtnFEMI\n").expect(2, "remote", "set", "s3://studio", "--endpoint",
                "http://s3.example.com", "--access-key", "AKID", "--secret-stdin").err().contains("unencrypted"));
        cli.withInput("wJalrXUtnFEMI\n").expect(0, "remote", "set", "s3://studio/triplicate", "--endpoint",
                "http://127.0.0.1:9000", "--access-key", "AKID", "--secret-stdin", "--path-style", "--allow-http");
        JsonNode json = cli.expect(0, "remote", "show", "--json").json();
        assertEquals("studio", json.get("bucket").asText());
        assertEquals("triplicate", json.get("path").asText());
        assertTrue(json.get("allowHttp").asBoolean());
        assertFalse(json.toString().contains("wJalr"));

        // set again: a key-file SFTP remote replaces it, and no stale secret is kept
        Path key = Files.writeString(home.resolve("id_ed25519"), "not a real key");
        cli.expect(0, "remote", "set", "sftp://me@backup.example.org/photos", "--key", key.toString());
        assertFalse(Files.exists(home.resolve("config/secrets/remote")));
        assertTrue(cli.expect(0, "remote", "show").out().contains("key file " + key.toAbsolutePath()));
    }

    @Test
    void mistakesAreNamed() {
        CliHarness cli = new CliHarness(home);
        assertTrue(cli.expect(0, "remote", "show").out().contains("No remote is set"));
        assertFalse(cli.expect(0, "remote", "show", "--json").json().get("configured").asBoolean());
        assertTrue(cli.expect(2, "remote", "set", "ftp://me@host/x").err().contains("sftp://USER@HOST"));
        assertTrue(cli.expect(2, "remote", "set", "sftp://me@host/x").err().contains("--key FILE or --password-stdin"));
        assertTrue(cli.expect(2, "remote", "set", "sftp://me@host/x", "--password-stdin").err()
                .contains("No password on standard input"));
        assertTrue(cli.expect(2, "remote", "set", "sftp://me@host/x", "--key", "/no/such/key").err()
                .contains("does not exist"));
        assertFalse(Files.exists(home.resolve("config/remote.json")), "nothing saved by a refused command");
    }
}
