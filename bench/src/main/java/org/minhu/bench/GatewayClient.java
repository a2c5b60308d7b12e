package org.minhu.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.ConcurrentHistogram;
import org.minhu.localservers.LocalIdentity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The bench commands' HTTP client for the platform's JSON APIs (usually through the gateway):
 * bearer tokens of the local identity provider, signed once per identity (signing is not what a
 * benchmark measures), and the latency of every call per endpoint name.
 */
public final class GatewayClient {

    /** One HTTP answer: its status, headers and body, and when the call started and ended (nanoTime). */
    public record Answer(int status, HttpHeaders headers, byte[] body, long startNs, long endNs) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, ConcurrentHistogram> latency = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final LocalIdentity identity;
    private final String baseUrl;
    private final Duration timeout;

    /** {@code timeout}: how long a call may take before the client gives up on it. */
    public GatewayClient(String baseUrl, LocalIdentity identity, Duration timeout) {
        this.baseUrl = baseUrl;
        this.identity = identity;
        this.timeout = timeout;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public ObjectMapper json() {
        return json;
    }

    public String citizen(String subject) {
        return tokens.computeIfAbsent(subject, k -> "Bearer " + identity.citizen(k));
    }

    /** Unit staff, or a governance centre's staff when the unit is one ({@code …-gc}). */
    public String staff(String unit) {
        return tokens.computeIfAbsent("staff@" + unit, k -> "Bearer " + identity.staff(unit));
    }

    /** A governance centre's staff member by name (hotline staff recording call-backs). */
    public String governance(String unit, String staffId) {
        return tokens.computeIfAbsent(staffId + "@" + unit, k -> "Bearer " + identity.governance(unit, staffId));
    }

    /**
     * One call, whatever it answers; its latency is recorded under {@code endpoint}. Throws when
     * no answer came (connection refused or reset, timeout): a caller that retries decides.
     */
    public Answer exchange(String method, String path, Object body, String token, String endpoint, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout);
        if (token != null) {
            b.header("Authorization", token);
        }
        headers.forEach(b::header);
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        } else {
            b.method(method, "POST".equals(method) ? HttpRequest.BodyPublishers.ofString("") : HttpRequest.BodyPublishers.noBody());
        }
        long start = System.nanoTime();
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        long end = System.nanoTime();
        latency.computeIfAbsent(endpoint, k -> new ConcurrentHistogram(TimeUnit.MINUTES.toNanos(2), 3))
                .recordValue(Math.min(end - start, TimeUnit.MINUTES.toNanos(2)));
        return new Answer(r.statusCode(), r.headers(), r.body(), start, end);
    }

    /** A call that must answer {@code expected}; anything else (or no answer) is an IllegalStateException naming it. */
    public JsonNode send(String method, String path, Object body, String token, String endpoint, int expected, Map<String, String> headers) {
        try {
            Answer r = exchange(method, path, body, token, endpoint, headers);
            if (r.status() != expected) {
                throw new IllegalStateException(method + " " + path + " answered " + r.status() + ": " + r.text());
            }
            return parse(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public JsonNode get(String path, String token, String endpoint) {
        return send("GET", path, null, token, endpoint, 200, Map.of());
    }

    /** The body as JSON (an empty object for an empty body). */
    public JsonNode parse(byte[] body) throws IOException {
        return body.length == 0 ? json.createObjectNode() : json.readTree(body);
    }

    /** Calls made so far through this client, whatever they answered. */
    public long calls() {
        return latency.values().stream().mapToLong(ConcurrentHistogram::getTotalCount).sum();
    }

    /** Calls, p50 and p99 per endpoint, sorted by name. */
    public void printLatencies(PrintStream out) {
        out.println("endpoint (through the gateway)                    calls     p50 ms    p99 ms");
        latency.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> out.printf(Locale.ROOT,
                "%-46s %9d %9.1f %9.1f%n", e.getKey(), e.getValue().getTotalCount(), e.getValue().getValueAtPercentile(50) / 1e6,
                e.getValue().getValueAtPercentile(99) / 1e6));
    }
}
