package app.triplicate.catalog;

import app.triplicate.core.UsageException;
import org.flywaydb.core.api.FlywayException;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;

/**
 * A studio's shared catalog on a PostgreSQL server: its JDBC address ({@code jdbc:postgresql://HOST[:PORT]/DB}, with
 * any parameters such as {@code sslmode} passed through to the driver), the user who logs in and that user's
 * password. The password is never part of {@link #toString()} or of a message.
 */
public final class ServerCatalog {
    private static final String PREFIX = "jdbc:postgresql://";
    /** Seconds to reach the server and log in before the user is told it cannot be reached: never a hang. */
    private static final int CONNECT_SECONDS = 15;
    /**
     * Seconds a statement may wait for the server's answer before the server is taken as lost: a cable pulled or a
     * network gone sends nothing back (no reset, and TCP keep-alive only notices after hours), and the run would hang.
     * Every statement Triplicate sends is short: a long verify or ingest is many of them, and the connection may sit
     * idle between them for as long as it likes (only a statement waiting counts). An address may set its own
     * ({@code ?socketTimeout=SECONDS}, 0 for none): the driver takes the address's parameters first.
     */
    static final int ANSWER_SECONDS = 60;
    /** PostgreSQL's port when the address names none. */
    private static final int DEFAULT_PORT = 5432;

    private final String url;
    private final String user;
    private final String password;
    private final String host;
    private final int port;
    private final String database;

    private ServerCatalog(String url, String user, String password, String host, int port, String database) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.host = host;
        this.port = port;
        this.database = database;
    }

    /** Checks {@code url} and names the server catalog there; a usage error says what is wrong with it. */
    public static ServerCatalog at(String url, String user, String password) {
        if (url == null || !url.startsWith(PREFIX)) {
            throw new UsageException("A studio catalog is written jdbc:postgresql://HOST[:PORT]/DATABASE (got \""
                    + url + "\").");
        }
        URI uri;
        try {
            uri = new URI(url.substring("jdbc:".length()));
        } catch (URISyntaxException e) {
            throw new UsageException("\"" + url + "\" is not a PostgreSQL address: " + e.getMessage() + ".");
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (uri.getHost() == null || path.isEmpty() || path.contains("/")) {
            throw new UsageException("A studio catalog is written jdbc:postgresql://HOST[:PORT]/DATABASE (got \""
                    + url + "\").");
        }
        String query = uri.getQuery() == null ? "" : uri.getQuery().toLowerCase(Locale.ROOT);
        if (uri.getUserInfo() != null || query.matches("(^|.*&)(password|user)=.*")) {
            throw new UsageException("Do not put the user or the password in the address; use --user and "
                    + "--password-stdin or --password-file.");
        }
        if (user == null || user.isBlank()) {
            throw new UsageException("A studio catalog needs --user.");
        }
        return new ServerCatalog(url, user, password == null ? "" : password, uri.getHost(),
                uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), path);
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    /** The server's host name, as the window's status bar shows it ("Studio catalog on HOST"). */
    public String host() {
        return host;
    }

    public String database() {
        return database;
    }

    /** The password, for the one place that logs in. */
    String password() {
        return password;
    }

    /** Opens (creating and migrating as needed) the catalog in this database, or says plainly why it cannot. */
    public Catalog open() {
        Connection c;
        try {
            c = connect();
        } catch (SQLException e) {
            throw translate(e);
        }
        try {
            Migrations.apply(c, url, user, password, Catalog.migrations("postgresql"));
        } catch (RuntimeException | SQLException e) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the message below is the one that matters
            }
            if (e instanceof SQLException sql) {
                throw translate(sql);
            }
            if (e instanceof FlywayException) {
                throw new CatalogException("The studio catalog " + this + " could not be created or upgraded: "
                        + e.getMessage(), e);
            }
            throw (RuntimeException) e;
        }
        return new Catalog(this, c);
    }

    /** A plain connection to the database, logged in (also used to check an empty database before copy-to). */
    public Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("connectTimeout", String.valueOf(CONNECT_SECONDS));
        p.setProperty("loginTimeout", String.valueOf(CONNECT_SECONDS));
        p.setProperty("socketTimeout", String.valueOf(ANSWER_SECONDS));
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("ApplicationName", "Triplicate on " + app.triplicate.core.ThisComputer.name());
        return DriverManager.getConnection(url, p);
    }

    /**
     * Whether {@code e} says the connection is gone rather than that a statement failed: PostgreSQL's connection
     * errors (class 08, which the driver also gives a connection it found closed or broken) and the server's own
     * shutdown notices (57P01 an administrator's shutdown, 57P02 a crash shutdown, 57P03 not accepting connections).
     */
    static boolean connectionLost(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return state.startsWith("08") || state.startsWith("57P");
    }

    /**
     * The connection was lost during work (the server stopped, restarted or became unreachable): what was not
     * committed is not in the catalog, and nothing is counted that was not; the command can simply run again.
     */
    CatalogException lost(SQLException e) {
        return new CatalogException("Lost the studio catalog " + address() + " (" + reason(e) + "). Nothing that "
                + "was not recorded is counted: run the same command again once the catalog is back.", e, address(),
                reason(e));
    }

    /** The driver's words, without a trailing period (the message adds its own). */
    private static String reason(SQLException e) {
        String m = String.valueOf(e.getMessage()).strip();
        return m.endsWith(".") ? m.substring(0, m.length() - 1) : m;
    }

    /** "\"DB\" on HOST:PORT": the server named so that the user can find it; no password, no parameters. */
    public String address() {
        return "\"" + database + "\" on " + host + ":" + port;
    }

    /** A failure as the user can act on it: the server is not reached, the login is refused, or what it said. */
    CatalogException translate(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String said = e.getMessage() == null ? "" : e.getMessage();
        if (said.contains("no encryption")) {
            // the server's pg_hba.conf has hostssl for this user (as the README sets a studio up): not a password
            return new CatalogException("The studio catalog " + this + " accepts only encrypted connections (TLS), "
                    + "and this address does not ask for one. Connect again with ?sslmode=verify-full&sslrootcert=FILE "
                    + "(the server's root certificate) at the end of the address, or ?sslmode=require.", e);
        }
        Throwable tls = tlsFailure(e);
        if (tls != null) {
            return new CatalogException("The studio catalog " + this + " could not prove it is the server this "
                    + "address names (TLS: " + tls.getMessage() + "). Check that sslrootcert names the server's root "
                    + "certificate and that the address uses the name in the server's certificate.", e);
        }
        if (state.startsWith("08")) {
            return new CatalogException("The studio catalog " + this + " cannot be reached: " + e.getMessage()
                    + ". Check that the server is running and this computer may connect to it, or go back to this "
                    + "computer's own catalog with 'triplicate catalog disconnect'.", e);
        }
        if (state.equals("28P01") || state.equals("28000")) {
            return new CatalogException("The studio catalog " + this + " refused user \"" + user + "\": "
                    + e.getMessage() + ". Connect again with the right password ('triplicate catalog connect').", e);
        }
        if (state.equals("3D000")) {
            return new CatalogException("The studio catalog " + this + " does not exist on the server: "
                    + e.getMessage() + ". Create it first (see the README's Studio section).", e);
        }
        return new CatalogException("The studio catalog " + this + " failed: " + e.getMessage(), e);
    }

    /** The TLS handshake's failure behind {@code e}, if that is what it is. */
    private static Throwable tlsFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException) {
                return t;
            }
        }
        return null;
    }

    /** "database DB on HOST": no password, no parameters. */
    @Override
    public String toString() {
        return "\"" + database + "\" on " + host;
    }
}
