package app.triplicate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;


/** JSON output (SPEC.md section 4) and the human formats shared by the commands. */
final class Json {
    static final int SCHEMA_VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON output", e);
        }
    }

    static String bytes(long n) {
        return app.triplicate.core.Units.bytes(n);
    }

    static String rate(double bytesPerSecond) {
        return app.triplicate.core.Units.rate(bytesPerSecond);
    }

    static String duration(java.time.Duration d) {
        return app.triplicate.core.Units.clock(d);
    }
}
