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
    private final boolean retryable;

    public RemoteException(Kind kind, String message) {
        this(kind, message, null);
    }

    public RemoteException(Kind kind, String message, Throwable cause) {
        this(kind, message, cause, kind.retryable());
    }

    private RemoteException(Kind kind, String message, Throwable cause, boolean retryable) {
        super(message, cause);
        this.kind = kind;
        this.retryable = retryable;
    }

    /**
     * The server's name does not resolve: {@link Kind#UNREACHABLE} (the remote cannot be reached, as far as push
     * and verify are concerned) but not worth retrying, since a mistyped name never starts to resolve, and a
     * computer without a network gets the same answer a minute later.
     *
     * @param remote the remote as the user wrote it, to find the name in
     */
    public static RemoteException serverNameNotFound(String host, String remote, Throwable cause) {
        return new RemoteException(Kind.UNREACHABLE, "The server name '" + host + "' cannot be found. Check the"
                + " name in the remote's address (" + remote + "; see `triplicate remote show`), and that this"
                + " computer is on the network.", cause, false);
    }

    public Kind kind() {
        return kind;
    }

    public boolean retryable() {
        return retryable;
    }
}
