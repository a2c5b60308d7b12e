package org.minhu.system;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;

/**
 * Sends generated requests to every operation of the merged OpenAPI document, as every role and
 * as nobody: valid bodies, boundary values, wrong types, missing and extra fields, over-long and
 * control-character strings, malformed JSON and huge numbers, in bodies, query parameters and
 * path segments. Seeded: the same seed sends the same requests in the same order.
 *
 * <p>Each answer is checked against three rules: no 5xx; every 4xx is problem+json (Open311's
 * own error list on {@code /open311}); nothing meant for one person reaches a caller named in
 * {@link #mustNotSee} (another citizen, an auditor, another unit).
 */
final class ApiFuzzer {

    /** Kinds of request, chosen at random for each call. */
    enum Kind {
        VALID, BOUNDARY, WRONG_TYPE, MISSING_FIELD, EXTRA_FIELD, LONG_STRING, CONTROL_CHARS, MALFORMED_JSON, HUGE_NUMBER,
        BAD_QUERY, BAD_PATH
    }

    record Call(String role, String method, String path, String contentType, String body, Kind kind) {
        @Override
        public String toString() {
            String shown = body == null ? "" : " body=" + abbreviate(body);
            return role + " " + method + " " + abbreviate(path) + " [" + kind + "]" + shown;
        }
    }

    record Finding(Call call, int status, String problem) {
        @Override
        public String toString() {
            return status + " " + problem + " ← " + call;
        }
    }

    record Report(long seed, int sent, Map<String, Integer> byStatus, Map<Kind, Integer> byKind, int operations,
            int rateLimitedWaits, List<Finding> findings) {
        String summary() {
            return "seed " + seed + ": " + sent + " requests over " + operations + " operations, statuses " + byStatus
                    + ", kinds " + byKind + ", 429 waited out " + rateLimitedWaits + " times, findings " + findings.size();
        }
    }

