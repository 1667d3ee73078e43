package app.triplicate.ingest;

import app.triplicate.fault.FaultCase;
import app.triplicate.fault.FaultSuite;
import app.triplicate.testing.Cards;
import app.triplicate.testing.CatalogFigures;
import app.triplicate.testing.CliHarness;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SPEC.md, <i>media file</i>: the same content under the same name is the same picture; the same content under
 * another name is another file, with its own copies beside its own companions (issue 13, defect 2).
 */
@FaultSuite // the fault suite's "identical bytes under different names" case (issue 13)
class SameBytesOtherNameTest {
    /** Two sidecars written from one template: 40 identical bytes. */
    private static final byte[] TEMPLATE = "<x:xmpmeta><rating>0</rating></x:xmpmeta>"
            .substring(0, 40).getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;
    CliHarness cli;
    Path a;
    Path b;
    Path card;

    @BeforeEach
    void twoSessionsWithTemplateSidecars() throws Exception {
        cli = new CliHarness(tmp.resolve("home"));
        a = cli.addDrive(tmp.resolve("a"), "A");
        b = cli.addDrive(tmp.resolve("b"), "B");
        card = tmp.resolve("card");
        Path dcim = Files.createDirectories(card.resolve("DCIM/100CANON"));
        // February and July 2020: two sessions
        Files.copy(Cards.samples().resolve("canon_eosrp__MG_0635.JPG"), dcim.resolve("IMG_0001.JPG"));
        Files.copy(Cards.samples().resolve("nikon_d3100_DSC_0008.JPG"), dcim.resolve("IMG_0002.JPG"));
        Files.write(dcim.resolve("IMG_0001.XMP"), TEMPLATE);
        Files.write(dcim.resolve("IMG_0002.XMP"), TEMPLATE);
    }

    @AfterEach
    void catalogFiguresAddUp() throws Exception {
        CatalogFigures.assertConsistent(tmp.resolve("home"));
    }

    private List<String> folders() {
        List<String> out = new ArrayList<>();
        cli.expect(0, "status", "--json").json().get("sessions").forEach(s -> out.add(s.get("folder").asText()));
        return out;
    }

    @Test
    @FaultCase(name = "same-bytes-other-name", asserts = "Two sidecars with identical bytes under different names "
            + "(defect 2): each is a file of its own, lands beside its own picture on every drive, and a rerun finds "
            + "nothing new.")
    void eachSidecarLandsBesideItsOwnPictureOnEveryDrive() throws Exception {
        JsonNode first = cli.expect(0, "ingest", card.toString(), "--progress", "none", "--json").json();
        assertEquals(4, first.get("newFiles").asInt(), first.toString());
        assertEquals(0, first.get("alreadyThere").asInt(), first.toString());
        List<String> folders = folders();
        assertEquals(2, folders.size(), folders.toString());
        for (Path drive : List.of(a, b)) {
            for (String folder : folders) {
                Path dir = drive.resolve("Triplicate").resolve(folder);
                List<String> names = Cards.filesUnder(dir);
                assertEquals(2, names.size(), dir + ": " + names);
                String sidecar = names.stream().filter(n -> n.endsWith(".XMP")).findFirst().orElseThrow();
                String photo = names.stream().filter(n -> n.endsWith(".JPG")).findFirst().orElseThrow();
                assertEquals(photo.replace(".JPG", ""), sidecar.replace(".XMP", ""), "beside its own picture in " + dir);
                assertArrayEquals(TEMPLATE, Files.readAllBytes(dir.resolve(sidecar)));
            }
        }

        JsonNode again = cli.expect(0, "ingest", card.toString(), "--progress", "none", "--json").json();
        assertEquals(0, again.get("newFiles").asInt(), again.toString());
        assertEquals(4, again.get("alreadyThere").asInt(), again.toString());
        cli.expect(0, "card", "check", card.toString(), "--deep");
    }

    @Test
    void restoringTheSecondSessionBringsItsSidecar() throws Exception {
        cli.expect(0, "ingest", card.toString(), "--progress", "none");
        JsonNode july = null;
        for (JsonNode s : cli.expect(0, "status", "--json").json().get("sessions")) {
            if (s.get("folder").asText().contains("2020-07")) {
                july = s;
            }
        }
        Path to = tmp.resolve("restored");
        cli.expect(0, "restore", july.get("id").asText(), "--to", to.toString());
        List<String> restored = Cards.filesUnder(to);
        assertTrue(restored.stream().anyMatch(p -> p.endsWith("IMG_0002.XMP")), restored.toString());
        assertTrue(restored.stream().anyMatch(p -> p.endsWith("IMG_0002.JPG")), restored.toString());
    }

    @Test
    void theSameFileUnderTheSameNameOnASecondCardIsNothingNew() throws Exception {
        cli.expect(0, "ingest", card.toString(), "--progress", "none");
        // a dual-slot camera's second card: the same files under the same names, in another folder
        Path second = tmp.resolve("card2");
        Path dcim = Files.createDirectories(second.resolve("DCIM/100EOS5D"));
        for (String n : List.of("IMG_0001.JPG", "IMG_0002.JPG", "IMG_0001.XMP", "IMG_0002.XMP")) {
            Files.copy(card.resolve("DCIM/100CANON").resolve(n), dcim.resolve(n));
        }
        JsonNode r = cli.expect(0, "ingest", second.toString(), "--progress", "none", "--json").json();
        assertEquals(0, r.get("newFiles").asInt(), r.toString());
        assertEquals(4, r.get("alreadyThere").asInt(), r.toString());
    }
}
