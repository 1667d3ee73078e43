package app.triplicate.capture;

import app.triplicate.capture.formats.AviReader;
import app.triplicate.capture.formats.Cr3Reader;
import app.triplicate.capture.formats.CrwReader;
import app.triplicate.capture.formats.HeifReader;
import app.triplicate.capture.formats.M2tsReader;
import app.triplicate.capture.formats.MrwReader;
import app.triplicate.capture.formats.QuickTimeReader;
import app.triplicate.capture.formats.X3fReader;
import app.triplicate.files.FileAccess;

import java.time.Clock;
import java.util.List;

/** The capture reader with every format Triplicate reads itself. */
public final class CaptureReaders {
    private CaptureReaders() {
    }

    public static CaptureReader standard(FileAccess files, Clock clock) {
        return new CaptureReader(List.of(new Cr3Reader(), new CrwReader(), new X3fReader(), new M2tsReader(),
                new AviReader(), new MrwReader(), new HeifReader(), new QuickTimeReader()), files, clock);
    }
}
