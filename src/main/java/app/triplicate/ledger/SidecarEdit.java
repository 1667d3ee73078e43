package app.triplicate.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.XMLConstants;
import javax.xml.parsers.SAXParserFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a sidecar whose bytes changed on a drive was edited or damaged (SPEC.md, <i>media file</i>): only
 * editor sidecars ({@code .xmp .pp3 .dop .on1 .cos}) are edited, and an edit is believed only when the new bytes
 * parse (XMP: a well-formed {@code x:xmpmeta}) and the file was modified after its copy was last verified. Anything
 * else is corruption, so a flipped bit or ransomware's garbage is repaired from a good copy instead of being spread
 * to the other drives as "the current version".
 */
final class SidecarEdit {
    /** The sidecars photo editors rewrite: Adobe (XMP), RawTherapee, DxO, ON1, Capture One. */
    static final Set<String> EDITABLE = Set.of("xmp", "pp3", "dop", "on1", "cos");
    /** Larger than any real sidecar; a "sidecar" bigger than this is not read into memory to be parsed. */
    private static final long MAX_PARSED = 16L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SidecarEdit() {
    }

    /**
     * Why the change of {@code file} is not a plausible edit, or empty when it is one.
     *
     * @param lastVerified when the copy was last proven (null when never: then no edit can be told from damage)
     */
    static Optional<String> implausible(Path file, Instant lastVerified) throws IOException {
        String name = file.getFileName().toString();
        String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        if (!EDITABLE.contains(ext)) {
            return Optional.of("a ." + ext + " file is not edited by photo editors");
        }
        Instant modified = Files.getLastModifiedTime(file).toInstant();
        if (lastVerified == null || !modified.isAfter(lastVerified)) {
            return Optional.of("its modification time did not move on since it was last verified");
        }
        long size = Files.size(file);
        if (size > MAX_PARSED) {
            return Optional.of("it is far larger than any sidecar (" + size + " bytes)");
        }
        return parses(ext, Files.readAllBytes(file)) ? Optional.empty()
                : Optional.of("its content does not parse as a ." + ext + " sidecar");
    }

    static boolean parses(String ext, byte[] bytes) {
        return switch (ext) {
            case "xmp" -> xmlRoot(bytes).map(r -> r.equals("x:xmpmeta") || r.endsWith(":xmpmeta") || r.equals("xmpmeta")
                    || r.equals("x:xapmeta")).orElse(false);
            case "cos" -> xmlRoot(bytes).isPresent();
            case "on1" -> json(bytes);
            // RawTherapee's .pp3 is INI text; DxO's .dop a Lua-like text table: both plain UTF-8 text
            case "pp3" -> text(bytes).filter(t -> t.lines().anyMatch(l -> l.strip().matches("\\[[^\\]]+]"))).isPresent();
            case "dop" -> text(bytes).filter(t -> !t.isBlank()).isPresent();
            default -> false;
        };
    }

    /** The root element's name of well-formed XML, read without fetching anything (no DTDs, no entities). */
    private static Optional<String> xmlRoot(byte[] bytes) {
        try {
            SAXParserFactory f = SAXParserFactory.newInstance();
            f.setNamespaceAware(false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            String[] root = new String[1];
            f.newSAXParser().parse(new ByteArrayInputStream(bytes), new DefaultHandler() {
                @Override
                public void startElement(String uri, String local, String qName, Attributes a) {
                    if (root[0] == null) {
                        root[0] = qName;
                    }
                }
            });
            return Optional.ofNullable(root[0]);
        } catch (SAXException | IOException | javax.xml.parsers.ParserConfigurationException e) {
            return Optional.empty();
        }
    }

    private static boolean json(byte[] bytes) {
        try {
            return JSON.readTree(bytes) != null && text(bytes).isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    /** Strict UTF-8 text without NUL characters (random bytes almost never are). */
    private static Optional<String> text(byte[] bytes) {
        try {
            String t = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return t.indexOf('\0') >= 0 ? Optional.empty() : Optional.of(t);
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
