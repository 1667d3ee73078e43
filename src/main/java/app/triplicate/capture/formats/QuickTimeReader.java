package app.triplicate.capture.formats;

import app.triplicate.capture.CaptureFields;
import app.triplicate.capture.FormatReader;
import app.triplicate.capture.HeaderSource;
import app.triplicate.capture.formats.Boxes.Box;
import app.triplicate.core.Camera;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;

/**
 * Classic QuickTime movies with no {@code ftyp} atom, as many compact cameras wrote them before 2008: the file
 * starts with {@code moov}, or with the frames ({@code mdat}, sometimes after a {@code wide}, {@code free} or
 * {@code skip} placeholder) and the {@code moov} index after them. metadata-extractor recognises these files
 * but finds no date in them. The capture time is the movie header's ({@code moov/mvhd}) creation time, seconds
 * since 1904-01-01 UTC, read as UTC like every QuickTime date (ExifTool's QuickTime:CreateDate). Only atom
 * headers are read on the way: an {@code mdat} of any size is skipped by its length.
 */
public final class QuickTimeReader implements FormatReader {
    static final String SOURCE = "QuickTime:CreateDate";

    /** Atoms a classic QuickTime file starts with (a file with {@code ftyp} first is left to metadata-extractor). */
    private static final Set<String> FIRST_ATOMS = Set.of("moov", "mdat", "wide", "free", "skip", "pnot");
    private static final Instant EPOCH = Instant.parse("1904-01-01T00:00:00Z");

    public QuickTimeReader() {
    }

    @Override
    public boolean accepts(byte[] head, String extension) {
        if (head.length < 8 || !FIRST_ATOMS.contains(Bytes.fourCc(head, 4))) {
            return false;
        }
        long size = Bytes.u32(head, 0, false);
        return size == 0 || size == 1 || size >= 8; // 0: to the end of the file; 1: a 64-bit size follows
    }

    @Override
    public Optional<CaptureFields> read(HeaderSource source) throws IOException {
        Box moov = Boxes.find(source, 0, source.size(), "moov", null);
        if (moov == null) {
            return Optional.empty();
        }
        Box mvhd = Boxes.find(source, moov.dataStart(), moov.end(), "mvhd", null);
        if (mvhd == null || mvhd.dataLength() < 8) {
            return Optional.empty();
        }
        int version = source.read(mvhd.dataStart(), 1)[0];
        long seconds;
        if (version == 1) { // 64-bit times
            if (mvhd.dataLength() < 12) {
                return Optional.empty();
            }
            seconds = Bytes.u64(source.read(mvhd.dataStart() + 4, 8), 0);
        } else {
            seconds = Bytes.u32(source.read(mvhd.dataStart() + 4, 4), 0, false);
        }
        // zero is "not set"; a value past the year 10000 is a corrupt field, not a date
        if (seconds <= 0 || seconds > 254_000_000_000L) {
            return Optional.empty();
        }
        LocalDateTime utc = LocalDateTime.ofInstant(EPOCH.plusSeconds(seconds), ZoneOffset.UTC);
        return Optional.of(new CaptureFields(utc, ZoneOffset.UTC, SOURCE, Camera.UNKNOWN));
    }
}
