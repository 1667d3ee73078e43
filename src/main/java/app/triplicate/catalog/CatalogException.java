package app.triplicate.catalog;

import app.triplicate.core.CannotRunException;

/** The catalog cannot be used; the message says what the user can do about it. */
public final class CatalogException extends CannotRunException {
    /** For a lost server: the server as {@link ServerCatalog#address()} names it, and the driver's words; else null. */
    private final String server;
    private final String reason;

    public CatalogException(String message, Throwable cause) {
        this(message, cause, null, null);
    }

    CatalogException(String message, Throwable cause, String server, String reason) {
        super(message, cause);
        this.server = server;
        this.reason = reason;
    }

    /** True when the catalog is open in another process: then it is not broken, and must not be restored over. */
    public boolean inUse() {
        return getCause() instanceof java.sql.SQLException e && e.getErrorCode() == 90020;
    }

    /**
     * True when the connection to a studio catalog's server was lost mid-run (the server stopped or restarted, the
     * network went): the catalog is not broken, and nothing is to be restored; the work can run again once it is back.
     */
    public boolean serverLost() {
        return server != null;
    }

    /**
     * A lost server said for a piece of work ({@code "ingest"}, {@code "verify"}) with what it means for that work's
     * copies: one message naming the server, what was left unrecorded and what to do. Any other failure is itself.
     */
    public CatalogException during(String work, String consequence) {
        if (server == null) {
            return this;
        }
        return new CatalogException("Lost the studio catalog " + server + " mid-" + work + " (" + reason + "). "
                + consequence, getCause(), server, reason);
    }
}
