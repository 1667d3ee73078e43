package app.triplicate.catalog;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code catalog copy-to}: this computer's embedded catalog, row for row, into an empty database on a PostgreSQL
 * server, so a photographer who grows into a studio keeps the history. The server's schema is made by the same
 * migrations first; every table is then copied in one transaction on the server, and the rows of each table are
 * counted on both sides before it commits (and once more after). The embedded catalog is only read.
 */
public final class CatalogCopy {
    /** Parents before children (foreign keys); catalog_identity last, replacing the row its migration made. */
    static final List<String> TABLES = List.of("location", "card", "session", "media_file", "card_file", "copy",
            "media_file_version", "session_copies", "session_location", "session_camera", "session_folder_behind",
            "mass_change", "catalog_identity");
    /** Tables whose id the server makes from a sequence: it continues after the copied ids. */
    private static final List<String> IDENTITY_TABLES = List.of("card", "session", "media_file", "mass_change");

    private CatalogCopy() {
    }

    /** Rows per table, in {@link #TABLES} order. */
    public record Counts(Map<String, Long> rows) {
        public long total() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * Copies {@code from} into {@code to}, which must be an empty database (no tables at all); returns the rows
     * copied, counted alike on both sides.
     */
    public static Counts copy(Catalog from, ServerCatalog to) {
        try (Connection check = to.connect()) {
            List<String> tables = tablesIn(check);
            if (!tables.isEmpty()) {
                throw new CatalogException("The database " + to + " is not empty (it has " + tables.size()
                        + " tables, e.g. " + tables.get(0) + "). copy-to only fills an empty database, so that no "
                        + "studio catalog is overwritten; create a new one (see the README's Studio section).", null);
            }
        } catch (SQLException e) {
            throw to.translate(e);
        }
        Counts source = from.inTransaction(CatalogCopy::count);
        try (Catalog target = to.open()) {
            target.inTransaction(c -> {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("DELETE FROM catalog_identity"); // the one V17 made: the copied one replaces it
                }
                for (String table : TABLES) {
                    from.inTransaction(src -> {
                        copyTable(src, c, table);
                        return null;
                    });
                }
                for (String table : IDENTITY_TABLES) {
                    try (Statement st = c.createStatement()) {
                        st.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), "
                                + "COALESCE(MAX(id), 0) + 1, false) FROM " + table);
                    }
                }
                Counts copied = count(c);
                if (!copied.equals(source)) {
                    // thrown inside the transaction: nothing is committed
                    throw new SQLException("the rows copied (" + copied.rows() + ") differ from this computer's "
                            + "catalog (" + source.rows() + ")");
                }
                return null;
            });
            Counts after = target.inTransaction(CatalogCopy::count);
            if (!after.equals(source)) {
                throw new CatalogException("The studio catalog " + to + " holds " + after.rows() + " rows after the "
                        + "copy, this computer's catalog " + source.rows() + ".", null);
            }
            return after;
        }
    }

    private static void copyTable(Connection src, Connection dst, String table) throws SQLException {
        try (Statement st = src.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData md = rs.getMetaData();
            int n = md.getColumnCount();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                columns.add(md.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT));
            }
            String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                    + String.join(", ", java.util.Collections.nCopies(n, "?")) + ")";
            try (PreparedStatement ps = dst.prepareStatement(sql)) {
                int batch = 0;
                while (rs.next()) {
                    for (int i = 1; i <= n; i++) {
                        // times as they are stored: a wall-clock time never passes through this computer's zone
                        Object v = switch (md.getColumnType(i)) {
                            case Types.TIMESTAMP -> rs.getObject(i, LocalDateTime.class);
                            case Types.TIMESTAMP_WITH_TIMEZONE -> rs.getObject(i, OffsetDateTime.class);
                            default -> rs.getObject(i);
                        };
                        ps.setObject(i, v);
                    }
                    ps.addBatch();
                    if (++batch % 1000 == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
        }
    }

    private static Counts count(Connection c) throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : TABLES) {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rs.next();
                rows.put(table, rs.getLong(1));
            }
        }
        return new Counts(rows);
    }

    private static List<String> tablesIn(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        DatabaseMetaData md = c.getMetaData();
        try (ResultSet rs = md.getTables(null, c.getSchema(), "%", new String[]{"TABLE"})) {
            while (rs.next()) {
                out.add(rs.getString("TABLE_NAME"));
            }
        }
        return out;
    }
}
