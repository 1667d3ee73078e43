package app.triplicate.fault;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** One case of the fault suite: its name in {@code docs/reliability.md} and, in one sentence, what it asserts. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface FaultCase {
    /** Short and stable: the file name under {@code target/fault-suite/} and the table's first column. */
    String name();

    /** One sentence: the fault injected and what must hold afterwards. */
    String asserts();
}
