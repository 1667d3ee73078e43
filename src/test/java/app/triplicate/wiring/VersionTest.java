package app.triplicate.wiring;

import app.triplicate.testing.CliHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The version shown by {@code --version} and the About box is the Maven project version, from a filtered resource. */
class VersionTest {
    @TempDir
    Path home;

    @Test
    void isTheMavenProjectVersion() throws Exception {
        String pomVersion = projectVersionInPom();
        assertFalse(pomVersion.isBlank());
        assertEquals(pomVersion, Version.current());
    }

    @Test
    void versionOptionPrintsIt() throws Exception {
        String out = new CliHarness(home).expect(0, "--version").out().trim();
        assertEquals("Triplicate " + projectVersionInPom(), out);
    }

    @Test
    void anUnfilteredOrMissingResourceSaysDevelopment() {
        assertEquals("development", Version.from(null));
        assertEquals("development", Version.from(stream("version=${project.version}\n")));
        assertEquals("development", Version.from(stream("# nothing\n")));
        assertEquals("0.1.0", Version.from(stream("version=0.1.0\n")));
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The project's own {@code <version>} in pom.xml (tests run in the project folder). */
    private static String projectVersionInPom() throws Exception {
        Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(Path.of("pom.xml").toFile()).getDocumentElement();
        for (var n = project.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("version")) {
                return e.getTextContent().trim();
            }
        }
        throw new AssertionError("no <version> in pom.xml");
    }
}
