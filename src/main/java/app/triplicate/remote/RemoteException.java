package app.triplicate.remote;

/** A remote failed; the message says what happened and what to fix. */
public final class RemoteException extends RuntimeException {

    public enum Kind {
        /** Wrong user, password, key or access key: fix the credentials. */
        AUTH(false),
        /** The server's host key is not known yet: show the fingerprint, let the user trust it. */
        HOST_KEY_UNKNOWN(false),
        /** The server's host key changed since it was trusted: refuse, warn. */
        HOST_KEY_CHANGED(false),
        /** The bucket or base folder does not exist. */
        NOT_FOUND(false),
        /** The key holds other content; Triplicate never overwrites. */
        EXISTS(false),
        /** The provider rejected the upload's checksum: the bytes were damaged on the way. */
        CORRUPT(true),
        /** The server cannot be reached or the connection dropped: try again later. */
        UNREACHABLE(true),
        /** A temporary failure (throttling, a 5xx): try again with backoff. */
        TRANSIENT(true),
        /**
         * The local file to upload cannot be read, or no longer matches its recorded hash: nothing was put in
         * place; another copy of the file may serve, and the drive it was on wants verifying.
         */
        SOURCE(false),
        /** Anything else (a refused permission, a full disk on the server). */
        FAILED(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    private final Kind kind;

    public RemoteException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public RemoteException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public boolean retryable() {
        return kind.retryable();
    }
}
