package app.triplicate.mhl;

import app.triplicate.files.SmallFile;
import app.triplicate.files.LocalFileAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ASC MHL v2 files themselves: C4 ids, a generation written and read back, the chain, the ignore list. */
class MhlFormatTest {
    @TempDir
    Path tmp;

    private static final OffsetDateTime AT = OffsetDateTime.of(2026, 11, 26, 14, 30, 5, 0, ZoneOffset.ofHours(1));

    @Test
    void c4IdsAreTheReferenceImplementations() {
        // computed with the reference implementation's hasher (ascmhl 1.1, ascmhl.hasher.C4)
        assertEquals("c459dsjfscH38cYeXXYogktxf4Cd9ibshE3BHUo6a58hBXmRQdZrAkZzsWcbWtDg5oQstpDuni4Hirj75GEmTc1sFT",
                C4.of(new byte[0]));
        assertEquals("c43zYcLni5LF9rR4Lg4B8h3Jp8SBwjcnyyeh4bc6gTPHndKuKdjUWx1kJPYhZxYt3zV6tQXpDs2shPsPYjgG81wZM1",
                C4.of("alfa".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("c42eSiFeLwyhSUxDBMASKRemMjkRTaPALVBaQpciKUD3ffZFFW3TwhMczaEkMCGHscsxM6DGeiUsumeZEPgVKLCEft",
                C4.of("Triplicate ASC MHL\n".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void aGenerationIsWrittenInTheSchemasOrderAndReadBack() throws Exception {
        HashList list = new HashList(3, "0003_x.mhl", AT, "studio-mac", "Triplicate", "1.4.0", "in-place",
                List.of(".DS_Store", "ascmhl", "ascmhl/", "**/Other files/notes & <draft>.txt"),
                List.of(new HashList.Hash("IMG_0001.CR3", 1234, AT, "xxh128", "52b221017fe1972b866339c45f80d370",
                                HashList.Action.VERIFIED, AT),
                        new HashList.Hash("Other files/Éclair ü.gpx", 7, null, "xxh128",
                                "99aa06d3014798d86001c324468d497f", HashList.Action.ORIGINAL, AT)));
        String xml = new String(MhlXml.write(list), StandardCharsets.UTF_8);

        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<hashlist xmlns=\"urn:ASC:MHL:v2.0\" "
                + "version=\"2.0\">") || xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<hashlist "
                + "version=\"2.0\" xmlns=\"urn:ASC:MHL:v2.0\">"), xml);
        int creator = xml.indexOf("<creatorinfo>"), process = xml.indexOf("<processinfo>"), hashes = xml.indexOf("<hashes>");
        assertTrue(creator > 0 && creator < process && process < hashes, xml);
        assertTrue(xml.contains("<creationdate>2026-11-26T14:30:05+01:00</creationdate>"), xml);
        assertTrue(xml.contains("<tool version=\"1.4.0\">Triplicate</tool>"), xml);
        assertTrue(xml.contains("<process>in-place</process>"), xml);
        assertTrue(xml.contains("<path size=\"1234\" lastmodificationdate=\"2026-11-26T14:30:05+01:00\">IMG_0001.CR3</path>"),
                xml);
        assertTrue(xml.contains("<xxh128 action=\"verified\" hashdate=\"2026-11-26T14:30:05+01:00\">"
                + "52b221017fe1972b866339c45f80d370</xxh128>"), xml);

        HashList back = MhlXml.read(xml.getBytes(StandardCharsets.UTF_8), 3, "0003_x.mhl");
        assertEquals(list, back);
    }

    @Test
    void anotherToolsManifestIsReadPassingOverWhatTriplicateDoesNotWrite() throws Exception {
        // the shape the reference implementation writes: a root hash, directory hashes, two formats for one file
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <hashlist version="2.0" xmlns="urn:ASC:MHL:v2.0">
                  <creatorinfo>
                    <creationdate>2020-01-16T09:15:00+00:00</creationdate>
                    <hostname>myHost.local</hostname>
                    <tool version="0.3 alpha">ascmhl.py</tool>
                    <author role="DIT">Ann</author>
                  </creatorinfo>
                  <processinfo>
                    <process>in-place</process>
                    <roothash>
                      <content><xxh64 hashdate="2020-01-16T09:15:00+00:00">8d02114c32e28cbe</xxh64></content>
                      <structure><xxh64 hashdate="2020-01-16T09:15:00+00:00">f557f8ca8e5a88ef</xxh64></structure>
                    </roothash>
                    <ignore><pattern>.DS_Store</pattern><pattern>ascmhl</pattern></ignore>
                  </processinfo>
                  <hashes>
                    <hash>
                      <path size="5" lastmodificationdate="2020-01-15T13:00:00+00:00">Clips/A002C006_141024_R2EC.mov</path>
                      <md5 action="original" hashdate="2020-01-16T09:15:00.123456+00:00">9e107d9d372bb6826bd81d3542a419d6</md5>
                      <xxh64 action="original" hashdate="2020-01-16T09:15:00+00:00">0ea03b369a463d9d</xxh64>
                    </hash>
                    <directoryhash>
                      <path lastmodificationdate="2020-01-15T13:00:00+00:00">Clips</path>
                      <content><xxh64 hashdate="2020-01-16T09:15:00+00:00">4c226b42e27d7af3</xxh64></content>
                      <structure><xxh64 hashdate="2020-01-16T09:15:00+00:00">906faa843d591a9f</xxh64></structure>
                    </directoryhash>
                  </hashes>
                </hashlist>
                """;
        HashList list = MhlXml.read(xml.getBytes(StandardCharsets.UTF_8), 1, "0001_A002R2EC_2020-01-16_091500Z.mhl");
        assertEquals("ascmhl.py", list.toolName());
        assertEquals(List.of(".DS_Store", "ascmhl"), list.ignore());
        assertEquals(2, list.hashes().size());
        assertEquals(List.of("md5", "xxh64"), list.hashes().stream().map(HashList.Hash::format).toList());
        assertTrue(list.hashes().stream().allMatch(h -> h.path().equals("Clips/A002C006_141024_R2EC.mov")
                && h.size() == 5 && h.action() == HashList.Action.ORIGINAL));
    }

    @Test
    void aHistoryChainsEachGenerationByItsC4AndKeepsItsIgnoreList() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("2026-11-26 Ranch"));
        SmallFile files = new SmallFile(new LocalFileAccess());
        MhlHistory h = MhlHistory.read(folder);
        assertTrue(h.isEmpty());
        h = h.append(new HashList(0, "", AT, "host", "Triplicate", "1", "transfer", List.of("*.triplicate-tmp"),
                List.of(hash("A.JPG", HashList.Action.ORIGINAL))), files);
        h = h.append(new HashList(0, "", AT.plusHours(1), "host", "Triplicate", "1", "in-place",
                List.of(MhlHistory.ignorePattern("B.XMP")), List.of(hash("A.JPG", HashList.Action.VERIFIED))), files);

        MhlHistory read = MhlHistory.read(folder);
        assertEquals(List.of(1, 2), read.generations().stream().map(HashList::number).toList());
        assertEquals(List.of("0001_2026-11-26 Ranch_2026-11-26_133005Z.mhl", "0002_2026-11-26 Ranch_2026-11-26_143005Z.mhl"),
                read.chain().stream().map(ChainLink::path).toList());
        for (ChainLink l : read.chain()) {
            assertEquals(C4.of(Files.readAllBytes(folder.resolve("ascmhl").resolve(l.path()))), l.c4());
        }
        assertEquals(List.of(".DS_Store", "ascmhl", "ascmhl/", "*.triplicate-tmp", "**/B.XMP"), read.ignorePatterns());
        assertEquals(HashList.Action.ORIGINAL, read.original("A.JPG").orElseThrow().action());
        assertEquals(3, read.nextNumber());
        try (var left = Files.list(folder.resolve("ascmhl"))) {
            assertEquals(3, left.count(), "two manifests and the chain, no temporary file");
        }
    }

    @Test
    void aManifestChangedAfterItWasWrittenBreaksTheChain() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("S"));
        MhlHistory.read(folder).append(new HashList(0, "", AT, "host", "Triplicate", "1", "transfer", List.of(),
                List.of(hash("A.JPG", HashList.Action.ORIGINAL))), new SmallFile(new LocalFileAccess()));
        Path manifest;
        try (var in = Files.list(folder.resolve("ascmhl"))) {
            manifest = in.filter(p -> p.toString().endsWith(".mhl")).findFirst().orElseThrow();
        }
        Files.writeString(manifest, Files.readString(manifest).replace("52b2", "52b3"));
        MhlException e = assertThrows(MhlException.class, () -> MhlHistory.read(folder));
        assertTrue(e.getMessage().contains(manifest.getFileName().toString()), e.getMessage());
    }

    @Test
    void anIgnorePatternNamesExactlyOnePathWhereverTheFolderIs() {
        assertEquals("**/IMG_0001.CR3", MhlHistory.ignorePattern("IMG_0001.CR3"));
        assertEquals("**/Other files/a\\[1\\]\\*\\?.txt", MhlHistory.ignorePattern("Other files/a[1]*?.txt"));
    }

    private static HashList.Hash hash(String path, HashList.Action action) {
        return new HashList.Hash(path, 4, AT, "xxh128", "52b221017fe1972b866339c45f80d370", action, AT);
    }
}
