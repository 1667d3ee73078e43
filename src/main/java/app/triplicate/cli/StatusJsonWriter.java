package app.triplicate.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes {@code status --json} with Jackson's streaming generator, field by field, byte for byte what
 * {@link Json#write} makes of the same {@link StatusCommand.StatusJson} (StatusJsonWriterTest holds the two side by
 * side), as it goes: 10,000 sessions are about 11 MB of JSON, not worth holding as one string. Why not the object
 * mapper: its start-up (its serializers, and the reflection over each
 * record) cost about a fifth of a status of 10,000 sessions, JVM start included; status is the command scripts
 * poll. A field added to the records must be added here too, in the same place: the test fails until it is.
 */
final class StatusJsonWriter {
    /** What the mapper's JavaTimeModule writes for a LocalDateTime when dates are not timestamps. */
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

    private StatusJsonWriter() {
    }

    /** Writes {@code status} to {@code out} as it goes, followed by a line end; {@code out} stays open. */
    static void print(PrintWriter out, StatusCommand.StatusJson status) {
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            write(g, status);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON output", e);
        }
        out.println();
    }

    private static void write(JsonGenerator g, StatusCommand.StatusJson s) throws IOException {
        g.writeStartObject();
        g.writeNumberField("schemaVersion", s.schemaVersion());
        g.writeFieldName("policy");
        if (s.policy() == null) {
            g.writeNull();
        } else {
            g.writeStartObject();
            g.writeNumberField("targetCopies", s.policy().targetCopies());
            g.writeNumberField("offsiteCopies", s.policy().offsiteCopies());
            g.writeNumberField("copiesBeforeFormat", s.policy().copiesBeforeFormat());
            g.writeEndObject();
        }
        g.writeFieldName("sessions");
        if (s.sessions() == null) {
            g.writeNull();
        } else {
            g.writeStartArray();
            for (StatusCommand.SessionJson session : s.sessions()) {
                write(g, session);
            }
            g.writeEndArray();
        }
        g.writeFieldName("drives");
        if (s.drives() == null) {
            g.writeNull();
        } else {
            g.writeStartArray();
            for (StatusCommand.DriveAttentionJson d : s.drives()) {
                g.writeStartObject();
                string(g, "drive", d.drive());
                string(g, "reason", d.reason());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        string(g, "scrubInterval", s.scrubInterval());
        g.writeEndObject();
    }

    private static void write(JsonGenerator g, StatusCommand.SessionJson s) throws IOException {
        g.writeStartObject();
        string(g, "id", s.id());
        string(g, "name", s.name());
        string(g, "folder", s.folder());
        local(g, "firstCapture", s.firstCapture());
        local(g, "lastCapture", s.lastCapture());
        strings(g, "cameras", s.cameras());
        g.writeNumberField("files", s.files());
        g.writeNumberField("bytes", s.bytes());
        g.writeNumberField("fallbackFiles", s.fallbackFiles());
        g.writeNumberField("copyCount", s.copyCount());
        g.writeNumberField("targetCopies", s.targetCopies());
        string(g, "offsite", s.offsite());
        g.writeNumberField("offsiteCopies", s.offsiteCopies());
        g.writeBooleanField("meetsPolicy", s.meetsPolicy());
        strings(g, "reasons", s.reasons());
        Instant oldest = s.oldestVerified();
        string(g, "oldestVerified", oldest == null ? null : oldest.toString());
        g.writeFieldName("copies");
        if (s.copies() == null) {
            g.writeNull();
        } else {
            g.writeStartArray();
            for (StatusCommand.CopiesJson c : s.copies()) {
                g.writeStartObject();
                string(g, "location", c.location());
                string(g, "locationId", c.locationId());
                g.writeNumberField("verifiedFiles", c.verifiedFiles());
                g.writeNumberField("verifiedBytes", c.verifiedBytes());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeNumberField("culledFiles", s.culledFiles());
        g.writeBooleanField("due", s.due());
        local(g, "firstWallClock", s.firstWallClock());
        local(g, "lastWallClock", s.lastWallClock());
        g.writeEndObject();
    }

    private static void string(JsonGenerator g, String name, String value) throws IOException {
        g.writeFieldName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(value);
        }
    }

    private static void local(JsonGenerator g, String name, LocalDateTime value) throws IOException {
        string(g, name, value == null ? null : LOCAL.format(value));
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeFieldName(name);
        if (values == null) {
            g.writeNull();
            return;
        }
        g.writeStartArray();
        for (String v : values) {
            if (v == null) {
                g.writeNull();
            } else {
                g.writeString(v);
            }
        }
        g.writeEndArray();
    }
}
