package app.triplicate.ledger;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What counts as a sidecar that parses: the half of a plausible edit that looks at the bytes. */
class SidecarEditTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void realEditorSidecarsParse() {
        assertTrue(SidecarEdit.parses("xmp", utf8("<?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>"
                + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                + "<rdf:Description xmp:Rating=\"5\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"/></rdf:RDF></x:xmpmeta>"
                + "<?xpacket end=\"w\"?>")));
        assertTrue(SidecarEdit.parses("pp3", utf8("[Version]\nAppVersion=5.9\n\n[Exposure]\nCompensation=0.3\n")));
        assertTrue(SidecarEdit.parses("on1", utf8("{\"version\": 3, \"photos\": {}}")));
        assertTrue(SidecarEdit.parses("cos", utf8("<?xml version=\"1.0\"?><Capture1><E K=\"Rating\" V=\"3\"/></Capture1>")));
        assertTrue(SidecarEdit.parses("dop", utf8("Sidecar = {\n  Source = { Items = {} }\n}\n")));
    }

    @Test
    void damagedOrForeignContentDoesNotParse() {
        byte[] random = new byte[512];
        new Random(1).nextBytes(random);
        for (String ext : SidecarEdit.EDITABLE) {
            assertFalse(SidecarEdit.parses(ext, random), ext + " from random bytes");
        }
        assertFalse(SidecarEdit.parses("xmp", utf8("<x:xmpmeta><rating>5</rating>")), "cut short");
        assertFalse(SidecarEdit.parses("xmp", utf8("<html><body>not xmp</body></html>")), "another XML");
        assertFalse(SidecarEdit.parses("xmp", utf8("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<x:xmpmeta>&e;</x:xmpmeta>")), "no DTDs, no entities");
        assertFalse(SidecarEdit.parses("on1", utf8("{\"version\": 3,")));
        assertFalse(SidecarEdit.parses("pp3", utf8("just text without a section")));
        assertFalse(SidecarEdit.parses("thm", utf8("<x:xmpmeta/>")), "a thumbnail is never edited");
    }
}
