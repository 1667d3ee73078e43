package app.triplicate.remote;

import app.triplicate.progress.Cancellation;

/**
 * A token bucket shared by every upload of one push ({@code push --limit 5MB/s}): each upload reports the
 * bytes it sent, and waits here until the bucket allows them, so the uploads together keep to the rate
 * over any second while a short burst (one second's worth) may pass at once.
 */
public final class RateLimit {
    private final long bytesPerSecond;
    private final Cancellation cancel;
    private double tokens;
    private long lastNanos = System.nanoTime();

    /** @param bytesPerSecond the rate; 0 or less means no limit */
    public RateLimit(long bytesPerSecond, Cancellation cancel) {
        this.bytesPerSecond = bytesPerSecond;
        this.cancel = cancel;
        this.tokens = bytesPerSecond;
    }

    public static RateLimit none() {
        return new RateLimit(0, new Cancellation());
    }

    public boolean limited() {
        return bytesPerSecond > 0;
    }

    /** Takes {@code n} bytes from the bucket, waiting as long as the rate requires (and no longer than a cancel). */
    public void take(long n) {
        if (bytesPerSecond <= 0 || n <= 0) {
            return;
        }
        long waitNanos;
        synchronized (this) {
            refill();
            tokens -= n;
            waitNanos = tokens >= 0 ? 0 : (long) (-tokens / bytesPerSecond * 1e9);
        }
        Pause.sleep(waitNanos, cancel);
    }

    private void refill() {
        long now = System.nanoTime();
        tokens = Math.min(bytesPerSecond, tokens + (now - lastNanos) / 1e9 * bytesPerSecond);
        lastNanos = now;
    }
}
