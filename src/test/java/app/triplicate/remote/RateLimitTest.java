package app.triplicate.remote;

import app.triplicate.core.Units;
import app.triplicate.progress.Cancellation;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code push --limit}: the rate as typed, and a bucket that holds uploads to it. */
class RateLimitTest {

    @Test
    void ratesAreReadInDecimalUnits() {
        assertEquals(5_000_000, Units.parseRate("5MB/s"));
        assertEquals(500_000, Units.parseRate("500kB/s"));
        assertEquals(1_500_000_000L, Units.parseRate("1.5GB/s"));
        assertEquals(800, Units.parseRate("800B/s"));
        assertEquals(2_000_000, Units.parseRate("2mb/s"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Units.parseRate("fast"));
        assertTrue(e.getMessage().contains("5MB/s"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Units.parseRate("5MB"));
        assertThrows(IllegalArgumentException.class, () -> Units.parseRate("0.1B/s"));
    }

    @Test
    void theBucketHoldsSendersToTheRateAfterOneSecondsBurst() {
        RateLimit limit = new RateLimit(1_000_000, new Cancellation());
        long t0 = System.nanoTime();
        for (int i = 0; i < 25; i++) {
            limit.take(100_000); // 2.5 MB: the first second's worth passes at once, the rest at 1 MB/s
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(seconds >= 1.4, "held back: " + seconds + " s");
        assertFalse(RateLimit.none().limited());
    }

    @Test
    void aWaitingSenderStopsWhenCancelled() {
        Cancellation cancel = new Cancellation();
        RateLimit limit = new RateLimit(1_000, cancel);
        limit.take(1_000);
        cancel.cancel();
        assertThrows(CancellationException.class, () -> limit.take(1_000_000));
    }
}
