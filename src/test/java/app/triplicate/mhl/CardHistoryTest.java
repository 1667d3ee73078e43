package app.triplicate.mhl;

import app.triplicate.files.LocalFileAccess;
import app.triplicate.files.SmallFile;
import app.triplicate.testing.Cards;
import app.triplicate.testing.CatalogFigures;
import app.triplicate.testing.CliHarness;
import app.triplicate.testing.Manifests;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A card that carries its own ASC MHL history (as an offload tool or a camera writes one): its files are checked
 * against it while ingest reads them, bytes it does not vouch for are not copied, and the history is kept verbatim
 * on each drive in .triplicate/card-histories, never copied into the library as content.
 */
class CardHistoryTest {
    @TempDir
    Path tmp;
    CliHarness cli;
    Path card;
    Path a;
    Path b;

    @AfterEach
    void catalogFiguresAddUp() throws Exception {
        CatalogFigures.assertConsistent(tmp.resolve("home"));
    }

    @BeforeEach
    void cardWithItsOwnHistory() throws Exception {
        cli = new CliHarness(tmp.resolve("home"));
        a = cli.addDrive(tmp.resolve("a"), "A");
        b = cli.addDrive(tmp.resolve("b"), "B");
        card = tmp.resolve("card");
        Path dcim = Files.createDirectories(card.resolve("DCIM/100CANON"));
        for (String s : List.of("canon_eosrp__MG_0635.JPG", "canon_eosrp__MG_0636.JPG")) {
            Files.copy(Cards.samples().resolve(s), dcim.resolve(s.substring(12)));
        }
        // the history another tool wrote at the card's top, recording each file's xxh128 as original
        List<HashList.Hash> hashes = new ArrayList<>();
        OffsetDateTime at = OffsetDateTime.of(2026, 11, 26, 9, 15, 0, 0, ZoneOffset.UTC);
        for (String name : List.of("_MG_0635.JPG", "_MG_0636.JPG")) {
            Path f = dcim.resolve(name);
            hashes.add(new HashList.Hash("DCIM/100CANON/" + name, Files.size(f), at, "xxh128", Manifests.xxh128(f),
                    HashList.Action.ORIGINAL, at));
        }
        MhlHistory.read(card).append(new HashList(0, "", at, "dit-cart", "ascmhl", "1.1", "in-place", List.of(), hashes),
                new SmallFile(new LocalFileAccess()));
    }

    private List<Path> cardHistoryFiles() throws Exception {
        try (var s = Files.walk(card.resolve("ascmhl"))) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void aCardMatchingItsHistoryIsCopiedAndTheHistoryKeptVerbatimOnEachDrive() throws Exception {
        JsonNode r = cli.expect(0, "ingest", card.toString(), "--name", "Ranch", "--progress", "none", "--json").json();
        assertEquals(0, r.get("failed").size(), r.toString());
        String fingerprint = r.get("cardFingerprint").asText();
        for (Path drive : List.of(a, b)) {
            Path kept = drive.resolve(".triplicate/card-histories").resolve(fingerprint).resolve("ascmhl");
            for (Path f : cardHistoryFiles()) {
                assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(kept.resolve(f.getFileName().toString())),
                        "kept verbatim: " + f.getFileName());
            }
            assertEquals(2, MhlHistory.read(kept.getParent()).generations().getFirst().hashes().size(),
                    "the kept history reads, its chain intact");
            List<String> library = Cards.filesUnder(drive.resolve("Triplicate"));
            assertEquals(2, library.size(), "only the pictures in the library, not the card's history: " + library);
            assertTrue(library.stream().noneMatch(p -> p.endsWith(".mhl") || p.endsWith("ascmhl_chain.xml")), library.toString());
        }
    }

    @Test
    void bytesTheCardsHistoryDoesNotVouchForAreReportedAndNotCopied() throws Exception {
        Path changed = card.resolve("DCIM/100CANON/_MG_0636.JPG");
        byte[] bytes = Files.readAllBytes(changed);
        bytes[bytes.length / 3] ^= 0x02; // the card's copy changed after the tool recorded it
        Files.write(changed, bytes);

        JsonNode r = cli.expect(1, "ingest", card.toString(), "--name", "Ranch", "--progress", "none", "--json").json();
        JsonNode failed = r.get("failed");
        assertEquals(2, failed.size(), "one failure per drive: " + failed);
        for (JsonNode f : failed) {
            assertTrue(f.get("file").asText().endsWith("_MG_0636.JPG"), f.toString());
            assertTrue(f.get("reason").asText().contains("card's own ASC MHL history")
                    && f.get("reason").asText().contains("by ascmhl"), f.toString());
        }
        for (Path drive : List.of(a, b)) {
            List<String> library = Cards.filesUnder(drive.resolve("Triplicate"));
            assertEquals(1, library.size(), "only the file the history vouches for: " + library);
            assertTrue(library.getFirst().endsWith("_MG_0635.JPG"), library.toString());
        }
        JsonNode session = cli.expect(0, "status", "--json").json().get("sessions").get(0);
        assertEquals(1, session.get("files").asInt(), session.toString());
        assertFalse(cli.expect(1, "card", "check", card.toString()).out().isEmpty());
    }
}
