package org.minhu.petition.open311;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes one GeoReport v2 answer in the format the path asked for. Answers are built once as
 * maps and lists; JSON is their Jackson form, XML the specification's form: a list becomes a
 * wrapper element holding one element per item ({@code <services><service>…}), named by
 * {@link #ITEMS}. XML is written with the JDK's StAX writer, UTF-8.
 */
@ApplicationScoped
public class GeoReportWriter {

    public static final String JSON = "json";
    public static final String XML = "xml";
    static final String JSON_TYPE = "application/json; charset=utf-8";
    static final String XML_TYPE = "text/xml; charset=utf-8";

    /** The element of each item of a list, by the list's name. */
    static final Map<String, String> ITEMS = Map.of(
            "services", "service", "service_requests", "request", "errors", "error", "attributes", "attribute",
            "values", "value", "endpoints", "endpoint", "formats", "format");

    private final ObjectMapper json;

    public GeoReportWriter(ObjectMapper json) {
        this.json = json;
    }

    /**
     * {@code root} names the document in XML ({@code services}, {@code service_definition}, …);
     * {@code body} is a list (a JSON array) or a map (a JSON object).
     */
    public Response write(int status, String format, String root, Object body) {
        try {
            if (XML.equals(format)) {
                return Response.status(status).type(XML_TYPE).entity(xml(root, body)).build();
            }
            return Response.status(status).type(JSON_TYPE).entity(json.writeValueAsBytes(body)).build();
        } catch (JsonProcessingException | XMLStreamException e) {
            throw new IllegalStateException("could not write a GeoReport answer", e);
        }
    }

    static byte[] xml(String root, Object body) throws XMLStreamException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XMLStreamWriter w = XMLOutputFactory.newInstance().createXMLStreamWriter(out, "UTF-8");
        w.writeStartDocument("UTF-8", "1.0");
        element(w, root, body);
        w.writeEndDocument();
        w.close();
        return out.toByteArray();
    }

    /**
     * The text with every character XML 1.0 forbids (control characters other than tab, line feed
     * and carriage return, unpaired surrogates, U+FFFE and U+FFFF) replaced by U+FFFD: StAX writes
     * them as they are, and the document would not parse.
     */
    static String xmlText(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int n = Character.charCount(c);
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
            if (!allowed && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                if (allowed) {
                    out.appendCodePoint(c);
                } else {
                    out.append('\uFFFD');
                }
            }
            i += n;
        }
        return out == null ? text : out.toString();
    }

    private static void element(XMLStreamWriter w, String name, Object value) throws XMLStreamException {
        if (value == null) {
            w.writeEmptyElement(name);
            return;
        }
        w.writeStartElement(name);
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                element(w, String.valueOf(e.getKey()), e.getValue());
            }
        } else if (value instanceof List<?> list) {
            String item = ITEMS.getOrDefault(name, "item");
            for (Object o : list) {
                element(w, item, o);
            }
        } else {
            w.writeCharacters(xmlText(String.valueOf(value)));
        }
        w.writeEndElement();
    }
}
