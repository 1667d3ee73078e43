package app.triplicate.build;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A fresh clone in an empty folder must build and pass with nothing beside it, on every JDK the README promises
 * (21 and newer): the tests' files live in the project, and flags newer than JDK 21 are passed only by a profile
 * that the JDK's version switches on.
 */
class FreshCloneTest {
    private static final Path PROJECT = Path.of("").toAbsolutePath();
    /** JVM options a JDK 21 refuses to start with. */
    private static final List<String> NEWER_THAN_21 = List.of("--sun-misc-unsafe-memory-access");

    @Test
    void cameraSamplesAreInsideTheProjectWithTheirSources() throws IOException {
        Path samples = Path.of(System.getProperty("triplicate.samples", "src/test/resources/samples"))
                .toAbsolutePath().normalize();
        assertTrue(samples.startsWith(PROJECT), "samples at " + samples + " are outside the project " + PROJECT);
        assertTrue(Files.isRegularFile(samples.resolve("README.md")), "the samples' sources and licences");
        assertTrue(Files.isRegularFile(samples.resolve("expected.tsv")));
        try (Stream<Path> s = Files.list(samples)) {
            assertTrue(s.count() > 20, "the camera files are there");
        }
    }

    @Test
    void nothingInTheBuildOrTestsPointsOutsideTheRepository() throws IOException {
        List<Path> files = new ArrayList<>(List.of(PROJECT.resolve("pom.xml"), PROJECT.resolve(".ci/run")));
        try (Stream<Path> s = Files.walk(PROJECT.resolve("src"))) {
            s.filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".xml")).forEach(files::add);
        }
        List<String> offenders = new ArrayList<>();
        for (Path f : files) {
            String text = Files.readString(f);
            // the project's own files are named from its root, never from the folder around it
            if (text.contains("../" + "shared") || text.contains("${project.basedir}" + "/..")) {
                offenders.add(PROJECT.relativize(f).toString());
            }
        }
        assertEquals(List.of(), offenders);
    }

    @Test
    void flagsNewerThanJdk21ArePassedOnlyByAProfileForNewerJdks() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(PROJECT.resolve("pom.xml").toFile());
        Element project = pom.getDocumentElement();
        List<String> outside = new ArrayList<>();
        List<String> inProfiles = new ArrayList<>();
        collect(project, outside, inProfiles, null);
        for (String flag : NEWER_THAN_21) {
            assertTrue(outside.stream().noneMatch(t -> t.contains(flag)),
                    flag + " is passed outside a JDK-version profile: " + outside.stream().filter(t -> t.contains(flag)).toList());
            assertTrue(inProfiles.stream().anyMatch(t -> t.contains(flag)), flag + " is still passed on newer JDKs");
        }
    }

    /** Text nodes outside any profile go to {@code outside}; inside a profile activated by JDK 23+ to {@code inProfiles}. */
    private static void collect(Node node, List<String> outside, List<String> inProfiles, String profileJdk) {
        if (node instanceof Element e && e.getTagName().equals("profile")) {
            NodeList jdk = e.getElementsByTagName("jdk");
            profileJdk = jdk.getLength() > 0 ? jdk.item(0).getTextContent().trim() : "";
        }
        NodeList children = node.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node c = children.item(i);
            if (c.getNodeType() == Node.TEXT_NODE && !c.getTextContent().isBlank()) {
                if (profileJdk == null) {
                    outside.add(c.getTextContent());
                } else if (profileJdk.matches("\\[2[3-9].*")) {
                    inProfiles.add(c.getTextContent());
                } else {
                    // a profile switched on by something else (-Pinstaller, the OS) runs on JDK 21 too
                    outside.add(c.getTextContent());
                }
            } else {
                collect(c, outside, inProfiles, profileJdk);
            }
        }
    }
}
