package app.triplicate.capture;

import app.triplicate.capture.PreviewExtractor.Preview;
import app.triplicate.testing.Cards;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JPEG previews found in the real camera samples, and in RAW-shaped files built around a real JPEG. */
class PreviewExtractorTest {
    private final PreviewExtractor extractor = new PreviewExtractor();

    @TempDir
    Path tmp;

    private static Path sample(String name) {
        return Cards.samples().resolve(name);
    }

    /** Asserts the preview is a JPEG that decodes (subsampled, to keep the test quick) at the size it claims. */
    private static Preview decodable(Optional<Preview> found, String what) throws IOException {
        assertTrue(found.isPresent(), what + ": no preview found");
        Preview p = found.get();
        assertEquals(0xFF, p.jpeg()[0] & 0xff, what);
        assertEquals(0xD8, p.jpeg()[1] & 0xff, what);
        ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(p.jpeg()))) {
            reader.setInput(in);
            assertEquals(p.width(), reader.getWidth(0), what);
            assertEquals(p.height(), reader.getHeight(0), what);
            ImageReadParam param = reader.getDefaultReadParam();
            int step = Math.max(1, p.width() / 240);
            param.setSourceSubsampling(step, step, 0, 0);
            BufferedImage image = reader.read(0, param);
            assertNotNull(image, what + ": the preview does not decode");
            assertTrue(image.getWidth() > 0, what);
        } finally {
            reader.dispose();
        }
        return p;
    }

    @Test
    void aJpegOffersItsMultiPicturePreviewRatherThanTheTinyExifThumbnail() throws IOException {
        Preview p = decodable(extractor.extract(sample("canon_eosrp__MG_0635.JPG")), "Canon EOS RP JPEG");
        assertEquals(1620, p.width());
        assertEquals(1080, p.height());
        assertEquals("embedded preview", p.source());
    }

    @Test
    void aSmallerWantedSizeTakesTheExifThumbnail() throws IOException {
        Preview p = decodable(new PreviewExtractor(160).extract(sample("canon_eosrp__MG_0635.JPG")), "EXIF thumbnail");
        assertEquals("EXIF thumbnail", p.source());
        assertEquals(160, p.width());
        assertEquals(10797, p.jpeg().length, "the IFD1 thumbnail exactly, as exiftool reports its length");
    }

    @Test
    void rawFilesYieldTheJpegTheCameraEmbedded() throws IOException {
        // Fujifilm RAF: the header's preview (8x8 in this trimmed sample) holds a 160x120 EXIF thumbnail
        Preview raf = decodable(extractor.extract(sample("fujifilm_finepixs5pro_FujiFilm.raf")), "RAF");
        assertEquals(160, raf.width());
        assertEquals(120, raf.height());
        assertEquals(9362, raf.jpeg().length, "the thumbnail exiftool finds in IFD1");

        // Panasonic RW2: the JpgFromRaw stored as a tag value of IFD0
        Preview rw2 = decodable(extractor.extract(sample("panasonic_dmclx3_Panasonic.rw2")), "RW2");
        assertEquals("JPEG from RAW", rw2.source());
        assertEquals(10785, rw2.jpeg().length);

        // a JPEG with a .nef name (as the camera sample is): the content decides
        decodable(extractor.extract(sample("nikon_d70s_Issue_247-2.nef")), "JPEG named .nef");
    }

    @Test
    void aNefShapedTiffOffersTheJpegFromRawInItsSubIfd() throws IOException {
        byte[] jpeg = Files.readAllBytes(sample("hp_photosmartm627_HPIM3424.JPG")); // 640x480
        Path nef = Files.write(tmp.resolve("built.nef"), tiffWithSubIfdJpeg(jpeg));
        Preview p = decodable(extractor.extract(nef), "NEF-shaped TIFF");
        assertArrayEquals(jpeg, p.jpeg());
        assertEquals(640, p.width());
        assertEquals("embedded preview", p.source());
    }

    @Test
    void aCr3OffersItsPrvwPreview() throws IOException {
        byte[] jpeg = Files.readAllBytes(sample("hp_photosmartm627_HPIM3424.JPG"));
        Path cr3 = Files.write(tmp.resolve("built.cr3"), cr3WithPreview(jpeg));
        Preview p = decodable(extractor.extract(cr3), "CR3 with PRVW");
        assertArrayEquals(jpeg, p.jpeg());
    }

    @Test
    void trimmedRawsWhosePreviewsAreDummyTextYieldNothing() throws IOException {
        // exiftool's trimmed test files keep the tags but replace the previews with "<Dummy preview image>"
        for (String name : List.of("canon_eos350d_CanonRaw.cr2", "nikon_d70_Nikon.nef", "canon_eos350d_DNG.dng",
                "canon_eosm50_CanonRaw.cr3")) {
            assertEquals(Optional.empty(), extractor.extract(sample(name)), name);
        }
    }

    @Test
    void aJpegWithNoPreviewBigEnoughIsItsOwnPreview() throws IOException {
        Preview noExif = decodable(extractor.extract(sample("sony_mavicafd7_MVC-003F.JPG")), "JPEG without EXIF");
        assertEquals("the picture itself", noExif.source());
        assertEquals(640, noExif.width());

        Preview iphone = decodable(extractor.extract(sample("apple_iphonexr_IMG_3581.JPG")), "iPhone JPEG");
        assertEquals(4032, Math.max(iphone.width(), iphone.height()), "its thumbnail is 160 px: the photo is used");
    }

    @Test
    void filesWithoutAJpegPreviewYieldNothing() throws IOException {
        for (String name : List.of("apple_iphonexr_IMG_3589.HEIC", "apple_iphonexr_IMG_3589.mov",
                "panasonic_unknown_Issue_419.rw2", "sigma_sd10_Sigma.x3f", "pentax_k-x_Pentax.avi",
                "canon_unknown_M2TS.mts", "unknown_Issue_515_java.mp4")) {
            assertEquals(Optional.empty(), extractor.extract(sample(name)), name);
        }
    }

    @Test
    void everySamplesPreviewIsADecodableJpeg() throws IOException {
        int found = 0;
        try (Stream<Path> files = Files.list(Cards.samples())) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".md") || name.endsWith(".tsv")) {
                    continue;
                }
                Optional<Preview> p = extractor.extract(f);
                if (p.isPresent()) {
                    decodable(p, name);
                    found++;
                }
            }
        }
        // the 15 JPEG-content samples, the RAF and the RW2
        assertEquals(17, found, "samples with a preview");
    }

    @Test
    void corruptOrTruncatedFilesNeverThrow() throws IOException {
        Random random = new Random(20261126);
        for (String name : List.of("canon_eosrp__MG_0635.JPG", "fujifilm_finepixs5pro_FujiFilm.raf",
                "panasonic_dmclx3_Panasonic.rw2", "canon_eos350d_DNG.dng", "nikon_d3100_DSC_0008.JPG")) {
            byte[] original = Files.readAllBytes(sample(name));
            for (int round = 0; round < 60; round++) {
                byte[] bytes = original.clone();
                if (round % 3 == 0) {
                    bytes = java.util.Arrays.copyOf(bytes, random.nextInt(Math.min(bytes.length, 70_000)));
                } else {
                    int span = Math.min(bytes.length, 50_000);
                    for (int k = 0; k < 20; k++) {
                        bytes[random.nextInt(span)] = (byte) random.nextInt(256);
                    }
                }
                Path f = Files.write(tmp.resolve("mutant"), bytes);
                Optional<Preview> p = extractor.extract(f);
                p.ifPresent(preview -> assertEquals(0xD8, preview.jpeg()[1] & 0xff, name + " round " + preview));
            }
        }
    }

    /** A little-endian TIFF like a NEF: IFD0 (a tiny uncompressed strip) with one SubIFD holding the JPEG. */
    private static byte[] tiffWithSubIfdJpeg(byte[] jpeg) {
        ByteBuffer b = ByteBuffer.allocate(200 + jpeg.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        // IFD0 at 8: compression 1, strip at 120 (3 bytes), SubIFDs -> 70
        b.putShort((short) 4);
        entry(b, 0x0103, 3, 1, 1);
        entry(b, 0x0111, 4, 1, 120);
        entry(b, 0x0117, 4, 1, 3);
        entry(b, 0x014A, 4, 1, 70);
        b.putInt(0);
        // SubIFD at 70: compression 6, JPEGInterchangeFormat at 200
        b.position(70);
        b.putShort((short) 3);
        entry(b, 0x0103, 3, 1, 6);
        entry(b, 0x0201, 4, 1, 200);
        entry(b, 0x0202, 4, 1, jpeg.length);
        b.putInt(0);
        b.position(200);
        b.put(jpeg);
        return b.array();
    }

    private static void entry(ByteBuffer b, int tag, int type, int count, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(count);
        if (type == 3) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }

    /** ftyp "crx ", then the preview uuid box with its PRVW box, as Canon writes them. */
    private static byte[] cr3WithPreview(byte[] jpeg) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer ftyp = ByteBuffer.allocate(24);
        ftyp.putInt(24).put("ftypcrx ".getBytes(StandardCharsets.ISO_8859_1)).putInt(1)
                .put("crx isom".getBytes(StandardCharsets.ISO_8859_1));
        out.write(ftyp.array());
        int prvwSize = 8 + 16 + jpeg.length;
        int uuidSize = 8 + 16 + 8 + prvwSize;
        ByteBuffer uuid = ByteBuffer.allocate(uuidSize);
        uuid.putInt(uuidSize).put("uuid".getBytes(StandardCharsets.ISO_8859_1))
                .put(HexFormat.of().parseHex("eaf42b5e1c984b88b9fbb7dc406e4d16"))
                .putLong(1)
                .putInt(prvwSize).put("PRVW".getBytes(StandardCharsets.ISO_8859_1))
                .putInt(0).putShort((short) 1).putShort((short) 640).putShort((short) 480).putShort((short) 1)
                .putInt(jpeg.length).put(jpeg);
        out.write(uuid.array());
        return out.toByteArray();
    }
}
