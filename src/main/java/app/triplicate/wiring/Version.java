package app.triplicate.wiring;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The Triplicate version: the Maven project version, written into {@code app/triplicate/version.properties}
 * by resource filtering, so the jar, {@code javafx:run}, the tests and the installed application all show
 * the same. "development" only when the resource is missing or was not filtered (an IDE copying it as is).
 */
public final class Version {
    static final String RESOURCE = "/app/triplicate/version.properties";
    static final String UNKNOWN = "development";

    private Version() {
    }

    public static String current() {
        return CurrentHolder.VALUE;
    }

    /** The version in a {@code version.properties} stream, or "development" when there is none usable. */
    static String from(InputStream in) {
        if (in == null) {
            return UNKNOWN;
        }
        Properties p = new Properties();
        try (in) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        String v = p.getProperty("version", "").trim();
        return v.isEmpty() || v.contains("${") ? UNKNOWN : v;
    }

    private static final class CurrentHolder {
        static final String VALUE = from(Version.class.getResourceAsStream(RESOURCE));
    }
}