    private record Op(String path, String method, Operation operation, List<String> roles) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] NASTY = {
        "\u0000", "a\u0000b", "\u0007bell", "\ud800", "x\udfffy", "\u202e\u202d", "\u200b\u200b", "\r\n", "' OR 1=1 --",
        "<script>alert(1)</script>", "../../etc/passwd", "%00", "%", "${jndi:ldap://x}", "=cmd|' /C calc'!A0", "🦊🦊",
        "\t", "\uFEFF", "null", "", " ", "-1", "1e309", "NaN"
    };
    private static final String[] MALFORMED = {
        "{", "{\"a\":}", "[1,2", "{\"title\": \"x\",}", "nul", "{\"a\" 1}", "\u0000", "{\"a\":\"\\ud800\"}", "{'a':1}",
        "{\"a\":NaN}", "{\"a\":1}{\"b\":2}", "\"just a string\"", "[]", "123", "{\"a\":\"x\",\"a\":\"y\"}"
    };

    private final String base;
    private final OpenAPI api;
    private final Map<String, String> tokens;
    private final Function<String, String> realIds;
    private final Map<String, List<String>> mustNotSee;
    private final String open311Key;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param tokens role name → bearer token; "anonymous" → null is added by the fuzzer
     * @param realIds path parameter name and path → an existing object's id (so that calls go deep, not only 404)
     * @param mustNotSee role name → strings that must never appear in an answer to that role
     */
    ApiFuzzer(String base, OpenAPI api, Map<String, String> tokens, Function<String, String> realIds,
            Map<String, List<String>> mustNotSee, String open311Key) {
        this.base = base;
        this.api = api;
        this.tokens = tokens;
        this.realIds = realIds;
        this.mustNotSee = mustNotSee;
        this.open311Key = open311Key;
    }

    Report run(long seed, int requests) {
        Random random = new Random(seed);
        List<Op> ops = new ArrayList<>();
        new TreeMap<>(api.getPaths()).forEach((path, item) -> new TreeMap<>(item.readOperationsMap()).forEach((method, op) -> {
            if (path.startsWith("/api/") || path.startsWith("/open311/")) {
                List<String> roles = op.getSecurity() == null ? List.of() : op.getSecurity().stream()
                        .flatMap(r -> r.values().stream()).flatMap(List::stream).distinct().sorted().toList();
                ops.add(new Op(path, method.name(), op, roles));
            }
        }));
        if (ops.isEmpty()) {
            throw new IllegalStateException("The OpenAPI document lists no operation");
        }
        Map<String, Integer> byStatus = new TreeMap<>();
        Map<Kind, Integer> byKind = new TreeMap<>();
        List<Finding> findings = new ArrayList<>();
        int waits = 0;
        for (int i = 0; i < requests; i++) {
            Op op = ops.get(random.nextInt(ops.size()));
            Call call = generate(op, random);
            HttpResponse<String> response = null;
            for (int attempt = 0; ; attempt++) {
                try {
                    response = send(call);
                } catch (IOException e) {
                    try {
                        // a pooled keep-alive connection that the server closed as the request left is the
                        // client's race, not an answer: once more on a new connection
                        response = send(call);
                    } catch (IOException again) {
                        findings.add(new Finding(call, -1, "no answer: " + again));
                        break;
                    }
                }
                if (response.statusCode() != 429 || attempt == 30) {
                    break;
                }
                waits++;
                sleep(1000L * Math.max(1, Integer.parseInt(response.headers().firstValue("Retry-After").orElse("1"))));
            }
            if (response == null) {
                byStatus.merge("no answer", 1, Integer::sum);
                continue;
            }
            byStatus.merge(response.statusCode() / 100 + "xx", 1, Integer::sum);
            byKind.merge(call.kind(), 1, Integer::sum);
            String problem = check(call, response);
            if (problem != null) {
                findings.add(new Finding(call, response.statusCode(), problem));
            }
        }
        return new Report(seed, requests, byStatus, byKind, ops.size(), waits, findings);
    }

    private String check(Call call, HttpResponse<String> response) {
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        for (String secret : mustNotSee.getOrDefault(call.role(), List.of())) {
            if (body.contains(secret)) {
                return "answer to " + call.role() + " contains '" + secret + "'";
            }
        }
        if (status >= 500) {
            return "server error: " + abbreviate(body);
        }
        if (status >= 400) {
            String type = response.headers().firstValue("Content-Type").orElse("");
            // the HTTP layer's own refusals (body, URI or headers too large) come before any routing
            boolean httpLayer = status == 413 || status == 414 || status == 431;
            if (call.path().startsWith("/open311/") && !httpLayer) {
                boolean list = type.startsWith("application/json") && body.trim().startsWith("[") && body.contains("\"code\"")
                        || type.contains("xml") && body.contains("<errors>");
                return list ? null : "Open311 error is not its error list (" + type + "): " + abbreviate(body);
            }
            if (!type.startsWith("application/problem+json")) {
                return "4xx is not problem+json (" + type + "): " + abbreviate(body);
            }
            try {
                JsonNode problem = JSON.readTree(body);
                if (problem.path("status").asInt() != status || problem.path("title").asText().isEmpty()) {
                    return "problem+json without matching status and title: " + abbreviate(body);
                }
            } catch (IOException e) {
                return "problem+json that does not parse: " + abbreviate(body);
            }
        }
        return null;
    }

    private Call generate(Op op, Random random) {
        String role = pickRole(op, random);
        Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
        java.util.regex.Matcher placeholder = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(op.path());
        StringBuilder path = new StringBuilder();
        while (placeholder.find()) {
            String name = placeholder.group(1);
            String real = "format".equals(name) ? (random.nextBoolean() ? "json" : "xml") : realIds.apply(name + " " + op.path());
            String value = kind == Kind.BAD_PATH || real == null ? nasty(random) : real;
            placeholder.appendReplacement(path, java.util.regex.Matcher.quoteReplacement(encode(value)));
        }
        placeholder.appendTail(path);
        List<String> query = new ArrayList<>();
        if (op.operation().getParameters() != null) {
            for (Parameter p : op.operation().getParameters()) {
                if (!"query".equals(p.getIn()) || (!Boolean.TRUE.equals(p.getRequired()) && random.nextInt(3) == 0)) {
                    continue;
                }
                Object value = kind == Kind.BAD_QUERY && random.nextBoolean() ? nasty(random) : valueOf(p.getSchema(), random, 0, kind);
                query.add(encode(p.getName()) + "=" + encode(requestLine(String.valueOf(value))));
            }
        }
        if (kind == Kind.BAD_QUERY) {
            query.add(random.nextBoolean() ? "limit=" + encode(nasty(random)) : "unknown=" + encode(nasty(random)));
        }
        String contentType = null;
        String body = null;
        if (op.operation().getRequestBody() != null && op.operation().getRequestBody().getContent() != null) {
            Map<String, MediaType> content = op.operation().getRequestBody().getContent();
            if (content.containsKey("application/json")) {
                contentType = "application/json";
                body = jsonBody(content.get("application/json").getSchema(), random, kind);
            } else if (content.containsKey("application/x-www-form-urlencoded")) {
                contentType = "application/x-www-form-urlencoded";
                body = formBody(content.get("application/x-www-form-urlencoded").getSchema(), random, kind);
            }
        }
        if (op.path().startsWith("/open311/") && body == null && random.nextInt(4) > 0) {
            query.add("api_key=" + encode(random.nextInt(5) == 0 ? nasty(random) : open311Key));
        }
        String target = path + (query.isEmpty() ? "" : "?" + String.join("&", query));
        return new Call(role, op.method(), target, contentType, body, kind);
    }

    private String pickRole(Op op, Random random) {
        List<String> all = new ArrayList<>(tokens.keySet());
        all.add("anonymous");
        if (!op.roles().isEmpty() && random.nextInt(5) > 0) {
            List<String> admitted = all.stream().filter(r -> op.roles().contains(baseRole(r))).toList();
            if (!admitted.isEmpty()) {
                return admitted.get(random.nextInt(admitted.size()));
            }
        }
        return all.get(random.nextInt(all.size()));
    }

    /** Roles are named "citizen", "citizen-other", …: the part before the dash is the token's role. */
    private static String baseRole(String role) {
        int dash = role.indexOf('-');
        return dash < 0 ? role : role.substring(0, dash);
    }

    private String jsonBody(Schema<?> schema, Random random, Kind kind) {
        if (kind == Kind.MALFORMED_JSON) {
            return MALFORMED[random.nextInt(MALFORMED.length)];
        }
        Object value = valueOf(schema, random, 0, kind);
        if (value instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) map;
            List<String> names = new ArrayList<>(object.keySet());
            switch (kind) {
                case MISSING_FIELD -> {
                    if (!names.isEmpty()) {
                        object.remove(names.get(random.nextInt(names.size())));
                    }
                }
                case EXTRA_FIELD -> object.put(random.nextBoolean() ? "status" : "zz" + random.nextInt(100), nasty(random));
                case WRONG_TYPE -> {
                    if (!names.isEmpty()) {
                        object.put(names.get(random.nextInt(names.size())), wrongType(object.get(names.get(0)), random));
                    }
                }
                default -> {
                }
            }
        }
        try {
            String text = escapeLoneSurrogates(JSON.writeValueAsString(value));
            if (kind == Kind.HUGE_NUMBER && value instanceof Map<?, ?> map && !map.isEmpty()) {
                // a number no Java type holds, where the document says something else
                String first = (String) map.keySet().iterator().next();
                text = "{\"" + first + "\":" + (random.nextBoolean() ? "1e400" : "123456789012345678901234567890") + ","
                        + text.substring(1);
                if (text.endsWith(",}")) {
                    text = text.substring(0, text.length() - 2) + "}";
                }
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String formBody(Schema<?> schema, Random random, Kind kind) {
        List<String> fields = new ArrayList<>();
        fields.add("api_key=" + encode(kind == Kind.MISSING_FIELD ? "" : open311Key));
        Schema<?> s = resolve(schema);
        if (s.getProperties() != null) {
            s.getProperties().forEach((name, property) -> {
                if (!"api_key".equals(name) && random.nextInt(4) > 0) {
                    fields.add(encode(name) + "=" + encode(String.valueOf(valueOf(property, random, 1, kind))));
                }
            });
        } else {
            fields.add("service_code=" + encode(random.nextBoolean() ? "health" : nasty(random)));
            fields.add("lat=29.56");
            fields.add("long=106.55");
            fields.add("description=" + encode(kind == Kind.CONTROL_CHARS ? "bad\u0001text\u0000" : "路灯不亮，晚上很黑，请尽快维修。"));
        }
        if (kind == Kind.MALFORMED_JSON) {
            fields.add("description=%E0%A4%A"); // percent-encoding cut short
        } else if (kind == Kind.BAD_QUERY) {
            fields.add("email=%ZZ");
        }
        return String.join("&", fields);
    }

    private Object valueOf(Schema<?> schema, Random random, int depth, Kind kind) {
        Schema<?> s = resolve(schema);
        if (s == null) {
            return "x";
        }
        if (s.getEnum() != null && !s.getEnum().isEmpty()) {
            return kind == Kind.WRONG_TYPE && random.nextInt(3) == 0 ? random.nextInt(3)
                    : s.getEnum().get(random.nextInt(s.getEnum().size()));
        }
        List<Schema> composed = s.getAllOf() != null ? s.getAllOf() : s.getOneOf() != null ? s.getOneOf() : s.getAnyOf();
        if (composed != null && !composed.isEmpty()) {
            return valueOf(composed.get(0), random, depth, kind);
        }
        String type = OpenApiBodies.typeOf(s);
        switch (type) {
            case "integer", "number" -> {
                BigDecimal min = s.getMinimum();
                BigDecimal max = s.getMaximum();
                if (kind == Kind.BOUNDARY) {
                    int pick = random.nextInt(4);
                    if (pick == 0 && min != null) {
                        return min.intValue() - 1;
                    }
                    if (pick == 1 && max != null) {
                        return max.longValue() + 1;
                    }
                    return pick == 2 ? Integer.MAX_VALUE : -1;
                }
                if (kind == Kind.HUGE_NUMBER && random.nextBoolean()) {
                    return Long.MAX_VALUE;
                }
                int low = min == null ? 1 : min.intValue();
                int high = max == null ? low + 50 : Math.min(max.intValue(), low + 50);
                return low + random.nextInt(Math.max(1, high - low + 1));
            }
            case "boolean" -> {
                return random.nextBoolean();
            }
            case "array" -> {
                if (s.getItems() == null || depth > 3) {
                    return List.of();
                }
                List<Object> items = new ArrayList<>();
                int n = kind == Kind.BOUNDARY ? 50 : 1 + random.nextInt(2);
                for (int i = 0; i < n; i++) {
                    items.add(valueOf(s.getItems(), random, depth + 1, kind));
                }
                return items;
            }
            case "object" -> {
                Map<String, Object> object = new LinkedHashMap<>();
                if (s.getProperties() != null && depth <= 3) {
                    List<String> required = s.getRequired() == null ? List.of() : s.getRequired();
                    s.getProperties().forEach((name, property) -> {
                        if (required.contains(name) || random.nextInt(3) > 0) {
                            object.put(name, valueOf(property, random, depth + 1, kind));
                        }
                    });
                }
                return object;
            }
            default -> {
                return stringOf(s, random, kind);
            }
        }
    }

    private String stringOf(Schema<?> s, Random random, Kind kind) {
        String format = s.getFormat() == null ? "" : s.getFormat();
        switch (kind) {
            case LONG_STRING -> {
                return "长".repeat(random.nextBoolean() ? 5_000 : 70_000);
            }
            case CONTROL_CHARS -> {
                return "正常文字" + NASTY[random.nextInt(9)] + "尾";
            }
            case BOUNDARY -> {
                if (s.getMaxLength() != null) {
                    return "边".repeat(s.getMaxLength() + (random.nextBoolean() ? 0 : 1));
                }
                if (s.getMinLength() != null && s.getMinLength() > 0) {
                    return "边".repeat(s.getMinLength() - 1);
                }
                return random.nextBoolean() ? "" : " ";
            }
            default -> {
            }
        }
        return switch (format) {
            case "date" -> random.nextInt(6) == 0 ? "99999-01-01" : "2026-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(9);
            case "date-time" -> random.nextInt(6) == 0 ? "+99999-01-01T00:00:00Z" : "2026-11-1" + random.nextInt(9) + "T08:00:00Z";
            case "uuid" -> random.nextInt(4) == 0 ? "not-a-uuid" : java.util.UUID.nameUUIDFromBytes(new byte[] {(byte) random.nextInt()}).toString();
            default -> {
                int min = s.getMinLength() == null ? 4 : Math.max(4, s.getMinLength());
                yield "模糊测试文本" + "字".repeat(Math.max(0, min - 6)) + random.nextInt(1000);
            }
        };
    }

    /** A lone surrogate cannot travel as UTF-8; a careless client sends it as a JSON escape. */
    private static String escapeLoneSurrogates(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pairedHigh = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            boolean pairedLow = Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
            if (Character.isSurrogate(c) && !pairedHigh && !pairedLow) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Over-long text in a query parameter goes up to 1,000 characters (9 KB encoded; a few such
     * parameters pass the gateway's 4,096 and stay under 64 KB: 414 problem+json). A request line
     * past 64 KB meets the HTTP codec's own bare 414
     * before any handler can answer (gateway/README.md); bodies keep their 70,000 characters.
     */
    private static String requestLine(String value) {
        return value.length() > 1_000 ? value.substring(0, 1_000) : value;
    }

    private static Object wrongType(Object current, Random random) {
        Object[] choices = {0, 1, 1.5, true, "text", List.of(1, 2), Map.of("nested", 1), -99999999999L};
        Object pick = choices[random.nextInt(choices.length)];
        return pick.getClass().equals(current == null ? Void.class : current.getClass()) ? List.of() : pick;
    }

    private static String nasty(Random random) {
        return NASTY[random.nextInt(NASTY.length)];
    }

    @SuppressWarnings("rawtypes")
    private Schema resolve(Schema schema) {
        Schema s = schema;
        while (s != null && s.get$ref() != null) {
            s = api.getComponents().getSchemas().get(s.get$ref().substring(s.get$ref().lastIndexOf('/') + 1));
        }
        return s;
    }

    private static String encode(String value) {
        // a lone surrogate cannot be UTF-8 encoded; send the bytes a careless client would (an invalid sequence)
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1)))
                    && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(value.charAt(i - 1)))) {
                out.append("%ED%A0%80");
            } else if (value.equals("%00")) {
                out.append(value); // a percent-encoded NUL, as it is
                break;
            } else {
                out.append(URLEncoder.encode(String.valueOf(c), StandardCharsets.UTF_8));
            }
        }
        return out.toString().replace("%EF%BF%BD", "%ED%A0%80");
    }

    private HttpResponse<String> send(Call call) throws IOException {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(base + call.path())).timeout(Duration.ofSeconds(30));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The fuzzer built an unusable URI: " + call, e);
        }
        String token = tokens.get(call.role());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (call.contentType() != null) {
            request.header("Content-Type", call.contentType());
        }
        HttpRequest.BodyPublisher publisher = call.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(call.body(), StandardCharsets.UTF_8);
        request.method(call.method(), publisher);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String body) {
        String flat = body.replace('\n', ' ');
        return flat.length() > 160 ? flat.substring(0, 160) + "…(" + flat.length() + " chars)" : flat;
    }
}
