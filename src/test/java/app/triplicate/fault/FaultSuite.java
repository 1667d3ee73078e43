package app.triplicate.fault;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class of the fault suite (issue 13): tagged {@code fault}, so {@code ./mvnw -B test -Dgroups=fault} runs
 * it alone, and recorded case by case for {@code docs/reliability.md} (see {@link FaultRecorder}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("fault")
@ExtendWith(FaultRecorder.class)
public @interface FaultSuite {
}
