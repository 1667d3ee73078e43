package app.triplicate.capture.formats;

import app.triplicate.capture.CaptureFields;
import app.triplicate.capture.ExifFields;
import app.triplicate.capture.FormatReader;
import app.triplicate.capture.HeaderSource;
import app.triplicate.capture.formats.Boxes.Box;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.makernotes.CanonMakernoteDirectory;

import java.io.IOException;
import java.util.Optional;

/**
 * Canon CR3: an ISO-BMFF file (ftyp brand {@code crx }) whose metadata sits in {@code moov} → a {@code uuid}
 * box 85c0b687-820f-11e0-8111-f4ce462b6a48 → {@code CMT1} (a TIFF whose root IFD is IFD0: make, model),
 * {@code CMT2} (root IFD is the Exif IFD: DateTimeOriginal, SubSecTimeOriginal, OffsetTimeOriginal, body
 * serial) and {@code CMT3} (root IFD is the Canon maker notes: serial on older bodies). Only box headers and
 * the CMT payloads are read; the image data ({@code mdat}) after {@code moov} is never touched.
 */
public final class Cr3Reader implements FormatReader {
    private static final byte[] CANON_UUID = Bytes.hex("85c0b687820f11e08111f4ce462b6a48");
    /** A CMT box is a few KiB; anything far larger is a corrupt length. */
    private static final int MAX_CMT = 1 << 20;

    public Cr3Reader() {
    }

    @Override
    public boolean accepts(byte[] head, String extension) {
        return Bytes.ascii(head, 4, "ftyp") && Bytes.ascii(head, 8, "crx ");
    }

    @Override
    public Optional<CaptureFields> read(HeaderSource source) throws IOException {
        Box moov = Boxes.find(source, 0, source.size(), "moov", null);
        if (moov == null) {
            return Optional.empty();
        }
        Box canon = Boxes.find(source, moov.dataStart(), moov.end(), "uuid", CANON_UUID);
        if (canon == null) {
            return Optional.empty();
        }
        Metadata metadata = new Metadata();
        boolean any = false;
        long pos = canon.dataStart();
        for (int i = 0; i < Boxes.MAX_BOXES; i++) {
            Box box = Boxes.at(source, pos, canon.end());
            if (box == null) {
                break;
            }
            String type = box.type();
            if (type.equals("CMT1") || type.equals("CMT2") || type.equals("CMT3")) {
                long length = box.end() - box.dataStart();
                if (length > MAX_CMT) {
                    throw new IOException(type + " box of " + length + " bytes: the file looks corrupt");
                }
                Tiffs.parse(source.read(box.dataStart(), (int) length), rootDirectory(type), metadata);
                any = true;
            }
            pos = box.end();
        }
        if (!any) {
            return Optional.empty();
        }
        CaptureFields fields = ExifFields.from(metadata);
        return fields.hasDate() || fields.camera().isKnown() || fields.camera().serial() != null
                ? Optional.of(fields) : Optional.empty();
    }

    /** Where the root IFD of each CMT block belongs; null for CMT1, a normal TIFF whose root is IFD0. */
    private static Class<? extends Directory> rootDirectory(String cmt) {
        return switch (cmt) {
            case "CMT2" -> ExifSubIFDDirectory.class;
            case "CMT3" -> CanonMakernoteDirectory.class;
            default -> null;
        };
    }
}
