import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Part of installer/smoke-test.sh: reads what the installed launcher printed for {@code status --json} on
 * an empty home and fails unless it is one JSON object with schemaVersion 1 and no sessions.
 * Run as a single-file program with the app's own Jackson on the class path.
 */
public class CheckStatusJson {
    public static void main(String[] args) throws Exception {
        String text = new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        JsonNode json = new ObjectMapper().readTree(text);
        check(json != null && json.isObject(), "one JSON object", text);
        check(json.path("schemaVersion").asInt() == 1, "schemaVersion 1", text);
        check(json.path("sessions").isArray() && json.path("sessions").isEmpty(), "an empty sessions list", text);
        check(json.path("policy").path("targetCopies").isInt(), "the copy policy", text);
        System.out.println("status --json: valid JSON, schemaVersion 1, 0 sessions");
    }

    private static void check(boolean ok, String what, String text) {
        if (!ok) {
            System.err.println("status --json: expected " + what + " in:\n" + text);
            System.exit(1);
        }
    }
}
