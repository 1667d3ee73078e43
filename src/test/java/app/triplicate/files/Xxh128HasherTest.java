package app.triplicate.files;

import app.triplicate.core.Xxh128;
import app.triplicate.testing.Cards;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Xxh128HasherTest {

    // Expected values printed by `xxhsum -H2` (xxHash 0.8.1) for the same bytes.
    @Test
    void printsTheHashExactlyAsXxhsumH2Does() {
        byte[] fox = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.US_ASCII);
        assertEquals("ddd650205ca3e7fa24a1cc2e3a8a7651", new Xxh128Hasher().update(fox, 0, fox.length).finish().hex());
    }

    @Test
    void hashesAcrossChunksAsInOneGo() {
        byte[] a = new byte[1_000_000];
        Arrays.fill(a, (byte) 'a');
        Xxh128Hasher h = new Xxh128Hasher();
        for (int off = 0; off < a.length; off += 256 * 1024) {
            h.update(a, off, Math.min(256 * 1024, a.length - off));
        }
        assertEquals("a545df8e384a9579b1fd6fae5285c4eb", h.finish().hex());
    }

    @Test
    void emptyInputHasTheKnownHash() {
        assertEquals(Xxh128.EMPTY, new Xxh128Hasher().finish());
        assertEquals("99aa06d3014798d86001c324468d497f", Xxh128.EMPTY.hex());
    }

    @Test
    void readBackOfARealRawFileMatchesXxhsum(@TempDir Path dir) throws Exception {
        Path raw = Files.copy(Cards.samples().resolve("canon_eos350d_CanonRaw.cr2"), dir.resolve("x.cr2"));
        ReadBack.Result r = new ReadBack(new LocalFileAccess()).hash(raw, "test", n -> { });
        assertEquals("7f7fa3c3ce3f40daa5d74e9a11c3d01e", r.hash().hex());
        assertEquals(Files.size(raw), r.size());
    }

    @Test
    void parsesWhatItPrints() {
        Xxh128 h = Xxh128.parse("DDD650205CA3E7FA24A1CC2E3A8A7651");
        assertEquals("ddd650205ca3e7fa24a1cc2e3a8a7651", h.toString());
    }
}
