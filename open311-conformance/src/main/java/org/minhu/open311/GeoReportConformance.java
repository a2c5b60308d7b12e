package org.minhu.open311;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A conformance suite for Open311 GeoReport v2 servers, written from the specification's field
 * lists (https://wiki.open311.org/GeoReport_v2): every endpoint in JSON and in XML, the fields
 * each answer must carry and their values' forms, the errors (400, 403, 404 with a list of code
 * and description), ISO 8601 dates with an offset, and UTF-8 text that survives a round trip.
 * It files two requests with the given API key.
 *
 * <pre>
 * java -cp ... org.minhu.open311.GeoReportConformance --base-url https://host/open311/v2 --api-key KEY
 *     [--lat 29.5630 --long 106.5516] [--phone 13800138000]
 * </pre>
 * Exit status 0 when every check passed, 1 otherwise.
 */
public final class GeoReportConformance {

    /** One check: what was checked, whether it held, and what was seen when it did not. */
    public record Result(String check, boolean passed, String detail) {
        @Override
        public String toString() {
            return (passed ? "PASS " : "FAIL ") + check + (passed || detail == null ? "" : " -- " + detail);
        }
    }

    static final Set<String> LISTS = Set.of("services", "service_requests", "errors", "attributes", "values", "endpoints", "formats");
    static final Pattern ISO_8601 = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})");
    static final Set<String> DATATYPES = Set.of("string", "number", "datetime", "text", "singlevaluelist", "multivaluelist");
    static final Set<String> SERVICE_TYPES = Set.of("realtime", "batch", "blackbox");
    static final List<String> FORMATS = List.of("json", "xml");

    private final String base;
    private final String apiKey;
    private final String lat;
    private final String lon;
    private final String phone;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final List<Result> results = new ArrayList<>();

    public GeoReportConformance(String baseUrl, String apiKey, String lat, String lon, String phone) {
        this.base = baseUrl.replaceAll("/+$", "");
        this.apiKey = apiKey;
        this.lat = lat;
        this.lon = lon;
        this.phone = phone;
    }

    public static void main(String[] args) {
        Map<String, String> o = new LinkedHashMap<>(Map.of("--lat", "29.5630", "--long", "106.5516", "--phone", "13800138000"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i], args[i + 1]);
        }
        if (!o.containsKey("--base-url") || !o.containsKey("--api-key")) {
            System.err.println("usage: GeoReportConformance --base-url URL --api-key KEY [--lat L] [--long L] [--phone P]");
            System.exit(2);
        }
        List<Result> results = new GeoReportConformance(o.get("--base-url"), o.get("--api-key"), o.get("--lat"), o.get("--long"),
                o.get("--phone")).run();
        results.forEach(System.out::println);
        long failed = results.stream().filter(r -> !r.passed()).count();
        System.out.println((results.size() - failed) + " passed, " + failed + " failed");
        System.exit(failed == 0 ? 0 : 1);
    }

    /** Runs every check; never throws for a non-conforming server, it reports. */
    public List<Result> run() {
        for (String f : FORMATS) {
            guarded("discovery." + f, () -> discovery(f));
            guarded("services." + f, () -> services(f));
            guarded("errors." + f, () -> errors(f));
            guarded("requests." + f, () -> requests(f));
        }
        return results;
    }

    private void guarded(String area, Runnable checks) {
        try {
            checks.run();
        } catch (RuntimeException e) {
            results.add(new Result(area + ": the checks could go no further", false, e.toString()));
        }
    }

    // ---------------------------------------------------------------- discovery and services

    private void discovery(String f) {
        Answer a = get("/discovery." + f);
        expectStatus("GET discovery." + f, a, 200);
        expectType("GET discovery." + f, a, f);
        expectRoot("GET discovery." + f, a, "discovery");
        Map<String, Object> d = a.object();
        present("discovery." + f + " has changeset", d, "changeset");
        present("discovery." + f + " has contact", d, "contact");
        List<Map<String, Object>> endpoints = list(d.get("endpoints"));
        check("discovery." + f + " lists endpoints", !endpoints.isEmpty(), "endpoints: " + d.get("endpoints"));
        for (Map<String, Object> e : endpoints) {
            present("discovery." + f + " endpoint has specification, url, type, formats", e, "specification", "url", "type", "formats");
            List<Object> formats = rawList(e.get("formats"));
            check("discovery." + f + " endpoint offers text/xml (the mandatory format)", formats.stream()
                    .anyMatch(x -> String.valueOf(x).contains("xml")), "formats: " + formats);
        }
    }

    private void services(String f) {
        Answer a = get("/services." + f);
        expectStatus("GET services." + f, a, 200);
        expectType("GET services." + f, a, f);
        expectRoot("GET services." + f, a, "services");
        List<Map<String, Object>> services = a.list();
        check("services." + f + " is not empty", !services.isEmpty(), "no services");
        for (Map<String, Object> s : services) {
            String code = String.valueOf(s.get("service_code"));
            present("service " + code + " (" + f + ") has service_code, service_name, metadata, type, keywords, group", s,
                    "service_code", "service_name", "metadata", "type", "keywords", "group");
            check("service " + code + " (" + f + ") metadata is true or false", Set.of("true", "false").contains(str(s.get("metadata"))),
                    "metadata: " + s.get("metadata"));
            check("service " + code + " (" + f + ") type is realtime, batch or blackbox", SERVICE_TYPES.contains(str(s.get("type"))),
                    "type: " + s.get("type"));
        }
        services.stream().filter(s -> "true".equals(str(s.get("metadata")))).findFirst()
                .ifPresent(s -> definition(f, str(s.get("service_code"))));
    }

    private Map<String, Object> definition(String f, String code) {
        Answer a = get("/services/" + enc(code) + "." + f);
        expectStatus("GET services/" + code + "." + f, a, 200);
        expectRoot("GET services/" + code + "." + f, a, "service_definition");
        Map<String, Object> d = a.object();
        check("definition " + code + " (" + f + ") names its service_code", code.equals(str(d.get("service_code"))),
                "service_code: " + d.get("service_code"));
        for (Map<String, Object> at : list(d.get("attributes"))) {
            String name = "attribute " + at.get("code") + " of " + code + " (" + f + ")";
            present(name + " has variable, code, datatype, required, order, description", at,
                    "variable", "code", "datatype", "required", "order", "description");
            check(name + " datatype is one of the specification's", DATATYPES.contains(str(at.get("datatype"))),
                    "datatype: " + at.get("datatype"));
            check(name + " required is true or false", Set.of("true", "false").contains(str(at.get("required"))),
                    "required: " + at.get("required"));
            check(name + " order is a number", str(at.get("order")).matches("\\d+"), "order: " + at.get("order"));
            if (str(at.get("datatype")).endsWith("valuelist")) {
                List<Map<String, Object>> values = list(at.get("values"));
                check(name + " lists its values", !values.isEmpty(), "no values");
                values.forEach(v -> present(name + " value has key and name", v, "key", "name"));
            }
        }
        return d;
    }

    // ---------------------------------------------------------------- errors

    private void errors(String f) {
        Answer unknown = get("/services/no-such-service-" + UUID.randomUUID() + "." + f);
        expectError("GET services/{unknown}." + f, unknown, 404, f);
        Map<String, String> form = new LinkedHashMap<>(Map.of("service_code", "anything", "description", "conformance"));
        expectError("POST requests." + f + " without api_key", post("/requests." + f, form), 403, f);
        form.put("api_key", "not-a-key-" + UUID.randomUUID());
        expectError("POST requests." + f + " with a wrong api_key", post("/requests." + f, form), 403, f);
        Map<String, String> noCode = new LinkedHashMap<>(Map.of("api_key", apiKey, "lat", lat, "long", lon, "description", "conformance"));
        expectError("POST requests." + f + " without service_code", post("/requests." + f, noCode), 400, f);
        expectError("GET requests/{unknown}." + f, get("/requests/" + UUID.randomUUID() + "." + f + "?api_key=" + enc(apiKey)), 404, f);
    }

    // ---------------------------------------------------------------- requests

    private void requests(String f) {
        Answer services = get("/services.json");
        Map<String, Object> service = services.list().stream().findFirst().orElseThrow(() -> new IllegalStateException("no service"));
        String code = str(service.get("service_code"));
        Map<String, Object> definition = "true".equals(str(service.get("metadata"))) ? get("/services/" + enc(code) + ".json").object() : Map.of();
        String description = "一致性测试 conformance check ✓ " + f + " " + UUID.randomUUID();
        String first = create(f, code, definition, description);
        String second = create(f, code, definition, description + " (2)");
        if (first == null || second == null) {
            return;
        }

        Answer one = get("/requests/" + first + "." + f + "?api_key=" + enc(apiKey));
        expectStatus("GET requests/{id}." + f, one, 200);
        expectType("GET requests/{id}." + f, one, f);
        expectRoot("GET requests/{id}." + f, one, "service_requests");
        List<Map<String, Object>> got = one.list();
        check("GET requests/{id}." + f + " answers that one request", got.size() == 1
                && first.equals(str(got.get(0).get("service_request_id"))), "answer: " + got);
        if (got.size() == 1) {
            Map<String, Object> r = got.get(0);
            present("request (" + f + ") has service_request_id, status, service_code, service_name, requested_datetime", r,
                    "service_request_id", "status", "service_code", "service_name", "requested_datetime");
            check("request (" + f + ") status is open or closed", Set.of("open", "closed").contains(str(r.get("status"))),
                    "status: " + r.get("status"));
            check("request (" + f + ") service_code is the one filed", code.equals(str(r.get("service_code"))), "service_code: " + r.get("service_code"));
            check("request (" + f + ") description came back as sent (UTF-8)", description.equals(str(r.get("description"))),
                    "description: " + r.get("description"));
            for (String date : List.of("requested_datetime", "updated_datetime", "expected_datetime")) {
                String v = str(r.get(date));
                if (!v.isEmpty()) {
                    check("request (" + f + ") " + date + " is ISO 8601 with an offset", ISO_8601.matcher(v).matches(), date + ": " + v);
                }
            }
        }

        Answer both = get("/requests." + f + "?api_key=" + enc(apiKey) + "&service_request_id=" + first + "," + second);
        expectStatus("GET requests." + f + "?service_request_id=a,b", both, 200);
        Set<String> ids = both.list().stream().map(r -> str(r.get("service_request_id"))).collect(Collectors.toSet());
        check("GET requests." + f + "?service_request_id=a,b answers both", ids.equals(Set.of(first, second)), "ids: " + ids);

        Answer recent = get("/requests." + f + "?api_key=" + enc(apiKey));
        expectStatus("GET requests." + f + " (default window)", recent, 200);
        check("GET requests." + f + " (default window) holds the new request", recent.list().stream()
                .anyMatch(r -> first.equals(str(r.get("service_request_id")))), "not found among " + recent.list().size());

        Answer open = get("/requests." + f + "?api_key=" + enc(apiKey) + "&status=open&service_code=" + enc(code));
        expectStatus("GET requests." + f + "?status=open", open, 200);
        // the request just filed is open: an empty answer is a failure, not a vacuous pass
        check("GET requests." + f + "?status=open holds the new open request", open.list().stream()
                .anyMatch(r -> first.equals(str(r.get("service_request_id")))), "not found among " + open.list().size());
        check("GET requests." + f + "?status=open answers only open requests of that service", open.list().stream()
                .allMatch(r -> "open".equals(str(r.get("status"))) && code.equals(str(r.get("service_code")))), "answer: " + abbreviate(open.text()));
        Answer closed = get("/requests." + f + "?api_key=" + enc(apiKey) + "&status=closed&service_code=" + enc(code));
        expectStatus("GET requests." + f + "?status=closed", closed, 200);
        check("GET requests." + f + "?status=closed leaves the new open request out", closed.list().stream()
                .noneMatch(r -> first.equals(str(r.get("service_request_id"))) || !"closed".equals(str(r.get("status")))),
                "answer: " + abbreviate(closed.text()));

        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8));
        Answer window = get("/requests." + f + "?api_key=" + enc(apiKey) + "&start_date=" + enc(now.minusDays(1).toString())
                + "&end_date=" + enc(now.plusMinutes(5).toString()));
        expectStatus("GET requests." + f + " with start_date and end_date", window, 200);
        check("GET requests." + f + " with start_date and end_date holds the new request", window.list().stream()
                .anyMatch(r -> first.equals(str(r.get("service_request_id")))), "not found among " + window.list().size());
        Answer before = get("/requests." + f + "?api_key=" + enc(apiKey) + "&start_date=" + enc(now.minusDays(30).toString())
                + "&end_date=" + enc(now.minusDays(29).toString()));
        expectStatus("GET requests." + f + " of a past window", before, 200);
        check("GET requests." + f + " of a past window leaves out what was filed now", before.list().stream()
                .noneMatch(r -> first.equals(str(r.get("service_request_id"))) || second.equals(str(r.get("service_request_id")))),
                "answer: " + abbreviate(before.text()));
        // the specification bounds a query at 90 days; a server may refuse a wider one (400 with its error list)
        // or answer it, and then only with requests inside the window
        OffsetDateTime from = now.minusDays(200);
        Answer wide = get("/requests." + f + "?api_key=" + enc(apiKey) + "&start_date=" + enc(from.toString())
                + "&end_date=" + enc(now.plusMinutes(5).toString()));
        if (wide.status == 400) {
            expectError("GET requests." + f + " over more than 90 days", wide, 400, f);
        } else {
            expectStatus("GET requests." + f + " over more than 90 days (refused with 400, or answered)", wide, 200);
            check("GET requests." + f + " over more than 90 days answers only requests inside the window", wide.list().stream()
                    .allMatch(r -> {
                        OffsetDateTime at = dateTime(str(r.get("requested_datetime")));
                        return at != null && !at.isBefore(from);
                    }), "answer: " + abbreviate(wide.text()));
        }
    }

    private String create(String f, String code, Map<String, Object> definition, String description) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_key", apiKey);
        form.put("service_code", code);
        form.put("lat", lat);
        form.put("long", lon);
        form.put("address_string", "conformance test address");
        form.put("first_name", "Test");
        form.put("last_name", "Conformance");
        form.put("email", "conformance@example.org");
        form.put("phone", phone);
        form.put("device_id", "conformance-suite");
        form.put("description", description);
        for (Map<String, Object> at : list(definition.get("attributes"))) {
            if ("true".equals(str(at.get("required")))) {
                List<Map<String, Object>> values = list(at.get("values"));
                String value = !values.isEmpty() ? str(values.get(0).get("key")) : "number".equals(str(at.get("datatype"))) ? "1"
                        : "datetime".equals(str(at.get("datatype"))) ? OffsetDateTime.now(ZoneOffset.UTC).toString() : "conformance";
                form.put("attribute[" + at.get("code") + "]", value);
            }
        }
        Answer a = post("/requests." + f, form);
        check("POST requests." + f + " accepts a complete request (200 or 201)", a.status == 200 || a.status == 201,
                "status " + a.status + ": " + a.text());
        if (a.status != 200 && a.status != 201) {
            return null;
        }
        expectType("POST requests." + f, a, f);
        expectRoot("POST requests." + f, a, "service_requests");
        List<Map<String, Object>> answer = a.list();
        boolean idOrToken = answer.size() == 1 && (!str(answer.get(0).get("service_request_id")).isEmpty()
                || !str(answer.get(0).get("token")).isEmpty());
        check("POST requests." + f + " answers a service_request_id or a token", idOrToken, "answer: " + answer);
        if (!idOrToken) {
            return null;
        }
        String id = str(answer.get(0).get("service_request_id"));
        if (id.isEmpty()) { // accepted asynchronously: the token leads to the id
            String token = str(answer.get(0).get("token"));
            Answer t = get("/tokens/" + enc(token) + "." + f + "?api_key=" + enc(apiKey));
            expectStatus("GET tokens/{token}." + f, t, 200);
            id = t.list().stream().map(r -> str(r.get("service_request_id"))).filter(s -> !s.isEmpty()).findFirst().orElse(null);
            check("GET tokens/{token}." + f + " leads to a service_request_id", id != null, "answer: " + t.text());
        }
        return id;
    }

    // ---------------------------------------------------------------- expectations

    private void expectError(String what, Answer a, int status, String f) {
        expectStatus(what, a, status);
        expectType(what, a, f);
        expectRoot(what, a, "errors");
        List<Map<String, Object>> errors = a.status == status ? a.list() : List.of();
        check(what + " lists errors with code and description", !errors.isEmpty() && errors.stream()
                .allMatch(e -> !str(e.get("code")).isEmpty() && !str(e.get("description")).isEmpty()), "body: " + a.text());
    }

    private void expectStatus(String what, Answer a, int status) {
        check(what + " answers " + status, a.status == status, "status " + a.status + ": " + abbreviate(a.text()));
    }

    private void expectType(String what, Answer a, String f) {
        String type = a.contentType.toLowerCase();
        check(what + " is " + ("xml".equals(f) ? "XML" : "JSON") + " in UTF-8",
                ("xml".equals(f) ? type.contains("xml") : type.contains("json")) && (type.contains("utf-8") || !type.contains("charset")),
                "Content-Type: " + a.contentType);
    }

    private void expectRoot(String what, Answer a, String root) {
        if (a.xml) {
            check(what + " has the root element <" + root + ">", root.equals(a.root), "root: <" + a.root + ">");
        }
    }

    private void present(String what, Map<String, Object> map, String... fields) {
        List<String> missing = new ArrayList<>();
        for (String field : fields) {
            if (!map.containsKey(field)) {
                missing.add(field);
            }
        }
        check(what, missing.isEmpty(), "missing " + missing);
    }

    private void check(String what, boolean ok, String detail) {
        results.add(new Result(what, ok, ok ? null : detail));
    }

    // ---------------------------------------------------------------- HTTP and the two formats

    /** An answer read the same way from JSON and XML: maps, lists and strings. */
    final class Answer {
        final int status;
        final String contentType;
        final byte[] body;
        final boolean xml;
        String root;
        Object value;

        Answer(HttpResponse<byte[]> r) {
            status = r.statusCode();
            contentType = r.headers().firstValue("Content-Type").orElse("");
            body = r.body();
            xml = contentType.toLowerCase().contains("xml");
            try {
                if (xml) {
                    Element e = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(body)).getDocumentElement();
                    root = e.getTagName();
                    value = fromXml(e);
                } else if (body.length > 0) {
                    value = json.readValue(body, Object.class);
                }
            } catch (Exception e) {
                value = null;
                results.add(new Result("answer of status " + status + " parses as " + (xml ? "XML" : "JSON"), false, e.toString()));
            }
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        List<Map<String, Object>> list() {
            return GeoReportConformance.list(value);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> object() {
            return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        }
    }

    static Object fromXml(Element e) {
        List<Element> children = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                children.add(child);
            }
        }
        if (LISTS.contains(e.getTagName())) {
            List<Object> items = new ArrayList<>();
            children.forEach(c -> items.add(fromXml(c)));
            return items;
        }
        if (children.isEmpty()) {
            return e.getTextContent();
        }
        Map<String, Object> map = new LinkedHashMap<>();
        children.forEach(c -> map.put(c.getTagName(), fromXml(c)));
        return map;
    }

    private Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private Answer post(String path, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            return new Answer(http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("no answer from " + base + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object value) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (value instanceof List<?> l) {
            l.stream().filter(Map.class::isInstance).forEach(m -> out.add((Map<String, Object>) m));
        }
        return out;
    }

    static List<Object> rawList(Object value) {
        return value instanceof List<?> l ? new ArrayList<>(l) : List.of();
    }

    static String str(Object o) {
        return o == null ? "" : String.valueOf(o);
    }

    /** An ISO 8601 date-time with an offset (with or without the colon), or null. */
    static OffsetDateTime dateTime(String s) {
        if (!ISO_8601.matcher(s).matches()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s.replaceAll("([+-]\\d{2})(\\d{2})$", "$1:$2"));
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
