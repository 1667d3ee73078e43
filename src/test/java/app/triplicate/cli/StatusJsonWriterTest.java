package app.triplicate.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code status --json} is written field by field ({@link StatusJsonWriter}) instead of through the object mapper,
 * for start-up: byte for byte what the mapper ({@link Json#write}) writes of the same records, nulls, empty lists,
 * escapes, fractions of seconds and all. A field added to a record and not to the writer fails here.
 */
class StatusJsonWriterTest {

    private static String streamed(StatusCommand.StatusJson status) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        StatusJsonWriter.print(out, status);
        out.flush();
        return text.toString();
    }

    private static void assertSameAsTheMapper(StatusCommand.StatusJson status) {
        assertEquals(Json.write(status) + System.lineSeparator(), streamed(status));
    }

    private static StatusCommand.SessionJson full(String name, int nanos) {
        return new StatusCommand.SessionJson("s1", name, "2026/" + name, LocalDateTime.of(2026, 1, 2, 3, 4, 5, nanos),
                LocalDateTime.of(2026, 1, 2, 23, 59, 59, 999_999_999), List.of("NIKON Z 6_2", "Canon \"R5\""),
                135, 7_868_008_097L, 2, 2, 3, "uploading 40%", 1, false, List.of("2 of 3 copies", "no offsite copy"),
                Instant.parse("2026-01-02T01:24:02.010Z"),
                List.of(new StatusCommand.CopiesJson("A", "0610530e-eb21-4337-a912-1477af502523", 135, 7_868_008_097L),
                        new StatusCommand.CopiesJson("Bürø ✓", "381de88a-e1b9-41bf-9458-6b12f582b6d8", 0, 0)),
                4, true, LocalDateTime.of(2026, 1, 2, 3, 4), LocalDateTime.of(2026, 1, 2, 3, 4, 5, 10_000_000));
    }

    @Test
    void aCatalogWithSessionsAndDrivesIsWrittenAsTheMapperWritesIt() {
        assertSameAsTheMapper(new StatusCommand.StatusJson(Json.SCHEMA_VERSION,
                new StatusCommand.PolicyJson(3, 1, 2),
                List.of(full("2026-01-02 Wedding", 0), full("tab\there \\ \"quoted\" \u0001 line\nend", 123_456_789),
                        full("日本語 😀 <&>", 1_000)),
                List.of(new StatusCommand.DriveAttentionJson("A", "not seen for 45 days"),
                        new StatusCommand.DriveAttentionJson("Offsite \"1\"", "its catalog backup is 3 days old")),
                "30d"));
    }

    @Test
    void nullsAndEmptyListsAreWrittenAsTheMapperWritesThem() {
        StatusCommand.SessionJson bare = new StatusCommand.SessionJson("s2", null, null, null, null, List.of(), 0, 0, 0,
                0, 3, "none", 0, false, Arrays.asList("no verified copy", null), null, List.of(), 0, false, null, null);
        StatusCommand.SessionJson nullLists = new StatusCommand.SessionJson("s3", "n", "f", null, null, null, 1, 2, 0,
                1, 3, null, 0, true, null, null, null, 0, false, null, null);
        assertSameAsTheMapper(new StatusCommand.StatusJson(Json.SCHEMA_VERSION, new StatusCommand.PolicyJson(3, 1, 2),
                List.of(bare, nullLists), List.of(), "7d"));
        assertSameAsTheMapper(new StatusCommand.StatusJson(Json.SCHEMA_VERSION, null, List.of(), null, null));
        assertSameAsTheMapper(new StatusCommand.StatusJson(Json.SCHEMA_VERSION, null, null, null, null));
    }
}
