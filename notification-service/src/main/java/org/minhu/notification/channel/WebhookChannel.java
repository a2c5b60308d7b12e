package org.minhu.notification.channel;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.minhu.notification.config.NotificationConfig;

/**
 * A generic webhook: POST of the rendered message as JSON, signed ({@link WebhookSignature}). Any
 * 2xx is delivered; anything else (or no answer within the send timeout) is retried later.
 */
@ApplicationScoped
public class WebhookChannel implements Channel {

    private final ObjectMapper json;
    private final NotificationConfig config;
    private final HttpClient client;

    public WebhookChannel(ObjectMapper json, NotificationConfig config) {
        this.json = json;
        this.config = config;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String name() {
        return "WEBHOOK";
    }

    @Override
    public void send(Delivery delivery, RenderedMessage m) throws Exception {
        String secret = config.webhook().secret().filter(s -> !s.isBlank()).orElseThrow(() ->
                new IllegalStateException("minhu.notification.webhook.secret is not set: webhooks are never sent unsigned"));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", m.notificationId().toString());
        payload.put("deliveryId", delivery.id().toString());
        payload.put("kind", m.kind());
        payload.put("petitionId", m.petitionId().toString());
        payload.put("caseId", m.caseId() == null ? null : m.caseId().toString());
        payload.put("trackingNumber", m.trackingNumber());
        payload.put("locale", m.locale());
        payload.put("subject", m.subject());
        payload.put("body", m.body());
        payload.put("link", m.link());
        payload.put("createdAt", m.createdAt().toString());
        URI target = URI.create(delivery.address());
        if (!config.webhook().allowPrivateAddresses()) {
            for (InetAddress address : InetAddress.getAllByName(target.getHost())) {
                if (internal(address)) {
                    throw new IllegalStateException("the webhook's host resolves to an internal address: refused");
                }
            }
        }
        String body = json.writeValueAsString(payload);
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(config.dispatch().sendTimeout())
                .header("Content-Type", "application/json; charset=UTF-8")
                .header("User-Agent", "Minhu-Notification/1.0")
                .header(WebhookSignature.DELIVERY, delivery.id().toString())
                .header(WebhookSignature.TIMESTAMP, Long.toString(timestamp))
                .header(WebhookSignature.SIGNATURE, WebhookSignature.sign(secret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("HTTP " + response.statusCode() + " from the webhook");
        }
    }

    /** Loopback, any-local, private (10/8, 172.16/12, 192.168/16), link-local, CGNAT (100.64/10), IPv6 unique-local, multicast. */
    static boolean internal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isSiteLocalAddress()
                || address.isLinkLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
        }
        return (b[0] & 0xfe) == 0xfc;
    }
}
