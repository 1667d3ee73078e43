package app.triplicate.core;

/** The camera that made a file, as far as its metadata says; any part may be null. */
public record Camera(String make, String model, String serial) {

    public static final Camera UNKNOWN = new Camera(null, null, null);

    public boolean isKnown() {
        return make != null || model != null;
    }

    /** "Canon EOS RP" rather than "Canon Canon EOS RP": models often repeat the make. */
    public String displayName() {
        if (model == null) {
            return make == null ? "unknown camera" : make.strip();
        }
        if (make == null) {
            return model.strip();
        }
        String firstWordOfMake = make.strip().split("[\\s,]+")[0];
        return model.toLowerCase(java.util.Locale.ROOT).startsWith(firstWordOfMake.toLowerCase(java.util.Locale.ROOT))
                ? model.strip() : firstWordOfMake + " " + model.strip();
    }
}
