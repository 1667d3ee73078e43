package app.triplicate.catalog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Small conversions between JDBC and java.time shared by the repositories. */
final class Jdbc {
    private Jdbc() {
    }

    static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        ps.setObject(index, instant == null ? null : instant.atOffset(ZoneOffset.UTC));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /**
     * Binds a local date-time as it is. A {@link java.sql.Timestamp} would pass through the JVM's zone, and a time
     * that zone skips (02:30 on the night its clocks go forward, a plain time for a camera elsewhere) would come
     * back an hour later.
     */
    static void setLocal(PreparedStatement ps, int index, LocalDateTime t) throws SQLException {
        if (t == null) {
            ps.setNull(index, Types.TIMESTAMP);
        } else {
            ps.setObject(index, t);
        }
    }

    /** A local date-time as stored (see {@link #setLocal}). */
    static LocalDateTime local(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDateTime.class);
    }

    static LocalDateTime local(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, LocalDateTime.class);
    }

    static Integer integerOrNull(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }
}
