package org.minhu.open311;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A small GeoReport v2 server that follows the specification, with flaws that can be switched
 * on one by one: the conformance suite must pass it clean and must name each flaw.
 */
final class GeoReportStub implements AutoCloseable {

    /** A known way of breaking the specification. */
    enum Flaw {
        /** services lack service_name */
        MISSING_SERVICE_NAME,
        /** a request's status is "pending" */
        STATUS_OUTSIDE_OPEN_CLOSED,
        /** requested_datetime without an offset */
        DATE_WITHOUT_OFFSET,
        /** 404 answered as plain text, not an error list */
        ERRORS_AS_TEXT,
        /** a wrong api_key is accepted */
        WRONG_KEY_ACCEPTED,
        /** non-ASCII text of a description comes back as question marks */
        DESCRIPTION_NOT_UTF8,
        /** XML lists come under a root element of another name */
        XML_WRONG_ROOT,
        /** status=… is ignored: closed requests come with open ones */
        STATUS_FILTER_IGNORED,
        /** every query for requests answers an empty list */
        EMPTY_LISTS,
        /** start_date and end_date are ignored */
        DATES_IGNORED
    }

    static final String KEY = "stub-key";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PATH = Pattern.compile("^/open311/v2/(discovery|services|requests|tokens)(?:/([^/]+))?\\.(json|xml)$");
    private static final Map<String, String> ITEMS = Map.of("services", "service", "service_requests", "request", "errors", "error",
            "attributes", "attribute", "values", "value", "endpoints", "endpoint", "formats", "format");

    private final Set<Flaw> flaws;
    private final HttpServer server;
    private final Map<String, Map<String, Object>> requests = new LinkedHashMap<>();
    private final AtomicInteger ids = new AtomicInteger(1000);

    GeoReportStub(Flaw... flaws) throws IOException {
        this.flaws = flaws.length == 0 ? EnumSet.noneOf(Flaw.class) : EnumSet.copyOf(Arrays.asList(flaws));
        // an old closed request, from before any window the suite asks about but within 200 days
        Map<String, Object> old = request("999", "light", "老请求 old request", "closed",
                OffsetDateTime.now(ZoneOffset.ofHours(8)).minusDays(60));
        requests.put("999", old);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/open311/v2";
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            Matcher m = PATH.matcher(exchange.getRequestURI().getPath());
            if (!m.matches()) {
                error(exchange, "json", 404, "no such endpoint");
                return;
            }
            String what = m.group(1);
            String id = m.group(2);
            String f = m.group(3);
            Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
            if ("POST".equals(exchange.getRequestMethod()) && "requests".equals(what) && id == null) {
                create(exchange, f, form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                return;
            }
            switch (what) {
                case "discovery" -> answer(exchange, f, 200, "discovery", Map.of("changeset", "2026-12-01T00:00:00+08:00",
                        "contact", "stub@example.org", "endpoints", List.of(Map.of("specification", "http://wiki.open311.org/GeoReport_v2",
                                "url", baseUrl(), "type", "production", "formats", List.of("text/xml", "application/json")))));
                case "services" -> {
                    if (id == null) {
                        Map<String, Object> service = new LinkedHashMap<>(Map.of("service_code", "light", "metadata", "true",
                                "type", "realtime", "keywords", "light,lamp", "group", "streets", "description", "Street lights"));
                        if (!flaws.contains(Flaw.MISSING_SERVICE_NAME)) {
                            service.put("service_name", "路灯 Street light");
                        }
                        answer(exchange, f, 200, "services", List.of(service));
                    } else if ("light".equals(id)) {
                        answer(exchange, f, 200, "service_definition", Map.of("service_code", "light", "attributes", List.of(
                                Map.of("variable", "true", "code", "pole", "datatype", "singlevaluelist", "required", "true",
                                        "order", "1", "description", "Which pole", "values",
                                        List.of(Map.of("key", "p1", "name", "Pole 1"), Map.of("key", "p2", "name", "Pole 2"))))));
                    } else {
                        error(exchange, f, 404, "service_code " + id + " not found");
                    }
                }
                case "requests" -> {
                    if (!KEY.equals(query.get("api_key"))) {
                        error(exchange, f, 403, "api_key missing or wrong");
                    } else if (id != null) {
                        Map<String, Object> r = requests.get(id);
                        if (r == null) {
                            error(exchange, f, 404, "service_request_id " + id + " not found");
                        } else {
                            answer(exchange, f, 200, "service_requests", List.of(r));
                        }
                    } else {
                        search(exchange, f, query);
                    }
                }
                default -> error(exchange, f, 404, "no tokens here: requests get their id at once");
            }
        } catch (RuntimeException e) {
            error(exchange, "json", 500, e.toString());
        }
    }

