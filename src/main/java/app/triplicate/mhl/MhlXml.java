package app.triplicate.mhl;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;


/**
 * ASC MHL v2 as XML (JDK StAX): a generation ({@code <hashlist>} in {@code urn:ASC:MHL:v2.0}) and the chain
 * ({@code <ascmhldirectory>} in {@code urn:ASC:MHL:DIRECTORY:v2.0}), written in the element order of the ASC's schema
 * and indented as the reference implementation writes them; read leniently enough to take another tool's history
 * (unknown elements, directory hashes and metadata are passed over).
 */
public final class MhlXml {
    public static final String HASHLIST_NS = "urn:ASC:MHL:v2.0";
    public static final String CHAIN_NS = "urn:ASC:MHL:DIRECTORY:v2.0";
    /** The hash formats the schema allows, in its order. */
    static final List<String> FORMATS = List.of("c4", "md5", "sha1", "xxh128", "xxh3", "xxh64");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx", Locale.ROOT);

    private MhlXml() {
    }

    /** A date as the schema's {@code dateTime} with its offset, to the second ({@code 2026-11-26T14:30:00+01:00}). */
    public static String date(OffsetDateTime t) {
        return DATE.format(t.withNano(0));
    }

    public static byte[] write(HashList list) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Out out = new Out(bytes, HASHLIST_NS);
            out.w.writeStartElement(HASHLIST_NS, "hashlist");
            out.w.writeDefaultNamespace(HASHLIST_NS);
            out.w.writeAttribute("version", "2.0");
            out.open(1, "creatorinfo");
            out.leaf(2, "creationdate", date(list.creationDate()));
            out.leaf(2, "hostname", list.hostName());
            out.leaf(2, "tool", list.toolName(), "version", list.toolVersion());
            out.close(1);
            out.open(1, "processinfo");
            out.leaf(2, "process", list.process());
            if (!list.ignore().isEmpty()) {
                out.open(2, "ignore");
                for (String p : list.ignore()) {
                    out.leaf(3, "pattern", p);
                }
                out.close(2);
            }
            out.close(1);
            if (!list.hashes().isEmpty()) { // the schema wants at least one hash inside <hashes>
                out.open(1, "hashes");
                for (HashList.Hash h : list.hashes()) {
                    out.open(2, "hash");
                    List<String> attrs = new ArrayList<>();
                    if (h.size() >= 0) {
                        attrs.addAll(List.of("size", Long.toString(h.size())));
                    }
                    if (h.lastModified() != null) {
                        attrs.addAll(List.of("lastmodificationdate", date(h.lastModified())));
                    }
                    out.leaf(3, "path", h.path(), attrs.toArray(String[]::new));
                    List<String> hattrs = new ArrayList<>();
                    if (h.action() != null) {
                        hattrs.addAll(List.of("action", h.action().xml()));
                    }
                    if (h.hashDate() != null) {
                        hattrs.addAll(List.of("hashdate", date(h.hashDate())));
                    }
                    out.leaf(3, h.format(), h.value(), hattrs.toArray(String[]::new));
                    out.close(2);
                }
                out.close(1);
            }
            return out.finish();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write an ASC MHL manifest: " + e.getMessage(), e);
        }
    }

    public static byte[] writeChain(List<ChainLink> links) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Out out = new Out(bytes, CHAIN_NS);
            out.w.writeStartElement(CHAIN_NS, "ascmhldirectory");
            out.w.writeDefaultNamespace(CHAIN_NS);
            for (ChainLink l : links) {
                out.open(1, "hashlist", "sequencenr", Integer.toString(l.sequence()));
                out.leaf(2, "path", l.path());
                out.leaf(2, "c4", l.c4());
                out.close(1);
            }
            return out.finish();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write an ASC MHL chain: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a generation.
     *
     * @param number   its generation number (from its file name)
     * @throws MhlException when it is not well-formed ASC MHL v2
     */
    public static HashList read(byte[] xml, int number, String fileName) throws MhlException {
        String created = null, host = null, tool = null, toolVersion = null, process = null;
        List<String> ignore = new ArrayList<>();
        List<HashList.Hash> hashes = new ArrayList<>();
        List<String> path = new ArrayList<>();
        String filePath = null;
        long size = -1;
        OffsetDateTime modified = null;
        try {
            XMLStreamReader r = reader(xml);
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    String name = r.getLocalName();
                    if (path.isEmpty() && (!name.equals("hashlist") || !HASHLIST_NS.equals(r.getNamespaceURI()))) {
                        throw new MhlException(fileName + " is not an ASC MHL v2 manifest (its root is "
                                + r.getName() + ")");
                    }
                    path.add(name);
                    String at = String.join("/", path);
                    switch (at) {
                        case "hashlist/creatorinfo/creationdate" -> created = r.getElementText();
                        case "hashlist/creatorinfo/hostname" -> host = r.getElementText();
                        case "hashlist/creatorinfo/tool" -> {
                            toolVersion = r.getAttributeValue(null, "version");
                            tool = r.getElementText();
                        }
                        case "hashlist/processinfo/process" -> process = r.getElementText();
                        case "hashlist/processinfo/ignore/pattern" -> ignore.add(r.getElementText());
                        case "hashlist/hashes/hash/path" -> {
                            String s = r.getAttributeValue(null, "size");
                            size = s == null ? -1 : Long.parseLong(s.trim());
                            modified = parseDate(r.getAttributeValue(null, "lastmodificationdate"));
                            filePath = r.getElementText();
                        }
                        default -> {
                            if (path.size() == 4 && at.startsWith("hashlist/hashes/hash/") && FORMATS.contains(name)) {
                                String action = r.getAttributeValue(null, "action");
                                OffsetDateTime hashDate = parseDate(r.getAttributeValue(null, "hashdate"));
                                hashes.add(new HashList.Hash(filePath, size, modified, name, r.getElementText().trim(),
                                        action == null ? null : HashList.Action.fromXml(action), hashDate));
                            } else {
                                continue; // getElementText was not called: the element stays open
                            }
                        }
                    }
                    path.removeLast(); // getElementText consumed its end
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    path.removeLast();
                    if (r.getLocalName().equals("hash")) {
                        filePath = null;
                        size = -1;
                        modified = null;
                    }
                }
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw new MhlException(fileName + " cannot be read as ASC MHL: " + e.getMessage(), e);
        }
        if (created == null || tool == null || process == null) {
            throw new MhlException(fileName + " lacks its creator or process information");
        }
        return new HashList(number, fileName, parseDate(created), host, tool.trim(), toolVersion, process.trim(), ignore,
                hashes);
    }

    /** Reads {@code ascmhl_chain.xml}. @throws MhlException when it is not an ASC MHL v2 chain */
    public static List<ChainLink> readChain(byte[] xml, String fileName) throws MhlException {
        List<ChainLink> links = new ArrayList<>();
        Integer seq = null;
        String p = null, c4 = null;
        boolean root = true;
        try {
            XMLStreamReader r = reader(xml);
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    String name = r.getLocalName();
                    if (root && (!name.equals("ascmhldirectory") || !CHAIN_NS.equals(r.getNamespaceURI()))) {
                        throw new MhlException(fileName + " is not an ASC MHL v2 chain (its root is " + r.getName() + ")");
                    }
                    root = false;
                    switch (name) {
                        case "hashlist" -> {
                            seq = Integer.valueOf(r.getAttributeValue(null, "sequencenr").trim());
                            p = null;
                            c4 = null;
                        }
                        case "path" -> p = r.getElementText();
                        case "c4" -> c4 = r.getElementText().trim();
                        default -> { }
                    }
                } else if (ev == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("hashlist")) {
                    if (seq == null || p == null || c4 == null) {
                        throw new MhlException(fileName + " has a generation without its number, path or C4 id");
                    }
                    links.add(new ChainLink(seq, p, c4));
                }
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw new MhlException(fileName + " cannot be read as an ASC MHL chain: " + e.getMessage(), e);
        }
        return links;
    }

    private static XMLStreamReader reader(byte[] xml) throws XMLStreamException {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        // a manifest comes from a drive or a card: it never gets to pull in other files or entities
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return f.createXMLStreamReader(new ByteArrayInputStream(xml));
    }

    /**
     * Dates already parsed: a history repeats a few of them thousands of times (one hash date per generation, the
     * files' modification dates in every generation), and parsing each again was most of the time spent writing
     * the manifests after a verify. Bounded: emptied when it grows past {@value #KNOWN_DATES}.
     */
    private static final java.util.Map<String, OffsetDateTime> parsedDates = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int KNOWN_DATES = 4096;

    /** An ISO date with or without its offset (UTC when none) and fraction; null for null or blank. */
    static OffsetDateTime parseDate(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        OffsetDateTime known = parsedDates.get(s);
        if (known != null) {
            return known;
        }
        OffsetDateTime parsed = parseDateOnce(s.trim());
        if (parsedDates.size() >= KNOWN_DATES) {
            parsedDates.clear();
        }
        parsedDates.put(s, parsed);
        return parsed;
    }

    private static OffsetDateTime parseDateOnce(String t) {
        try {
            return OffsetDateTime.parse(t);
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(t.endsWith("Z") ? t.substring(0, t.length() - 1) : t).atOffset(ZoneOffset.UTC);
        }
    }

    /** An XML writer that indents by two spaces per level, as the reference implementation's files are. */
    private static final class Out {
        final ByteArrayOutputStream bytes;
        final XMLStreamWriter w;
        final String ns;

        Out(ByteArrayOutputStream bytes, String ns) throws XMLStreamException {
            this.bytes = bytes;
            this.ns = ns;
            // the JDK's own writer whatever else is on the class path, and the declaration as the reference writes it
            bytes.writeBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".getBytes(StandardCharsets.UTF_8));
            this.w = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(bytes, "UTF-8");
            w.setDefaultNamespace(ns);
        }

        void indent(int depth) throws XMLStreamException {
            w.writeCharacters("\n" + "  ".repeat(depth));
        }

        void open(int depth, String name, String... attrs) throws XMLStreamException {
            indent(depth);
            w.writeStartElement(ns, name);
            for (int i = 0; i < attrs.length; i += 2) {
                w.writeAttribute(attrs[i], attrs[i + 1]);
            }
        }

        void leaf(int depth, String name, String text, String... attrs) throws XMLStreamException {
            open(depth, name, attrs);
            w.writeCharacters(text == null ? "" : text);
            w.writeEndElement();
        }

        void close(int depth) throws XMLStreamException {
            indent(depth);
            w.writeEndElement();
        }

        byte[] finish() throws XMLStreamException {
            w.writeCharacters("\n");
            w.writeEndElement();
            w.writeCharacters("\n");
            w.flush();
            w.close();
            return bytes.toByteArray();
        }
    }

}
