package app.triplicate.wiring;

/** The Triplicate version, from the jar manifest (set by Maven), or "development" when run from classes. */
public final class Version {
    private Version() {
    }

    public static String current() {
        String v = Services.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}