    private void search(HttpExchange exchange, String f, Map<String, String> query) throws IOException {
        OffsetDateTime end = query.containsKey("end_date") ? OffsetDateTime.parse(query.get("end_date")) : OffsetDateTime.now();
        OffsetDateTime start = query.containsKey("start_date") ? OffsetDateTime.parse(query.get("start_date")) : end.minusDays(90);
        if (Duration.between(start, end).toDays() > 90 && !flaws.contains(Flaw.DATES_IGNORED)) {
            error(exchange, f, 400, "start_date and end_date may be at most 90 days apart");
            return;
        }
        List<String> wanted = query.containsKey("service_request_id") ? List.of(query.get("service_request_id").split(",")) : null;
        List<Map<String, Object>> found = new ArrayList<>();
        for (Map<String, Object> r : requests.values()) {
            OffsetDateTime at = (OffsetDateTime) r.get("at");
            boolean inWindow = flaws.contains(Flaw.DATES_IGNORED) || !at.isBefore(start) && !at.isAfter(end);
            boolean status = !query.containsKey("status") || flaws.contains(Flaw.STATUS_FILTER_IGNORED)
                    || query.get("status").equals(r.get("status"));
            boolean code = !query.containsKey("service_code") || query.get("service_code").equals(r.get("service_code"));
            if (wanted != null ? wanted.contains(r.get("service_request_id")) : inWindow && status && code) {
                found.add(r);
            }
        }
        answer(exchange, f, 200, "service_requests", flaws.contains(Flaw.EMPTY_LISTS) ? List.of() : found);
    }

    private void create(HttpExchange exchange, String f, Map<String, String> form) throws IOException {
        if (!KEY.equals(form.get("api_key")) && !(flaws.contains(Flaw.WRONG_KEY_ACCEPTED) && form.get("api_key") != null)) {
            error(exchange, f, 403, "api_key missing or wrong");
            return;
        }
        if (form.get("service_code") == null) {
            error(exchange, f, 400, "service_code is required");
            return;
        }
        String id = String.valueOf(ids.incrementAndGet());
        String description = form.getOrDefault("description", "");
        if (flaws.contains(Flaw.DESCRIPTION_NOT_UTF8)) {
            description = description.replaceAll("[^\\x00-\\x7f]", "?");
        }
        requests.put(id, request(id, form.get("service_code"), description, "open", OffsetDateTime.now(ZoneOffset.ofHours(8))));
        answer(exchange, f, 201, "service_requests", List.of(Map.of("service_request_id", id, "service_notice", "", "account_id", "")));
    }

    private Map<String, Object> request(String id, String code, String description, String status, OffsetDateTime at) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("service_request_id", id);
        r.put("status", flaws.contains(Flaw.STATUS_OUTSIDE_OPEN_CLOSED) ? "pending" : status);
        r.put("service_code", code);
        r.put("service_name", "路灯 Street light");
        r.put("description", description);
        OffsetDateTime seconds = at.truncatedTo(ChronoUnit.SECONDS);
        r.put("requested_datetime", flaws.contains(Flaw.DATE_WITHOUT_OFFSET)
                ? seconds.toLocalDateTime().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME) : seconds.toString());
        r.put("updated_datetime", seconds.toString());
        r.put("at", at); // not written: the writers skip it
        return r;
    }

    private void error(HttpExchange exchange, String f, int status, String description) throws IOException {
        if (flaws.contains(Flaw.ERRORS_AS_TEXT) && status == 404) {
            write(exchange, status, "text/plain; charset=utf-8", "not found".getBytes(StandardCharsets.UTF_8));
            return;
        }
        answer(exchange, f, status, "errors", List.of(Map.of("code", String.valueOf(status), "description", description)));
    }

    private void answer(HttpExchange exchange, String f, int status, String root, Object value) throws IOException {
        if ("json".equals(f)) {
            write(exchange, status, "application/json; charset=utf-8", JSON.writeValueAsBytes(clean(value)));
        } else {
            StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
            element(xml, flaws.contains(Flaw.XML_WRONG_ROOT) && value instanceof List ? "list" : root, value);
            write(exchange, status, "text/xml; charset=utf-8", xml.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static Object clean(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (!"at".equals(k)) {
                    out.put((String) k, clean(v));
                }
            });
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(GeoReportStub::clean).toList();
        }
        return value;
    }

    private static void element(StringBuilder xml, String name, Object value) {
        if (value instanceof Map<?, ?> map && map.containsKey("at")) {
            value = clean(value);
        }
        xml.append('<').append(name).append('>');
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> element(xml, (String) k, v));
        } else if (value instanceof List<?> list) {
            String item = ITEMS.getOrDefault(name, "item");
            list.forEach(v -> element(xml, item, v));
        } else {
            xml.append(String.valueOf(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
        }
        xml.append("</").append(name).append('>');
    }

    private static void write(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            out.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
