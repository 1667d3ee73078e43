package app.triplicate.core;

import java.io.IOException;
import java.net.InetAddress;

/** This computer's name: in manifests ({@code <hostname>}) and in what a studio's workstations see of each other. */
public final class ThisComputer {
    private ThisComputer() {
    }

    /** Looked up once: a slow name service is asked only once. */
    public static String name() {
        return Name.VALUE;
    }

    private static final class Name {
        static final String VALUE = lookUp();

        private static String lookUp() {
            String env = System.getenv("HOSTNAME");
            if (env == null || env.isBlank()) {
                env = System.getenv("COMPUTERNAME");
            }
            if (env != null && !env.isBlank()) {
                return env;
            }
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                return "localhost";
            }
        }
    }
}
