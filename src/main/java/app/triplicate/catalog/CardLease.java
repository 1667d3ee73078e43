package app.triplicate.catalog;

import app.triplicate.core.CannotRunException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * One ingest of a card at a time across a studio: on a studio catalog, an ingest holds the server's advisory lock
 * named by the card's fingerprint (SPEC.md, <i>card identity</i>) on a connection of its own. A second workstation
 * importing the same card (a card reader shared on the network, a card dump in a shared folder) is refused, names
 * the workstation that has it, and copies nothing; run again afterwards, it finds everything already on the drives.
 * The lock goes with its connection: a workstation that is killed or loses the server never leaves the card locked.
 * On this computer's own catalog there is nothing to take here: one computer's processes are kept apart by the
 * home's card lock.
 */
public final class CardLease implements AutoCloseable {
    private final Connection connection;

    private CardLease(Connection connection) {
        this.connection = connection;
    }

    /** Takes the card's lease on {@code catalog}, or refuses (exit 3) when another workstation holds it. */
    public static CardLease take(Catalog catalog, String fingerprint, Path card) {
        Optional<ServerCatalog> server = catalog.server();
        if (server.isEmpty()) {
            return new CardLease(null);
        }
        long key = key(fingerprint);
        Connection c = null;
        try {
            c = server.get().connect();
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                ps.setLong(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        return new CardLease(c);
                    }
                }
            }
            String holder = holder(c, key);
            throw new CannotRunException("The card " + card + " is being imported by another workstation"
                    + holder + " of the studio catalog " + server.get() + ". Nothing was copied by this run; run "
                    + "it again when that import has finished: it finds what is already on the drives.");
        } catch (SQLException e) {
            close(c);
            throw server.get().translate(e);
        } catch (RuntimeException e) {
            close(c);
            throw e;
        }
    }

    /** The advisory lock's key: the first 64 bits of the card's fingerprint (a SHA-256). */
    static long key(String fingerprint) {
        return Long.parseUnsignedLong(fingerprint.substring(0, 16), 16);
    }

    /** " (NAME at ADDRESS)" of the session holding the lock, when the server lets this user see it; else "". */
    private static String holder(Connection c, long key) {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT a.application_name, host(a.client_addr)
                FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
                  AND l.classid = ?::oid AND l.objid = ?::oid""")) {
            ps.setLong(1, key >>> 32);
            ps.setLong(2, key & 0xFFFFFFFFL);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getString(1) != null && !rs.getString(1).isBlank()) {
                    String name = rs.getString(1).replaceFirst("^Triplicate on ", "");
                    String at = rs.getString(2);
                    return " (" + name + (at == null ? "" : " at " + at) + ")";
                }
            }
        } catch (SQLException e) {
            // who holds it is a courtesy; that it is held is what matters
        }
        return "";
    }

    private static void close(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the lock, if taken, goes with the connection
            }
        }
    }

    /** Gives the card back: the connection closes, and the server releases the lock with it. */
    @Override
    public void close() {
        close(connection);
    }
}
