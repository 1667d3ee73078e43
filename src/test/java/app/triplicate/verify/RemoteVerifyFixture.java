package app.triplicate.verify;

import app.triplicate.catalog.Catalog;
import app.triplicate.settings.Home;
import app.triplicate.testing.Cards;
import app.triplicate.testing.CliHarness;
import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the remote verify tests share: a card of four iPhone pictures (one session, "Trip") ingested to two
 * drives, and a look into the catalog for when each of the remote's copies was last verified.
 */
final class RemoteVerifyFixture {
    static final List<String> SAMPLES = List.of("apple_iphonexr_IMG_3581.JPG", "apple_iphonexr_IMG_3582.JPG",
            "apple_iphonexr_IMG_3589.HEIC", "apple_iphonexr_IMG_3589.mov");

    private RemoteVerifyFixture() {
    }

    /** Drives A and B, and the four pictures ingested to both. */
    static void ingestToTwoDrives(CliHarness cli, Path tmp) throws Exception {
        cli.addDrive(tmp.resolve("a"), "A");
        cli.addDrive(tmp.resolve("b"), "B");
        Path card = tmp.resolve("card/DCIM/100APPLE");
        Files.createDirectories(card);
        for (String s : SAMPLES) {
            Files.copy(Cards.samples().resolve(s), card.resolve(s.substring("apple_iphonexr_".length())));
        }
        cli.expect(0, "ingest", tmp.resolve("card").toString(), "--name", "Trip", "--progress", "none");
    }

    static JsonNode session(CliHarness cli) {
        for (JsonNode s : cli.expect(0, "status", "--json").json().get("sessions")) {
            if (s.get("name").asText().equals("Trip")) {
                return s;
            }
        }
        throw new AssertionError("no session Trip");
    }

    /** The library path of a picture of the session ("2020/2020-04-17 Trip/IMG_3581.JPG"). */
    static String libraryPath(CliHarness cli, String name) {
        return session(cli).get("folder").asText() + "/" + name;
    }

    /** "CORRUPT Remote sftp://...: IMG_3581.JPG", one per finding, in the order reported. */
    static List<String> kinds(JsonNode verify) {
        List<String> out = new ArrayList<>();
        verify.get("findings").forEach(f -> out.add(f.get("kind").asText() + " " + f.get("drive").asText()
                + (f.get("path").isNull() ? "" : ": " + f.get("path").asText().replaceAll(".*/", ""))));
        out.sort(null);
        return out;
    }

    /** The entry of {@code verify --json}'s drives for {@code label}, or null. */
    static JsonNode result(JsonNode verify, String label) {
        for (JsonNode d : verify.get("drives")) {
            if (d.get("label").asText().equals(label)) {
                return d;
            }
        }
        return null;
    }

    static List<String> labels(JsonNode verify) {
        List<String> out = new ArrayList<>();
        verify.get("drives").forEach(d -> out.add(d.get("label").asText()));
        out.sort(null);
        return out;
    }

    /** The remote's copies in the catalog: key → [state, verified_at]. */
    static Map<String, Object[]> remoteCopies(Path home) {
        Map<String, Object[]> out = new TreeMap<>();
        try (Catalog catalog = Catalog.open(Home.under(home).catalogBase())) {
            catalog.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("""
                        SELECT c.path, c.state, c.verified_at FROM copy c JOIN location l ON l.id = c.location_id
                        WHERE l.kind = 'REMOTE' AND NOT l.retired""");
                     ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), new Object[]{rs.getString(2),
                                rs.getObject(3, java.time.OffsetDateTime.class).toInstant()});
                    }
                }
                return null;
            });
        }
        return out;
    }

    static Map<String, Instant> remoteVerifiedAt(Path home) {
        Map<String, Instant> out = new TreeMap<>();
        remoteCopies(home).forEach((k, v) -> out.put(k, (Instant) v[1]));
        return out;
    }

    static byte[] flipOneByte(byte[] bytes) {
        byte[] bad = bytes.clone();
        bad[bad.length / 2] ^= 0x01;
        return bad;
    }
}
